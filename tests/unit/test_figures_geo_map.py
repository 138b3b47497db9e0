"""The world map as a user sees it: one marker per partner, safe hover cards, rings, zoom, layers, themes."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import pytest

from dashboard.distance import distance_km
from dashboard.figures.geo_map import geo_map as world_map
from tests.factories import (
    GRONINGEN,
    MAP_HOSTILE_NAME,
    default_partners,
    filtered_map,
    make_dataset,
    make_partner,
    map_dataset,
)

HOSTILE = MAP_HOSTILE_NAME


@pytest.fixture(scope="module")
def dataset():
    return map_dataset()


def _map(dataset, query="", **options):
    return filtered_map(world_map, dataset, query, **options)


def _partner_points(fig) -> dict[str, dict]:
    """partner_id -> {lat, lon, trace} for every clickable partner marker."""
    points = {}
    for trace in fig.data:
        if trace.customdata is None or trace.type != "scattergeo":
            continue
        for row, lat, lon in zip(trace.customdata, trace.lat, trace.lon):
            assert row[0] not in points, f"partner {row[0]} drawn twice"
            points[row[0]] = {"lat": float(lat), "lon": float(lon), "trace": trace}
    return points


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, (list, tuple, np.ndarray)):
        for item in value:
            yield from _strings(item)


@pytest.mark.parametrize("query", ["", "?tier=strategic", "?region=Europe", "?q=groningen", "?q=nothing-matches"])
@pytest.mark.parametrize("layer", ["partners", "flows"])
def test_one_marker_per_filtered_partner(dataset, query, layer):
    fig, view = _map(dataset, query, layer=layer)
    assert sorted(_partner_points(fig)) == sorted(view.partners["partner_id"])


def test_partners_without_coordinates_are_left_out_not_drawn_at_zero(dataset):
    rows = [
        make_partner(partner_id="A"),
        make_partner(partner_id="B", lat=float("nan"), lon=float("nan"), geo_precision="unresolved"),
    ]
    small = make_dataset(partners=rows)
    fig, _view = _map(small)
    assert list(_partner_points(fig)) == ["A"]


def test_hover_cards_escape_names_and_cities(dataset):
    fig, _view = _map(dataset)
    card = _partner_points(fig)["P10"]["trace"]
    row = next(r for r in card.customdata if r[0] == "P10")
    assert "&lt;img src=x onerror=alert(1)&gt;" in row
    assert "Groningen&lt;script&gt;, Netherlands" in row
    for layer in ("partners", "countries", "flows"):
        fig, _view = _map(dataset, layer=layer, selected_id="P10")
        for text in _strings(fig.to_plotly_json()):
            assert "<img" not in text and "<script" not in text, f"raw tag in the {layer} layer: {text!r}"


def test_hover_card_names_everything_the_issue_asks_for(dataset):
    fig, view = _map(dataset, "?direction=outgoing")
    point = _partner_points(fig)["P02"]
    trace = point["trace"]
    row = next(r for r in trace.customdata if r[0] == "P02")
    template = trace.hovertemplate
    for index in range(1, 7):
        assert f"customdata[{index}]" in template
    assert "Strategic partner" in template and "<extra></extra>" in template
    volume = view.partners.set_index("partner_id").loc["P02"]
    assert list(row[1:]) == [
        "Turku University of Applied Sciences",
        "Turku, Finland",
        "Student mobility, benchmarking",
        "2019\u20132027",
        volume["outgoing"],
        0,
    ]


def test_country_level_partners_are_hollow_and_say_so(dataset):
    fig, _view = _map(dataset)
    points = _partner_points(fig)
    mexico = points["P06"]["trace"]
    assert mexico.marker.symbol.endswith("-open")
    assert "placed at country level" in mexico.hovertemplate
    for pid in ("P01", "P02", "P07"):
        assert not points[pid]["trace"].marker.symbol.endswith("-open")
        assert "placed at country level" not in points[pid]["trace"].hovertemplate
    legend = [t.name for t in fig.data if t.showlegend is not False]
    assert "Open: placed at country level" in legend


def test_tiers_differ_in_colour_and_symbol(dataset):
    fig, _view = _map(dataset)
    points = _partner_points(fig)
    styles = {(points[p]["trace"].marker.color, points[p]["trace"].marker.symbol) for p in ("P01", "P04", "P07")}
    colours, symbols = zip(*styles)
    assert len(set(colours)) == 3 and len(set(symbols)) == 3
    assert [t.name for t in fig.data if t.legendrank in (1, 2, 3)] == ["Mobility", "Collaboration", "Strategic"]


@pytest.mark.parametrize("region", [None, "Europe"])
def test_partners_sharing_a_city_get_distinct_points_near_it(dataset, region):
    fig, _view = _map(dataset, region=region)
    points = _partner_points(fig)
    ring = [points[p] for p in ("P01", "P04", "P10")]
    coordinates = {(round(p["lat"], 3), round(p["lon"], 3)) for p in ring}
    assert len(coordinates) == 3
    distances = [distance_km(GRONINGEN, (p["lat"], p["lon"])) for p in ring]
    assert all(10 < d < 150 for d in distances), distances
    # A partner alone in its city stays exactly on it.
    assert (points["P02"]["lat"], points["P02"]["lon"]) == pytest.approx((60.4518, 22.2666), abs=1e-3)


def test_ring_order_is_stable_whatever_the_row_order(dataset):
    reversed_rows = make_dataset(partners=list(reversed(default_partners())))
    first = _partner_points(_map(make_dataset())[0])
    second = _partner_points(_map(reversed_rows)[0])
    for pid in ("P01", "P04"):
        assert (first[pid]["lat"], first[pid]["lon"]) == pytest.approx((second[pid]["lat"], second[pid]["lon"]))


def test_marker_size_grows_with_volume_and_zero_stays_clickable():
    rows = [make_partner(partner_id=p, lat=10.0 * i, lon=10.0 * i) for i, p in enumerate(("A", "B", "C"))]
    mobility = [
        {
            "academic_year": "2022-2023",
            "year": 2022,
            "partner_id": p,
            "direction": "outgoing",
            "participant": "student",
            "duration": "semester",
            "campus": "Leuven",
            "count": c,
        }
        for p, c in (("A", 0), ("B", 4), ("C", 16))
    ]
    small = make_dataset(partners=rows, mobility=mobility)
    fig, _view = _map(small)
    trace = next(t for t in fig.data if t.customdata is not None)
    size = {row[0]: float(s) for row, s in zip(trace.customdata, trace.marker.size)}
    assert 8 <= size["A"] < size["B"] < size["C"]
    # Square-root scale: four times the mobility, twice the growth above the minimum.
    assert (size["C"] - size["A"]) == pytest.approx(2 * (size["B"] - size["A"]), abs=1.0)


@pytest.mark.parametrize(
    ("region", "lon_range", "lat_range", "resolution"),
    [
        (None, [-180, 180], [-58, 84], 110),
        ("Europe", [-25, 45], [34, 71.5], 50),
        ("Asia", [25, 150], [-11, 56], 110),
        ("Atlantis", [-180, 180], [-58, 84], 110),
    ],
)
def test_region_zoom_sets_the_view_and_fitbounds_stays_off(dataset, region, lon_range, lat_range, resolution):
    for layer in ("partners", "countries", "flows"):
        fig, _view = _map(dataset, region=region, layer=layer)
        geo = fig.layout.geo
        assert geo.fitbounds is False
        assert list(geo.lonaxis.range) == lon_range
        assert list(geo.lataxis.range) == lat_range
        assert geo.resolution == resolution
        assert geo.projection.type == "natural earth" and geo.showcountries


def test_uirevision_survives_filters_but_not_a_region_change(dataset):
    first, _ = _map(dataset, "?tier=strategic")
    second, _ = _map(dataset, "?country=FI")
    europe, _ = _map(dataset, region="Europe")
    assert first.layout.uirevision and first.layout.uirevision == second.layout.uirevision
    assert first.layout.geo.uirevision == second.layout.geo.uirevision
    assert europe.layout.geo.uirevision != first.layout.geo.uirevision


def test_selected_partner_gets_a_ring_and_its_name(dataset):
    fig, _view = _map(dataset, selected_id="P02")
    ring = [t for t in fig.data if t.name == "Selected"]
    assert len(ring) == 1
    point = _partner_points(fig)["P02"]
    assert (ring[0].lat[0], ring[0].lon[0]) == pytest.approx((point["lat"], point["lon"]), abs=1e-3)
    assert ring[0].text == ("Turku University of Applied Sciences",)
    assert not [t for t in _map(dataset, selected_id="nobody")[0].data if t.name == "Selected"]


def test_home_is_a_star_at_the_institution(dataset):
    fig, _view = _map(dataset)
    home = [t for t in fig.data if t.marker and t.marker.symbol == "star"]
    assert len(home) == 1
    assert (home[0].lat[0], home[0].lon[0]) == pytest.approx((50.8798, 4.7005))
    assert "UC Leuven-Limburg" in home[0].hovertemplate


@pytest.mark.parametrize(("metric", "expected"), [("partners", 3), ("mobility", None)])
def test_countries_layer_is_a_choropleth_by_iso3_with_iso2_customdata(dataset, metric, expected):
    fig, view = _map(dataset, layer="countries", country_metric=metric)
    choropleth = next(t for t in fig.data if t.type == "choropleth")
    by_iso3 = dict(zip(choropleth.locations, choropleth.z))
    assert choropleth.locationmode == "ISO-3"
    assert set(choropleth.locations) == {"NLD", "FIN", "KEN", "PRT", "MEX", "KOR", "CHL"}
    # Hanze 24, University of Groningen 30 and P10 30: their mobility over the three years (the count formula).
    assert by_iso3["NLD"] == (expected if expected is not None else 84)
    iso2 = {row[0] for row in choropleth.customdata}
    assert iso2 == {"NL", "FI", "KE", "PT", "MX", "KR", "CL"}


@pytest.mark.parametrize("direction", ["outgoing", "incoming"])
def test_flows_are_arcs_from_home_wider_for_more_mobility(dataset, direction):
    fig, view = _map(dataset, layer="flows", flow_direction=direction)
    arcs = [t for t in fig.data if t.mode == "lines"]
    assert arcs and all(t.legendgroup == "flows" for t in arcs)
    widths = [t.line.width for t in arcs]
    assert widths == sorted(widths)
    places = {
        (round(p["lat"], 2), round(p["lon"], 2))
        for p in view.partners[view.partners[direction] > 0][["lat", "lon"]].to_dict("records")
    }
    ends, starts = set(), set()
    for trace in arcs:
        lat, lon = np.asarray(trace.lat, dtype=float), np.asarray(trace.lon, dtype=float)
        breaks = np.flatnonzero(np.isnan(lat))
        begin = 0
        for stop in breaks:
            starts.add((round(lat[begin], 2), round(lon[begin], 2)))
            ends.add((round(lat[stop - 1], 2), round(lon[stop - 1], 2)))
            begin = stop + 1
    assert starts == {(50.88, 4.7)}
    assert ends == places
    # A long arc bends: the midpoint of Leuven -> Seoul lies well north of the straight lat/lon line.
    seoul = next(t for t in arcs if any(abs(x - 126.978) < 0.01 for x in np.asarray(t.lon, dtype=float)))
    lat = np.asarray(seoul.lat, dtype=float)
    assert np.nanmax(lat) > 60


def test_flows_layer_without_mobility_still_shows_partners(dataset):
    fig, view = _map(dataset, "?from=2030-2031", layer="flows")
    assert not [t for t in fig.data if t.mode == "lines"]
    assert sorted(_partner_points(fig)) == sorted(view.partners["partner_id"])


def test_dark_theme_changes_the_map_colours(dataset):
    light, _ = _map(dataset, theme="light")
    dark, _ = _map(dataset, theme="dark")
    for attribute in ("landcolor", "oceancolor", "countrycolor"):
        assert getattr(light.layout.geo, attribute) != getattr(dark.layout.geo, attribute)
    assert light.layout.template.layout.font.color != dark.layout.template.layout.font.color


@pytest.mark.parametrize("layer", ["partners", "countries", "flows"])
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_property_is_one_plotly_knows(dataset, layer, theme):
    # The builders skip plotly's validation for speed; this catches a misspelt property instead.
    fig, _view = _map(dataset, layer=layer, theme=theme, region="Europe", selected_id="P01")
    go.Figure(fig.to_dict())
