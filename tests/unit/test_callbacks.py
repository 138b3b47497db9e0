"""The callbacks without a browser: the named functions directly, then the wiring through Dash's own endpoint."""

from __future__ import annotations

import base64
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
from dashboard.filters import FilterState
from tests.factories import make_dataset, make_partner


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
    "trigger, value, before, after, moved",
    [
        (ids.TIER_PYRAMID, pyramid_click("strategic"), "", "?tier=strategic", {ids.FILTER_TIER: ["strategic"]}),
        (ids.TIER_PYRAMID, pyramid_click("strategic"), "?tier=strategic", "", {ids.FILTER_TIER: []}),
        (
            ids.TIER_PYRAMID,
            pyramid_click("mobility"),
            "?tier=strategic",
            "?tier=strategic,mobility",
            {ids.FILTER_TIER: ["strategic", "mobility"]},
        ),
        (
            ids.WORLD_MAP,
            country_click("FI"),
            "?tier=mobility",
            "?tier=mobility&country=FI",
            {ids.FILTER_COUNTRY: ["FI"]},
        ),
        (
            ids.TOP_COUNTRIES,
            {"points": [{"customdata": ["NL", "Netherlands", 2, 40]}]},
            "?country=FI",
            "?country=FI,NL",
            {ids.FILTER_COUNTRY: ["FI", "NL"]},
        ),
        (
            ids.TOP_COUNTRIES,
            {"points": [{"customdata": ["NL", "Netherlands", 2, 40]}]},
            "?country=NL",
            "",
            {ids.FILTER_COUNTRY: []},
        ),
        (
            ids.RESET,
            1,
            "?tier=strategic&country=FI&q=x",
            "",
            {ids.FILTER_TIER: [], ids.FILTER_COUNTRY: [], ids.FILTER_QUERY: ""},
        ),
        (
            ids.chip("countries", "FI"),
            1,
            "?tier=strategic&country=FI,NL",
            "?tier=strategic&country=NL",
            {ids.FILTER_COUNTRY: ["NL"]},
        ),
        # The slider's handles are year positions: 2022-2023 is the second of the three years, 2023-2024 the last.
        (
            ids.chip("year_from", "2022-2023"),
            1,
            "?from=2022-2023&to=2023-2024",
            "?to=2023-2024",
            {ids.FILTER_YEARS: [0, 2]},
        ),
        # Every bar and point filters by what it shows: a campus bar, a length-of-stay bar, a year of the trend.
        (
            ids.CAMPUS_SPLIT,
            {"points": [{"x": "Limburg", "customdata": "Limburg"}]},
            "",
            "?campus=Limburg",
            {ids.FILTER_CAMPUS: ["Limburg"]},
        ),
        (ids.CAMPUS_SPLIT, {"points": [{"customdata": "Limburg"}]}, "?campus=Limburg", "", {ids.FILTER_CAMPUS: []}),
        (
            ids.DURATION_SPLIT,
            {"points": [{"customdata": "short_term"}]},
            "?tier=strategic",
            "?tier=strategic&duration=short_term",
            {ids.FILTER_DURATION: ["short_term"]},
        ),
        (
            ids.DURATION_SPLIT,
            {"points": [{"customdata": "semester"}]},
            "?duration=short_term",
            "?duration=semester,short_term",
            {ids.FILTER_DURATION: ["semester", "short_term"]},
        ),
        (
            ids.MOBILITY_TREND,
            {"points": [{"x": "2022-2023", "customdata": "2022-2023"}]},
            "",
            "?from=2022-2023&to=2022-2023",
            {ids.FILTER_YEARS: [1, 1]},
        ),
        (
            ids.MOBILITY_TREND,
            {"points": [{"customdata": "2022-2023"}]},
            "?from=2022-2023&to=2022-2023",
            "",
            {ids.FILTER_YEARS: [0, 2]},
        ),
        (
            ids.MOBILITY_TREND,
            {"points": [{"customdata": "2023-2024"}]},
            "?from=2021-2022",
            "?from=2023-2024&to=2023-2024",
            {ids.FILTER_YEARS: [2, 2]},
        ),
        (ids.chip("durations", "semester"), 1, "?duration=semester", "", {ids.FILTER_DURATION: []}),
    ],
)
def test_clicks_chips_and_reset_toggle_the_filter_and_move_the_controls(dataset, trigger, value, before, after, moved):
    """The controls the event moved get their new value, and only they: every other one is left alone."""
    url, outputs = sync_filters(dataset, before, trigger, value, controls_of(before, dataset))
    assert url == after
    assert len(outputs) == len(CONTROL_IDS)
    sent = {control: output for control, output in zip(CONTROL_IDS, outputs) if output is not no_update}
    assert sent == moved


@pytest.mark.parametrize(
    "trigger, value",
    [
        (ids.WORLD_MAP, marker_click("P02")),  # a marker selects a partner, it does not filter
        (ids.TIER_PYRAMID, pyramid_click("platinum")),  # not a tier of the data
        (ids.TIER_PYRAMID, {"points": []}),
        (ids.CAMPUS_SPLIT, {"points": [{"customdata": "Mars"}]}),  # not a campus of the data
        (ids.MOBILITY_TREND, {"points": [{"customdata": "1999-2000"}]}),  # not a year of the data
        (ids.chip("countries", "FI"), 0),  # a chip that just appeared was not clicked
    ],
)
def test_events_that_are_not_filter_edits_leave_the_url(dataset, trigger, value):
    search = "?country=FI"
    url, _ = sync_filters(dataset, search, trigger, value, controls_of(search, dataset))
    assert url is no_update


# -- views -------------------------------------------------------------------------------------------


def small_dataset():
    """Three partners and four mobility rows, small enough to add up by hand:

    A  strategic      NL  2021-2022 outgoing student 3, 2022-2023 incoming staff 4   (volume 7)
    B  mobility       FI  2022-2023 outgoing student 1                               (volume 1)
    C  collaboration  KE  2023-2024 incoming student 2                               (volume 2)
    """
    partners = [
        make_partner(
            partner_id="A", name="Alpha University", tier="strategic", country="NL", country_name="Netherlands"
        ),
        make_partner(partner_id="B", name="Beta College", tier="mobility", country="FI", country_name="Finland"),
        make_partner(
            partner_id="C",
            name="Gamma Institute",
            tier="collaboration",
            country="KE",
            country_name="Kenya",
            region="Africa",
        ),
    ]
    rows = [
        ("2021-2022", "A", "outgoing", "student", 3),
        ("2022-2023", "A", "incoming", "staff", 4),
        ("2022-2023", "B", "outgoing", "student", 1),
        ("2023-2024", "C", "incoming", "student", 2),
    ]
    mobility = [
        {
            "academic_year": year,
            "year": int(year[:4]),
            "partner_id": pid,
            "direction": direction,
            "participant": participant,
            "duration": "semester",
            "campus": "Leuven",
            "count": count,
        }
        for year, pid, direction, participant, count in rows
    ]
    return make_dataset(partners=partners, mobility=mobility)


@pytest.mark.parametrize(
    "search, count, rows, volume, pyramid",
    [
        # Every partner with its unfiltered volume: the page already has both, so nothing is sent.
        ("", "3", None, None, {"strategic": 1, "collaboration": 1, "mobility": 1}),
        # The pyramid leaves the tier filter out, so every tier stays clickable.
        ("?tier=strategic", "1", [0], None, {"strategic": 1, "collaboration": 1, "mobility": 1}),
        # From 2022-2023 on, A counts only its 4 incoming staff.
        ("?country=FI,NL&from=2022-2023", "2", [0, 1], [4, 1], {"strategic": 1, "collaboration": 0, "mobility": 1}),
        ("?participant=staff", "3", None, [4, 0, 0], {"strategic": 1, "collaboration": 1, "mobility": 1}),
        ("?q=nothing-matches", "0", [], None, {"strategic": 0, "collaboration": 0, "mobility": 0}),
    ],
)
def test_views_show_the_filtered_partners(search, count, rows, volume, pyramid):
    views = render_views(small_dataset(), search)
    assert views.partner_count == count
    assert views.rows == {"rows": rows, "volume": volume}
    assert {item[0]: item[1] for item in views.pyramid.data[0].customdata} == pyramid


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
    "trigger, value, partner, name, table_selection",
    [
        # A pick in the table leaves the table's own selection alone; a pick elsewhere selects the row.
        (
            ids.PARTNER_TABLE,
            {"rowId": "P07", "colId": "name", "value": "Hanyang University"},
            "P07",
            "Hanyang University",
            no_update,
        ),
        (ids.WORLD_MAP, marker_click("P02"), "P02", "Turku University of Applied Sciences", {"ids": ["P02"]}),
        (
            ids.TOP_PARTNERS,
            {"points": [{"customdata": ["P05", "Universidade de Lisboa"]}]},
            "P05",
            "Universidade de Lisboa",
            {"ids": ["P05"]},
        ),
    ],
)
def test_a_pick_opens_the_detail_panel_for_that_partner(dataset, trigger, value, partner, name, table_selection):
    selected, opened, title, body, selection = select_partner(dataset, trigger, value, None)
    assert (selected, opened, title) == (partner, True, name)
    assert "Mobility per academic year" in json.dumps(body, default=lambda c: c.to_plotly_json())
    assert selection == table_selection


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


def test_the_table_search_sends_the_rows_it_keeps_folded_and_in_any_language(client, dataset):
    def rows(text):
        response, _ = client.call(
            f"{ids.TABLE_SEARCH_ROWS}.data", {f"{ids.TABLE_SEARCH}.value": text}, [f"{ids.TABLE_SEARCH}.value"]
        )
        kept = response["response"][ids.TABLE_SEARCH_ROWS]["data"]
        return None if kept is None else [dataset.partners["partner_id"].iloc[r] for r in kept]

    assert rows("JYVASKYLA") == ["P08"]  # Jyväskylä, without its accents and in capitals
    assert rows("Finnland") == rows("finlande") == ["P02", "P08"]  # Finland in German and French
    assert rows("groningen hanze") == ["P01"]  # every word must match
    assert rows("  ") is None  # an empty search keeps every row


def test_a_download_exports_the_rows_the_table_shows_in_its_order(client):
    response, _ = client.call(
        f"{ids.DOWNLOAD}.data",
        {
            f"{ids.DOWNLOAD_CSV}.n_clicks": 1,
            f"{ids.URL}.search": "?tier=strategic,collaboration",
            f"{ids.TABLE_ORDER}.data": ["P04", "P01"],
            f"{ids.TABLE_SEARCH}.value": "groningen",
        },
        [f"{ids.DOWNLOAD_CSV}.n_clicks"],
    )
    download = response["response"][ids.DOWNLOAD]["data"]
    assert download["filename"] == "partners_tier-strategic-collaboration_search-groningen.csv"
    lines = base64.b64decode(download["content"]).decode("utf-8-sig").splitlines()
    assert [line.split(",")[0] for line in lines[1:]] == [
        "University of Groningen",
        "Hanze University of Applied Sciences",
    ]
