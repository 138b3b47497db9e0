"""The callbacks without a browser: the named functions directly, then the wiring through Dash's own endpoint."""

from __future__ import annotations

import json

import pytest
from dash import no_update

from bench.dash_requests import CallbackClient
from dashboard import ids
from dashboard.app import create_app
from dashboard.callbacks.filters import CONTROL_IDS, controls_for, state_from_controls, sync_filters
from dashboard.callbacks.selection import select_partner
from dashboard.callbacks.views import render_map, render_views
from dashboard.components.partner_table import table_rows
from dashboard.config import Settings
from dashboard.figures.world_map import SELECTION_TRACE
from dashboard.filters import FilterState, apply
from tests.factories import make_dataset


@pytest.fixture(scope="module")
def dataset():
    return make_dataset()


@pytest.fixture(scope="module")
def client(dataset):
    return CallbackClient(create_app(Settings(), dataset=dataset))


def controls_of(search: str, dataset) -> dict:
    return controls_for(FilterState.from_query(search, dataset), dataset)


def pyramid_click(tier: str) -> dict:
    return {"points": [{"curveNumber": 0, "pointNumber": 0, "customdata": [tier, 3, "..."]}]}


MAP = f"{ids.MAP_UPDATE}.data"


def marker_click(partner_id: str) -> dict:
    return {"points": [{"lat": 60.4, "lon": 22.3, "location": None, "customdata": [partner_id, "Name", "Place"]}]}


def country_click(iso2: str) -> dict:
    return {"points": [{"location": "FIN", "z": 2, "customdata": [iso2, "Finland", 2, 10]}]}


# -- one filter state between the URL and the controls ----------------------------------------------


@pytest.mark.parametrize(
    "search",
    [
        "",
        "?tier=strategic",
        "?tier=strategic,mobility&country=FI,NL",
        "?region=Europe&activity=research&campus=Leuven",
        "?from=2022-2023",
        "?to=2022-2023",
        "?from=2022-2023&to=2022-2023&participant=staff&direction=incoming&q=hanze",
    ],
)
def test_controls_show_the_url_state_and_give_it_back(dataset, search):
    state = FilterState.from_query(search, dataset)
    assert state_from_controls(controls_for(state, dataset), dataset) == state
    assert state.to_query() == search


def test_full_year_range_on_the_slider_means_no_year_limit(dataset):
    controls = controls_of("", dataset)
    assert controls[ids.FILTER_YEARS] == [0, len(dataset.academic_years) - 1]
    state = state_from_controls({**controls, ids.FILTER_YEARS: [1, len(dataset.academic_years) - 1]}, dataset)
    assert (state.year_from, state.year_to) == (dataset.academic_years[1], None)


def test_page_load_sets_the_controls_from_the_url_and_leaves_the_url_alone(dataset):
    empty = controls_of("", dataset)
    url, controls = sync_filters(dataset, "?tier=collaboration&from=2022-2023", None, None, empty)
    assert url is no_update
    values = dict(zip(CONTROL_IDS, controls))
    assert values[ids.FILTER_TIER] == ["collaboration"]
    assert values[ids.FILTER_YEARS] == [1, 2]
    assert values[ids.FILTER_COUNTRY] is no_update, "unchanged controls are not resent"


def test_a_control_change_writes_the_url_and_nothing_else(dataset):
    controls = {**controls_of("", dataset), ids.FILTER_COUNTRY: ["NL", "FI"]}
    url, outputs = sync_filters(dataset, "", ids.FILTER_COUNTRY, ["NL", "FI"], controls)
    assert url == "?country=FI,NL"
    assert all(value is no_update for value in outputs)


def test_controls_that_already_show_the_url_change_nothing(dataset):
    """The loop guard: after the URL set the controls, their echo must not push another history entry."""
    search = "?tier=strategic&country=FI"
    url, outputs = sync_filters(dataset, search, ids.FILTER_TIER, ["strategic"], controls_of(search, dataset))
    assert url is no_update and all(value is no_update for value in outputs)


@pytest.mark.parametrize(
    "trigger, value, before, after",
    [
        (ids.TIER_PYRAMID, pyramid_click("strategic"), "", "?tier=strategic"),
        (ids.TIER_PYRAMID, pyramid_click("strategic"), "?tier=strategic", ""),
        (ids.TIER_PYRAMID, pyramid_click("mobility"), "?tier=strategic", "?tier=strategic,mobility"),
        (ids.WORLD_MAP, country_click("FI"), "?tier=mobility", "?tier=mobility&country=FI"),
        (
            ids.TOP_COUNTRIES,
            {"points": [{"customdata": ["NL", "Netherlands", 2, 40]}]},
            "?country=FI",
            "?country=FI,NL",
        ),
        (ids.TOP_COUNTRIES, {"points": [{"customdata": ["NL", "Netherlands", 2, 40]}]}, "?country=NL", ""),
        (ids.RESET, 1, "?tier=strategic&country=FI&q=x", ""),
        (ids.chip("countries", "FI"), 1, "?tier=strategic&country=FI,NL", "?tier=strategic&country=NL"),
        (ids.chip("year_from", "2022-2023"), 1, "?from=2022-2023&to=2023-2024", "?to=2023-2024"),
    ],
)
def test_clicks_chips_and_reset_toggle_the_filter_and_move_the_controls(dataset, trigger, value, before, after):
    url, outputs = sync_filters(dataset, before, trigger, value, controls_of(before, dataset))
    assert url == after
    values = dict(zip(CONTROL_IDS, outputs))
    wanted = controls_of(after, dataset)
    for control in CONTROL_IDS:
        assert values[control] in (no_update, wanted[control])


@pytest.mark.parametrize(
    "trigger, value",
    [
        (ids.WORLD_MAP, marker_click("P02")),  # a marker selects a partner, it does not filter
        (ids.TIER_PYRAMID, pyramid_click("platinum")),  # not a tier of the data
        (ids.TIER_PYRAMID, {"points": []}),
        (ids.chip("countries", "FI"), 0),  # a chip that just appeared was not clicked
    ],
)
def test_events_that_are_not_filter_edits_leave_the_url(dataset, trigger, value):
    search = "?country=FI"
    url, _ = sync_filters(dataset, search, trigger, value, controls_of(search, dataset))
    assert url is no_update


# -- views -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("search", ["", "?tier=strategic", "?country=FI,NL&from=2022-2023", "?q=nothing-matches"])
def test_views_show_the_filtered_partners(dataset, search):
    view = apply(FilterState.from_query(search, dataset), dataset)
    views = render_views(dataset, search)
    assert views.partner_count == str(len(view.partners))
    rows = views.rows["rows"] if views.rows["rows"] is not None else list(range(len(dataset.partners)))
    assert set(dataset.partners["partner_id"].iloc[rows]) == set(view.partners["partner_id"])
    # No volume sent: each shown row keeps the unfiltered volume it was loaded with.
    volume = views.rows["volume"] or [int(dataset.indexes.partner_total[row]) for row in rows]
    assert volume == view.partners["volume"].tolist()
    pyramid_counts = {item[0]: item[1] for item in views.pyramid.data[0].customdata}
    assert pyramid_counts == view.tier_counts


def test_table_has_every_partner_once_with_websites_as_plain_text(dataset):
    rows = table_rows(dataset.partners)
    assert [row["row"] for row in rows] == list(range(len(dataset.partners)))
    assert [row["website"] for row in rows] == dataset.partners["website"].tolist()


def test_a_filter_sends_row_numbers_not_rows(dataset):
    """What keeps the response small: a few bytes per shown partner, whatever the columns hold, and nothing the
    page already has."""
    strategic = [i for i, tier in enumerate(dataset.partners["tier"]) if tier == "strategic"]
    assert render_views(dataset, "?tier=strategic").rows == {"rows": strategic, "volume": None}
    assert render_views(dataset, "").rows == {"rows": None, "volume": None}
    rows = render_views(dataset, "?tier=strategic&participant=staff").rows
    assert rows["rows"] == strategic and len(rows["volume"]) == 3
    assert all(isinstance(v, int) for v in rows["rows"] + rows["volume"])


def test_chips_name_each_active_filter(dataset):
    chips = render_views(dataset, "?tier=strategic&country=FI").chips
    assert [chip.id for chip in chips] == [ids.chip("tiers", "strategic"), ids.chip("countries", "FI")]
    assert [chip.children for chip in chips] == ["Strategic", "Finland"]


@pytest.mark.parametrize("layer", ["partners", "countries", "flows", "bogus"])
def test_map_keeps_one_selection_slot_before_the_home_marker(dataset, layer):
    figure = render_map(dataset, "", layer=layer, selected_id="P02")
    names = [trace.name for trace in figure.data]
    assert names.count(SELECTION_TRACE) == 1
    assert names.index(SELECTION_TRACE) == len(names) - 2


# -- the selected partner -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "trigger, value, partner",
    [
        (ids.PARTNER_TABLE, {"rowId": "P07", "colId": "name", "value": "Hanyang University"}, "P07"),
        (ids.WORLD_MAP, marker_click("P02"), "P02"),
        (ids.TOP_PARTNERS, {"points": [{"customdata": ["P05", "Universidade de Lisboa"]}]}, "P05"),
    ],
)
def test_a_pick_opens_the_detail_panel_for_that_partner(dataset, trigger, value, partner):
    selected, opened, title, body, table_selection = select_partner(dataset, trigger, value, None)
    name = dataset.partners.set_index("partner_id").loc[partner, "name"]
    assert (selected, opened, title) == (partner, True, name)
    assert "Mobility per academic year" in json.dumps(body, default=lambda c: c.to_plotly_json())
    assert table_selection in (no_update, {"ids": [partner]})


@pytest.mark.parametrize(
    "trigger, value",
    [
        (ids.WORLD_MAP, country_click("FI")),
        (ids.WORLD_MAP, {"points": [{"lat": 50.9, "lon": 4.7, "location": None}]}),  # the home marker
        (ids.PARTNER_TABLE, {"rowId": "NOPE"}),
        (ids.PARTNER_TABLE, None),
    ],
)
def test_clicks_that_are_not_a_partner_leave_the_panel(dataset, trigger, value):
    assert select_partner(dataset, trigger, value, "P01") == (no_update,) * 5


def test_closing_the_panel_clears_the_selection(dataset):
    selected, *_, table_selection = select_partner(dataset, ids.DETAIL_PANEL, False, "P01")
    assert selected is None and table_selection == {"ids": []}


# -- wiring: the same requests the browser sends ------------------------------------------------------


def test_views_callback_over_http(client, dataset):
    response, size = client.call(f"{ids.TIER_PYRAMID}.figure", {"url.search": "?tier=strategic"}, ["url.search"])
    assert response["response"][ids.PARTNER_COUNT]["children"] == "3"
    assert len(response["response"][ids.TABLE_ROWS]["data"]["rows"]) == 3
    assert size < 150_000


def test_map_callback_over_http_sends_the_figure_once_then_what_a_filter_or_a_selection_changes(client, dataset):
    values = {"url.search": "", "map-layer.value": "partners", "selected-partner.data": "P01"}
    first, first_size = client.call(MAP, values, ["url.search"])
    answer = first["response"][ids.MAP_UPDATE]["data"]
    assert answer["figure"]["layout"]["map"]["style"]["sources"] and answer["cards"]
    held = {**values, f"{ids.MAP_CARDS_TOKEN}.data": answer["token"]}
    filtered, filtered_size = client.call(MAP, {**held, "url.search": "?tier=strategic"}, ["url.search"])
    change = filtered["response"][ids.MAP_UPDATE]["data"]
    assert "figure" not in change and "cards" not in change and "style" not in change["layout"]["map"]
    assert filtered_size * 2 < first_size
    selected, selected_size = client.call(MAP, held, ["selected-partner.data"])
    ring = selected["response"][ids.MAP_UPDATE]["data"]["traces"]
    assert [trace["name"] for trace in ring.values()] == [SELECTION_TRACE]
    assert selected_size * 5 < filtered_size


def test_sync_callback_over_http_answers_a_pyramid_click(client):
    values = {
        "url.search": "",
        "tier-pyramid.clickData": pyramid_click("collaboration"),
        **{f"{control}.value": value for control, value in controls_of("", make_dataset()).items()},
    }
    response, _ = client.call("url.search", values, ["tier-pyramid.clickData"])
    assert response["response"]["url"]["search"] == "?tier=collaboration"
    assert response["response"][ids.FILTER_TIER]["value"] == ["collaboration"]


def test_table_quick_search_patches_the_grid_options(client):
    response, _ = client.call(
        f"{ids.PARTNER_TABLE}.dashGridOptions",
        {f"{ids.TABLE_SEARCH}.value": "groningen"},
        [f"{ids.TABLE_SEARCH}.value"],
    )
    operations = response["response"][ids.PARTNER_TABLE]["dashGridOptions"]["operations"]
    assert operations == [{"operation": "Assign", "location": ["quickFilterText"], "params": {"value": "groningen"}}]
