"""One number format per language (Babel/CLDR), and the same figure written the same way on every surface:
cards, live counts, chart labels, plotly's own hover numbers, the presentation and the poster."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.callbacks.views import render_views
from dashboard.components.cards import key_figure_cards
from dashboard.filters import FilterState
from dashboard.i18n import figure, key_figure, number, percent, separators
from dashboard.model import KEY_FIGURE_COLUMNS
from dashboard.poster import poster_spec
from dashboard.present.scenes import build_tour
from dashboard.present.tour import Scene
from tests.factories import make_dataset, make_partner

NNBSP = "\u202f"  # CLDR's French thousands separator
# language, 1010, 2229.5 to one place, plotly separators (decimal mark, thousands)
WRITTEN = [
    ("en", "1,010", "2,229.5", ".,"),
    ("nl", "1.010", "2.229,5", ",."),
    ("fr", f"1{NNBSP}010", f"2{NNBSP}229,5", "," + NNBSP),
    ("de", "1.010", "2.229,5", ",."),
]


@pytest.mark.parametrize(("language", "whole", "decimal", "plotly"), WRITTEN)
def test_each_language_writes_numbers_its_own_way(language, whole, decimal, plotly):
    assert number(1010, language) == whole
    assert number(1009.6, language) == whole
    assert number(2229.46, language, 1) == decimal
    assert figure(2229.5, language) == decimal
    assert separators(language) == plotly


@pytest.mark.parametrize(
    ("language", "written"), [("en", "35%"), ("nl", "35%"), ("fr", "35\u00a0%"), ("de", "35\u00a0%")]
)
def test_percentages_follow_the_language(language, written):
    assert percent(0.35, language) == written
    assert key_figure(35, "%", language) == written


def test_blank_and_broken_numbers_write_zero_or_stay_as_written():
    assert number(float("nan"), "nl") == "0"
    assert number(None, "fr") == "0"
    assert figure("over 100", "nl") == "over 100"


def _one_big_partner():
    partner = make_partner(partner_id="B01", name="Big Partner University", tier="strategic")
    rows = [
        {
            "academic_year": "2023-2024",
            "year": 2023,
            "partner_id": "B01",
            "direction": "outgoing",
            "participant": "student",
            "duration": "semester",
            "campus": "Leuven",
            "count": 1010,
        }
    ]
    dataset = make_dataset(partners=[partner], mobility=rows)
    key_figures = pd.DataFrame([("Outgoing students", 1010, "", "UCLL")], columns=list(KEY_FIGURE_COLUMNS))
    return dataset.__class__(**{**dataset.__dict__, "key_figures": key_figures}), key_figures


def _strings(value) -> list[str]:
    if hasattr(value, "to_plotly_json"):
        return _strings(value.to_plotly_json())
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in _strings(v)]
    return [value] if isinstance(value, str) else []


@pytest.mark.parametrize(("language", "whole", "_decimal", "plotly"), WRITTEN)
def test_the_same_figure_reads_the_same_on_every_surface(language, whole, _decimal, plotly):
    dataset, key_figures = _one_big_partner()
    card = key_figure_cards(key_figures, language)[0]
    views = render_views(dataset, "", language=language)
    bars = views.top_partners.to_plotly_json()
    slides = build_tour((Scene("network"), Scene("partner", "B01")), dataset, language)
    poster = poster_spec(dataset, FilterState(), language=language)

    assert whole in _strings(card)
    assert views.mobility_count == whole
    assert whole in _strings(bars["data"])
    assert bars["layout"]["separators"] == views.trend.layout.separators == plotly  # plotly's hover numbers
    assert all(any(fact.value == whole for fact in slide.facts) for slide in slides)
    assert f"<b>{whole}</b>" in _strings(poster["layout"]["annotations"])


@pytest.mark.parametrize(
    ("written", "language", "shown"),
    [
        ("1700", "en", "1,700"),
        ("1,700", "nl", "1.700"),
        ("1 700", "fr", f"1{NNBSP}700"),
        ("12.5", "de", "12,5"),
        ("over 100", "de", "over 100"),
        ("1,70", "en", "1,70"),
    ],
)
def test_key_figures_typed_as_text_are_written_as_numbers(written, language, shown):
    assert key_figure(written, "", language) == shown


def test_a_german_key_figure_comes_from_its_own_column():
    from pathlib import Path

    from dashboard.importing.reference import load_key_figures
    from dashboard.model import key_figure_text

    figures, report = load_key_figures(
        Path(__file__).resolve().parents[2] / "dashboard" / "sample_data" / "key_figures.csv"
    )
    row = next(figures.itertuples(index=False))
    assert key_figure_text(row, "label", "de") == "In der Forschung tätige Lehrende"
    assert key_figure_text(row, "label", "nl") == "Lesgevers betrokken bij onderzoek"
