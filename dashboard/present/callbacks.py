"""Wiring of the presentation page: one server callback sends the whole tour when the page opens; from then on
assets/present.js plays it in the browser with no round trip, all day.

presentation() does the work and is tested without a browser; the callbacks only connect it to the page.
"""

from __future__ import annotations

import contextlib
import logging
import math
from dataclasses import dataclass
from urllib.parse import parse_qsl

import dash
from dash import ClientsideFunction, Input, Output, dcc

from dashboard.components.language import language_from_query, language_in
from dashboard.config import Settings
from dashboard.i18n import text
from dashboard.model import Dataset
from dashboard.origins import parse_public_url
from dashboard.present import ids
from dashboard.present.layout import key_figure_items, qr_items
from dashboard.present.scenes import build_tour
from dashboard.present.tour import Tour, load_tour
from dashboard.store import DatasetStore

log = logging.getLogger(__name__)

IDLE_SECONDS = 60.0  # a paused tour plays on by itself after this long without input
SECONDS_RANGE = (0.05, 3600.0)  # ?seconds= and ?idle= are clamped to these (tests use tenths of a second)
IDLE_RANGE = (0.05, 86400.0)


@dataclass(frozen=True)
class Timing:
    scene_seconds: float
    idle_seconds: float


def timing(search: str | None, default_scene_seconds: float) -> Timing:
    """Scene and idle times: `?seconds=` and `?idle=` when they are numbers, else the settings."""
    asked: dict[str, str] = {}
    with contextlib.suppress(ValueError):
        asked = {k.strip().lower(): v for k, v in parse_qsl((search or "").lstrip("?"), max_num_fields=200)}
    return Timing(
        _seconds(asked.get("seconds"), default_scene_seconds, SECONDS_RANGE),
        _seconds(asked.get("idle"), IDLE_SECONDS, IDLE_RANGE),
    )


def _seconds(raw: str | None, default: float, bounds: tuple[float, float]) -> float:
    try:
        value = float(raw) if raw is not None else float(default)
    except ValueError:
        value = float(default)
    if not math.isfinite(value):
        value = float(default)
    return min(max(value, bounds[0]), bounds[1])


def presentation(
    dataset: Dataset,
    settings: Settings,
    search: str | None,
    *,
    tour: Tour | None = None,
    home: str = "/",
    graph_config: dcc.Graph.Config | None = None,
) -> dict:
    """Everything the page shows, for one page load: texts, key figures and the tour (store data for present.js)."""
    language = language_from_query(search, settings.language)
    timings = timing(search, settings.scene_seconds)
    tour = tour if tour is not None else load_tour(settings.data_dir, dataset)
    for problem in tour.problems:
        log.warning("presentation tour: %s", problem)
    asked = language_in(search)
    institution = dataset.institution
    return {
        "name": institution.name,
        "subtitle": text("present.subtitle", language),
        "key_figures_title": text("present.key_figures", language) if len(dataset.key_figures) else "",
        "key_figures": key_figure_items(dataset.key_figures, language=language),
        "keys": text("present.keys", language),
        "qr": qr_items(parse_public_url(settings.public_url), language),
        "tour": {
            "lang": language,
            "title": text("present.page_title", language, short_name=institution.short_name or institution.name),
            "seconds": timings.scene_seconds,
            "idle": timings.idle_seconds,
            "home": home + (f"?lang={asked}" if asked else ""),
            "paused": text("present.paused", language),
            "resumes": text("present.resumes", language, seconds=f"{timings.idle_seconds:g}"),
            "config": graph_config or {},
            "scenes": [view.to_json() for view in build_tour(tour.scenes, dataset, language)],
        },
    }


def register_callbacks(
    app: dash.Dash, store: DatasetStore, settings: Settings, *, home: str, graph_config: dcc.Graph.Config
) -> None:
    @app.callback(
        Output(ids.TOUR, "data"),
        Output(ids.NAME, "children"),
        Output(ids.SUBTITLE, "children"),
        Output(ids.KEY_FIGURES_TITLE, "children"),
        Output(ids.KEY_FIGURES, "children"),
        Output(ids.KEYS_HINT, "children"),
        Output(ids.QR, "children"),
        Input(ids.URL, "search"),
    )
    def load_presentation(search):
        # The tour file is read on each page load: an office edits tour.csv and reloads the page.
        page = presentation(store.current(), settings, search, home=home, graph_config=graph_config)
        return (
            page["tour"],
            page["name"],
            page["subtitle"],
            page["key_figures_title"],
            page["key_figures"],
            page["keys"],
            page["qr"],
        )

    # In the browser: present.js takes the tour over and plays it.
    app.clientside_callback(
        ClientsideFunction(namespace="present", function_name="start"),
        Output(ids.STARTED, "data"),
        Input(ids.TOUR, "data"),
    )
