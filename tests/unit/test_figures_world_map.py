"""The MapLibre map as a user sees it: one marker per partner in one clustered trace, a view that fits the
filter, an offline style, shapes and sizes that mean something, flows with direction, safe hover cards."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import plotly.graph_objects as go
import pytest

from dashboard.distance import distance_km
from dashboard.figures.basemap import FONT
from dashboard.figures.geo import MapView, fit_view, great_circle_paths, quick_view, region_window
from dashboard.figures.world_map import (
    ARC_POINTS,
    ARC_STEP_DEG,
    CLUSTER_MAXZOOM,
    MAX_MARKER,
    MIN_MARKER,
    PARTNERS_TRACE,
    SELECTION_TRACE,
    marker_sizes,
    size_legend,
    world_map,
)
from tests.factories import (
    GRONINGEN,
    HOME,
    MAP_HOSTILE_NAME,
    default_partners,
    filtered_map,
    make_dataset,
    make_partner,
    map_dataset,
)

HOSTILE = MAP_HOSTILE_NAME
ASSETS = Path(__file__).resolve().parents[2] / "dashboard" / "assets"


@pytest.fixture(scope="module")
def dataset():
    return map_dataset()


def _map(dataset, query="", **options):
    return filtered_map(world_map, dataset, query, **options)


def _partners(fig) -> dict[str, tuple[float, float]]:
    """partner_id -> (lat, lon) of each partner's marker, from the one trace that holds them all."""
    [trace] = [t for t in fig.data if t.name == PARTNERS_TRACE]
    ids = [str(row[0]) for row in trace.customdata]
    assert len(ids) == len(set(ids)), "a partner drawn twice"
    return {pid: (float(lat), float(lon)) for pid, lat, lon in zip(ids, trace.lat, trace.lon)}


def _inside(view: MapView, lat: float, lon: float, size=(900, 520)) -> bool:
    """Whether a point falls inside a map of `size` pixels showing `view` (Web Mercator, 512 px world)."""
    scale = 512 * 2**view.zoom

    def pixel(la, lo):
        y = np.log(np.tan(np.pi / 4 + np.radians(la) / 2))
        return (lo + 180) / 360 * scale, (1 - y / np.pi) / 2 * scale

    (cx, cy), (x, y) = pixel(view.lat, view.lon), pixel(lat, lon)
    return abs(x - cx) <= size[0] / 2 and abs(y - cy) <= size[1] / 2


@pytest.mark.parametrize("query", ["", "?tier=strategic", "?region=Europe", "?q=groningen", "?q=nothing-matches"])
@pytest.mark.parametrize("layer", ["partners", "flows"])
def test_one_marker_per_filtered_partner_in_one_clustered_trace(dataset, query, layer):
    fig, view = _map(dataset, query, layer=layer)
    assert set(_partners(fig)) == set(view.partners.dropna(subset=["lat"])["partner_id"])
    [trace] = [t for t in fig.data if t.name == PARTNERS_TRACE]
    assert trace.cluster.enabled and trace.cluster.maxzoom == CLUSTER_MAXZOOM


@pytest.mark.parametrize("query", ["?country=FI", "?tier=strategic", "?region=Europe", "?q=groningen"])
def test_a_filter_fits_the_view_so_every_partner_shown_is_inside(dataset, query):
    fig, view = _map(dataset, query, fit=True, size=(900, 520))
    shown = MapView(fig.layout.map.center.lat, fig.layout.map.center.lon, fig.layout.map.zoom)
    for pid, (lat, lon) in _partners(fig).items():
        assert _inside(shown, lat, lon), f"{pid} outside the fitted view {shown}"


def test_one_city_is_fitted_closely_but_not_to_the_street(dataset):
    fig, _ = _map(dataset, "?q=groningen", fit=True)
    assert 8 <= fig.layout.map.zoom <= 10  # FIT_MAX_ZOOM
    assert distance_km((fig.layout.map.center.lat, fig.layout.map.center.lon), GRONINGEN) < 5


def test_finland_fits_closer_than_the_world_and_no_filter_shows_the_world(dataset):
    finland, _ = _map(dataset, "?country=FI", fit=True)
    world, _ = _map(dataset, "", fit=False)
    assert finland.layout.map.zoom > world.layout.map.zoom + 2
    assert world.layout.map.zoom < 2


def test_a_view_from_the_address_wins_over_fitting(dataset):
    fig, _ = _map(dataset, "?country=FI", fit=True, view=MapView(48.0, 10.0, 4.5))
    assert (fig.layout.map.center.lat, fig.layout.map.center.lon, fig.layout.map.zoom) == (48.0, 10.0, 4.5)


def test_the_view_revision_changes_with_the_view_so_plotly_moves_the_map(dataset):
    a, _ = _map(dataset, "?country=FI", fit=True)
    b, _ = _map(dataset, "?country=FI", fit=True, theme="dark")
    c, _ = _map(dataset, "?country=NL", fit=True)
    assert a.layout.uirevision == b.layout.uirevision != c.layout.uirevision


def test_partners_of_one_city_get_distinct_points_a_few_hundred_metres_to_a_few_km_apart(dataset):
    points = _partners(_map(dataset, "?q=groningen")[0])
    places = [points[p] for p in ("P01", "P04", "P10")]
    for k, a in enumerate(places):
        for b in places[k + 1 :]:
            assert 0.3 < distance_km(a, b) < 5
        assert distance_km(a, GRONINGEN) < 3


def test_the_style_is_offline_every_source_font_and_icon_from_the_app(dataset):
    fig, _ = _map(dataset, assets_url="http://127.0.0.1:8050/assets/")
    style = fig.layout.map.style
    urls = [s["data"] for s in style["sources"].values()] + [style["sprite"]]
    urls += [face["url"] for faces in style["font-faces"].values() for face in faces]
    assert urls and all(u.startswith("http://127.0.0.1:8050/assets/") for u in urls)
    assert "glyphs" not in style  # text comes from font-faces: no glyph server
    for url in urls:
        name = url.removeprefix("http://127.0.0.1:8050/assets/")
        candidates = [ASSETS / name] if "." in Path(name).name else [ASSETS / f"{name}.json", ASSETS / f"{name}.png"]
        assert all(path.exists() for path in candidates), f"{url} is not an asset the app serves"
    texts = [layer for layer in style["layers"] if layer["type"] == "symbol"]
    assert texts and all(layer["layout"]["text-font"] == [FONT] for layer in texts)
    assert {layer["id"] for layer in style["layers"]} >= {"land", "lakes", "coastlines", "borders", "capitals"}


def test_the_basemap_files_hold_the_world(dataset):
    countries = json.loads((ASSETS / "basemap" / "countries.json").read_text())
    codes = {f["properties"].get("iso3") for f in countries["features"]}
    assert {"BEL", "FIN", "KOR", "CHL", "RUS", "CHN"} <= codes  # Eurasia is there (the topojson `land` lacks it)
    from dashboard.figures.geo_map import iso3

    # The countries layer colours a country by the code geo_map.iso3 gives it: Kosovo's outline had none, and
    # France's overseas departments and Svalbard were drawn only as parts of France and Norway.
    assert {iso3(code) for code in ("XK", "BE", "FI", "KE", "RE", "GP", "MQ", "GF", "YT", "SJ")} <= codes
    reunion = next(f for f in countries["features"] if f["properties"].get("iso3") == "REU")
    [[ring, *_]] = reunion["geometry"]["coordinates"]
    assert 55 < np.mean([p[0] for p in ring]) < 56 and -21.5 < np.mean([p[1] for p in ring]) < -20.5
    cities = json.loads((ASSETS / "basemap" / "cities.json").read_text())
    names = {f["properties"]["name"] for f in cities["features"] if f["properties"]["capital"]}
    assert {"Brussels", "Helsinki", "Seoul", "Nairobi"} <= names
    sprite = json.loads((ASSETS / "basemap" / "sprite.json").read_text())
    assert {"atlas-diamond", "atlas-square", "atlas-ring", "atlas-arrow"} <= set(sprite)


def test_a_partner_at_the_home_institutions_place_is_drawn_beside_home_not_under_it():
    at_home = make_partner(partner_id="KUL", name="KU Leuven", city="Leuven", lat=HOME.lat, lon=HOME.lon)
    fig = world_map(make_dataset(partners=[*default_partners(), at_home]).partners, home=HOME)
    drawn = _partners(fig)
    assert 0.5 < distance_km(drawn["KUL"], (HOME.lat, HOME.lon)) < 3  # off the home marker, still in its city
    alone = {p["partner_id"]: (p["lat"], p["lon"]) for p in default_partners()}
    assert drawn["P05"] == pytest.approx(alone["P05"], abs=1e-4)  # a partner alone at its place stays on it


@pytest.mark.parametrize(
    "first, second",
    [
        ((50.00004, 8.0), (50.00006, 8.0)),  # 2 m apart, either side of a 4-decimal rounding edge
        ((-16.5, 180.0), (-16.5, -180.0)),  # one meridian, written two ways
        ((35.0, 139.0), (35.0, 139.0)),  # the very same place
    ],
)
def test_partners_at_one_place_are_spread_so_each_can_be_reached(first, second):
    twins = [make_partner(partner_id=pid, lat=lat, lon=lon) for pid, (lat, lon) in (("T1", first), ("T2", second))]
    drawn = _partners(world_map(make_dataset(partners=twins).partners, home=HOME))
    assert distance_km(drawn["T1"], drawn["T2"]) > 1.0  # apart on the ring; a marker at top no longer hides one


def test_a_partner_beyond_web_mercators_edge_is_drawn_at_the_edge():
    pole = make_partner(partner_id="POLE", name="South Pole Station", city="", country="AQ", lat=-90.0, lon=0.0)
    drawn = _partners(world_map(make_dataset(partners=[*default_partners(), pole]).partners, home=HOME))
    assert -85.06 < drawn["POLE"][0] <= -84.9  # MapLibre draws nothing beyond 85.05 degrees


@pytest.mark.parametrize("layer", ["partners", "countries"])
def test_partners_placed_only_at_their_countrys_centre_fit_the_country_not_a_city(layer):
    brazil = [
        make_partner(
            partner_id=f"BR{i}",
            name=f"Universidade {i}",
            city="",
            country="BR",
            country_name="Brazil",
            region="South America",
            lat=-10.8,
            lon=-52.9,
            geo_precision="country",
        )
        for i in range(3)
    ]
    fig = world_map(make_dataset(partners=brazil).partners, home=HOME, layer=layer, fit=True)
    assert 2.5 <= fig.layout.map.zoom <= 5.0, fig.layout.map.zoom  # a country, not a city at zoom 10
    city = [make_partner(partner_id="C1", city="Recife", country="BR", lat=-8.05, lon=-34.9)]
    assert world_map(make_dataset(partners=city).partners, home=HOME, fit=True).layout.map.zoom == 10.0


def test_no_land_edge_crosses_the_world_sideways():
    """An edge from -180 to +180 degrees is a line across the whole map: MapLibre filled bands across the Arctic
    and the Pacific from Russia's and Fiji's rings (Natural Earth cuts them at 180). Only Antarctica may run
    along the map's bottom edge, where its ring closes."""
    countries = json.loads((ASSETS / "basemap" / "countries.json").read_text())
    across, open_rings = [], []
    for feature in countries["features"]:
        for polygon in feature["geometry"]["coordinates"]:
            for ring in polygon:
                open_rings += [feature["properties"].get("iso3")] if ring[0] != ring[-1] else []
                across += [
                    (feature["properties"].get("iso3"), a, b)
                    for a, b in zip(ring, ring[1:])
                    if abs(a[0] - b[0]) > 180 and not abs(a[1]) == abs(b[1]) == 85.0
                ]
    assert across == [] and open_rings == []


def test_the_land_either_side_of_180_degrees_is_drawn_where_it_is():
    from dashboard.figures.basemap_build import _continuous_ring

    # A ring cut at 180 (Natural Earth's Vanua Levu, simplified): along -180, then on at +180.
    ring = [
        [-180.0, -16.9],
        [-179.8, -16.5],
        [-180.0, -16.1],
        [180.0, -16.1],
        [179.0, -16.5],
        [180.0, -16.9],
        [-180.0, -16.9],
    ]
    fixed = _continuous_ring(ring)
    assert max(abs(a[0] - b[0]) for a, b in zip(fixed, fixed[1:])) < 2
    assert {((x + 180) % 360 - 180, y) for x, y in fixed} == {((x + 180) % 360 - 180, y) for x, y in ring}
    # Once around the south pole: closed along the map's bottom edge.
    pole = _continuous_ring([[-180.0, -70.0], [-60.0, -75.0], [60.0, -68.0], [180.0, -70.0]])
    assert pole[-3:] == [[180.0, -85.0], [-180.0, -85.0], [-180.0, -70.0]]


def test_tiers_differ_in_colour_and_the_legend_shows_their_shapes(dataset):
    fig, _ = _map(dataset)
    [trace] = [t for t in fig.data if t.name == PARTNERS_TRACE]
    colours = {stop[1] for stop in trace.marker.colorscale}
    assert len(colours) == 4  # three tiers and "unknown"
    legend = " ".join(t.name for t in fig.data if t.showlegend is not False)
    assert "\u25c6 Strategic" in legend and "\u25a0 Collaboration" in legend
    icons = {layer.symbol.icon for layer in fig.layout.map.layers}
    assert {"atlas-diamond", "atlas-square", "atlas-dot"} <= icons
    assert all(layer.minzoom == CLUSTER_MAXZOOM + 1 for layer in fig.layout.map.layers)


def test_country_level_partners_look_different_and_say_so(dataset):
    fig, view = _map(dataset)
    [trace] = [t for t in fig.data if t.name == PARTNERS_TRACE]
    ids = [str(row[0]) for row in trace.customdata]
    k = ids.index("P06")  # placed at country level in the factory data
    assert trace.marker.opacity[k] < trace.marker.opacity[ids.index("P01")]
    assert "country level" in trace.customdata[k][8]
    assert any(layer.symbol.icon == "atlas-ring" for layer in fig.layout.map.layers)


def test_marker_size_grows_with_mobility_and_the_size_legend_says_how_much():
    sizes = marker_sizes(np.array([0, 10, 100, 1000]))
    assert sizes[0] == MIN_MARKER and sizes[-1] == MAX_MARKER and list(sizes) == sorted(sizes)
    steps = size_legend(np.array([0, 10, 100, 1000]))
    counts = [count for count, _ in steps]
    diameters = [d for _, d in steps]
    assert counts == sorted(counts) and counts[-1] == 1000 and diameters == sorted(diameters)
    assert size_legend(np.zeros(3)) == []


def test_hover_cards_escape_names_and_cities(dataset):
    fig, _ = _map(dataset)
    [trace] = [t for t in fig.data if t.name == PARTNERS_TRACE]
    card = next(row for row in trace.customdata if row[0] == "P10")
    assert "&lt;img" in card[1] and "<img" not in card[1] and "&lt;script&gt;" in card[2]


def test_the_selected_partner_gets_a_ring_and_its_name_and_the_map_centres_on_it(dataset):
    fig, _ = _map(dataset, selected_id="P07")
    ring = next(t for t in fig.data if t.name == SELECTION_TRACE)
    assert len(ring.lat) == 1 and ring.text == ("Hanyang University",)
    assert distance_km((fig.layout.map.center.lat, fig.layout.map.center.lon), (ring.lat[0], ring.lon[0])) < 1


@pytest.mark.parametrize("direction", ["outgoing", "incoming"])
def test_flows_are_arcs_with_an_arrowhead_each_pointing_the_way_people_go(dataset, direction):
    fig, _ = _map(dataset, layer="flows", flow_direction=direction)
    arcs = [t for t in fig.data if t.mode == "lines"]
    [heads] = [t for t in fig.data if t.name == "arrows"]
    assert arcs and len(heads.lat) == sum(int(np.isnan(np.asarray(t.lat, dtype=float)).sum()) for t in arcs)
    assert "mobilities" in " ".join(t.name for t in arcs)  # the legend's unit
    widths = [t.line.width for t in arcs]
    assert widths == sorted(widths)
    home = dataset.institution
    # An outgoing arrowhead sits nearer the partner than home, an incoming one nearer home.
    fig, _ = _map(dataset, "?q=turku", layer="flows", flow_direction=direction)
    [head] = [t for t in fig.data if t.name == "arrows"]
    to_home = distance_km((head.lat[0], head.lon[0]), (home.lat, home.lon))
    to_partner = distance_km((head.lat[0], head.lon[0]), (60.4518, 22.2666))
    assert (to_partner < to_home) == (direction == "outgoing")


@pytest.mark.parametrize("direction", ["outgoing", "incoming"])
def test_compact_flows_send_each_arc_as_home_and_place_with_the_same_arrowheads(dataset, direction):
    """The page's map (compact_arcs) gets [home, place, gap] per arc, which assets/atlas-map.js draws as the great
    circle; the arcs, their widths and legend and the arrowheads are those of the whole figure."""
    whole, _ = _map(dataset, layer="flows", flow_direction=direction)
    compact, _ = _map(dataset, layer="flows", flow_direction=direction, compact_arcs=True)
    home = dataset.institution
    drawn = [t for t in whole.data if t.mode == "lines"]
    sent = [t for t in compact.data if t.mode == "lines"]
    assert [(t.name, t.line.width) for t in sent] == [(t.name, t.line.width) for t in drawn]
    for full, ends in zip(drawn, sent):
        lat, lon = np.asarray(ends.lat, dtype=float).reshape(-1, 3), np.asarray(ends.lon, dtype=float).reshape(-1, 3)
        assert np.isnan(lat[:, 2]).all() and np.isnan(lon[:, 2]).all()
        assert np.allclose(lat[:, 0], home.lat, atol=1e-4) and np.allclose(lon[:, 0], home.lon, atol=1e-4)
        # Each arc's far end is where the whole figure's arc ends, in the same order.
        full_lat, full_lon = np.asarray(full.lat, dtype=float), np.asarray(full.lon, dtype=float)
        last = np.flatnonzero(np.isnan(full_lat)) - 1
        assert np.allclose(lat[:, 1], full_lat[last], atol=1e-3)
        assert np.allclose((lon[:, 1] - full_lon[last] + 180) % 360 - 180, 0, atol=1e-3)
        assert ends.meta == {"atlasArcs": {"step": ARC_STEP_DEG, "points": ARC_POINTS}}
        assert len(ends.lat) < len(full.lat)
    [heads] = [t for t in compact.data if t.name == "arrows"]
    [full_heads] = [t for t in whole.data if t.name == "arrows"]
    assert np.array_equal(heads.lat, full_heads.lat) and np.array_equal(heads.lon, full_heads.lon)
    assert np.array_equal(heads.marker.angle, full_heads.marker.angle)


@pytest.mark.parametrize("metric", ["partners", "mobility"])
def test_countries_layer_is_a_choropleth_on_the_served_outlines_with_its_scale(dataset, metric):
    fig, _ = _map(dataset, layer="countries", country_metric=metric)
    [countries] = [t for t in fig.data if t.type == "choroplethmap"]
    assert countries.geojson.endswith("/basemap/countries.json") and countries.featureidkey == "properties.iso3"
    assert "FIN" in countries.locations and countries.colorbar.title.text


@pytest.mark.parametrize("builder", ["world_map", "geo_map"])
@pytest.mark.parametrize("metric, largest", [("partners", 1), ("mobility", None)])
def test_the_countries_scale_runs_from_zero_in_whole_steps(builder, metric, largest):
    from dashboard.figures.geo_map import geo_map

    one_each = [
        make_partner(partner_id=f"X{i}", country=c, lat=lat, lon=lon)
        for i, (c, lat, lon) in enumerate([("BE", 51.05, 3.72), ("FI", 60.17, 24.94), ("KE", -1.29, 36.82)])
    ]
    build = {"world_map": world_map, "geo_map": geo_map}[builder]
    fig = build(make_dataset(partners=one_each).partners, home=HOME, layer="countries", country_metric=metric)
    [countries] = [t for t in fig.data if t.type.startswith("choropleth")]
    top = max(countries.z)
    assert (countries.zmin, countries.zmax) == (0, largest or max(top, 1))  # a range of 0 to 0 would be no scale
    step = countries.colorbar.dtick
    assert step == int(step) and countries.zmax / step <= 5  # whole numbers, a handful of ticks: no "0.6 partners"


@pytest.mark.parametrize("layer", ["partners", "countries", "flows"])
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_property_is_one_plotly_knows(dataset, layer, theme):
    fig, _ = _map(dataset, layer=layer, theme=theme, selected_id="P01")
    go.Figure(fig.to_dict())  # validates every property


def test_fit_view_of_nothing_is_none_and_of_one_point_is_the_city_zoom():
    assert fit_view([], []) is None
    assert fit_view([50.0], [4.0]).zoom == 10.0


def screen_offsets(view: MapView, lat, lon) -> tuple[np.ndarray, np.ndarray]:
    """Pixels from the map's centre to each point in Web Mercator (512 px world at zoom 0), each point taken on
    the copy of the world nearest the centre, as MapLibre draws it."""
    world = 512 * 2**view.zoom

    def mercator(degrees):
        phi = np.radians(np.asarray(degrees, dtype=float))
        return np.log(np.tan(np.pi / 4 + phi / 2)) / (2 * np.pi)

    east = (np.asarray(lon, dtype=float) - view.lon + 540) % 360 - 180
    return east / 360 * world, (mercator(view.lat) - mercator(lat)) * world


@pytest.mark.parametrize(
    "places, closer_than",
    [
        # Auckland, Suva, Apia, Honolulu: the Pacific, across 180 degrees; a plain west-east box is the world.
        ([(-36.85, 174.76), (-18.14, 178.44), (-13.83, -171.76), (21.31, -157.86)], 1.5),
        # Vladivostok, Anadyr, Provideniya (east of 180): Russia's far east.
        ([(43.12, 131.89), (64.73, 177.51), (64.42, -173.23)], 2.5),
        # Tokyo and Seattle: a Pacific network.
        ([(35.68, 139.69), (47.61, -122.33)], 2.0),
    ],
)
def test_a_filter_across_the_antimeridian_fits_the_pacific_not_the_world(places, closer_than):
    lat, lon = (np.array(values) for values in zip(*places))
    size = (900, 520)
    view = fit_view(lat, lon, size)
    assert view.zoom > closer_than, f"{view}: as far out as the world view"
    x, y = screen_offsets(view, lat, lon)
    assert (np.abs(x) <= size[0] / 2).all() and (np.abs(y) <= size[1] / 2).all(), (view, x, y)


@pytest.mark.parametrize(
    "home, to",
    [
        ((35.68, 139.69), (21.31, -157.86)),  # Tokyo to Honolulu, eastward over 180 degrees
        ((-36.85, 174.76), (-13.83, -171.76)),  # Auckland to Apia
        ((21.31, -157.86), (-33.87, 151.21)),  # Honolulu to Sydney, westward over it
        ((50.88, 4.70), (60.17, 24.94)),  # Leuven to Helsinki: nowhere near it
    ],
)
def test_a_flow_across_the_pacific_is_one_arc_not_a_line_across_the_world(home, to):
    lat, lon = great_circle_paths(home, [to[0]], [to[1]], max_points=24, step_deg=2.0)
    lat, lon = lat[:-1].astype(float), lon[:-1].astype(float)  # the last slot is the NaN that ends the arc
    assert np.abs(np.diff(lon)).max() < 30, np.round(lon, 1)
    assert (lat[0], (lon[0] - home[1] + 180) % 360 - 180) == pytest.approx((home[0], 0), abs=1e-3)
    assert (lat[-1], (lon[-1] - to[1] + 180) % 360 - 180) == pytest.approx((to[0], 0), abs=1e-3)
    # Every point on the great circle: as far from home and from the partner together as they are apart.
    whole = distance_km(home, to)
    for point in zip(lat, lon):
        assert distance_km(home, point) + distance_km(point, to) == pytest.approx(whole, rel=1e-3)


@pytest.mark.parametrize("size", [(900, 520), (1600, 700)])  # a phone's map is narrower than the world at zoom 0
def test_the_world_view_shows_the_whole_world_centred_on_greenwich(size):
    view = quick_view("world", size)
    assert abs(view.lon) < 10
    x, y = screen_offsets(view, [0, 0, 60, -50], [-179, 179, 0, 0])
    assert (np.abs(x) <= size[0] / 2).all() and (np.abs(y) <= size[1] / 2).all(), (view, x, y)


def test_the_home_view_of_an_institution_near_180_degrees_is_its_surroundings():
    view = quick_view("home", (900, 520), home=(-36.85, 174.76))  # Auckland
    assert view.zoom > 4 and abs(view.lat + 36.85) < 1 and abs(view.lon - 174.76) < 1, view


OCEANIA = {
    "Sydney": (-33.87, 151.21),
    "Auckland": (-36.85, 174.76),
    "Apia": (-13.83, -171.77),
    "Papeete": (-17.54, -149.57),
    "Hagatna": (13.48, 144.75),
    "Hobart": (-42.88, 147.33),
}


def test_the_oceania_window_of_the_poster_and_presentation_holds_its_islands_across_180_degrees():
    (west, east), (south, north) = region_window("Oceania")
    outside = [
        city
        for city, (lat, lon) in OCEANIA.items()
        if not (south <= lat <= north and (lon - west) % 360 <= east - west)
    ]
    assert outside == []
    assert region_window(["North America", "Oceania"])[0] == (-180.0, 180.0)  # never wider than the world


def test_a_network_around_the_world_keeps_the_map_centred_on_europe_and_africa():
    # Leuven, New York, Sydney, Tokyo: no band across 180 degrees is much narrower than the plain one.
    view = fit_view([50.88, 40.71, -33.87, 35.68], [4.70, -74.01, 151.21, 139.69], (900, 520))
    assert -30 < view.lon < 60
    x, _ = screen_offsets(view, [50.88, 40.71, -33.87, 35.68], [4.70, -74.01, 151.21, 139.69])
    assert (np.abs(x) <= 450).all()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("50.8,4.7,6", MapView(50.8, 4.7, 6.0)),
        ("50.8, 4.7, 6.25", MapView(50.8, 4.7, 6.25)),
        ("91,0,3", None),
        ("0,181,3", None),
        ("1,2", None),
        ("a,b,c", None),
        ("nan,1,2", None),
        ("", None),
    ],
)
def test_a_view_in_the_address_is_three_numbers_in_range(text, expected):
    assert MapView.from_param(text) == expected
