"""The app factory: load the dataset once, build the page, register the callbacks. Nothing happens at import."""

from __future__ import annotations

import dash
import flask
from dash import dcc

from dashboard import ids
from dashboard.accessibility import register_accessibility_statement
from dashboard.callbacks import register_callbacks
from dashboard.callbacks.data_banner import register_data_banner
from dashboard.components.header import app_title
from dashboard.components.language import LocalisedDash, request_language
from dashboard.config import Settings
from dashboard.data_page import register_data_page
from dashboard.figures.graph_config import graph_config as figures_graph_config
from dashboard.health import register_health
from dashboard.health_page import register_health_page
from dashboard.layout import DASHBOARD_BANNER, build_layout
from dashboard.model import Dataset
from dashboard.origins import parse_origins, parse_public_url
from dashboard.present import mount_presentation
from dashboard.public import mount_public_pages
from dashboard.security import (
    install_security_headers,
    limit_request_size,
    unknown_component_files_are_not_found,
    unknown_pages_are_not_found,
)
from dashboard.store import DatasetStore


def graph_config(app: dash.Dash) -> dcc.Graph.Config:
    """The dashboard's graphs: outlines from our own assets, nothing that reaches another host."""
    return figures_graph_config(app.get_asset_url("topojson/"))


def compressing_server() -> flask.Flask:
    """The Flask server for Dash's own `compress=True` (flask-compress on every response, whatever the prefix):
    a 10x-size map response falls from ~170 KB to ~45 KB, the presentation's tour from ~1 MB to ~150 KB.

    Streamed responses (asset files) are left alone: flask-compress leaves their file handles open, and a
    reverse proxy compresses static files better anyway (docs/deploy.md).
    """
    server = flask.Flask(__name__)
    server.config["COMPRESS_STREAMS"] = False
    return server


def create_app(
    settings: Settings | None = None, dataset: Dataset | None = None, *, store: DatasetStore | None = None
) -> dash.Dash:
    """A ready Dash app for `dataset` (loaded from settings.data_dir when not given), or for what `store` holds
    (a store of one's own: tests give one that looks at the files more often)."""
    settings = settings or Settings()
    frame_ancestors = parse_origins(settings.frame_ancestors)  # a typo in either stops the app here, not later
    parse_public_url(settings.public_url)
    # An injected dataset (tests, benchmarks) is served as it is; one loaded from files follows their changes.
    store = store or DatasetStore(settings, dataset, watch=dataset is None)
    dataset = store.current()
    # `<html lang>` and the title follow the page's ?lang=.
    app = LocalisedDash(
        __name__,
        default_language=settings.language,
        page_title=lambda language: app_title(store.current().institution, language),
        server=compressing_server(),
        compress=True,
        url_base_pathname=settings.url_prefix,
        assets_folder=str(settings.assets_dir),
        assets_ignore=r"^(present|public)\.",  # the presentation's and the public pages' own (present/, public/)
        serve_locally=True,
        title=app_title(dataset.institution, settings.language),
        update_title=None,
        suppress_callback_exceptions=False,
        external_scripts=[],
        external_stylesheets=[],
    )
    config = graph_config(app)
    # A function, so a page opened after the data files changed is built from the new data.
    app.layout = lambda: build_layout(
        store.current(), settings, config, request_language(settings.language), store.status()
    )
    register_callbacks(app, store, settings)
    register_data_banner(app, store, settings, DASHBOARD_BANNER, url_id=ids.URL)
    app.server.extensions["partner_atlas_store"] = store
    register_health(app.server, store, app.config.routes_pathname_prefix)
    register_accessibility_statement(
        app.server,
        store,
        settings.language,
        home=app.config.requests_pathname_prefix,
        route_prefix=app.config.routes_pathname_prefix,
    )
    register_data_page(app, store, settings)  # /data/: the import report
    register_health_page(
        app.server,
        store,
        home=app.config.requests_pathname_prefix,
        assets=app.get_asset_url(""),
        default_language=settings.language,
        route_prefix=app.config.routes_pathname_prefix,
    )
    present = mount_presentation(app, store, settings)  # /present: the kiosk auto-tour on the same server
    public = mount_public_pages(app, store, settings, config)  # /destinations and /embed: nothing staff-only
    install_security_headers(app, present, *public, frame_ancestors=frame_ancestors)
    unknown_component_files_are_not_found(app.server)
    unknown_pages_are_not_found(app.server)
    limit_request_size(app.server, settings.max_request_bytes)
    return app
