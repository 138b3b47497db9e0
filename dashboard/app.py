"""The app factory: load the dataset once, build the page, register the callbacks. Nothing happens at import."""

from __future__ import annotations

import dash

from dashboard.callbacks import register_callbacks
from dashboard.components.header import app_title
from dashboard.config import Settings
from dashboard.layout import build_layout
from dashboard.model import Dataset
from dashboard.store import DatasetStore


def graph_config(app: dash.Dash) -> dict:
    """Plotly's map outlines come from our own assets (never its CDN); exports are twice the screen size."""
    return {
        "topojsonURL": app.get_asset_url("topojson/"),
        "displaylogo": False,
        "toImageButtonOptions": {"scale": 2},
        "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    }


def create_app(settings: Settings | None = None, dataset: Dataset | None = None) -> dash.Dash:
    """A ready Dash app for `dataset` (loaded from settings.data_dir when not given)."""
    settings = settings or Settings()
    # An injected dataset (tests, benchmarks) is served as it is; one loaded from files follows their changes.
    store = DatasetStore(settings, dataset, watch=dataset is None)
    dataset = store.current()
    app = dash.Dash(
        __name__,
        assets_folder=str(settings.assets_dir),
        serve_locally=True,
        title=app_title(dataset.institution, settings.language),
        update_title=None,
        suppress_callback_exceptions=False,
        external_scripts=[],
        external_stylesheets=[],
    )
    config = graph_config(app)
    # A function, so a page opened after the data files changed is built from the new data.
    app.layout = lambda: build_layout(store.current(), settings, config)
    register_callbacks(app, store, settings)
    app.server.extensions["partner_atlas_store"] = store
    return app
