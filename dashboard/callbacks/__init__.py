"""Wiring: each callback turns its inputs into one FilterState (or a partner id) and calls the pure functions.

The functions that do the work (sync_filters, render_views, render_map, select_partner) are importable and
tested without a browser; what is here only connects component properties to them.
"""

from __future__ import annotations

import dash
import flask
from dash import ALL, ClientsideFunction, Input, Output, State, ctx

from dashboard import ids
from dashboard.callbacks.downloads import partner_download
from dashboard.callbacks.filters import CONTROL_IDS, sync_filters
from dashboard.callbacks.map_update import cards_for, map_payload, update_kind
from dashboard.callbacks.selection import partner_in_query, select_partner
from dashboard.callbacks.table import table_search_rows
from dashboard.callbacks.views import (
    PNG_CHARTS,
    map_size_steps,
    map_summary,
    quick_view_patch,
    render_map,
    render_views,
)
from dashboard.components.language import language_from_query, language_links
from dashboard.components.panels import size_legend
from dashboard.config import Settings
from dashboard.exports import export_filename
from dashboard.figures.graph_config import for_download, graph_config
from dashboard.filters import FilterState, apply
from dashboard.i18n import LANGUAGES, text
from dashboard.i18n.libraries import plotly_locale
from dashboard.map_address import address_with, map_layer, with_map_params
from dashboard.paths import HEALTH_PATH
from dashboard.store import DatasetStore

VIEW_OUTPUTS = (
    Output(ids.TIER_PYRAMID, "figure"),
    Output(ids.MOBILITY_TREND, "figure"),
    Output(ids.DURATION_SPLIT, "figure"),
    Output(ids.CAMPUS_SPLIT, "figure"),
    Output(ids.TOP_COUNTRIES, "figure"),
    Output(ids.TOP_PARTNERS, "figure"),
    Output(ids.TABLE_ROWS, "data"),
    Output(ids.PARTNER_COUNT, "children"),
    Output(ids.COUNTRY_COUNT, "children"),
    Output(ids.MOBILITY_COUNT, "children"),
    Output(ids.PARTNER_COUNT_HINT, "children"),
    Output(ids.COUNTRY_COUNT_HINT, "children"),
    Output(ids.MOBILITY_COUNT_HINT, "children"),
    Output(ids.MAP_EMPTY, "children"),
    Output(ids.CHIPS, "children"),
    *(Output(ids.chart_summary(graph_id), "children") for graph_id in ids.CHARTS),
    *(Output(ids.chart_table(graph_id), "children") for graph_id in ids.TABLED_CHARTS),
    *(Output(graph_id, "config") for graph_id in PNG_CHARTS),
)
EVENT_INPUTS = (
    Input(ids.RESET, "n_clicks"),
    Input(ids.TIER_PYRAMID, "clickData"),
    Input(ids.WORLD_MAP, "clickData"),
    Input(ids.TOP_COUNTRIES, "clickData"),
    Input(ids.CAMPUS_SPLIT, "clickData"),
    Input(ids.DURATION_SPLIT, "clickData"),
    Input(ids.MOBILITY_TREND, "clickData"),
    Input({"type": ids.CHIP_TYPE, "field": ALL, "value": ALL}, "n_clicks"),
)


def register_callbacks(app: dash.Dash, store: DatasetStore, settings: Settings) -> None:
    """Each callback reads store.current() so reloaded data files reach every view at once, and the page's
    language from the URL (`?lang=`, else settings.language)."""

    def language(search: str | None) -> str:
        return language_from_query(search, settings.language)

    @app.callback(
        Output(ids.URL, "search"),
        Output(ids.URL, "href"),
        *(Output(control, "value") for control in CONTROL_IDS),
        *(Output(ids.language_link(code), "href") for code in LANGUAGES),
        Output(ids.HEALTH_LINK, "href"),
        Output(ids.MAP_LAYER, "value"),
        Input(ids.URL, "search"),
        *(Input(control, "value") for control in CONTROL_IDS),
        *EVENT_INPUTS,
        State(ids.MAP_LAYER, "value"),
        State(ids.SELECTED_PARTNER, "data"),
        State(ids.URL, "href"),
    )
    def sync_filter_state(search, *values):
        *values, layer, partner, href = values
        trigger = ctx.triggered_id
        value = ctx.triggered[0]["value"] if ctx.triggered else None
        url, controls = sync_filters(store.current(), search, trigger, value, dict(zip(CONTROL_IDS, values)))
        # A new filter keeps the map's layer and selected partner in the address (its view: the map fits anew).
        url = url if url is dash.no_update else with_map_params(url, layer, partner)
        # The language links reload the page with the filters it shows now.
        links = language_links(search if url is dash.no_update else url)
        health = HEALTH_PATH + ((search if url is dash.no_update else url) or "")
        wanted_layer = map_layer(search) if trigger in (None, ids.URL) else layer
        return (
            url,
            dash.no_update if url is dash.no_update else address_with(href, url),
            *controls,
            *(links[code] for code in LANGUAGES),
            health,
            wanted_layer if wanted_layer != layer else dash.no_update,
        )

    # The charts' config as the layout gives it, with each PNG download named after the filter it shows.
    config = graph_config(app.get_asset_url("topojson/"))

    @app.callback(*VIEW_OUTPUTS, Input(ids.URL, "search"), Input(ids.THEME_SWITCH, "checked"))
    def update_views(search, dark):
        lang = language(search)
        views = render_views(store.current(), search, dark, lang)
        # The config replaces the layout's, so it carries the page's plotly locale too (toolbar tooltips).
        localised = {**config, "locale": plotly_locale(lang, settings.assets_dir)}
        return (*views.outputs(), *(for_download(localised, views.png_names[graph_id]) for graph_id in PNG_CHARTS))

    def assets_url() -> str:
        """This server's asset folder as an absolute URL: MapLibre refuses a relative sprite URL ("Map error")."""
        return flask.request.host_url.rstrip("/") + app.get_asset_url("")

    # The map callback answers with what changed (map_update.py); the page draws it (assets/atlas-map.js).
    @app.callback(
        Output(ids.MAP_UPDATE, "data"),
        Output(ids.MAP_METRIC, "disabled"),
        Output(ids.MAP_DIRECTION, "disabled"),
        Output(ids.MAP_SUMMARY, "children"),
        Output(ids.MAP_SIZE_LEGEND, "children"),
        Input(ids.URL, "search"),
        Input(ids.MAP_LAYER, "value"),
        Input(ids.MAP_METRIC, "value"),
        Input(ids.MAP_DIRECTION, "value"),
        Input(ids.THEME_SWITCH, "checked"),
        Input(ids.SELECTED_PARTNER, "data"),
        Input(ids.MAP_SIZE, "data"),
        State(ids.MAP_CARDS_TOKEN, "data"),
    )
    def update_map(search, layer, metric, direction, dark, selected, size, page_token):
        dataset = store.current()
        state = FilterState.from_query(search, dataset)
        view = apply(state, dataset)
        figure = render_map(
            dataset,
            search,
            layer,
            metric,
            direction,
            dark,
            selected,
            view=view,
            language=language(search),
            size=size,
            assets_url=assets_url(),
            compact=True,
        )
        kind = update_kind(set(ctx.triggered_prop_ids))
        png = {
            "name": export_filename(state, "", stem=ids.WORLD_MAP),
            "title": text("map.download_png", language(search)),
        }
        payload = map_payload(figure, kind, cards_for(dataset, language(search)), page_token, png)
        if kind == "selection":
            return payload, dash.no_update, dash.no_update, dash.no_update, dash.no_update
        return (
            payload,
            layer != "countries",
            layer != "flows",
            map_summary(view.partners, language(search)),
            size_legend(map_size_steps(view.partners, layer, direction), language(search)),
        )

    app.clientside_callback(
        ClientsideFunction(namespace="atlasMap", function_name="drawMap"),
        Output(ids.WORLD_MAP, "figure"),
        Output(ids.MAP_CARDS_TOKEN, "data"),
        Output(ids.WORLD_MAP, "config"),
        Input(ids.MAP_UPDATE, "data"),
        State(ids.WORLD_MAP, "figure"),
        State(ids.WORLD_MAP, "config"),
    )

    @app.callback(
        Output(ids.WORLD_MAP, "figure", allow_duplicate=True),
        Input({"type": ids.MAP_VIEW_TYPE, "view": ALL}, "n_clicks"),
        State(ids.MAP_SIZE, "data"),
        prevent_initial_call=True,
    )
    def show_quick_view(_clicks, size):
        if not ctx.triggered_id or not any(_clicks):
            return dash.no_update
        return quick_view_patch(store.current(), ctx.triggered_id["view"], size)

    @app.callback(
        Output(ids.SELECTED_PARTNER, "data"),
        Output(ids.DETAIL_PANEL, "opened"),
        Output(ids.DETAIL_PANEL, "title"),
        Output(ids.DETAIL_BODY, "children"),
        Output(ids.PARTNER_TABLE, "selectedRows"),
        Input(ids.PARTNER_TABLE, "cellClicked"),
        Input(ids.WORLD_MAP, "clickData"),
        Input(ids.TOP_PARTNERS, "clickData"),
        Input(ids.DETAIL_PANEL, "opened"),
        Input(ids.URL, "search"),  # ?partner=<id> (a shared link, or one from /health) opens that partner
        State(ids.SELECTED_PARTNER, "data"),
    )
    def show_partner(_cell, _map_click, _bar_click, _opened, search, selected):
        value = ctx.triggered[0]["value"] if ctx.triggered else None
        if ctx.triggered_id in (None, ids.URL):
            if partner_in_query(search) == selected:  # a filter change that kept the partner in the address
                return (dash.no_update,) * 5
            return select_partner(store.current(), ids.URL, search, selected, language(search))
        return select_partner(store.current(), ctx.triggered_id, value, selected, language(search))

    @app.callback(
        Output(ids.DOWNLOAD, "data"),
        Input(ids.DOWNLOAD_CSV, "n_clicks"),
        Input(ids.DOWNLOAD_XLSX, "n_clicks"),
        State(ids.URL, "search"),
        State(ids.TABLE_ORDER, "data"),
        State(ids.TABLE_SEARCH, "value"),
        prevent_initial_call=True,
    )
    def download_partners(_csv, _xlsx, search, shown_ids, table_search):
        return partner_download(
            store.current(), search, ctx.triggered_id, language(search), shown_ids, table_search or ""
        )

    @app.callback(Output(ids.TABLE_SEARCH_ROWS, "data"), Input(ids.TABLE_SEARCH, "value"), prevent_initial_call=True)
    def search_table(text):
        return table_search_rows(store.current(), text)

    # In the browser: the grid hides the rows the filter and the table's search leave out, and shows each row's
    # mobility; what it then shows, in its order, is what a download exports.
    app.clientside_callback(
        ClientsideFunction(namespace="atlas", function_name="showTableRows"),
        Output(ids.TABLE_SHOWN, "data"),
        Input(ids.TABLE_ROWS, "data"),
        Input(ids.TABLE_SEARCH_ROWS, "data"),
        State(ids.PARTNER_TABLE, "id"),
    )
    app.clientside_callback(
        ClientsideFunction(namespace="atlas", function_name="tableOrder"),
        Output(ids.TABLE_ORDER, "data"),
        Input(ids.PARTNER_TABLE, "virtualRowData"),
    )

    # In the browser: the map's size (for fitting the view), its layer/partner/view in the address, copy link.
    app.clientside_callback(
        ClientsideFunction(namespace="atlas", function_name="mapSize"),
        Output(ids.MAP_SIZE, "data"),
        Input(ids.URL, "pathname"),
        State(ids.WORLD_MAP, "id"),
    )
    app.clientside_callback(
        ClientsideFunction(namespace="atlas", function_name="mapAddress"),
        Output(ids.MAP_ADDRESS, "data"),
        Input(ids.MAP_LAYER, "value"),
        Input(ids.SELECTED_PARTNER, "data"),
        Input(ids.WORLD_MAP, "relayoutData"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction(namespace="atlas", function_name="copyLink"),
        Output(ids.COPY_LINK, "children"),
        Input(ids.COPY_LINK, "n_clicks"),
        State(ids.COPY_LINK, "children"),
        prevent_initial_call=True,
    )

    # In the browser: Mantine's colour scheme and the grid's follow the switch without a server round trip.
    app.clientside_callback(
        ClientsideFunction(namespace="atlas", function_name="colorScheme"),
        Output(ids.THEME_PROVIDER, "forceColorScheme"),
        Input(ids.THEME_SWITCH, "checked"),
    )
