"""The dashboard's world map on MapLibre (plotly's `scattermap`): partners in clusters that split as one zooms in,
countries as a choropleth, or flows from home as arcs with arrowheads. The style is offline (figures/basemap).

The map fits itself to the partners a filter shows (`fit_view`) unless the address names a view. Hover cards and
their escaping are shared with the SVG map of the poster (figures/geo_map).
"""

from __future__ import annotations

import base64

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.figures import geo_map
from dashboard.figures.basemap import FONT, offline_style
from dashboard.figures.escaping import escape
from dashboard.figures.geo import (
    FIT_MAX_ZOOM,
    NOMINAL_MAP_PX,
    MapView,
    fit_view,
    great_circle_paths,
    quick_view,
    spread_rings,
)
from dashboard.figures.geo_map import FLOW_WIDTHS, choropleth_legend, choropleth_rows, hover_fields, shared_cards
from dashboard.figures.theme import Theme, get_theme, make_figure
from dashboard.i18n import number, separators, text
from dashboard.model import TIERS, Institution

MIN_MARKER = 14  # diameter of a partner without mobility: its shape icon still fits, and it stays clickable
MAX_MARKER = 40
SIZE_LEGEND_STEPS = (0.1, 0.4, 1.0)  # the size legend's circles, as shares of the largest mobility shown
CLUSTER_MAXZOOM = 9  # closer than this every partner is its own marker (partners of one city are spread on a ring)
CITY_RING_SCALE = 0.01  # partners sharing a place sit on a ring of about 1.2 km (spread_rings' 1.2 degrees x this)
ICON_SIZE = 5.5  # plotly draws a sprite icon at size/10 of its 24 px box: the tier shape inside a marker
SHAPE_ICONS = {"strategic": "atlas-diamond", "collaboration": "atlas-square", "mobility": "atlas-dot"}
SHAPE_GLYPHS = {"strategic": "\u25c6", "collaboration": "\u25a0", "mobility": "\u25cf"}  # the legend's shapes
COUNTRY_LEVEL_ICON = "atlas-ring"
SHAPES_MAX = 2500  # partners shown beyond which the shape layers are left out (see shape_layers)
ARROW_AT = 0.72  # where along an arc its arrowhead sits (0 = home, 1 = partner)
# An arc's points: one per ARC_STEP_DEG degrees of great circle, at most ARC_POINTS (geo.great_circle_paths). A
# compact map (the page's) sends each arc as its two ends and assets/atlas-map.js draws the same points from them.
ARC_STEP_DEG = 2.0
ARC_POINTS = 24
LEGEND_STRIP_PX = 30
SELECTED_ZOOM = 4.0  # a partner opened from a link is shown with its surroundings, not the whole world
# Closest fit when the map shows countries, not cities: the countries layer, or partners placed only at their
# country's centre (a fit to that one point would zoom to a city's scale over empty land).
COUNTRY_FIT_ZOOM = 5.0
# Web Mercator ends at 85.05 degrees: a partner beyond (a station at the South Pole) is drawn at the map's edge,
# where it can still be seen and clicked, instead of nowhere.
DRAWN_LAT = 85.0
HOME_RING_ID = "\x00home"  # sorts before every partner id: home's place on a shared ring is the first
PARTNERS_TRACE = "partners"  # trace names the browser tests and the selection patch look for
SELECTION_TRACE = "Selected"


def world_map(
    partners: pd.DataFrame,
    *,
    layer: str = "partners",
    home: Institution,
    theme: Theme | str = "light",
    selected_id: str | None = None,
    country_metric: str = "partners",
    flow_direction: str = "outgoing",
    language: str = "en",
    view: MapView | None = None,
    fit: bool = True,
    size: tuple[int, int] = NOMINAL_MAP_PX,
    assets_url: str = "/assets/",
    positions: np.ndarray | None = None,
    compact_arcs: bool = False,
    places: tuple[np.ndarray, np.ndarray] | None = None,
) -> go.Figure:
    """The map of the filtered partners (a View's partners: PARTNER_COLUMNS + volume/outgoing/incoming).

    `view` (from the address) wins; else `fit` fits the view to the partners, else the world view is shown.
    `size` is the map's size in pixels (the browser reports it) so the fit leaves every partner inside.
    With `positions` (each partner's row in the dataset, aligned with `partners`) the partners' hover cards are
    left out: their customdata is [row, outgoing, incoming] and the page fills in the cards it holds
    (`map_cards`, assets/atlas-map.js), so a filter change does not send every card again.
    With `compact_arcs` each flow is sent as its two ends, [home, place, gap], with `meta.atlasArcs`, and the page
    draws the great circle between them (a fifth of the bytes; drawn without the page, it is a straight line).
    `places` (lat, lon aligned with `partners`) says where each partner is drawn: `drawn_places` over the whole
    dataset, so a partner keeps its place on its city's ring whatever the filter; else over `partners`.
    """
    theme = get_theme(theme) if isinstance(theme, str) else theme
    on_map = (partners["lat"].notna() & partners["lon"].notna()).to_numpy()
    placed = partners[on_map]
    rows = None if positions is None else np.asarray(positions)[on_map]
    every_lat, every_lon = drawn_places(partners, home) if places is None else places
    lat, lon = np.asarray(every_lat, dtype=float)[on_map], np.asarray(every_lon, dtype=float)[on_map]
    traces: list[dict] = []
    layers: list[dict] = []
    if layer == "countries":
        traces.append(_choropleth(partners, theme, country_metric, language, assets_url))
    elif layer == "flows":
        direction = flow_direction if flow_direction in ("outgoing", "incoming") else "outgoing"
        traces.extend(
            _flow_traces(placed, _column(placed, direction), home, theme, direction, language, compact=compact_arcs)
        )
        markers, layers = _partner_traces(
            placed, lat, lon, _column(placed, direction), theme, language, legend=False, rows=rows
        )
        traces.extend(markers)
    else:
        markers, layers = _partner_traces(
            placed, lat, lon, _column(placed, "volume"), theme, language, legend=True, rows=rows
        )
        traces.extend(markers)
    traces.append(_selection_trace(placed, lat, lon, selected_id, theme))
    traces.append(_home_trace(home, theme, language))
    countries_only = layer == "countries" or (len(placed) > 0 and bool((placed["geo_precision"] == "country").all()))
    closest = COUNTRY_FIT_ZOOM if countries_only else FIT_MAX_ZOOM
    shown = view or (fit_view(lat, lon, size, max_zoom=closest) if fit else None) or quick_view("world", size)
    if selected_id and view is None:
        shown = _centred_on_selection(traces, shown)
    layout = map_layout(theme, shown, assets_url)
    layout["map"]["layers"] = layers
    return make_figure(traces, theme, revision=layout.pop("uirevision"), separators=separators(language), **layout)


def drawn_places(partners: pd.DataFrame, home: Institution) -> tuple[np.ndarray, np.ndarray]:
    """Where each partner is drawn (lat, lon aligned with `partners`; NaN without a place): partners sharing a
    place spread on a ring, inside the edge of Web Mercator (DRAWN_LAT)."""
    on_map = (partners["lat"].notna() & partners["lon"].notna()).to_numpy()
    placed = partners[on_map]
    # Home takes a place on the rings too: its marker is drawn over the partners, and a partner placed exactly
    # there (a university of the home city, at the city's centre) would sit under it, out of the mouse's reach.
    ring_lat, ring_lon = spread_rings(
        np.append(placed["lat"].to_numpy(dtype=float), home.lat),
        np.append(placed["lon"].to_numpy(dtype=float), home.lon),
        np.append(placed["partner_id"].to_numpy().astype(str), HOME_RING_ID),
        scale=CITY_RING_SCALE,
    )
    lat, lon = np.full(len(partners), np.nan), np.full(len(partners), np.nan)
    lat[on_map], lon[on_map] = np.clip(ring_lat[:-1], -DRAWN_LAT, DRAWN_LAT), ring_lon[:-1]
    return lat, lon


def _column(frame: pd.DataFrame, name: str) -> np.ndarray:
    if name in frame:
        return pd.to_numeric(frame[name], errors="coerce").fillna(0).to_numpy(dtype=float)
    return np.zeros(len(frame))


def marker_sizes(volume: np.ndarray) -> np.ndarray:
    """The map's marker diameters (geo_map's scale), with room for the tier shape inside the smallest."""
    return geo_map.marker_sizes(volume, smallest=MIN_MARKER, largest=MAX_MARKER)


def _coordinates(values: np.ndarray) -> np.ndarray:
    """Degrees rounded to 5 decimals (1 m) as float32: packed binary, 4 bytes a number."""
    return np.round(np.asarray(values, dtype=np.float64), 5).astype(np.float32)


def _cluster(theme: Theme, *, visible: bool = True) -> dict:
    """Clusters with their count; the shape overlay clusters the same points identically but draws nothing."""
    return dict(
        enabled=True,
        maxzoom=CLUSTER_MAXZOOM,
        size=[14, 19, 26],
        step=[10, 50],
        color=theme.muted if visible else "rgba(0,0,0,0)",
        opacity=0.88 if visible else 0,
    )


# -- partners -------------------------------------------------------------------------------------

# A hover card's fields (customdata) in the map's partners trace. The page holds the fields that do not change
# with a filter (CARD_STATIC, per dataset row: `map_cards`) and gets only [row, outgoing, incoming] per filter.
CARD_FIELDS = ("id", "name", "place", "activities", "agreement", "outgoing", "incoming", "tier", "note")
CARD_STATIC = tuple(f for f in CARD_FIELDS if f not in ("outgoing", "incoming"))


def hover_cards(placed: pd.DataFrame, language: str) -> np.ndarray:
    """Each placed partner's whole hover card, in CARD_FIELDS order."""
    cards = hover_fields(placed, language)
    tier = placed["tier"].astype(str).to_numpy(dtype=object)
    lines = {t: text("hover.tier_partner", language, tier=text(f"tier.{t}", language)) for t in TIERS}
    tier_lines = np.array([lines.get(t, "") for t in tier], dtype=object)
    country_level = (placed["geo_precision"] == "country").to_numpy()
    note = np.where(country_level, f"<br><i>{text('hover.country_level', language)}</i>", "").astype(object)
    # shared_cards: plotly copies a plain object array element by element.
    return shared_cards(np.column_stack([cards, tier_lines, note]) if len(placed) else np.empty((0, 9), dtype=object))


def map_cards(partners: pd.DataFrame, language: str) -> list[list | None]:
    """The static part of every partner's hover card (CARD_STATIC order), by row of `partners` (None where the
    partner has no place): what the page keeps to fill in the compact customdata of a filter change."""
    on_map = (partners["lat"].notna() & partners["lon"].notna()).to_numpy()
    cards: list[list | None] = [None] * len(partners)
    whole = hover_cards(partners[on_map], language)
    static = [CARD_FIELDS.index(f) for f in CARD_STATIC]
    for row, card in zip(np.flatnonzero(on_map).tolist(), whole[:, static].tolist()):
        cards[row] = card
    return cards


def map_places(places: tuple[np.ndarray, np.ndarray]) -> dict:
    """Each partner's drawn (lat, lon), by row (NaN without a place), as a typed array the page decodes, 8 bytes a
    partner: the page keeps it with the cards."""
    return typed_array(np.column_stack([_coordinates(values) for values in places]))


def typed_array(values: np.ndarray) -> dict:
    """`values` in plotly.py's typed-array spec (dtype, base64 little-endian bytes, shape), which the page decodes
    (assets/atlas-map.js `numbersOf`). Written here because plotly.py encodes arrays so only inside a figure's
    data (its encoder is private); elsewhere (a trace's `meta`, the held places) Dash's JSON would send every
    number as decimal text."""
    array = np.ascontiguousarray(values)
    little = array.astype(array.dtype.newbyteorder("<"), copy=False)
    return {
        "dtype": little.dtype.str[1:],
        "bdata": base64.b64encode(little.tobytes()).decode("ascii"),
        "shape": ", ".join(str(n) for n in array.shape),
    }


def compact_cards(placed: pd.DataFrame, rows: np.ndarray) -> np.ndarray:
    """[dataset row, outgoing, incoming] per placed partner, in the smallest unsigned integers that hold them (two
    bytes each up to 65,535): what a filter change sends instead of the cards."""
    outgoing, incoming = _column(placed, "outgoing"), _column(placed, "incoming")
    if "outgoing" not in placed and "incoming" not in placed:
        outgoing = _column(placed, "volume")
    table = np.column_stack([np.asarray(rows, dtype=np.int64), outgoing, incoming]).astype(np.int64).reshape(-1, 3)
    return table.astype(np.uint16 if not len(table) or table.max() <= np.iinfo(np.uint16).max else np.uint32)


def _partner_traces(
    placed, lat, lon, volume, theme: Theme, language: str, *, legend: bool, rows: np.ndarray | None = None
) -> tuple[list[dict], list[dict]]:
    """(traces, map layers): all partners in one clustered trace (so clusters count every tier), coloured by tier
    and sized by mobility, and the layers that draw each tier's shape inside its marker. With `rows` (dataset
    row positions) the customdata is [row, outgoing, incoming] instead of the whole card (see world_map)."""
    sizes = marker_sizes(volume)
    tier = placed["tier"].astype(str).to_numpy(dtype=object)
    country_level = (placed["geo_precision"] == "country").to_numpy()
    cards = hover_cards(placed, language) if rows is None else compact_cards(placed, rows)
    # Big markers first, so a small one is drawn over a big one and stays clickable; a strategic partner's
    # marker never covers another partner's whole marker (each has its own place on the city's ring).
    order = np.argsort(-sizes.astype(int), kind="stable")
    codes = np.array([TIERS.index(t) if t in TIERS else len(TIERS) for t in tier], dtype=np.uint8)[order]
    traces = [
        dict(
            type="scattermap",
            lat=_coordinates(lat[order]),
            lon=_coordinates(lon[order]),
            mode="markers",
            name=PARTNERS_TRACE,
            showlegend=False,
            # Tier as a small integer on a stepped colour scale: one byte a partner instead of a colour string.
            marker=dict(
                size=sizes[order],
                color=codes,
                cmin=0,
                cmax=len(TIERS),
                colorscale=_tier_scale(theme),
                opacity=_opacities(country_level[order]),
            ),
            customdata=cards[order],
            cluster=_cluster(theme),
            textfont=dict(family=FONT, size=12, color="#ffffff"),
            hovertemplate=(
                "<b>%{customdata[1]}</b><br>%{customdata[2]}%{customdata[8]}<br>%{customdata[7]}<br>"
                "%{customdata[3]}<br>"
                + text("hover.agreement", language, years="%{customdata[4]}")
                + "<br>"
                + text("hover.mobility", language, outgoing="%{customdata[5]:,}", incoming="%{customdata[6]:,}")
                + "<extra></extra>"
            ),
        )
    ]
    partners = traces[0]
    layers, marked = shape_layers(
        np.asarray(partners["lat"], dtype=float),
        np.asarray(partners["lon"], dtype=float),
        tier[order],
        country_level[order],
        theme,
        compact=rows is not None,
    )
    if rows is not None and layers:  # which markers each shape layer draws (layout.map.layers, in that order)
        index = np.uint16 if len(order) <= np.iinfo(np.uint16).max + 1 else np.uint32
        partners["meta"] = {"atlasShapes": [typed_array(marks.astype(index)) for marks in marked]}
    if legend:
        traces.extend(_tier_legend(theme, language, country_level.any()))
    return traces, layers


def _opacities(country_level: np.ndarray) -> float | np.ndarray:
    """A partner placed only at its country's centre is drawn fainter. One number when every partner is alike,
    else four bytes a partner (float32: plotly.py would send float64, twice the bytes, for two values)."""
    opacity = np.where(country_level, 0.5, 0.92).astype(np.float32)
    return float(opacity[0]) if len(opacity) and (opacity == opacity[0]).all() else opacity


def _tier_scale(theme: Theme) -> list[list]:
    """A stepped colour scale: tier code k (TIERS order; the last code for an unknown tier) gets its colour."""
    colours = [theme.tiers[t] for t in TIERS] + [theme.muted]
    scale = []
    for k, colour in enumerate(colours):
        scale += [[k / len(colours), colour], [(k + 1) / len(colours), colour]]
    return scale


def shape_layers(
    lat: np.ndarray, lon: np.ndarray, tiers: np.ndarray, country_level: np.ndarray, theme: Theme, *, compact: bool
) -> tuple[list[dict], list[np.ndarray]]:
    """The tier shapes inside the markers, as map layers shown from the zoom where clusters end, and which of
    the partners trace's markers (by index) each layer draws.

    plotly clusters only circle markers (a clustered trace of icons fails in its addLayer), so the shapes are
    MapLibre symbol layers of their own, one per shape, that appear once every partner is its own marker.
    `compact` (the page's map) leaves each layer's GeoJSON empty: the page fills it from the markers it draws
    (the trace's `meta.atlasShapes`, assets/atlas-map.js), so a filter sends two bytes a partner instead of a
    GeoJSON point, and the server does not build (and plotly.py copy) thousands of features per answer.
    Past SHAPES_MAX partners they are left out (colour alone tells the tiers): as GeoJSON they doubled the
    map's response (docs/decisions/0013-map-renderer.md); as indices they would cost little on the wire, but
    MapLibre's worker would index 12,000 more points with each answer, which has not been measured.
    """
    if len(tiers) > SHAPES_MAX:
        return [], []
    layers, marked = [], []
    for icon in (*dict.fromkeys(SHAPE_ICONS.values()), COUNTRY_LEVEL_ICON):
        if icon == COUNTRY_LEVEL_ICON:
            mask = country_level
        else:
            mask = ~country_level & np.isin(tiers, [t for t, i in SHAPE_ICONS.items() if i == icon])
        if not mask.any():
            continue
        marked.append(np.flatnonzero(mask))
        features = [] if compact else [_point(x, y) for x, y in zip(lon[mask].tolist(), lat[mask].tolist())]
        layers.append(
            dict(
                sourcetype="geojson",
                source={"type": "FeatureCollection", "features": features},
                type="symbol",
                below="",
                minzoom=CLUSTER_MAXZOOM + 1,
                color=theme.surface,
                symbol=dict(icon=icon, iconsize=ICON_SIZE / 10, placement="point"),
            )
        )
    return layers, marked


def _point(lon: float, lat: float) -> dict:
    return {
        "type": "Feature",
        "properties": {},
        "geometry": {"type": "Point", "coordinates": [round(lon, 5), round(lat, 5)]},
    }


def _placeholder(name: str, marker: dict, *, group: str, rank: int, title: str | None = None, **extra) -> dict:
    """A legend entry that draws nothing on the map."""
    entry = dict(
        type="scattermap",
        lat=[None],
        lon=[None],
        mode="markers",
        name=name,
        marker=marker,
        legendgroup=group,
        legendrank=rank,
        hoverinfo="skip",
        **extra,
    )
    if title:
        entry["legendgrouptitle"] = dict(text=title)
    return entry


def _tier_legend(theme: Theme, language: str, country_level: bool) -> list[dict]:
    entries = [
        _placeholder(
            f"{SHAPE_GLYPHS[name]} {text(f'tier.{name}', language)}",
            dict(size=13, color=theme.tiers[name]),
            group="tiers",
            rank=rank,
        )
        for rank, name in enumerate(TIERS, start=10)
    ]
    if country_level:
        entries.append(
            _placeholder(
                "\u25cb " + text("legend.country_level", language),
                dict(size=13, color=theme.muted, opacity=0.55),
                group="tiers",
                rank=20,
            )
        )
    return entries


def size_legend(volume: np.ndarray) -> list[tuple[int, int]]:
    """(mobilities, marker diameter in px) for the size legend beside the map: plotly's own legend draws every
    marker at one size, so it cannot show what a size means."""
    volume = np.asarray(volume, dtype=float)
    top = float(np.max(volume)) if len(volume) else 0.0
    if top <= 0:
        return []
    steps = sorted({max(1, int(round(top * share))) for share in SIZE_LEGEND_STEPS})
    sizes = marker_sizes(np.array([*steps, top]))[:-1]
    return [(step, int(size)) for step, size in zip(steps, sizes)]


def _selection_trace(placed, lat, lon, selected_id, theme: Theme) -> dict:
    """A ring and the name around the selected partner (an empty trace when none is), at a fixed index."""
    trace = dict(
        type="scattermap",
        lat=[],
        lon=[],
        mode="markers+text",
        name=SELECTION_TRACE,
        showlegend=False,
        hoverinfo="skip",
        marker=dict(symbol=COUNTRY_LEVEL_ICON, size=22, color=theme.highlight, allowoverlap=True),
        textposition="top center",
        textfont=dict(family=FONT, size=14, color=theme.text),
    )
    if not selected_id:
        return trace
    hit = np.flatnonzero(placed["partner_id"].astype(str).to_numpy() == str(selected_id))
    if len(hit):
        i = hit[0]
        trace.update(
            lat=[round(float(lat[i]), 5)], lon=[round(float(lon[i]), 5)], text=[escape(str(placed["name"].iloc[i]))]
        )
    return trace


def _centred_on_selection(traces: list[dict], shown: MapView) -> MapView:
    """The view moved to the selected partner (a shared `?partner=` link), at least at SELECTED_ZOOM."""
    ring = next((t for t in traces if t.get("name") == SELECTION_TRACE), None)
    if not ring or not len(ring["lat"]):
        return shown
    return MapView(ring["lat"][0], ring["lon"][0], max(shown.zoom, SELECTED_ZOOM))


def selected_position(figure: go.Figure) -> tuple[float, float] | None:
    """(lat, lon) of the selection ring, or None when nothing is selected."""
    for trace in figure.data:
        if trace.name == SELECTION_TRACE and trace.lat is not None and len(trace.lat):
            return float(trace.lat[0]), float(trace.lon[0])
    return None


def _home_trace(home: Institution, theme: Theme, language: str = "en") -> dict:
    name = escape(home.short_name or home.name)
    return dict(
        type="scattermap",
        lat=[round(home.lat, 5)],
        lon=[round(home.lon, 5)],
        mode="markers",
        name=text("legend.home", language, name=name),
        legendrank=0,
        # A circle, not an icon: an icon would push the count of the cluster under it off the map.
        marker=dict(size=13, color=theme.home),
        hovertemplate=f"<b>{escape(home.name)}</b><br>{escape(home.city)} \u00b7 {text('hover.home', language)}"
        "<extra></extra>",
    )


# -- countries ------------------------------------------------------------------------------------


def _choropleth(partners: pd.DataFrame, theme: Theme, metric: str, language: str, assets_url: str) -> dict:
    from dashboard.figures.basemap import basemap_url

    rows, customdata, title = choropleth_rows(partners, metric, language)
    counts = rows[metric if metric in ("partners", "mobility") else "partners"].astype(int).tolist()
    return dict(
        type="choroplethmap",
        geojson=basemap_url(assets_url, "countries"),
        featureidkey="properties.iso3",
        locations=rows["iso3"].tolist(),
        z=counts,
        colorscale=[list(stop) for stop in theme.sequential],
        customdata=customdata,
        marker=dict(line=dict(color=theme.country_border, width=0.6), opacity=0.85),
        **choropleth_legend(title, theme, language, counts),
    )


# -- flows ----------------------------------------------------------------------------------------


def _bearing(lat1, lon1, lat2, lon2) -> np.ndarray:
    """Compass bearing (degrees clockwise from north) from point 1 towards point 2."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dl = np.radians(np.asarray(lon2) - np.asarray(lon1))
    y = np.sin(dl) * np.cos(p2)
    x = np.cos(p1) * np.sin(p2) - np.sin(p1) * np.cos(p2) * np.cos(dl)
    return (np.degrees(np.arctan2(y, x)) + 360) % 360


def _flow_traces(
    placed, volume, home: Institution, theme: Theme, direction: str, language: str, *, compact: bool = False
) -> list[dict]:
    """Arcs between home and each place with mobility, wider for more, each with an arrowhead pointing the way
    people travel (to the partner for outgoing, to home for incoming); partners in one city share one arc.
    `compact`: each arc as its ends only (see world_map); the arrowheads are placed on the whole arc either way."""
    flows = (
        pd.DataFrame(
            {"lat": placed["lat"].round(3).to_numpy(), "lon": placed["lon"].round(3).to_numpy(), "volume": volume}
        )
        .query("volume > 0")
        .groupby(["lat", "lon"], as_index=False, sort=True)["volume"]
        .sum()
    )
    if flows.empty:
        return []
    amount = flows["volume"].to_numpy()
    share = np.sqrt(amount / amount.max())
    colour = theme.directions[direction]
    unit = text("legend.flow_unit", language)
    traces: list[dict] = []
    heads: dict[str, list] = {"lat": [], "lon": [], "angle": [], "size": []}
    bounds = [*[low for low, _ in FLOW_WIDTHS[1:]], np.inf]
    for rank, ((low, width), high) in enumerate(zip(FLOW_WIDTHS, bounds)):
        mask = (share >= low) & (share < high)
        if not mask.any():
            continue
        arc_lat, arc_lon = great_circle_paths(
            (home.lat, home.lon),
            flows["lat"].to_numpy()[mask],
            flows["lon"].to_numpy()[mask],
            max_points=ARC_POINTS,
            step_deg=ARC_STEP_DEG,
        )
        smallest, largest = int(amount[mask].min()), int(amount[mask].max())
        span = (
            number(smallest, language)
            if smallest == largest
            else f"{number(smallest, language)}\u2013{number(largest, language)}"
        )
        drawn = arc_ends(home, flows["lat"].to_numpy()[mask], flows["lon"].to_numpy()[mask]) if compact else None
        traces.append(
            dict(
                type="scattermap",
                lat=arc_lat if drawn is None else drawn[0],
                lon=arc_lon if drawn is None else drawn[1],
                **({} if drawn is None else {"meta": {"atlasArcs": {"step": ARC_STEP_DEG, "points": ARC_POINTS}}}),
                mode="lines",
                name=f"{span} {unit}",
                legendgroup="flows",
                legendrank=40 + rank,
                legendgrouptitle=dict(
                    text=text("legend.flow_title", language, direction=text(f"direction.{direction}", language))
                )
                if not traces
                else None,
                line=dict(width=width * 1.4, color=colour),
                opacity=theme.flow_opacity,
                hoverinfo="skip",
            )
        )
        _add_arrowheads(heads, arc_lat, arc_lon, direction, width)
    traces.append(
        dict(
            type="scattermap",
            lat=_coordinates(np.array(heads["lat"])),
            lon=_coordinates(np.array(heads["lon"])),
            mode="markers",
            name="arrows",
            showlegend=False,
            marker=dict(
                symbol="atlas-arrow",
                size=7,
                # Whole degrees, two bytes each: a 7 px arrowhead turns visibly by no less.
                angle=np.rint(heads["angle"]).astype(np.int16),
                color=colour,
                allowoverlap=True,
            ),
            hoverinfo="skip",
        )
    )
    return [
        t if t.get("legendgrouptitle") is not None else {k: v for k, v in t.items() if k != "legendgrouptitle"}
        for t in traces
    ]


def arc_ends(home: Institution, lat: np.ndarray, lon: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """[home, place, gap] per arc, as float32 (the compact flows the page turns into great circles)."""
    ends_lat = np.column_stack([np.full(len(lat), home.lat), lat, np.full(len(lat), np.nan)]).ravel()
    ends_lon = np.column_stack([np.full(len(lon), home.lon), lon, np.full(len(lon), np.nan)]).ravel()
    return _coordinates(ends_lat), _coordinates(ends_lon)


def _add_arrowheads(heads: dict, arc_lat: np.ndarray, arc_lon: np.ndarray, direction: str, width: float) -> None:
    """One arrowhead per arc (arcs are NaN-separated) at ARROW_AT of its length, turned along the arc."""
    gaps = np.flatnonzero(np.isnan(arc_lat))
    start = 0
    for end in gaps.tolist():
        lat, lon = arc_lat[start:end].astype(float), arc_lon[start:end].astype(float)
        start = end + 1
        if len(lat) < 2:
            continue
        at = ARROW_AT if direction == "outgoing" else 1 - ARROW_AT
        k = min(int(at * (len(lat) - 1)), len(lat) - 2)
        a, b = (k, k + 1) if direction == "outgoing" else (k + 1, k)
        heads["lat"].append((lat[a] + lat[b]) / 2)
        heads["lon"].append((lon[a] + lon[b]) / 2)
        heads["angle"].append(float(_bearing(lat[a], lon[a], lat[b], lon[b])))


# -- layout ---------------------------------------------------------------------------------------


def map_layout(theme: Theme, view: MapView, assets_url: str = "/assets/") -> dict:
    """The map's layout: the offline style, the view, and a uirevision that changes with the view, so plotly
    moves the map when a filter fits it elsewhere and keeps the person's own panning otherwise."""
    return dict(
        uirevision=f"view:{view.to_param()}",
        # The legend in a strip under the map, where it covers no partner.
        margin=dict(l=0, r=0, t=0, b=LEGEND_STRIP_PX),
        legend=dict(
            orientation="h",
            x=0,
            y=0,
            xanchor="left",
            yanchor="top",
            traceorder="normal",
            bgcolor="rgba(0,0,0,0)",
            font=dict(size=theme.font_size - 3),
            groupclick="toggleitem",
        ),
        clickmode="event",
        hovermode="closest",
        dragmode="pan",
        map=dict(
            style=offline_style(theme, assets_url),
            center=dict(lat=view.lat, lon=view.lon),
            zoom=view.zoom,
            uirevision=f"view:{view.to_param()}",
        ),
    )


def _translucent(hex_colour: str, alpha: float = 0.85) -> str:
    value = hex_colour.lstrip("#")
    r, g, b = (int(value[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"
