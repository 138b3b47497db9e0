"""Geometry for the map: spreading partners that share a place, great-circle arcs, region windows."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

# Ring radius in degrees for the world view; a region zoom (about 4x closer) uses REGION_RING_SCALE of it.
# 1.2 degrees (130 km) keeps two partners of one city apart at world zoom while they stay by their city.
RING_RADIUS_DEG = 1.2
RING_SPACING_DEG = 1.0  # larger groups grow the ring so neighbours keep this distance
REGION_RING_SCALE = 0.55
RING_MAX = 10  # beyond this a sunflower (Vogel) spiral packs them tighter than one huge ring
GOLDEN_ANGLE = np.pi * (3 - np.sqrt(5))

# lon/lat windows the region filter zooms to on the SVG maps (poster, presentation; continents as in
# partners.region). Oceania runs on past 180 degrees to French Polynesia (Samoa -172 is 188 here; plotly's geo
# draws such a range across the antimeridian) and north to Guam and Micronesia.
REGION_BOUNDS: dict[str, tuple[tuple[float, float], tuple[float, float]]] = {
    "Europe": ((-25.0, 45.0), (34.0, 71.5)),
    "Asia": ((25.0, 150.0), (-11.0, 56.0)),
    "Africa": ((-20.0, 55.0), (-36.0, 38.0)),
    "North America": ((-170.0, -50.0), (7.0, 73.0)),
    "South America": ((-90.0, -30.0), (-56.0, 14.0)),
    "Oceania": ((110.0, 215.0), (-50.0, 20.0)),
}
WORLD_LAT_RANGE = (-58.0, 84.0)  # leave out Antarctica: nobody partners there, and the map gains height


def spread_rings(
    lat: np.ndarray, lon: np.ndarray, ids: np.ndarray, scale: float = 1.0
) -> tuple[np.ndarray, np.ndarray]:
    """Display positions: partners at the same place move onto a small ring around it, ordered by id.

    A lone partner stays exactly on its place; the order (and so the layout) is the same on every call.
    """
    lat = np.asarray(lat, dtype=float)
    lon = np.asarray(lon, dtype=float)
    if len(lat) == 0:
        return lat.copy(), lon.copy()
    frame = pd.DataFrame({"place": same_place(lat, lon), "id": np.asarray(ids).astype(str)})
    frame = frame.sort_values(["place", "id"], kind="stable")
    groups = frame.groupby("place", sort=False)
    k = groups.cumcount().to_numpy()
    n = groups["id"].transform("size").to_numpy()

    ring_radius = scale * np.maximum(RING_RADIUS_DEG, RING_SPACING_DEG * n / (2 * np.pi))
    ring_angle = np.pi / 2 + 2 * np.pi * k / np.maximum(n, 1)
    spiral_radius = scale * RING_SPACING_DEG * 0.75 * np.sqrt(k + 0.5)
    spiral_angle = k * GOLDEN_ANGLE
    use_ring = n <= RING_MAX
    radius = np.where(n > 1, np.where(use_ring, ring_radius, spiral_radius), 0.0)
    angle = np.where(use_ring, ring_angle, spiral_angle)

    base_lat = lat[frame.index.to_numpy()]
    base_lon = lon[frame.index.to_numpy()]
    # Stretch longitude offsets so the ring stays round on the map away from the equator.
    stretch = 1.0 / np.clip(np.cos(np.radians(base_lat)), 0.25, None)
    out_lat = np.empty_like(lat)
    out_lon = np.empty_like(lon)
    order = frame.index.to_numpy()
    out_lat[order] = np.clip(base_lat + radius * np.sin(angle), -89.9, 89.9)
    out_lon[order] = base_lon + radius * np.cos(angle) * stretch
    return out_lat, out_lon


PLACE_CELL_DEG = 1e-4  # about 11 m: partners closer than this share a place
_CELL_ROW = 4_000_000  # more cells than a row of longitudes has, so (row, column) packs into one number


def same_place(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """A number per point, the same for points at one place: in one cell of an 11 m grid, or in neighbouring
    cells (two partners 2 m apart either side of a cell's edge, or at 180 and -180 degrees, are at one place;
    by cells alone they were not, and the one drawn on top hid the other at every zoom). A point without
    coordinates is a place of its own."""
    finite = np.isfinite(lat) & np.isfinite(lon)
    row = np.round(np.where(finite, lat, 0) / PLACE_CELL_DEG).astype(np.int64) + _CELL_ROW // 2
    column = np.round(np.where(finite, (lon + 180) % 360 - 180, 0) / PLACE_CELL_DEG).astype(np.int64)
    cell = row * _CELL_ROW + column + _CELL_ROW // 2
    occupied = np.unique(cell[finite])  # sorted: a neighbour cell is looked up by bisection
    place = cell.copy()
    for step in (-_CELL_ROW - 1, -_CELL_ROW, -_CELL_ROW + 1, -1):  # a place is named after its lowest cell
        neighbour = cell + step
        found = occupied[np.minimum(np.searchsorted(occupied, neighbour), len(occupied) - 1)] == neighbour
        place = np.where(found, np.minimum(place, neighbour), place)
    return np.where(finite, place, -1 - np.arange(len(lat)))


def great_circle_paths(
    start: tuple[float, float],
    lats,
    lons,
    *,
    max_points: int = 20,
    step_deg: float = 8.0,
) -> tuple[np.ndarray, np.ndarray]:
    """lat and lon arrays of arcs from `start` to each point, separated by NaN so one trace draws them all.

    Short arcs get fewer points (one per `step_deg` of arc, at most `max_points`): Europe's many short
    flows would otherwise weigh more than the rest of the figure.
    """
    lats = np.radians(np.asarray(lats, dtype=float))
    lons = np.radians(np.asarray(lons, dtype=float))
    if len(lats) == 0:
        return np.array([]), np.array([])
    lat0, lon0 = np.radians(start[0]), np.radians(start[1])
    a = np.array([np.cos(lat0) * np.cos(lon0), np.cos(lat0) * np.sin(lon0), np.sin(lat0)])
    b = np.stack([np.cos(lats) * np.cos(lons), np.cos(lats) * np.sin(lons), np.sin(lats)], axis=1)
    omega = np.arccos(np.clip(b @ a, -1.0, 1.0))
    counts = np.clip(np.ceil(np.degrees(omega) / step_deg).astype(int) + 1, 2, max_points)
    # Each arc takes counts[i] points plus one NaN slot that breaks the line before the next arc.
    slots = counts + 1
    arc = np.repeat(np.arange(len(counts)), slots)
    position = np.arange(slots.sum()) - np.repeat(np.cumsum(slots) - slots, slots)
    t = position / (counts[arc] - 1)
    angle = omega[arc]
    sin = np.sin(angle)
    safe = sin > 1e-9
    wa = np.where(safe, np.sin((1 - t) * angle) / np.where(safe, sin, 1), 1 - t)
    wb = np.where(safe, np.sin(t * angle) / np.where(safe, sin, 1), t)
    points = wa[:, None] * a + wb[:, None] * b[arc]
    norm = np.linalg.norm(points, axis=1)
    points /= np.where(norm > 0, norm, 1)[:, None]
    out_lat = np.round(np.degrees(np.arcsin(np.clip(points[:, 2], -1, 1))), 3).astype(np.float32)
    gap = position == counts[arc]
    out_lon = np.round(_unwrapped(np.degrees(np.arctan2(points[:, 1], points[:, 0])), position, gap), 3)
    out_lon = out_lon.astype(np.float32)
    out_lat[gap] = np.nan
    out_lon[gap] = np.nan
    return out_lat, out_lon


def _unwrapped(lon: np.ndarray, position: np.ndarray, gap: np.ndarray) -> np.ndarray:
    """Each arc's longitudes made continuous: an arc over the Pacific goes on from 179 to 181 degrees instead of
    jumping to -179, which the map would draw as a line across the whole world. `position` numbers the points
    of each arc from 0; `gap` marks the slot that ends it."""
    step = np.diff(lon, prepend=lon[:1])
    step = np.where((position > 0) & ~gap, step - 360 * np.round(step / 360), 0.0)
    total = np.cumsum(step)
    first = np.flatnonzero(position == 0)[np.cumsum(position == 0) - 1]  # the index of each point's arc start
    return lon[first] + total - total[first]


def region_window(regions) -> tuple[tuple[float, float], tuple[float, float]] | None:
    """(lon range, lat range) covering the named regions, or None for the world view."""
    if isinstance(regions, str):
        regions = (regions,)
    boxes = [REGION_BOUNDS[r] for r in (regions or ()) if r in REGION_BOUNDS]
    if not boxes:
        return None
    lon = (min(b[0][0] for b in boxes), max(b[0][1] for b in boxes))
    lat = (min(b[1][0] for b in boxes), max(b[1][1] for b in boxes))
    if lon[1] - lon[0] >= 360:  # e.g. the Americas and Oceania together: the whole width of the world
        lon = (-180.0, 180.0)
    return lon, lat


# -- the map's view (Web Mercator, as MapLibre draws it) ------------------------------------------

TILE_PX = 512  # MapLibre's world is 512 px wide at zoom 0
MAX_MERCATOR_LAT = 85.05
FIT_PADDING_PX = 48  # room around the partners a filter shows, so markers at the edge stay whole
FIT_MAX_ZOOM = 10.0  # one city: close enough to tell its partners apart, far enough to see the city
NOMINAL_MAP_PX = (900, 520)  # the panel's size before the browser has said how big it is
QUICK_VIEWS = {  # (lat, lon) boxes of the quick-view buttons; "home" is made around the institution
    "world": ((-50.0, -170.0), (72.0, 180.0)),
    "europe": ((35.0, -12.0), (67.0, 35.0)),
}
HOME_SURROUNDINGS_DEG = 4.0  # half the box of the "home surroundings" view


@dataclass(frozen=True)
class MapView:
    """Where the map looks: its centre and MapLibre zoom (0 shows the world in 512 px)."""

    lat: float
    lon: float
    zoom: float

    def to_param(self) -> str:
        """The `view=lat,lon,zoom` value of the address."""
        return f"{self.lat:.4f},{self.lon:.4f},{self.zoom:.2f}"

    @classmethod
    def from_param(cls, value: str | None) -> MapView | None:
        """A view from `lat,lon,zoom`, or None when the text is not three numbers in range."""
        try:
            lat, lon, zoom = (float(part) for part in str(value or "").split(","))
        except ValueError:
            return None
        if not (np.isfinite([lat, lon, zoom]).all() and -90 <= lat <= 90 and -180 <= lon <= 180 and 0 <= zoom <= 22):
            return None
        return cls(round(lat, 4), round(lon, 4), round(zoom, 2))


def _mercator_y(lat) -> np.ndarray:
    lat = np.radians(np.clip(np.asarray(lat, dtype=float), -MAX_MERCATOR_LAT, MAX_MERCATOR_LAT))
    return (1 - np.log(np.tan(lat) + 1 / np.cos(lat)) / np.pi) / 2


def _mercator_lat(y: float) -> float:
    return float(np.degrees(np.arctan(np.sinh(np.pi * (1 - 2 * y)))))


def fit_view(
    lat,
    lon,
    size: tuple[int, int] = NOMINAL_MAP_PX,
    *,
    padding: int = FIT_PADDING_PX,
    max_zoom: float = FIT_MAX_ZOOM,
    min_zoom: float = 0.0,
) -> MapView | None:
    """The view that shows every point inside a `size` (width, height) map with `padding` pixels to spare,
    never closer than `max_zoom`; None when there is no point."""
    lat = np.asarray(lat, dtype=float)
    lon = np.asarray(lon, dtype=float)
    keep = np.isfinite(lat) & np.isfinite(lon)
    if not keep.any():
        return None
    lat, lon = lat[keep], lon[keep]
    west, span_lon = lon_extent(lon)
    return fit_box(
        float(lat.min()), west, float(lat.max()), span_lon, size, padding=padding, max_zoom=max_zoom, min_zoom=min_zoom
    )


def fit_box(
    south: float,
    west: float,
    north: float,
    span_lon: float,
    size: tuple[int, int] = NOMINAL_MAP_PX,
    *,
    padding: int = FIT_PADDING_PX,
    max_zoom: float = FIT_MAX_ZOOM,
    min_zoom: float = 0.0,
) -> MapView:
    """The view that shows the box from `west` eastward over `span_lon` degrees (past 180 when it crosses the
    antimeridian) and from `south` to `north` inside a `size` map with `padding` pixels to spare."""
    y = _mercator_y([south, north])
    width = max(size[0] - 2 * padding, 64)
    height = max(size[1] - 2 * padding, 64)
    span_x, span_y = span_lon / 360, float(y.max() - y.min())
    zooms = [max_zoom]
    if span_x > 0:
        zooms.append(np.log2(width / (span_x * TILE_PX)))
    if span_y > 0:
        zooms.append(np.log2(height / (span_y * TILE_PX)))
    zoom = float(np.clip(min(zooms), min_zoom, max_zoom))
    centre_lon = (west + span_lon / 2 + 180) % 360 - 180
    centre_y = (y.max() + y.min()) / 2
    return MapView(round(_mercator_lat(centre_y), 4), round(float(centre_lon), 4), round(zoom, 2))


def lon_extent(lon) -> tuple[float, float]:
    """(western edge, width) in degrees of the band of longitude the map fits to hold every `lon`.

    The band crosses the antimeridian when that makes it clearly narrower (two thirds as wide or less): partners in
    New Zealand, Fiji and Samoa (174, 178, -172 degrees) lie in a band 14 degrees wide around 180, not one of 346
    degrees around Africa. Otherwise it is the plain band from west to east, so a network spread over the world
    keeps the familiar map centred on Europe and Africa. The crossing band is the circle less its widest empty gap
    between neighbouring longitudes; the map draws the world's copies side by side, so a view centred near 180
    shows the partners on both sides of it.
    """
    ordered = np.sort((np.asarray(lon, dtype=float) + 180) % 360 - 180)
    plain = float(ordered[-1] - ordered[0])
    gaps = np.diff(ordered)
    if len(gaps):
        widest = int(np.argmax(gaps))
        crossing = 360 - float(gaps[widest])
        if crossing <= plain * 2 / 3:
            return float(ordered[widest + 1]), crossing
    return float(ordered[0]), plain


def quick_view(name: str, size: tuple[int, int] = NOMINAL_MAP_PX, home: tuple[float, float] | None = None) -> MapView:
    """The World, Europe or home-surroundings view for a map of `size`."""
    if name == "home" and home is not None:
        lat, lon = home
        box = (
            (lat - HOME_SURROUNDINGS_DEG / 2, lon - HOME_SURROUNDINGS_DEG),
            (lat + HOME_SURROUNDINGS_DEG / 2, lon + HOME_SURROUNDINGS_DEG),
        )
    else:
        box = QUICK_VIEWS.get(name, QUICK_VIEWS["world"])
    (south, west), (north, east) = box
    return fit_box(south, west, north, east - west, size, padding=8)
