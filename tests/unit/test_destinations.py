"""Find a destination (dashboard/destinations.py) on hand-made agreements: which partners a student sees."""

from __future__ import annotations

import pytest

from dashboard.destinations import Search, field_options, find
from tests.agreement_factories import make_agreement, with_agreements

# P01 Groningen: nursing bachelor, a whole year (10 months, one place), English B2.
# P02 Turku: all of health (091), bachelor and master, a semester (2 places x 5 months), English or Finnish.
# P05 Lisbon: business (0413), master, months open, Portuguese.
# P07 Seoul: any field, any level, a semester, no language named, but only incoming: never shown.
# P09 Santiago: nursing, bachelor, but terminated: never shown.
AGREEMENTS = [
    make_agreement(
        partner_id="P01",
        fields=("0913",),
        levels=(6,),
        places=1.0,
        months_per_year=10.0,
        languages=("en:B2",),
        department="Verpleegkunde",
    ),
    make_agreement(
        partner_id="P02", fields=("091",), levels=(6, 7), places=2.0, months_per_year=10.0, languages=("en:B2", "fi:B1")
    ),
    make_agreement(
        partner_id="P05", fields=("0413",), levels=(7,), places=3.0, months_per_year=None, languages=("pt:B1",)
    ),
    make_agreement(partner_id="P07", fields=(), levels=(), direction="incoming"),
    make_agreement(partner_id="P09", fields=("0913",), status="terminated"),
]


@pytest.fixture(scope="module")
def dataset():
    return with_agreements(AGREEMENTS)


@pytest.mark.parametrize(
    ("query", "partners"),
    [
        ("", ["P01", "P02", "P05"]),
        ("?field=0913", ["P01", "P02"]),  # nursing: Groningen's own, Turku's all-of-health
        ("?field=09", ["P01", "P02"]),  # health and welfare takes both narrower agreements
        ("?field=0413", ["P05"]),
        ("?field=0913&level=7", ["P02"]),  # Groningen takes bachelors only
        ("?field=0913&period=year", ["P01"]),  # Turku's stays are five months
        ("?field=0913&period=semester", ["P01", "P02"]),  # ten months hold a semester
        ("?period=year", ["P01", "P05"]),  # Lisbon leaves the months open
        ("?speaks=fi", ["P02"]),
        ("?speaks=EN", ["P01", "P02"]),
        ("?region=Europe&country=FI", ["P02"]),
        ("?field=Nursing and midwifery", ["P01", "P02"]),  # a bookmark with the name
    ],
)
def test_partners_whose_agreements_fit_the_student(dataset, query, partners):
    assert sorted(find(dataset, Search.from_query(query)).cards["partner_id"]) == partners


@pytest.mark.parametrize(
    ("sort", "order"),
    [
        ("name", ["P01", "P02", "P05"]),  # Hanze, Turku, Universidade
        ("distance", ["P01", "P02", "P05"]),  # from Leuven: Groningen 290 km, Turku 1,520, Lisbon 1,700
        ("places", ["P05", "P02", "P01"]),
    ],
)
def test_cards_sort_by_name_distance_or_places(dataset, sort, order):
    assert list(find(dataset, Search(sort=sort)).cards["partner_id"]) == order


def test_a_card_says_what_a_student_needs_and_no_count_of_people(dataset):
    card = find(dataset, Search(field="0913", level=6)).cards.set_index("partner_id").loc["P02"]
    assert card["city"] == "Turku" and card["country_name"] == "Finland"
    assert card["languages"] == ("en:B2", "fi:B1") and card["levels"] == (6, 7)
    assert card["places"] == 2.0 and card["months"] == (5.0, 5.0)
    assert 1450 < card["distance_km"] < 1600
    assert not {"volume", "outgoing", "incoming", "utilisation", "balance"} & set(card.index)


@pytest.mark.parametrize(
    ("query", "reason", "broader"),
    [
        ("?field=0921", "field", "09"),  # elderly care: only health (091) is in 09
        ("?field=0421", "field", "04"),  # law: only business (0413) is in 04
        ("?field=0613", "field", None),  # software: nothing in ICT at all
        ("?field=0413&level=6", "level", None),
        ("?field=0413&speaks=en", "language", None),
        ("?field=0913&level=6&period=year&speaks=fi", "language", None),
        ("?field=0413&region=Asia", "place", None),
    ],
)
def test_an_empty_result_says_why_and_suggests_a_broader_field(dataset, query, reason, broader):
    result = find(dataset, Search.from_query(query))
    assert result.cards.empty
    assert (result.reason, result.broader) == (reason, broader)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "?field=0913&level=6&period=year&speaks=nl&region=Europe&country=be,nl&sort=distance",
            "?field=0913&level=6&period=year&speaks=nl&region=Europe&country=BE,NL&sort=distance",
        ),
        ("?field=913&level=9&period=month&sort=random&region=Mars", "?field=0913"),
        ("?field=nonsense&level=six", ""),
    ],
)
def test_the_search_is_in_the_url_and_typos_are_dropped(query, expected):
    assert Search.from_query(query).to_query() == expected


def test_fields_are_named_in_the_page_language_with_the_programme_names_as_synonyms(dataset):
    options = {o["value"]: o["label"] for o in field_options(dataset, "nl")}
    assert options["0913"] == "Verpleeg- en vroedkunde (Verpleegkunde)"
    english = {o["value"]: o["label"] for o in field_options(dataset, "en")}
    assert english["0913"] == "Nursing and midwifery (Verpleegkunde)"
    # The fields the agreements name come first.
    assert [o["value"] for o in field_options(dataset, "en")][:3] == ["0413", "091", "0913"]
