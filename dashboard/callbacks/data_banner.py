"""The data banner of an open page follows the store: it appears when newer files are refused, goes when fixed;
and when newer data has been swapped in, the page reloads itself (its filters are in the URL, nothing is lost)."""

from __future__ import annotations

import dash
from dash import Input, Output, State

from dashboard.components.data_banner import BannerIds, data_banner
from dashboard.components.language import language_from_query
from dashboard.config import Settings
from dashboard.store import DatasetStore

# Newer only: gunicorn's workers may catch up a few seconds apart, and a page must not bounce between them.
RELOAD_WHEN_NEWER = """
function (now, shown) {
    if (now && shown && now > shown) { window.location.reload(); }
    return window.dash_clientside.no_update;
}
"""


def register_data_banner(
    app: dash.Dash, store: DatasetStore, settings: Settings, banner_ids: BannerIds, url_id: str
) -> None:
    @app.callback(
        Output(banner_ids.banner, "children"),
        Output(banner_ids.now, "data"),
        Input(banner_ids.check, "n_intervals"),
        State(url_id, "search"),
        prevent_initial_call=True,
    )  # the page load already holds the banner of its moment
    def refresh_data_banner(_ticks, search):
        status = store.status()
        return data_banner(status, language_from_query(search, settings.language)), status.data_time

    app.clientside_callback(
        RELOAD_WHEN_NEWER,
        Output(banner_ids.shown, "data"),
        Input(banner_ids.now, "data"),
        State(banner_ids.shown, "data"),
        prevent_initial_call=True,
    )
