"""What the map callback sends: the whole figure and the hover cards once, then per filter only the traces and the
view, with [dataset row, outgoing, incoming] per partner instead of its card."""

from __future__ import annotations

import base64
import gzip

import numpy as np
import pytest
from plotly.io.json import to_json_plotly

from bench.synthetic import make_large_dataset
from dashboard import ids
from dashboard.callbacks.map_update import cards_for, map_payload, update_kind
from dashboard.callbacks.views import render_map
from dashboard.figures.world_map import CARD_STATIC, PARTNERS_TRACE, SELECTION_TRACE
from dashboard.filters import FilterState, apply
from tests.factories import make_dataset, make_partner


@pytest.fixture(scope="module")
def dataset():
    return make_dataset()


def compact_rows(trace: dict) -> np.ndarray:
    """The customdata of a compact partners trace as plotly.js reads it (typed-array spec) -> (n, 3) integers."""
    spec = trace["customdata"]
    flat = np.frombuffer(base64.b64decode(spec["bdata"]), dtype={"u2": "<u2", "u4": "<u4"}[spec["dtype"]])
    return flat.reshape(-1, 3)


def answer(dataset, search: str, kind: str, page_token: str | None = "held", **options) -> dict:
    cards = cards_for(dataset, "en")
    figure = render_map(dataset, search, compact=True, **options)
    return map_payload(figure, kind, cards, cards.token if page_token == "held" else page_token)


@pytest.mark.parametrize(
    "triggered, kind",
    [
        (set(), "figure"),  # the first call
        ({f"{ids.THEME_SWITCH}.checked"}, "figure"),
        ({f"{ids.MAP_LAYER}.value", f"{ids.URL}.search"}, "figure"),
        ({f"{ids.URL}.search"}, "patch"),
        ({f"{ids.MAP_SIZE}.data"}, "patch"),
        ({f"{ids.SELECTED_PARTNER}.data"}, "selection"),
        ({f"{ids.SELECTED_PARTNER}.data", f"{ids.URL}.search"}, "patch"),
    ],
)
def test_only_the_theme_the_layer_or_a_first_call_draws_the_map_anew(triggered, kind):
    assert update_kind(triggered) == kind


def test_a_filter_sends_the_traces_and_the_fitted_view_but_neither_style_nor_template(dataset):
    whole = answer(dataset, "", "figure", page_token=None)
    change = answer(dataset, "?country=FI", "patch")
    assert set(whole) == {"token", "cards", "places", "figure"} and whole["figure"]["layout"]["map"]["style"]["layers"]
    assert set(change) == {"token", "data", "layout"}
    assert "template" not in change["layout"] and "style" not in change["layout"]["map"]
    # Fitted to Finland (about 60-70 N, 20-30 E) and zoomed in from the world view.
    centre = change["layout"]["map"]["center"]
    assert 58 < centre["lat"] < 71 and 19 < centre["lon"] < 32
    assert change["layout"]["map"]["zoom"] > whole["figure"]["layout"]["map"]["zoom"]
    assert change["layout"]["uirevision"] != whole["figure"]["layout"]["uirevision"]


def test_the_compact_cards_point_at_each_shown_partner_with_its_mobility_in_the_filter(dataset):
    search = "?region=Europe&direction=outgoing"
    change = answer(dataset, search, "patch")
    partners = next(t for t in change["data"] if t["name"] == PARTNERS_TRACE)
    rows = compact_rows(partners)
    view = apply(FilterState.from_query(search, dataset), dataset)
    shown = view.partners[view.partners["lat"].notna()].set_index("partner_id")
    ids_sent = dataset.partners["partner_id"].to_numpy()[rows[:, 0]]
    assert sorted(ids_sent) == sorted(shown.index)
    for partner_id, (_, outgoing, incoming) in zip(ids_sent, rows):
        assert (outgoing, incoming) == (shown.loc[partner_id, "outgoing"], shown.loc[partner_id, "incoming"])
    cards = cards_for(dataset, "en").rows
    name = CARD_STATIC.index("name")
    for row, partner_id in zip(rows[:, 0], ids_sent):
        assert cards[row][0] == partner_id and cards[row][name] == shown.loc[partner_id, "name"]


def test_the_markers_travel_as_places_in_the_cards_not_with_each_filter(dataset):
    """A filter's answer has no lat/lon for the partners: the page draws each at the place its card holds, the
    place the whole figure (the one drawn without the page) gives it."""
    change = answer(dataset, "?region=Europe", "patch")
    sent = next(t for t in change["data"] if t["name"] == PARTNERS_TRACE)
    assert "lat" not in sent and "lon" not in sent
    held = cards_for(dataset, "en")
    places = np.frombuffer(base64.b64decode(held.places["bdata"]), dtype="<f4").reshape(-1, 2)
    assert held.places["shape"] == f"{len(dataset.partners)}, 2"
    row_of = {card[0]: row for row, card in enumerate(held.rows) if card}
    whole = next(t for t in render_map(dataset, "?region=Europe").data if t.name == PARTNERS_TRACE)
    assert len(whole.lat) > 3
    for (partner_id, *_), lat, lon in zip(whole.customdata, whole.lat, whole.lon):
        assert places[row_of[partner_id]] == pytest.approx([lat, lon], abs=1e-4)


def test_a_partner_keeps_its_place_on_its_citys_ring_whatever_the_filter():
    """Three partners in one city share a ring; filtered to one of them, it stays where it was drawn (it used to
    jump to the city's centre, and the page's held places would no longer match)."""
    ghent = [
        make_partner(partner_id=pid, name=f"Ghent school {pid}", tier=tier)
        for pid, tier in (("G1", "strategic"), ("G2", "collaboration"), ("G3", "mobility"))
    ]
    city = make_dataset(partners=ghent)

    def drawn(search: str) -> dict[str, tuple[float, float]]:
        trace = next(t for t in render_map(city, search).data if t.name == PARTNERS_TRACE)
        return {row[0]: (float(y), float(x)) for row, y, x in zip(trace.customdata, trace.lat, trace.lon)}

    everyone = drawn("")
    assert len(set(everyone.values())) == 3, "the three partners drawn on one spot"
    for search, partner_id in (("?tier=strategic", "G1"), ("?tier=mobility", "G3")):
        assert drawn(search) == {partner_id: everyone[partner_id]}


def test_a_page_without_these_cards_gets_them_with_the_whole_figure(dataset):
    stale = answer(dataset, "?country=FI", "patch", page_token="en-0000")
    assert set(stale) == {"token", "cards", "places", "figure"}
    dutch = cards_for(dataset, "nl")
    assert dutch.token != cards_for(dataset, "en").token and dutch.token.startswith("nl-")
    assert cards_for(make_dataset(), "en").token == cards_for(dataset, "en").token  # the same cards, the same name


def test_a_selection_sends_only_the_ring_and_the_centre(dataset):
    change = answer(dataset, "", "selection", selected_id="P02")
    (ring,) = change["traces"].values()
    assert ring["name"] == SELECTION_TRACE and len(ring["lat"]) == 1
    assert set(change["layout"]) == {"map"} and set(change["layout"]["map"]) == {"center"}


def test_at_a_hundred_times_the_sample_a_click_back_to_all_partners_is_under_200_kb_on_the_wire():
    large = make_large_dataset(partners=12_000, mobility_rows=120_000)
    cards = cards_for(large, "en")
    change = map_payload(render_map(large, "", compact=True), "patch", cards, cards.token)
    sent = len(gzip.compress(to_json_plotly(change).encode(), 6))
    with_cards = len(gzip.compress(to_json_plotly(render_map(large, "")).encode(), 6))
    assert sent < 200_000 < with_cards, (sent, with_cards)


def test_the_tier_shapes_travel_as_the_markers_they_draw_not_as_geojson(dataset):
    """A filter's shape layers come without points, with the index of each marker they draw in the partners
    trace: at the places the page holds, those are the points of the whole figure's layers, icon by icon."""
    search = "?region=Europe"
    change = answer(dataset, search, "patch")
    layers = change["layout"]["map"]["layers"]
    assert layers and all(layer["source"]["features"] == [] for layer in layers)
    sent = next(t for t in change["data"] if t["name"] == PARTNERS_TRACE)
    rows = compact_rows(sent)[:, 0]
    places = np.frombuffer(base64.b64decode(cards_for(dataset, "en").places["bdata"]), dtype="<f4").reshape(-1, 2)
    whole = render_map(dataset, search).layout.map.layers
    assert [layer["symbol"]["icon"] for layer in layers] == [layer.symbol.icon for layer in whole]
    for layer, marks, full in zip(layers, sent["meta"]["atlasShapes"], whole):
        marked = np.frombuffer(base64.b64decode(marks["bdata"]), dtype={"u2": "<u2", "u4": "<u4"}[marks["dtype"]])
        drawn = sorted((round(float(lon), 4), round(float(lat), 4)) for lat, lon in places[rows[marked]])
        wanted = sorted(
            (round(x, 4), round(y, 4)) for x, y in (f["geometry"]["coordinates"] for f in full.source["features"])
        )
        assert drawn == wanted and drawn, layer["symbol"]["icon"]
