"""Read what the page shows, straight from the drawn components: the map's and the pyramid's plotly data, the
grid's rows (ag-grid API) and the partner-count text."""

from __future__ import annotations

import json
from dataclasses import dataclass

from dashboard import ids

READ_STATE_JS = """
([mapId, pyramidId, tableId, countId]) => {
  const plot = (id) => document.querySelector(`#${id} .js-plotly-plot`);
  const map = plot(mapId), pyramid = plot(pyramidId);
  const markers = [];
  // _fullData: plotly has decoded the typed arrays the server sends (data holds them base64-encoded).
  for (const trace of (map && map._fullData) || []) {
    if (trace.type !== "scattergeo" || !trace.customdata || trace.name === "Selected") continue;
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
  return {markers, tiers, rows, count: count ? count.textContent : null, search: window.location.search,
          ready: Boolean(api && map && map._fullData && pyramid && pyramid._fullData)};
}
"""


@dataclass(frozen=True)
class Shown:
    markers: list[str]          # partner ids with a marker on the map
    tiers: dict[str, int]       # the pyramid's count per tier
    rows: list[str]             # partner ids in the table
    count: str | None           # the text of #partner-count
    search: str                 # the page's URL query string
    ready: bool


def read_state(page) -> Shown:
    raw = page.evaluate(READ_STATE_JS, [ids.WORLD_MAP, ids.TIER_PYRAMID, ids.PARTNER_TABLE, ids.PARTNER_COUNT])
    return Shown(**raw)


def wait_until_shown(page, partner_count: int, markers: int | None = None, tiers: dict[str, int] | None = None,
                     timeout: float = 15_000) -> Shown:
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


MARKER_CENTRE_JS = """
([mapId, partnerId]) => {
  const plot = document.querySelector(`#${mapId} .js-plotly-plot`);
  const groups = Array.from(plot.querySelectorAll("g.trace.scattergeo"));
  let k = 0;
  for (const trace of plot._fullData) {
    if (trace.type !== "scattergeo") continue;
    const group = groups[k++];
    if (!trace.customdata || trace.name === "Selected") continue;
    const j = Array.from(trace.customdata).findIndex((c) => c && String(c[0]) === partnerId);
    if (j < 0) continue;
    const box = group.querySelectorAll("path.point")[j].getBoundingClientRect();
    return [box.x + box.width / 2, box.y + box.height / 2];
  }
  return null;
}
"""

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
    """Hover then click a partner's marker on the map, as a person would with a mouse."""
    centre = page.evaluate(MARKER_CENTRE_JS, [ids.WORLD_MAP, partner_id])
    assert centre, f"no marker for {partner_id} on the map"
    page.mouse.move(*centre)
    page.mouse.click(*centre)


def click_pyramid_tier(page, tier: str) -> None:
    centres = page.evaluate(PYRAMID_BARS_JS, ids.TIER_PYRAMID)
    page.mouse.move(*centres[tier])
    page.mouse.click(*centres[tier])


def only_origin(origin: str, blocked: list[str]):
    """A page setup that lets requests to `origin` through and aborts (and records in `blocked`) every other one,
    as on a laptop with no network."""

    def setup(page) -> None:
        def handle(route) -> None:
            if route.request.url.startswith(origin + "/"):
                route.continue_()
            else:
                blocked.append(route.request.url)
                route.abort()

        page.route("**/*", handle)

    return setup
