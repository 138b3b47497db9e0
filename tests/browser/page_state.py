"""Read what the page shows, straight from the drawn components: the map's and the pyramid's plotly data, the
grid's rows (ag-grid API) and the partner-count text."""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import urlsplit

from dashboard import ids

READ_STATE_JS = """
([mapId, pyramidId, tableId, countId]) => {
  const plot = (id) => document.querySelector(`#${id} .js-plotly-plot`);
  const map = plot(mapId), pyramid = plot(pyramidId);
  const markers = [];
  // _fullData: plotly has decoded the typed arrays the server sends (data holds them base64-encoded).
  for (const trace of (map && map._fullData) || []) {
    if (trace.type !== "scattermap" || trace.name !== "partners" || !trace.customdata) continue;
    Array.from(trace.lat || []).forEach((lat, i) => {
      if (lat !== null && !Number.isNaN(lat) && trace.customdata[i]) markers.push(String(trace.customdata[i][0]));
    });
  }
  const tiers = {};
  for (const trace of (pyramid && pyramid._fullData) || []) {
    for (const item of Array.from(trace.customdata || [])) tiers[item[0]] = Number(item[1]);
  }
  const rows = [];
  let api = null;
  try { api = window.dash_ag_grid.getApi(tableId); } catch (e) { /* the grid is still mounting */ }
  if (api) api.forEachNodeAfterFilter((node) => rows.push(String(node.data.partner_id)));
  const count = document.getElementById(countId);
  // The map takes the pointer again once MapLibre has drawn the figure (assets/atlas-map.js, data-atlas-loading).
  const mapReady = map && !document.getElementById(mapId).hasAttribute("data-atlas-loading");
  return {markers, tiers, rows, count: count ? count.textContent : null, search: window.location.search,
          ready: Boolean(api && mapReady && map._fullData && pyramid && pyramid._fullData)};
}
"""


@dataclass(frozen=True)
class Shown:
    markers: list[str]  # partner ids with a marker on the map
    tiers: dict[str, int]  # the pyramid's count per tier
    rows: list[str]  # partner ids in the table
    count: str | None  # the text of #partner-count
    search: str  # the page's URL query string
    ready: bool


# How long a test waits for the views to show a state: generous, since a shared 2-core machine under load can take
# many seconds per redraw; a passing test waits only as long as the page takes.
VIEWS_TIMEOUT_MS = 45_000


def read_state(page) -> Shown:
    raw = page.evaluate(READ_STATE_JS, [ids.WORLD_MAP, ids.TIER_PYRAMID, ids.PARTNER_TABLE, ids.PARTNER_COUNT])
    return Shown(**raw)


def wait_until_shown(
    page,
    partner_count: int,
    markers: int | None = None,
    tiers: dict[str, int] | None = None,
    timeout: float = VIEWS_TIMEOUT_MS,
) -> Shown:
    """Wait until the table and partner-count show `partner_count` partners, the map `markers` markers (default:
    the same number) and the pyramid `tiers` (when given), then read everything. Plotly redraws after React
    does, so a test that did not wait for the figures would read the previous state."""
    markers = partner_count if markers is None else markers
    tiers_js = json.dumps(tiers) if tiers is not None else "null"
    page.wait_for_function(
        f"""() => {{
            const read = {READ_STATE_JS};
            const s = read({[ids.WORLD_MAP, ids.TIER_PYRAMID, ids.PARTNER_TABLE, ids.PARTNER_COUNT]!r});
            return s.ready && s.count === "{partner_count}" && s.rows.length === {partner_count}
                && s.markers.length === {markers}
                && ({tiers_js} === null || JSON.stringify(s.tiers) === JSON.stringify({tiers_js}));
        }}""",
        timeout=timeout,
    )
    return read_state(page)


def wait_for_search(page, search: str, timeout: float = 10_000) -> None:
    page.wait_for_function("s => window.location.search === s", arg=search, timeout=timeout)


# plotly gives no public handle on the MapLibre map it draws into: the tests reach it here, in one place
# (tests/browser/test_map.py fails first when plotly moves it).
MAPLIBRE_JS = """
(mapId) => {
  const plot = document.querySelector(`#${mapId} .js-plotly-plot`);
  const subplot = plot && plot._fullLayout && plot._fullLayout.map && plot._fullLayout.map._subplot;
  return subplot ? subplot.map : null;
}
"""

MARKER_CENTRE_JS = f"""
([mapId, partnerId]) => {{
  const map = ({MAPLIBRE_JS})(mapId);
  const plot = document.querySelector(`#${{mapId}} .js-plotly-plot`);
  const trace = plot && (plot._fullData || []).find((t) => t.name === "partners");
  if (!map || !trace) return null;
  const j = Array.from(trace.customdata).findIndex((c) => c && String(c[0]) === partnerId);
  if (j < 0) return null;
  const point = map.project([trace.lon[j], trace.lat[j]]);
  const box = map.getCanvas().getBoundingClientRect();
  return [box.x + point.x, box.y + point.y];
}}
"""

PARTNER_PLACE_JS = """
([mapId, partnerId]) => {
  const plot = document.querySelector(`#${mapId} .js-plotly-plot`);
  const trace = (plot._fullData || []).find((t) => t.name === "partners");
  const j = Array.from(trace.customdata).findIndex((c) => c && String(c[0]) === partnerId);
  return j < 0 ? null : [trace.lat[j], trace.lon[j]];
}
"""

MAP_IDLE_JS = f"""
(mapId) => {{
  const map = ({MAPLIBRE_JS})(mapId);
  return Boolean(map && map.loaded() && !map.isMoving() && map.areTilesLoaded());
}}
"""


def wait_for_map(page, timeout: float = 20_000) -> None:
    """Until MapLibre has drawn every tile of the current view (clusters included) and stopped moving."""
    page.wait_for_function(MAP_IDLE_JS, arg=ids.WORLD_MAP, timeout=timeout)


def zoom_map(page, lat: float, lon: float, zoom: float) -> None:
    """Move the map as the zoom buttons and dragging would (plotly's public relayout), then wait for it."""
    page.evaluate(
        """([mapId, lat, lon, zoom]) => {
        const plot = document.querySelector(`#${mapId} .js-plotly-plot`);
        return window.Plotly.relayout(plot, {"map.center": {lat, lon}, "map.zoom": zoom});
    }""",
        [ids.WORLD_MAP, lat, lon, zoom],
    )
    page.wait_for_function(
        f"""([mapId, zoom]) => {{
        const map = ({MAPLIBRE_JS})(mapId);
        return map && Math.abs(map.getZoom() - zoom) < 0.01;
    }}""",
        arg=[ids.WORLD_MAP, zoom],
    )
    wait_for_map(page)


CITY_ZOOM = 13  # past the clusters' last zoom: every partner is its own marker, a city's ring spread apart


def marker_centre(page, partner_id: str) -> list[float]:
    """The screen point of a partner's marker, after zooming in on it as a person would to pick it out."""
    wait_for_map(page)
    place = page.evaluate(PARTNER_PLACE_JS, [ids.WORLD_MAP, partner_id])
    assert place, f"no marker for {partner_id} on the map"
    zoom_map(page, place[0], place[1], CITY_ZOOM)
    # The map's box moves while the detail drawer slides in and pushes the page aside: a person clicks where the
    # marker is once it stands still, so wait until its screen point is the same on two polls.
    page.wait_for_function(
        f"""([mapId, partnerId]) => {{
            const point = JSON.stringify(({MARKER_CENTRE_JS})([mapId, partnerId]));
            const steady = window.__atlasLastMarkerPoint === point;
            window.__atlasLastMarkerPoint = point;
            return steady && point !== "null";
        }}""",
        arg=[ids.WORLD_MAP, partner_id],
        polling=100,
    )
    centre = page.evaluate(MARKER_CENTRE_JS, [ids.WORLD_MAP, partner_id])
    assert centre, f"no marker for {partner_id} on the map"
    return centre


PYRAMID_BARS_JS = """
(pyramidId) => {
  const plot = document.querySelector(`#${pyramidId} .js-plotly-plot`);
  const trace = plot._fullData.find((t) => t.type === "bar");
  const paths = Array.from(plot.querySelectorAll(".barlayer .point path"));
  const out = {};
  Array.from(trace.customdata).forEach((item, i) => {
    const box = paths[i].getBoundingClientRect();
    out[item[0]] = [box.x + box.width / 2, box.y + box.height / 2];
  });
  return out;
}
"""


def click_marker(page, partner_id: str) -> None:
    """Zoom in on a partner, then hover and click its marker, as a person would with a mouse."""
    centre = marker_centre(page, partner_id)
    page.mouse.move(*centre)
    page.mouse.click(*centre)


def wait_for_selection_ring(page, partner_id: str) -> None:
    """Until the map has answered a selection: its ring sits on the partner (the map centres on it then, so a
    marker's screen point read before this can move away)."""
    page.wait_for_function(
        """([mapId, place]) => {
            const plot = document.querySelector(`#${mapId} .js-plotly-plot`);
            const ring = (plot._fullData || []).find((t) => t.name === "Selected");
            return Boolean(ring && ring.lat && ring.lat.length === 1 && place
                && Math.abs(ring.lat[0] - place[0]) < 1e-4 && Math.abs(ring.lon[0] - place[1]) < 1e-4);
        }""",
        arg=[ids.WORLD_MAP, page.evaluate(PARTNER_PLACE_JS, [ids.WORLD_MAP, partner_id])],
    )


def click_pyramid_tier(page, tier: str) -> None:
    centres = page.evaluate(PYRAMID_BARS_JS, ids.TIER_PYRAMID)
    page.mouse.move(*centres[tier])
    page.mouse.click(*centres[tier])


def _blob_prefix(origin: str) -> str:
    """blob: URLs carry the page's scheme, host and port only, whatever path prefix the app is served under."""
    parts = urlsplit(origin)
    return f"blob:{parts.scheme}://{parts.netloc}/"


def outside_origin(origin: str, requests: list[str]) -> list[str]:
    """The requests that left the origin. MapLibre's worker runs from a blob: URL made by the page itself
    (the policy's worker-src blob:), which is no request to anyone."""
    return [url for url in requests if not url.startswith((origin + "/", _blob_prefix(origin)))]


def only_origin(origin: str, blocked: list[str]):
    """A page setup that lets requests to `origin` through and aborts (and records in `blocked`) every other one,
    as on a laptop with no network."""

    def setup(page) -> None:
        def handle(route) -> None:
            if route.request.url.startswith((origin + "/", _blob_prefix(origin))):
                route.continue_()
            else:
                blocked.append(route.request.url)
                route.abort()

        page.route("**/*", handle)

    return setup
