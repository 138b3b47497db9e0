"""The presentation page as a second Dash app on the dashboard's Flask server, at /present/.

A separate app keeps the kiosk page free of the dashboard's components and callbacks (and theirs free of its own);
both share the server, the dataset store, the security headers and the map outlines in /assets/topojson/.
"""

from __future__ import annotations

from urllib.parse import urlencode

import dash
from flask import Flask, redirect, request

from dashboard.callbacks.data_banner import register_data_banner
from dashboard.components.language import LocalisedDash, request_language
from dashboard.config import Settings
from dashboard.figures.graph_config import graph_config
from dashboard.i18n import text
from dashboard.paths import PRESENT_PATH, under
from dashboard.present import ids
from dashboard.present.callbacks import register_callbacks
from dashboard.present.layout import PRESENT_BANNER, build_layout
from dashboard.store import DatasetStore

# Only the presentation's own styles and script: the dashboard's would style and wire a page that is not there.
ASSETS_IGNORE = r"^(?!present\.)"


def mount_presentation(main: dash.Dash, store: DatasetStore, settings: Settings) -> dash.Dash:
    """Serve the presentation at <prefix>present/ (and redirect <prefix>present and ?mode=present there)."""
    server: Flask = main.server
    home = main.config.requests_pathname_prefix
    # Dash serves and calls one prefix; under a reverse proxy's /atlas/ both are /atlas/present/.
    path = under(main.config.routes_pathname_prefix, PRESENT_PATH)
    config = graph_config(main.get_asset_url("topojson/"), kiosk=True)

    def title(language: str) -> str:
        institution = store.current().institution
        return text("present.page_title", language, short_name=institution.short_name or institution.name)

    app = LocalisedDash(
        __name__,
        default_language=settings.language,
        page_title=title,
        server=server,
        url_base_pathname=path,
        assets_folder=str(settings.assets_dir),
        assets_ignore=ASSETS_IGNORE,
        serve_locally=True,
        title=title(settings.language),
        update_title=None,
        external_scripts=[],
        external_stylesheets=[],
    )
    # A function, so each page load carries the data banner of its moment.
    app.layout = lambda: build_layout(config, store.status(), request_language(settings.language))
    register_callbacks(app, store, settings, home=home, graph_config=config)
    register_data_banner(app, store, settings, PRESENT_BANNER, url_id=ids.URL)
    # The tour (every scene's figure) goes out in one response, compressed like every other (create_app).
    _redirects(server, main.config.routes_pathname_prefix, path)
    return app


def _redirects(server: Flask, home_route: str, path: str) -> None:
    def to_presentation(args) -> str:
        kept = [(k, v) for k, v in args.items(multi=True) if k != "mode"]
        return path + ("?" + urlencode(kept) if kept else "")

    # Without it the dashboard's catch-all route would answer /present with the dashboard.
    server.add_url_rule(path.rstrip("/"), "present_redirect", lambda: redirect(to_presentation(request.args)))

    @server.before_request
    def _mode_present():
        if request.path == home_route and request.args.get("mode") == "present":
            return redirect(to_presentation(request.args))
        return None
