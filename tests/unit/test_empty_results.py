"""A filter that matches nothing: every view says so and what to loosen; no flat zero lines, no stray zero labels."""

from __future__ import annotations

import pytest

from dashboard.callbacks.views import map_empty, render_views
from dashboard.components.partner_table import table_locale
from dashboard.filters import FilterState
from tests.factories import make_dataset, make_partner


@pytest.fixture(scope="module")
def dataset():
    return make_dataset()


def _annotation_texts(figure) -> list[str]:
    return [a.text for a in figure.layout.annotations or ()]


def test_the_trend_draws_no_series_that_is_zero_every_year(dataset):
    views = render_views(dataset, "?participant=staff&direction=outgoing")
    assert [trace.name for trace in views.trend.data] == ["Outgoing staff"]
    assert all(any(trace.y) for trace in views.trend.data)


def test_bars_of_zero_carry_no_zero_label_and_a_direction_without_mobility_no_bars(dataset):
    views = render_views(dataset, "?direction=outgoing")
    for figure in (views.duration, views.campus):
        assert [trace.name for trace in figure.data] == ["Outgoing"]
        for trace in figure.data:
            values = trace.x if trace.orientation == "h" else trace.y
            assert [label for value, label in zip(values, trace.text) if value == 0] in ([], [""] * values.count(0))
            assert "0" not in trace.text


@pytest.mark.parametrize(
    "search", ["?q=no-such-partner", "?tier=strategic&participant=staff&from=2023-2024&country=CL"]
)
def test_with_nothing_to_show_every_chart_says_so_and_names_what_to_loosen(dataset, search):
    views = render_views(dataset, search)
    for figure in (views.trend, views.duration, views.campus, views.top_partners):
        assert not [trace for trace in figure.data if any(trace.y if trace.type == "scatter" else trace.x or ())]
        shown = " ".join(_annotation_texts(figure))
        assert "No mobility in this filter" in shown
        assert "To see more, loosen" in shown.replace("<br>", " ")


def test_the_loosen_hint_names_each_filter_set_once():
    state = FilterState(tiers=("strategic",), countries=("CL",), year_from="2023-2024", year_to="2024-2025", query="x")
    assert state.loosen_hint() == (
        "To see more, loosen tier, country, academic years, search: click a chip above to remove it, "
        "or press “Reset filters”."
    )
    assert FilterState().loosen_hint() == ""
    assert "niveau" in FilterState(tiers=("strategic",)).loosen_hint("nl")


def test_the_map_says_when_it_shows_no_partner_and_what_to_loosen(dataset):
    views = render_views(dataset, "?q=no-such-partner")
    texts = [getattr(part, "children", part) for part in views.map_empty]
    assert texts[0] == "No partners on the map in this filter"
    assert "To see more, loosen search" in texts[-1]
    assert render_views(dataset, "?tier=strategic").map_empty == []


def test_the_map_says_when_its_partners_have_no_place():
    unplaced = make_dataset(partners=[make_partner(partner_id="U", lat=None, lon=None, geo_precision="none")])
    view_partners = unplaced.partners.assign(volume=0)
    message = map_empty(view_partners, "", "en")
    assert message[0].children.startswith("None of the partners in this filter has a place on the map")


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "No partners in this filter"),
        ("nl", "Geen partners"),
        ("fr", "Aucun partenaire"),
        ("de", "Keine Partner"),
    ],
)
def test_the_tables_empty_message_is_in_the_pages_language_and_says_what_to_do(language, words):
    locale = table_locale(language)
    assert locale["noRowsToShow"] == locale["noMatchingRows"]
    assert locale["noRowsToShow"].startswith(words)
    assert len(locale["noRowsToShow"]) > len(words) + 20  # ... and what to loosen
