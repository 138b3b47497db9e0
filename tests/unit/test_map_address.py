"""The map's part of the address (layer, partner, view) and the map callback's text summary and quick views."""

from __future__ import annotations

import pytest

from dashboard.callbacks.selection import partner_in_query
from dashboard.callbacks.views import map_size, map_summary, quick_view_patch
from dashboard.figures.geo import MapView
from dashboard.filters import FilterState, apply
from dashboard.map_address import address_with, map_layer, map_view, with_map_params
from tests.factories import make_dataset


@pytest.fixture(scope="module")
def dataset():
    return make_dataset()


@pytest.mark.parametrize(
    "search, layer, partner, view",
    [
        ("", "partners", None, None),
        ("?layer=flows&partner=P07&view=50.1,4.2,6", "flows", "P07", MapView(50.1, 4.2, 6.0)),
        ("?LAYER=Countries", "countries", None, None),
        ("?layer=<script>&view=1,2&partner=", "partners", None, None),
        ("?country=FI&view=95,0,2", "partners", None, None),
    ],
)
def test_the_address_names_the_layer_partner_and_view(search, layer, partner, view):
    assert (map_layer(search), partner_in_query(search), map_view(search)) == (layer, partner, view)


@pytest.mark.parametrize(
    "query, layer, partner, expected",
    [
        ("?country=FI", "flows", "P02", "?country=FI&layer=flows&partner=P02"),
        ("?country=FI,NL&lang=nl", "partners", None, "?country=FI,NL&lang=nl"),
        ("", "countries", None, "?layer=countries"),
        ("", "bogus", None, ""),
    ],
)
def test_a_new_filter_keeps_the_layer_and_partner(query, layer, partner, expected):
    assert with_map_params(query, layer, partner) == expected


def test_the_summary_counts_partners_and_countries_and_names_the_top_ones(dataset):
    everyone = apply(FilterState(), dataset).partners
    summary = map_summary(everyone)
    # The nine partners of the factory, in NL, FI (two each), KE, PT, MX, KR and CL.
    assert summary.startswith("9 partners on the map")
    assert "Countries: 7." in summary
    assert "Finland (2)" in summary and "Netherlands (2)" in summary
    assert "Countries" not in map_summary(everyone.iloc[0:0])
    assert "no place" not in summary


@pytest.mark.parametrize(
    "language, words", [("en", "2 partners have no place on the map"), ("nl", "2 partners hebben geen plaats")]
)
def test_the_summary_says_how_many_partners_of_the_filter_the_map_cannot_draw(dataset, language, words):
    everyone = apply(FilterState(), dataset).partners.copy()
    everyone.loc[everyone.index[:2], ["lat", "lon"]] = float("nan")  # two partners the geocoder could not place
    summary = map_summary(everyone, language)
    assert summary.startswith("7 partners") and summary.rsplit(". ", 1)[1].startswith(words)  # its last sentence
    everyone.loc[:, ["lat", "lon"]] = float("nan")
    assert map_summary(everyone, language) != map_summary(everyone.iloc[0:0], language)  # not "no partners"


@pytest.mark.parametrize(
    "size, expected", [([1200, 600], (1200, 600)), (None, (900, 520)), (["x", 1], (900, 520)), ([5, 5], (900, 520))]
)
def test_a_map_size_from_the_browser_is_checked(size, expected):
    assert map_size(size) == expected


def test_quick_views_move_the_map_closer_for_europe_and_closest_for_home(dataset):
    def zoom(name):
        return quick_view_patch(dataset, name, [900, 520]).to_plotly_json()["operations"][1]["params"]["value"]

    assert zoom("world") < zoom("europe") < zoom("home")
    centre = quick_view_patch(dataset, "home", [900, 520]).to_plotly_json()["operations"][0]["params"]["value"]
    assert abs(centre["lat"] - dataset.institution.lat) < 0.5 and abs(centre["lon"] - dataset.institution.lon) < 0.5


@pytest.mark.parametrize(
    "href, search, wanted",
    [
        # The address the page loaded with, before the map's keys were written into it: the new filter's query.
        ("http://127.0.0.1:8050/", "?tier=strategic", "http://127.0.0.1:8050/?tier=strategic"),
        ("http://127.0.0.1:8050/?view=48,10,4.5", "?tier=strategic", "http://127.0.0.1:8050/?tier=strategic"),
        # Behind a proxy's prefix, with a fragment: both kept.
        (
            "https://uni.example/atlas/?lang=nl#map",
            "?lang=nl&region=Europe",
            "https://uni.example/atlas/?lang=nl&region=Europe#map",
        ),
        ("http://127.0.0.1:8050/?tier=mobility", "", "http://127.0.0.1:8050/"),
        (None, "?tier=strategic", "?tier=strategic"),
    ],
)
def test_a_filter_change_names_the_whole_new_address(href, search, wanted):
    assert address_with(href, search) == wanted
