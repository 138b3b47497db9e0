"""The live cards say what they count, and the partner and country counts say how many have the mobility picked."""

from __future__ import annotations

import pytest

from dashboard.callbacks.views import render_views
from tests.factories import make_dataset, make_partner, mobility_row


@pytest.fixture(scope="module")
def dataset():
    # Three partners, two countries; each with one kind of mobility.
    partners = [
        make_partner(partner_id="A", name="Alpha", country="FI", country_name="Finland", agreement_start=2015),
        make_partner(partner_id="B", name="Beta", country="FI", country_name="Finland", agreement_start=2015),
        make_partner(partner_id="C", name="Gamma", country="NL", country_name="Netherlands", agreement_start=2015),
    ]
    mobility = [
        mobility_row("2022-2023", "incoming", "staff", 2, partner="A"),
        mobility_row("2021-2022", "outgoing", "student", 3, partner="B"),
        mobility_row("2021-2022", "outgoing", "staff", 1, partner="C"),
    ]
    return make_dataset(partners=partners, mobility=mobility)


@pytest.mark.parametrize(
    ("search", "partners", "countries", "mobilities", "with_partners", "with_countries", "counted"),
    [
        # Staff coming in: only A (Finland), 2 mobilities; the cards still count all 3 partners in 2 countries.
        ("?participant=staff&direction=incoming", "3", "2", "2", 1, 1, "counted: staff; incoming; every academic year"),
        # Students: only B.
        ("?participant=student", "3", "2", "3", 1, 1, "counted: students; outgoing and incoming; every academic year"),
        # One year: B and C went in 2021-2022, in two countries.
        (
            "?from=2021-2022&to=2021-2022",
            "3",
            "2",
            "4",
            2,
            2,
            "counted: students and staff; outgoing and incoming; 2021-2022",
        ),
        # Nobody: staff going out in 2022-2023.
        (
            "?participant=staff&direction=outgoing&from=2022-2023",
            "3",
            "2",
            "0",
            0,
            0,
            "counted: staff; outgoing; from 2022-2023",
        ),
    ],
)
def test_with_a_mobility_filter_the_cards_say_how_many_partners_have_that_mobility(
    dataset, search, partners, countries, mobilities, with_partners, with_countries, counted
):
    views = render_views(dataset, search)
    assert (views.partner_count, views.country_count, views.mobility_count) == (partners, countries, mobilities)
    partner_hint, country_hint, mobility_hint = views.count_hints
    tail = "of them with this mobility; the number counts all in the filter, whatever their mobility"
    assert partner_hint == f"{with_partners} {tail}"
    assert country_hint == f"{with_countries} {tail}"
    assert mobility_hint == counted


def test_without_a_mobility_filter_the_cards_count_the_filter_and_every_mobility(dataset):
    views = render_views(dataset, "?country=FI")
    assert (views.partner_count, views.country_count, views.mobility_count) == ("2", "1", "5")
    assert views.count_hints == [
        "in the current filter",
        "in the current filter",
        "counted: students and staff; outgoing and incoming; every academic year",
    ]


def test_the_cards_speak_the_pages_language(dataset):
    views = render_views(dataset, "?participant=staff&direction=incoming", language="nl")
    assert (
        views.count_hints[0]
        == "1 daarvan met deze mobiliteit; het getal telt alle in de filter, ongeacht hun mobiliteit"
    )
    assert views.count_hints[2] == "geteld: personeel; inkomend; elk academiejaar"


def _shown(node) -> str:
    """The text a browser shows for a component tree (its strings in order, as innerText joins inline elements)."""
    if node is None:
        return ""
    if isinstance(node, str):
        return node
    if isinstance(node, (int, float)):
        return str(node)
    if isinstance(node, (list, tuple)):
        return "".join(_shown(child) for child in node)
    return _shown(getattr(node, "children", None))


def _sample_figures():
    from pathlib import Path

    from dashboard.importing import load_key_figures

    figures, _ = load_key_figures(Path(__file__).resolve().parents[2] / "dashboard" / "sample_data" / "key_figures.csv")
    return figures


@pytest.mark.parametrize("language", ["en", "nl", "fr", "de"])
def test_a_key_figure_keeps_a_space_between_its_number_and_its_unit(language):
    from dashboard.components.cards import key_figure_cards
    from dashboard.present.layout import key_figure_items

    figures = _sample_figures()
    experts = figures[figures["label"] == "Experts from the professional field"]
    unit = {"en": "experts", "nl": "experts", "fr": "experts", "de": "Fachleute"}[language]
    number = {"en": "1,700", "nl": "1.700", "fr": "1\u202f700", "de": "1.700"}[language]
    for shown in (_shown(key_figure_cards(experts, language)[0]), _shown(key_figure_items(experts, language=language))):
        assert f"{number}\u00a0{unit}" in shown or f"{number} {unit}" in shown, shown


@pytest.mark.parametrize(
    ("language", "source"),
    [
        ("en", "Source: UCLL, public figures"),
        ("nl", "Bron: UCLL, publieke cijfers"),
        ("fr", "Source : UCLL, chiffres publics"),
        ("de", "Quelle: UCLL, öffentliche Zahlen"),
    ],
)
def test_a_key_figures_source_is_in_the_pages_language(language, source):
    from dashboard.components.cards import key_figure_cards

    card = key_figure_cards(_sample_figures(), language)[0]
    assert source in _shown(card).replace("\u00a0", " ").replace("\u202f", " ")
