"""What the map callback sends the page (assets/atlas-map.js draws it): the whole figure only the first time and
when the theme or the layer changes; after a filter change only the traces and the view, never the style again.

Plotly hands a figure's `layout.map.style` to MapLibre, which compares it with the one it has; sending it again
costs bytes and a diff for nothing. The partners' hover cards travel once per page and dataset (`cards`, named
by a token the page reports back), with each partner's place (`places_for`: the same whatever the filter);
afterwards each partner's customdata is [dataset row, outgoing, incoming] (world_map's `positions`) and the
partners trace has no lat/lon: the page turns each row back into the card and place it holds.
"""

from __future__ import annotations

import hashlib
import json
import weakref
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

from dashboard import ids
from dashboard.figures.world_map import (
    PARTNERS_TRACE,
    SELECTION_TRACE,
    drawn_places,
    map_cards,
    map_places,
    selected_position,
)
from dashboard.model import Dataset

# Inputs of the map callback after which the page draws a whole new figure: the theme (the style changes) and
# the layer or its options (other traces).
FULL_TRIGGERS = frozenset(
    f"{component}.{prop}"
    for component, prop in (
        (ids.MAP_LAYER, "value"),
        (ids.MAP_METRIC, "value"),
        (ids.MAP_DIRECTION, "value"),
        (ids.THEME_SWITCH, "checked"),
    )
)
SELECTION_ONLY = frozenset({f"{ids.SELECTED_PARTNER}.data"})
# Layout keys a filter never changes: the theme's template, and the map's style (MapLibre keeps its own).
UNCHANGED_LAYOUT = ("template",)
UNCHANGED_MAP = ("style",)


@dataclass(frozen=True)
class Cards:
    """The static part of every partner's hover card (world_map.CARD_STATIC, by dataset row), each partner's
    drawn place (world_map.map_places), and their token."""

    token: str
    rows: list
    places: dict


_HELD: dict[tuple[int, str], tuple[weakref.ref, object]] = {}


def _per_dataset(dataset: Dataset, name: str, build):
    """build(), once per loaded dataset (per process) and name; forgotten with the dataset."""
    key = (id(dataset.partners), name)
    held = _HELD.get(key)
    if held and held[0]() is dataset.partners:
        return held[1]
    value = build()
    for stale in [k for k, (ref, _) in _HELD.items() if ref() is None]:
        del _HELD[stale]
    _HELD[key] = (weakref.ref(dataset.partners), value)
    return value


def places_for(dataset: Dataset) -> tuple[np.ndarray, np.ndarray]:
    """Where each partner of `dataset` is drawn (world_map.drawn_places over all of them): partners of one city
    keep their places on its ring whatever the filter, so the page can hold them with the cards."""
    return _per_dataset(dataset, "places", lambda: drawn_places(dataset.partners, dataset.institution))


def cards_for(dataset: Dataset, language: str) -> Cards:
    """The cards and places of `dataset` in `language`, built once per loaded dataset. The token is a digest of
    both, so every worker names the same cards alike and a reloaded dataset with other cards or places gets
    another."""

    def build() -> Cards:
        rows = map_cards(dataset.partners, language)
        places = map_places(places_for(dataset))
        digest = hashlib.sha1(json.dumps([rows, places["bdata"]], ensure_ascii=False).encode())
        return Cards(token=f"{language}-{digest.hexdigest()[:16]}", rows=rows, places=places)

    return _per_dataset(dataset, f"cards-{language}", build)


def update_kind(triggered: set[str] | frozenset[str]) -> str:
    """ "figure" (draw anew), "selection" (only the ring moved) or "patch" (a filter: traces and view)."""
    if not triggered or triggered & FULL_TRIGGERS:
        return "figure"
    if set(triggered) == SELECTION_ONLY:
        return "selection"
    return "patch"


def map_payload(
    figure: go.Figure, kind: str, cards: Cards, page_token: str | None, png: dict[str, str] | None = None
) -> dict:
    """The map callback's answer for `figure` (built with compact cards: render_map(compact=True)).

    A page that does not hold these cards (`page_token` differs: a new page, or the data changed) gets the cards
    and the whole figure, whatever the kind. `png` ({"name", "title"}) names the mode bar's PNG download after the
    filter: the page's own button reads it (a new plotly config per filter would rebuild the WebGL map).
    """
    spec = figure.to_dict()
    for trace in spec["data"]:
        if trace.get("name") == PARTNERS_TRACE:  # the page draws each marker where its card says
            trace.pop("lat", None)
            trace.pop("lon", None)
    payload: dict = {"token": cards.token}
    if png:
        payload["png"] = png
    if page_token != cards.token:
        payload["cards"] = cards.rows
        payload["places"] = cards.places
        kind = "figure"
    if kind == "figure":
        payload["figure"] = spec
    elif kind == "selection":
        index = next(i for i, trace in enumerate(spec["data"]) if trace.get("name") == SELECTION_TRACE)
        payload["traces"] = {str(index): spec["data"][index]}
        position = selected_position(figure)
        payload["layout"] = {"map": {"center": {"lat": position[0], "lon": position[1]}}} if position else {}
    else:
        layout = {key: value for key, value in spec["layout"].items() if key not in UNCHANGED_LAYOUT}
        layout["map"] = {key: value for key, value in layout.get("map", {}).items() if key not in UNCHANGED_MAP}
        payload["data"] = spec["data"]
        payload["layout"] = layout
    return payload
