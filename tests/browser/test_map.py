"""The MapLibre map as people use it: it fits to a filter, clusters Europe at world view and splits the clusters
as one zooms, spreads partners of one city so each can be clicked, opens a partner named in the address, keeps a
moved view in the address, scrolls the page unless focused, and the keyboard reaches every partner via the table."""

from __future__ import annotations

import base64
import json

import numpy as np
import pytest

from dashboard import ids
from dashboard.callbacks.views import render_map
from tests.browser.helpers import serve
from tests.browser.page_state import (
    MAPLIBRE_JS,
    MARKER_CENTRE_JS,
    PARTNER_PLACE_JS,
    click_marker,
    marker_centre,
    outside_origin,
    wait_for_map,
    wait_for_selection_ring,
    wait_until_shown,
    zoom_map,
)
from tests.factories import default_partners, make_dataset, make_partner

pytestmark = pytest.mark.browser

EUROPE = (34.0, -25.0, 71.5, 45.0)  # south, west, north, east

# Every cluster and lone marker MapLibre has drawn inside a box (lat/lon), once each (it draws world copies).
RENDERED_JS = f"""
([mapId, south, west, north, east]) => {{
  const map = ({MAPLIBRE_JS})(mapId);
  const plot = document.querySelector(`#${{mapId}} .js-plotly-plot`);
  const uid = plot._fullData.find((t) => t.name === "partners").uid;
  const layers = [`plotly-trace-layer-${{uid}}-cluster`, `plotly-trace-layer-${{uid}}-circle`];
  const seen = new Map();
  for (const f of map.queryRenderedFeatures(undefined, {{layers}})) {{
    const [lon, lat] = f.geometry.coordinates;
    if (lat < south || lat > north || lon < west || lon > east) continue;
    const cluster = f.properties.cluster;
    const key = cluster ? "c" + f.properties.cluster_id : "p" + lon.toFixed(5) + "," + lat.toFixed(5);
    seen.set(key, cluster ? f.properties.point_count : 1);
  }}
  return Array.from(seen.values());
}}
"""


def rendered(page, box=(-90.0, -180.0, 90.0, 180.0)) -> list[int]:
    """The count of each cluster (1 for a lone partner) drawn inside `box`."""
    wait_for_map(page)
    return page.evaluate(RENDERED_JS, [ids.WORLD_MAP, *box])


def map_zoom(page) -> float:
    return page.evaluate(f"(mapId) => ({MAPLIBRE_JS})(mapId).getZoom()", ids.WORLD_MAP)


def detail_title(page) -> str:
    title = page.locator(".atlas-detail .mantine-Drawer-title")
    title.wait_for()
    return title.inner_text()


# By hand from tests/factories.py: every partner is placed; Turku and Jyväskylä are the Finnish ones.
EVERYONE = ("P01", "P02", "P03", "P04", "P05", "P06", "P07", "P08", "P09")
FINNISH = ("P02", "P08")


def test_the_maplibre_handle_the_tests_read_is_there(live_app, open_page):
    """plotly keeps its MapLibre map at a private place; when it moves, this says so first."""
    page = open_page(live_app.url + "/")
    wait_until_shown(page, len(live_app.dataset.partners))
    wait_for_map(page)
    assert page.evaluate(f"(mapId) => typeof ({MAPLIBRE_JS})(mapId).queryRenderedFeatures", ids.WORLD_MAP) == "function"


def test_a_country_filter_fits_the_view_to_that_country_with_every_partner_inside(live_app, open_page, page_log):
    page = open_page(live_app.url + "/?country=FI")
    wait_until_shown(page, len(FINNISH))
    wait_for_map(page)
    box = page.locator(f"#{ids.WORLD_MAP} canvas.maplibregl-canvas").bounding_box()
    assert map_zoom(page) > 3, "still the world view"
    for partner_id in FINNISH:
        x, y = page.evaluate(MARKER_CENTRE_JS, [ids.WORLD_MAP, partner_id])
        assert box["x"] + 10 < x < box["x"] + box["width"] - 10 and box["y"] + 10 < y < box["y"] + box["height"] - 10, (
            f"{partner_id} is outside the view"
        )

    # Clearing the filter returns to the world view.
    page.locator(f"#{ids.RESET}").click()
    wait_until_shown(page, len(live_app.dataset.partners))
    page.wait_for_function(f"(mapId) => ({MAPLIBRE_JS})(mapId).getZoom() < 2", arg=ids.WORLD_MAP)
    assert outside_origin(live_app.url, page_log.requests) == [] and page_log.errors == []


# Auckland, Suva and Apia: a band of 14 degrees of longitude across 180, which a plain west-east box makes the world.
PACIFIC = (
    ("Q01", "Auckland", "NZ", "New Zealand", -36.8485, 174.7633),
    ("Q02", "Suva", "FJ", "Fiji", -18.1416, 178.4419),
    ("Q03", "Apia", "WS", "Samoa", -13.8333, -171.7667),
)

# Where MapLibre draws a partner on the screen, on the copy of the world nearest the map's centre (it draws the
# world side by side; project() alone answers for the copy the longitude names, off the screen across 180).
NEAREST_COPY_JS = f"""
([mapId, lat, lon]) => {{
  const map = ({MAPLIBRE_JS})(mapId);
  const centre = map.getCenter().lng;
  const point = map.project([lon + 360 * Math.round((centre - lon) / 360), lat]);
  const box = map.getCanvas().getBoundingClientRect();
  return [box.x + point.x, box.y + point.y];
}}
"""


@pytest.fixture(scope="module")
def pacific_app():
    partners = default_partners() + [
        make_partner(
            partner_id=pid,
            name=f"University of {city}",
            city=city,
            country=code,
            country_name=name,
            region="Oceania",
            lat=lat,
            lon=lon,
        )
        for pid, city, code, name, lat, lon in PACIFIC
    ]
    yield from serve(make_dataset(partners=partners))


def test_a_filter_across_the_antimeridian_fits_the_pacific_with_every_partner_inside(pacific_app, open_page, page_log):
    page = open_page(pacific_app.url + "/?region=Oceania")
    wait_until_shown(page, len(PACIFIC))
    wait_for_map(page)
    assert map_zoom(page) > 2.5, "the world view: a box from west to east spans the whole map"
    box = page.locator(f"#{ids.WORLD_MAP} canvas.maplibregl-canvas").bounding_box()
    for pid, city, _code, _name, lat, lon in PACIFIC:
        x, y = page.evaluate(NEAREST_COPY_JS, [ids.WORLD_MAP, lat, lon])
        assert box["x"] + 10 < x < box["x"] + box["width"] - 10 and box["y"] + 10 < y < box["y"] + box["height"] - 10, (
            f"{city} ({pid}) is outside the view"
        )
    assert sum(rendered(page)) == len(PACIFIC)
    assert outside_origin(pacific_app.url, page_log.requests) == [] and page_log.errors == []


DRAWN_ARCS_JS = """
(mapId) => document.querySelector(`#${mapId} .js-plotly-plot`).data
  .filter((t) => t.mode === "lines")
  .map((t) => [t.name, Array.from(t.lat, (v) => (Number.isNaN(v) ? null : v)), Array.from(t.lon, (v) => (Number.isNaN(v) ? null : v))])
"""


def test_flows_travel_as_their_ends_and_the_page_draws_each_great_circle(pacific_app, open_page, page_log):
    """The flows layer's answer holds each arc's two ends only; the page draws from them the arcs the whole figure
    has (figures/geo.great_circle_paths), across 180 degrees too, and MapLibre draws them with their arrowheads."""
    answers: list[str] = []
    page = open_page(
        pacific_app.url + "/?layer=flows",
        setup=lambda p: p.on(
            "response", lambda r: answers.append(r.text()) if "_dash-update-component" in r.url else None
        ),
    )
    page.wait_for_function(
        """(mapId) => {
        const plot = document.querySelector(`#${mapId} .js-plotly-plot`);
        return plot && (plot._fullData || []).some((t) => t.name === "arrows");
    }""",
        arg=ids.WORLD_MAP,
    )
    wait_for_map(page)
    whole = render_map(pacific_app.dataset, "?layer=flows", layer="flows")
    expected = [
        (t.name, np.asarray(t.lat, dtype=float), np.asarray(t.lon, dtype=float))
        for t in whole.data
        if t.mode == "lines"
    ]
    drawn = page.evaluate(DRAWN_ARCS_JS, ids.WORLD_MAP)
    assert [name for name, _, _ in drawn] == [name for name, _, _ in expected]
    for (name, lat, lon), (_, want_lat, want_lon) in zip(drawn, expected):
        lat, lon = np.array(lat, dtype=float), np.array(lon, dtype=float)
        assert lat.shape == want_lat.shape, f"{name}: {len(lat)} points drawn, the great circles have {len(want_lat)}"
        assert np.array_equal(np.isnan(lat), np.isnan(want_lat))
        assert np.allclose(lat, want_lat, atol=2e-3, equal_nan=True) and np.allclose(
            lon, want_lon, atol=2e-3, equal_nan=True
        )
    sent = [
        trace
        for answer in answers
        if ids.MAP_UPDATE in answer
        for trace in (json.loads(answer)["response"][ids.MAP_UPDATE]["data"].get("figure") or {}).get("data", [])
        if trace.get("mode") == "lines"
    ]
    assert sent, "no flows in the map's answers"
    for trace in sent:
        arcs = len(base64.b64decode(trace["lat"]["bdata"])) // 4
        assert trace["meta"]["atlasArcs"] and arcs % 3 == 0
    assert (
        sum(len(base64.b64decode(t["lat"]["bdata"])) // 4 for t in sent) < sum(len(lat) for _, lat, _ in expected) / 2
    )
    assert outside_origin(pacific_app.url, page_log.requests) == [] and page_log.errors == []


def test_europe_is_clustered_at_world_view_with_counts_that_add_up_and_zooming_splits_them(
    live_app, open_page, page_log
):
    page = open_page(live_app.url + "/")
    wait_until_shown(page, len(EVERYONE))
    world = rendered(page)
    assert sum(world) == len(EVERYONE), f"clusters and markers count {sum(world)} partners, not the 9 of the data"
    in_europe = rendered(page, EUROPE)
    assert max(in_europe) >= 2, f"no cluster in Europe at world view: {in_europe}"

    page.get_by_role("button", name="Europe").click()
    page.wait_for_function(f"(mapId) => ({MAPLIBRE_JS})(mapId).getZoom() > 2.5", arg=ids.WORLD_MAP)
    closer = rendered(page, EUROPE)
    assert len(closer) > len(in_europe) and max(closer) < max(in_europe), (in_europe, closer)
    assert outside_origin(live_app.url, page_log.requests) == [] and page_log.errors == []


CLUSTER_CENTRE_JS = f"""
([mapId, south, west, north, east]) => {{
  const map = ({MAPLIBRE_JS})(mapId);
  const plot = document.querySelector(`#${{mapId}} .js-plotly-plot`);
  const uid = plot._fullData.find((t) => t.name === "partners").uid;
  const found = map.queryRenderedFeatures(undefined, {{layers: [`plotly-trace-layer-${{uid}}-cluster`]}})
    .filter((f) => {{ const [lon, lat] = f.geometry.coordinates; return lat > south && lat < north && lon > west && lon < east; }})
    .sort((a, b) => b.properties.point_count - a.properties.point_count)[0];
  if (!found) return null;
  const point = map.project(found.geometry.coordinates), box = map.getCanvas().getBoundingClientRect();
  return [box.x + point.x, box.y + point.y];
}}
"""


def test_a_click_on_a_cluster_zooms_in_until_it_splits(live_app, open_page):
    page = open_page(live_app.url + "/")
    wait_until_shown(page, len(live_app.dataset.partners))
    before = rendered(page, EUROPE)
    zoom = map_zoom(page)
    centre = page.evaluate(CLUSTER_CENTRE_JS, [ids.WORLD_MAP, *EUROPE])
    assert centre, "no cluster in Europe to click"
    page.mouse.click(*centre)
    page.wait_for_function(f"(z) => ({MAPLIBRE_JS})({ids.WORLD_MAP!r}).getZoom() > z + 0.5", arg=zoom)
    assert len(rendered(page, EUROPE)) > len(before)


def test_two_partners_in_one_city_can_each_be_clicked(live_app, open_page):
    page = open_page(live_app.url + "/?q=groningen")
    wait_until_shown(page, 2)
    marker_centre(page, "P01")  # zoomed in on Groningen
    first, second = (page.evaluate(MARKER_CENTRE_JS, [ids.WORLD_MAP, p]) for p in ("P01", "P04"))
    assert abs(first[0] - second[0]) + abs(first[1] - second[1]) > 14, "the two Groningen markers overlap"
    click_marker(page, "P01")
    assert detail_title(page) == "Hanze University of Applied Sciences"
    wait_for_selection_ring(page, "P01")  # the map has centred on it: P04's marker stands where it will be clicked
    click_marker(page, "P04")
    page.wait_for_function(
        "() => document.querySelector('.atlas-detail .mantine-Drawer-title').textContent === 'University of Groningen'"
    )


def test_a_partner_in_the_address_opens_its_panel_and_the_map_centres_on_it(live_app, open_page, page_log):
    page = open_page(live_app.url + "/?partner=P07")
    assert detail_title(page) == "Hanyang University"
    page.wait_for_function(
        f"""(mapId) => {{
        const c = ({MAPLIBRE_JS})(mapId).getCenter();
        return Math.abs(c.lat - 37.57) < 1 && Math.abs(c.lng - 126.98) < 1;
    }}""",
        arg=ids.WORLD_MAP,
    )
    assert "partner=P07" in page.evaluate("location.search")
    assert outside_origin(live_app.url, page_log.requests) == [] and page_log.errors == []


def test_a_moved_view_and_the_layer_are_kept_in_the_address(live_app, open_page):
    page = open_page(live_app.url + "/")
    wait_until_shown(page, len(live_app.dataset.partners))
    zoom_map(page, 48.0, 10.0, 4.5)
    page.wait_for_function("() => location.search.includes('view=48.0000,10.0000,4.50')")
    page.locator(f"#{ids.MAP_LAYER} label", has_text="Flows").click()
    page.wait_for_function("() => location.search.includes('layer=flows')")
    address = page.evaluate("location.href")

    again = open_page(address)
    again.wait_for_function(
        f"""(mapId) => {{
        const map = ({MAPLIBRE_JS})(mapId);
        return map && Math.abs(map.getZoom() - 4.5) < 0.01 && Math.abs(map.getCenter().lat - 48) < 0.01;
    }}""",
        arg=ids.WORLD_MAP,
    )
    again.wait_for_function(
        """(mapId) => document.querySelector(`#${mapId} .js-plotly-plot`)._fullData
        .some((t) => t.name === "arrows")""",
        arg=ids.WORLD_MAP,
    )


@pytest.mark.parametrize("first", ["move the map", "open a partner"])
def test_the_first_filter_after_moving_the_map_or_opening_a_partner_applies(live_app, open_page, first):
    """The page writes the map's keys into the address without a round trip; the first filter clicked after
    that did nothing (dcc.Location pushed back the address it had loaded with)."""
    page = open_page(live_app.url + "/")
    wait_until_shown(page, len(EVERYONE))
    if first == "move the map":
        zoom_map(page, 48.0, 10.0, 4.5)
        page.wait_for_function("() => location.search.includes('view=48.0000,10.0000,4.50')")
    else:
        page.locator(f"#{ids.PARTNER_TABLE} .ag-center-cols-container .ag-row[row-id='P07'] .ag-cell").first.click()
        assert detail_title(page) == "Hanyang University"
        page.wait_for_function("() => location.search.includes('partner=P07')")
    page.click(".chip-strategic label")
    shown = wait_until_shown(page, 3)
    assert sorted(shown.markers) == ["P01", "P02", "P03"]
    search = page.evaluate("location.search")
    assert "tier=strategic" in search and "view=" not in search  # the map fits the filter anew
    assert ("partner=P07" in search) == (first == "open a partner")
    page.go_back()  # one history entry per filter: back shows every partner again
    wait_until_shown(page, len(EVERYONE))


def test_the_wheel_scrolls_the_page_over_the_map_and_zooms_it_with_ctrl(live_app, open_page):
    page = open_page(live_app.url + "/")
    wait_until_shown(page, len(live_app.dataset.partners))
    wait_for_map(page)
    box = page.locator(f"#{ids.WORLD_MAP} canvas.maplibregl-canvas").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    before = map_zoom(page)
    page.mouse.wheel(0, 300)
    page.wait_for_function("() => window.scrollY > 0")
    assert map_zoom(page) == before, "the wheel zoomed the map instead of scrolling the page"

    page.evaluate("window.scrollTo(0, 0)")
    box = page.locator(f"#{ids.WORLD_MAP} canvas.maplibregl-canvas").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.keyboard.down("Control")
    page.mouse.wheel(0, -300)
    page.keyboard.up("Control")
    page.wait_for_function(f"(z) => ({MAPLIBRE_JS})({ids.WORLD_MAP!r}).getZoom() > z + 0.1", arg=before)


def test_the_keyboard_reaches_a_partner_through_the_table_and_comes_back(live_app, open_page):
    page = open_page(live_app.url + "/?country=KR")
    wait_until_shown(page, 1)
    assert page.locator(f"#{ids.MAP_LIST_LINK}").is_visible()
    page.keyboard.press("Alt+l")
    page.wait_for_function(f"() => document.activeElement && document.activeElement.id === {ids.TABLE_ANCHOR!r}")
    # Into the grid's first row, as Tab and the arrow keys would go there.
    cell = page.locator(f"#{ids.PARTNER_TABLE} .ag-center-cols-container .ag-row[row-id='P07'] .ag-cell").first
    cell.focus()
    page.keyboard.press("Enter")
    assert detail_title(page) == "Hanyang University"
    page.wait_for_function("() => document.activeElement && document.activeElement.closest('.atlas-detail')")
    page.keyboard.press("Enter")  # on the panel's close button, where focus went
    page.wait_for_function(f"""() => document.activeElement
        && document.activeElement.closest("#{ids.PARTNER_TABLE} .ag-row[row-id='P07']")""")


def test_the_map_has_a_name_and_a_text_summary(live_app, open_page):
    page = open_page(live_app.url + "/?country=FI")
    wait_until_shown(page, len(FINNISH))
    frame = page.locator(f"[data-chart={ids.WORLD_MAP}]")
    assert "map" in (frame.get_attribute("aria-label") or "").lower()
    described = frame.get_attribute("aria-describedby")
    page.wait_for_function("id => document.getElementById(id).textContent.includes('Finland')", arg=described)
    summary = page.locator(f"#{described}").text_content()
    assert summary.startswith("2 partners on the map") and "Countries: 1." in summary
    assert "Finland" in page.locator(f"#{ids.MAP_SUMMARY}").inner_text()  # the same, visible under the map


# Each partner marker's hover card as drawn (name, outgoing, incoming), by partner id.
DRAWN_CARDS_JS = """
(mapId) => {
  const plot = document.querySelector(`#${mapId} .js-plotly-plot`);
  const trace = plot._fullData.find((t) => t.name === "partners");
  const cards = {};
  Array.from(trace.customdata || []).forEach((c) => { cards[c[0]] = [c[1], Number(c[5]), Number(c[6])]; });
  return cards;
}
"""


def test_a_filter_redraws_the_markers_with_their_cards_without_sending_style_or_cards_again(live_app, open_page):
    """The filter's answer carries neither the map's style (MapLibre keeps the one it has) nor the hover cards,
    yet every marker shown hovers with its own name and its mobility in the filter."""
    answers: list[str] = []
    page = open_page(live_app.url + "/")
    page.on("response", lambda r: answers.append(r.text()) if "_dash-update-component" in r.url else None)
    wait_until_shown(page, len(live_app.dataset.partners))
    page.click(".chip-strategic label")
    # The strategic partners with their outgoing and incoming mobility, from the factory's count formula.
    expected = {
        "P01": ["Hanze University of Applied Sciences", 13, 11],
        "P02": ["Turku University of Applied Sciences", 6, 10],
        "P03": ["Strathmore University", 11, 15],
    }
    wait_until_shown(page, len(expected))
    assert page.evaluate(DRAWN_CARDS_JS, ids.WORLD_MAP) == expected
    last = [a for a in answers if ids.MAP_UPDATE in a][-1]
    change = json.loads(last)["response"][ids.MAP_UPDATE]["data"]
    assert "figure" not in change and "style" not in change["layout"]["map"]
    assert not [name for name, _, _ in expected.values() if name in json.dumps(change["data"])]
    # Nor the markers' places: the page draws each where the card it holds says (the fits above find them there).
    sent = next(t for t in change["data"] if t["name"] == "partners")
    assert "lat" not in sent and "lon" not in sent
    whole = next(t for t in render_map(live_app.dataset, "?tier=strategic").data if t.name == "partners")
    for (partner_id, *_), lat, lon in zip(whole.customdata, whole.lat, whole.lon):
        drawn = page.evaluate(PARTNER_PLACE_JS, [ids.WORLD_MAP, partner_id])
        assert drawn == pytest.approx([lat, lon], abs=1e-4), partner_id


# The tier shape MapLibre draws inside the marker at (lat, lon), from the map's shape layers (type symbol, our icons).
SHAPE_AT_JS = f"""
([mapId, lat, lon]) => {{
  const map = ({MAPLIBRE_JS})(mapId);
  const shapes = map.getStyle().layers.filter((l) => l.type === "symbol" && String(l.layout && l.layout["icon-image"]).startsWith("atlas-"));
  const point = map.project([lon, lat]);
  const found = map.queryRenderedFeatures([[point.x - 3, point.y - 3], [point.x + 3, point.y + 3]], {{layers: shapes.map((l) => l.id)}});
  return found.map((f) => [f.layer.layout["icon-image"], f.geometry.coordinates[1], f.geometry.coordinates[0]]);
}}
"""


def test_each_marker_shows_its_tiers_shape_once_zoomed_in_also_after_a_filter(live_app, open_page):
    """The shape layers come empty with the markers they draw (world_map.shape_layers); the page fills them, so
    zoomed in, a strategic partner shows a diamond, a mobility partner a dot, before and after a filter."""
    page = open_page(live_app.url + "/")
    wait_until_shown(page, len(EVERYONE))

    def shape_of(partner_id: str) -> str:
        lat, lon = page.evaluate(PARTNER_PLACE_JS, [ids.WORLD_MAP, partner_id])
        zoom_map(page, lat, lon, 12)
        # Symbols are placed in a frame after the tiles load: wait for the shape, then look at what it is.
        page.wait_for_function(f"(args) => ({SHAPE_AT_JS})(args).length > 0", arg=[ids.WORLD_MAP, lat, lon])
        found = page.evaluate(SHAPE_AT_JS, [ids.WORLD_MAP, lat, lon])
        assert len(found) == 1, f"{partner_id}: {found}"
        icon, y, x = found[0]
        assert (y, x) == pytest.approx((lat, lon), abs=1e-4)
        return icon

    assert shape_of("P07") == "atlas-dot"  # Hanyang, a mobility partner
    assert shape_of("P01") == "atlas-diamond"  # Hanze, strategic
    page.click(".chip-strategic label")
    wait_until_shown(page, 3)
    assert [shape_of(p) for p in ("P01", "P02", "P03")] == ["atlas-diamond"] * 3


def sweep(page, box) -> None:
    """The pointer across the map's middle, as a visitor's would while the page loads."""
    for step in range(12):
        page.mouse.move(box["x"] + box["width"] * (0.2 + step * 0.05), box["y"] + box["height"] / 2)


def test_a_pointer_over_the_map_while_it_loads_breaks_nothing(live_app, open_page, page_log):
    """plotly's hover over clustered markers before MapLibre has loaded the style threw "Map error." and the map
    then kept its first markers whatever the filter (plotly/dash#2706)."""
    page = open_page(live_app.url + "/")
    canvas = page.locator(f"#{ids.WORLD_MAP} canvas.maplibregl-canvas")
    canvas.wait_for(state="attached")
    sweep(page, page.locator(f"#{ids.WORLD_MAP}").bounding_box())
    wait_until_shown(page, len(EVERYONE))
    # The theme switch hands MapLibre another style: the same window opens again.
    page.get_by_label("Dark").check()
    sweep(page, page.locator(f"#{ids.WORLD_MAP}").bounding_box())
    page.click(".chip-strategic label")
    shown = wait_until_shown(page, 3)
    assert sorted(shown.markers) == ["P01", "P02", "P03"]
    assert sum(rendered(page)) == 3  # what MapLibre draws, not only what plotly holds
    assert page_log.errors == []
