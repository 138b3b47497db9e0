"""What the map callback sends the page (assets/atlas-map.js draws it): the whole figure only the first time and
when the theme or the layer changes; after a filter change only the traces and the view, never the style again.

Plotly hands a figure's `layout.map.style` to MapLibre, which compares it with the one it has; sending it again
costs bytes and a diff for nothing. The partners' hover cards travel once per page and dataset (`cards`, named
by a token the page reports back): afterwards each partner's customdata is [dataset row, outgoing, incoming]
(world_map's `positions`), which the page turns back into the card it holds.
"""

from __future__ import annotations

import hashlib
import json
import weakref
from dataclasses import dataclass

import plotly.graph_objects as go

from dashboard import ids
from dashboard.figures.world_map import SELECTION_TRACE, map_cards, selected_position
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
    """The static part of every partner's hover card (world_map.CARD_STATIC, by dataset row) and its token."""

    token: str
    rows: list


_HELD: dict[tuple[int, str], tuple[weakref.ref, Cards]] = {}


def cards_for(dataset: Dataset, language: str) -> Cards:
    """The cards of `dataset` in `language`, built once per loaded dataset (per process). The token is a digest of
    the cards, so every worker names the same cards alike and a reloaded dataset with other cards gets another."""
    key = (id(dataset.partners), language)
    held = _HELD.get(key)
    if held and held[0]() is dataset.partners:
        return held[1]
    rows = map_cards(dataset.partners, language)
    token = hashlib.sha1(json.dumps(rows, ensure_ascii=False).encode()).hexdigest()[:16]
    for stale in [k for k, (ref, _) in _HELD.items() if ref() is None]:
        del _HELD[stale]
    cards = Cards(token=f"{language}-{token}", rows=rows)
    _HELD[key] = (weakref.ref(dataset.partners), cards)
    return cards


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
    payload: dict = {"token": cards.token}
    if png:
        payload["png"] = png
    if page_token != cards.token:
        payload["cards"] = cards.rows
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
