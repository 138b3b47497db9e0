"""Mobility charts: every year shown, directions apart, clicks carry ISO-2 codes and partner ids."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from dashboard import stats
from dashboard.figures import campus_split, duration_split, mobility_trend, top_countries_bar, top_partners_bar
from dashboard.figures.theme import get_theme
from dashboard.filters import FilterState, apply
from tests.factories import default_partners, make_dataset, make_partner

HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def dataset():
    return make_dataset(partners=default_partners() + [make_partner(partner_id="P10", name=HOSTILE, tier="strategic")])


@pytest.fixture(scope="module")
def view(dataset):
    return apply(FilterState(), dataset)


def test_trend_shows_each_direction_and_participant_over_every_year(view):
    fig = mobility_trend(stats.mobility_by_year(view.mobility), "light")
    assert [t.name for t in fig.data] == ["Outgoing students", "Outgoing staff", "Incoming students", "Incoming staff"]
    for trace in fig.data:
        assert list(trace.x) == ["2021-2022", "2022-2023", "2023-2024"]
    staff = next(t for t in fig.data if t.name == "Outgoing staff")
    assert staff.y[1] == 0  # the year without staff is a visible dip, not a skipped point
    assert fig.data[0].line.color != fig.data[2].line.color  # direction: colour
    assert fig.data[0].line.dash != fig.data[1].line.dash  # participant: dash


def test_duration_and_campus_split_by_direction(view):
    duration = duration_split(stats.mobility_by_duration(view.mobility), "light")
    assert [t.name for t in duration.data] == ["Outgoing", "Incoming"]
    assert list(duration.data[0].y) == ["Semester", "Short-term"]
    campus = campus_split(stats.mobility_by_campus(view.mobility), "light")
    assert list(campus.data[0].x) == ["Leuven", "Limburg"]
    total = sum(sum(t.y) for t in campus.data)
    assert total == 246  # every mobility: the factory's nine partners 216, P10 30 (from the count formula)


def test_top_countries_bar_carries_iso2_for_a_click(view):
    table = stats.top_countries(view.partners, view.mobility, n=5)
    fig = top_countries_bar(table, "light")
    bar = fig.data[0]
    assert [row[0] for row in bar.customdata] == table["country"].tolist()
    assert list(fig.layout.yaxis.ticktext) == table["country_name"].tolist()
    assert fig.layout.yaxis.autorange == "reversed"  # the largest on top


def test_top_partners_bar_carries_ids_and_escapes_names(view):
    table = stats.top_partners(view.partners, view.mobility, n=20)
    assert "P10" in table["partner_id"].tolist()
    fig = top_partners_bar(table, "dark")
    bar = fig.data[0]
    assert [row[0] for row in bar.customdata] == table["partner_id"].tolist()
    # escaped (and, this long, shortened: the hover carries the whole name)
    assert any(label.startswith("&lt;img src=x onerror") for label in fig.layout.yaxis.ticktext)
    serialised = fig.to_json()
    assert "<img" not in serialised and "\\u003cimg" not in serialised
    assert bar.marker.color[table["partner_id"].tolist().index("P10")] == get_theme("dark").tiers["strategic"]


def test_empty_inputs_say_so_instead_of_drawing_blank_axes(dataset):
    view = apply(FilterState(query="no such partner"), dataset)
    for fig in (
        top_partners_bar(stats.top_partners(view.partners, view.mobility), "light"),
        top_countries_bar(stats.top_countries(view.partners, view.mobility), "light"),
        campus_split(stats.mobility_by_campus(view.mobility), "light"),
    ):
        assert fig.layout.annotations and fig.layout.annotations[0].text.startswith("No ")


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_chart_is_valid_plotly_with_uirevision_and_theme(view, theme):
    figures = [
        mobility_trend(stats.mobility_by_year(view.mobility), theme),
        duration_split(stats.mobility_by_duration(view.mobility), theme),
        campus_split(stats.mobility_by_campus(view.mobility), theme),
        top_countries_bar(stats.top_countries(view.partners, view.mobility), theme),
        top_partners_bar(stats.top_partners(view.partners, view.mobility), theme),
    ]
    for fig in figures:
        go.Figure(fig.to_dict())
        assert fig.layout.uirevision
        assert fig.layout.template.layout.font.color == get_theme(theme).text
        assert fig.layout.template.layout.font.size >= 16  # readable on a projector
