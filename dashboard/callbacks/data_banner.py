"""The data banner of an open page follows the store: it appears when newer files are refused, goes when fixed."""

from __future__ import annotations

import dash
from dash import Input, Output, State

from dashboard.components.data_banner import data_banner
from dashboard.components.language import language_from_query
from dashboard.config import Settings
from dashboard.store import DatasetStore


def register_data_banner(app: dash.Dash, store: DatasetStore, settings: Settings, *, banner_id: str, check_id: str,
                         url_id: str) -> None:
    @app.callback(Output(banner_id, "children"), Input(check_id, "n_intervals"), State(url_id, "search"),
                  prevent_initial_call=True)  # the page load already holds the banner of its moment
    def refresh_data_banner(_ticks, search):
        return data_banner(store.status(), language_from_query(search, settings.language))
