"""The presentation page as a second Dash app on the dashboard's Flask server, at /present/.

A separate app keeps the kiosk page free of the dashboard's components and callbacks (and theirs free of its own);
both share the server, the dataset store, the security headers and the map outlines in /assets/topojson/.
"""

from __future__ import annotations

from urllib.parse import urlencode

import dash
from flask import Flask, redirect, request
from flask_compress import Compress

from dashboard.components.language import localised_index
from dashboard.i18n import text
from dashboard.config import Settings
from dashboard.present.callbacks import register_callbacks
from dashboard.present.layout import build_layout
from dashboard.store import DatasetStore

PRESENT_PATH = "/present/"
# Only the presentation's own styles and script: the dashboard's would style and wire a page that is not there.
ASSETS_IGNORE = r"^(?!present\.)"


def present_graph_config(topojson_url: str) -> dict:
    """A kiosk graph: outlines from our assets, no mode bar, no zoom on scroll or double click."""
    return {"topojsonURL": topojson_url, "displayModeBar": False, "displaylogo": False, "scrollZoom": False,
            "doubleClick": False, "responsive": True}


def mount_presentation(main: dash.Dash, store: DatasetStore, settings: Settings) -> dash.Dash:
    """Serve the presentation at /present/ (and redirect /present and /?mode=present there); returns its app."""
    server: Flask = main.server
    home = main.config.requests_pathname_prefix
    config = present_graph_config(main.get_asset_url("topojson/"))

    def title(language: str) -> str:
        institution = store.current().institution
        return text("present.page_title", language, short_name=institution.short_name or institution.name)

    app = dash.Dash(
        __name__,
        server=server,
        url_base_pathname=PRESENT_PATH,
        assets_folder=str(settings.assets_dir),
        assets_ignore=ASSETS_IGNORE,
        serve_locally=True,
        title=title(settings.language),
        update_title=None,
        external_scripts=[],
        external_stylesheets=[],
    )
    app.layout = build_layout(config)
    app.interpolate_index = localised_index(app.interpolate_index, settings.language, title)
    register_callbacks(app, store, settings, home=home, graph_config=config)
    _compress(server)
    _redirects(server, main.config.routes_pathname_prefix)
    return app


def _compress(server: Flask) -> None:
    """The tour (every scene's figure) goes out in one response: gzip takes it from ~1 MB to ~150 KB."""
    server.config["COMPRESS_REGISTER"] = False
    compress = Compress(server)
    for endpoint in (PRESENT_PATH + "_dash-update-component", PRESENT_PATH + "_dash-layout"):
        server.view_functions[endpoint] = compress.compressed()(server.view_functions[endpoint])


def _redirects(server: Flask, home_route: str) -> None:
    def to_presentation(args) -> str:
        kept = [(k, v) for k, v in args.items(multi=True) if k != "mode"]
        return PRESENT_PATH + ("?" + urlencode(kept) if kept else "")

    # Without it the dashboard's catch-all route would answer /present with the dashboard.
    server.add_url_rule(PRESENT_PATH.rstrip("/"), "present_redirect", lambda: redirect(to_presentation(request.args)))

    @server.before_request
    def _mode_present():
        if request.path == home_route and request.args.get("mode") == "present":
            return redirect(to_presentation(request.args))
        return None
