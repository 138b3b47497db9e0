"""The map's offline MapLibre style: every source, font and icon is a file the app serves itself.

Land and the countries layer come from countries.json, then lakes, coastlines and borders (assets/basemap, built
from the bundled Natural Earth outlines by basemap_build). Text (cluster counts, city names) is drawn by MapLibre
from the Noto Sans files in assets/fonts through the style's `font-faces`, so no glyph server is needed; the
tier shapes and flow arrowheads are icons of the app's own sprite.
"""

from __future__ import annotations

from dashboard.figures.theme import Theme

FONT = "Noto Sans Regular"  # the font stack every text layer names (plotly's textfont.family)
FONT_FILES = (
    (
        "noto-sans-latin-400-normal.woff2",
        "U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+2000-206F,"
        "U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD",
    ),
    (
        "noto-sans-latin-ext-400-normal.woff2",
        "U+0100-02AF,U+1E00-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF",
    ),
)
BASEMAP_FILES = ("countries", "lakes", "coastlines", "borders", "cities")
# MapLibre simplifies each GeoJSON tile's lines within this many tile pixels (its default is 0.375). Every redraw
# paints the outlines again, and in a software-rendered browser (SwiftShader, the tests' and this machine's) that
# is most of a frame: 118 ms at the default, 68 ms at 1.5, for the dashboard's map (bench/README.md, "map").
OUTLINE_TOLERANCE_PX = 1.5
CAPITALS_FROM_ZOOM = 3.5  # a country fills a good part of the map: its capital is named
CITIES_FROM_ZOOM = 5.0  # a region: its large cities too
# Below the first layer id plotly inserts its traces' layers (its `below` default is the style's first symbol layer;
# ours has none, so traces go on top).


def basemap_url(assets_url: str, name: str) -> str:
    return f"{assets_url.rstrip('/')}/basemap/{name}.json"


def offline_style(theme: Theme, assets_url: str = "/assets/") -> dict:
    """A MapLibre style dict (version 8) for `theme`, reading only from `assets_url` on this server."""
    base = assets_url.rstrip("/")
    return {
        "version": 8,
        "name": f"partner-atlas-{theme.name}",
        "sources": {
            name: {"type": "geojson", "data": basemap_url(assets_url, name), "tolerance": OUTLINE_TOLERANCE_PX}
            for name in BASEMAP_FILES
        },
        "font-faces": {
            FONT: [{"url": f"{base}/fonts/{file}", "unicode-range": ranges.split(",")} for file, ranges in FONT_FILES]
        },
        "sprite": f"{base}/basemap/sprite",
        "layers": [
            {"id": "ocean", "type": "background", "paint": {"background-color": theme.ocean}},
            {"id": "land", "type": "fill", "source": "countries", "paint": {"fill-color": theme.land}},
            {"id": "lakes", "type": "fill", "source": "lakes", "paint": {"fill-color": theme.ocean}},
            {
                "id": "coastlines",
                "type": "line",
                "source": "coastlines",
                "paint": {
                    "line-color": theme.coastline,
                    "line-width": ["interpolate", ["linear"], ["zoom"], 1, 0.5, 8, 1.2],
                },
            },
            {
                "id": "borders",
                "type": "line",
                "source": "borders",
                "paint": {
                    "line-color": theme.country_border,
                    "line-width": ["interpolate", ["linear"], ["zoom"], 1, 0.5, 8, 1.4],
                },
            },
            _city_labels("capitals", ["==", ["get", "capital"], 1], CAPITALS_FROM_ZOOM, theme, size=12),
            _city_labels("cities", ["==", ["get", "capital"], 0], CITIES_FROM_ZOOM, theme, size=11),
        ],
    }


def _city_labels(layer_id: str, condition: list, from_zoom: float, theme: Theme, *, size: int) -> dict:
    """Place names under the partners' markers, so people know where they are once zoomed in."""
    return {
        "id": layer_id,
        "type": "symbol",
        "source": "cities",
        "filter": condition,
        "minzoom": from_zoom,
        "layout": {
            "text-field": ["get", "name"],
            "text-font": [FONT],
            "text-size": size,
            "symbol-sort-key": ["get", "rank"],
            "text-padding": 4,
        },
        "paint": {"text-color": theme.muted, "text-halo-color": theme.land, "text-halo-width": 1.2},
    }
