"""The public pages as two small Dash apps on the dashboard's Flask server, at <prefix>destinations/ and
<prefix>embed/, like the presentation (dashboard/present/mount.py): their own layout and callbacks, the shared
dataset store, security headers and map outlines.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import dash
import dash_mantine_components as dmc
import flask
from dash import dcc
from flask import redirect, request

from dashboard.components.language import LocalisedDash, request_language
from dashboard.config import Settings
from dashboard.destinations import Search
from dashboard.filters import FilterState
from dashboard.i18n import text
from dashboard.layout import MANTINE_THEME
from dashboard.paths import DESTINATIONS_PATH, EMBED_PATH, under
from dashboard.public.destinations_callbacks import register_destinations_callbacks
from dashboard.public.destinations_page import build_destinations_layout
from dashboard.public.embed_page import build_embed_layout, register_embed_callbacks
from dashboard.store import DatasetStore

# Only the public pages' own styles: the dashboard's script and styles would wire a page that is not there.
ASSETS_IGNORE = r"^(?!public\.)"


def page_query() -> str:
    """The query string of the page being served: Dash fetches its layout from /_dash-layout, whose Referer
    (same origin only: Referrer-Policy same-origin) names the page and its query."""
    if not flask.has_request_context():
        return ""
    if request.query_string:
        return "?" + request.query_string.decode("utf-8", errors="replace")
    referrer = request.headers.get("Referer")
    return "?" + urlsplit(referrer).query if referrer else ""


def _public_app(main: dash.Dash, settings: Settings, path: str, title) -> dash.Dash:
    app = LocalisedDash(
        __name__,
        default_language=settings.language,
        page_title=title,
        server=main.server,
        url_base_pathname=path,
        assets_folder=str(settings.assets_dir),
        assets_ignore=ASSETS_IGNORE,
        serve_locally=True,
        title=title(settings.language),
        update_title=None,
        external_scripts=[],
        external_stylesheets=[],
    )
    # Without it the dashboard's catch-all route would answer <prefix>destinations with the dashboard.
    main.server.add_url_rule(
        path.rstrip("/"),
        f"{path.strip('/').replace('/', '_')}_redirect",
        lambda: redirect(path + ("?" + request.query_string.decode() if request.query_string else "")),
    )
    return app


def mantine_page(page) -> dmc.MantineProvider:
    """Mantine's controls need their provider; the dashboard's theme, always light (no switch here)."""
    return dmc.MantineProvider(page, theme=MANTINE_THEME, forceColorScheme="light")


def public_graph_config(main_config: dcc.Graph.Config) -> dcc.Graph.Config:
    """The dashboard's graph config without the mode bar: a student or a visitor has nothing to export."""
    return {**main_config, "displayModeBar": False, "scrollZoom": False, "responsive": True}


def mount_public_pages(
    main: dash.Dash, store: DatasetStore, settings: Settings, graph_config: dcc.Graph.Config
) -> tuple[dash.Dash, dash.Dash]:
    """Serve /destinations/ and /embed/ (and redirect the bare paths there)."""
    home = main.config.requests_pathname_prefix
    config = public_graph_config(graph_config)

    def short_name() -> str:
        institution = store.current().institution
        return institution.short_name or institution.name

    destinations = _public_app(
        main,
        settings,
        under(main.config.routes_pathname_prefix, DESTINATIONS_PATH),
        lambda language: text("dest.page_title", language, short_name=short_name()),
    )
    destinations.layout = lambda: mantine_page(
        build_destinations_layout(
            store.current(),
            Search.from_query(page_query()),
            request_language(settings.language),
            config,
            home=home,
            public_figures=settings.public_figures,
        )
    )
    register_destinations_callbacks(destinations, store, settings.language, main.get_asset_url(""))

    embed = _public_app(
        main,
        settings,
        under(main.config.routes_pathname_prefix, EMBED_PATH),
        lambda language: text("embed.page_title", language, short_name=short_name()),
    )
    embed.layout = lambda: mantine_page(
        build_embed_layout(
            FilterState.from_query(page_query(), store.current()),
            request_language(settings.language),
            config,
            home=home,
        )
    )
    register_embed_callbacks(embed, store, settings.language, home, main.get_asset_url(""))
    return destinations, embed
