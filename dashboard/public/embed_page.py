"""/embed: the map for a frame on the university's website, with three controls (tier, region, search) and a
link that opens the full view with the same filter. No header: the host page has its own."""

from __future__ import annotations

from dataclasses import replace

import dash
import dash_mantine_components as dmc
from dash import Input, Output, dcc, html

from dashboard.callbacks.views import render_map
from dashboard.components.attributes import attributes
from dashboard.components.language import language_from_query, with_language
from dashboard.figures.public_map import public_hover, public_partners
from dashboard.filters import FilterState, apply
from dashboard.i18n import text, value_label
from dashboard.model import REGIONS, TIERS, Dataset
from dashboard.public import ids
from dashboard.public.destinations_callbacks import absolute
from dashboard.store import DatasetStore


def build_embed_layout(state: FilterState, language: str, graph_config: dcc.Graph.Config, *, home: str) -> html.Div:
    return html.Div(
        [
            dcc.Location(id=ids.URL, refresh=False),
            html.Main(
                [
                    html.Form(
                        [
                            dmc.MultiSelect(
                                id=ids.TIER,
                                label=text("tier", language),
                                value=list(state.tiers),
                                placeholder=text("embed.all_tiers", language),
                                clearable=True,
                                data=[{"value": t, "label": text(f"tier.{t}", language)} for t in TIERS],
                            ),
                            dmc.Select(
                                id=ids.EMBED_REGION,
                                label=text("region", language),
                                clearable=True,
                                value=state.regions[0] if len(state.regions) == 1 else None,
                                placeholder=text("embed.all_regions", language),
                                data=[{"value": r, "label": value_label("region", r, language)} for r in REGIONS],
                            ),
                            dmc.TextInput(
                                id=ids.SEARCH, label=text("embed.search", language), value=state.query, debounce=400
                            ),
                            html.A(
                                text("embed.full_view", language),
                                id=ids.FULL_VIEW,
                                href=home,
                                target="_blank",
                                rel="noopener",
                                className="embed-full-view",
                            ),
                        ],
                        className="embed-controls",
                        role="search",
                    ),
                    html.Div(
                        dcc.Graph(
                            id=ids.EMBED_MAP,
                            config=graph_config,
                            responsive=True,
                            figure={"data": [], "layout": {}},
                            className="embed-map-graph",
                        ),
                        className="embed-map",
                        role="img",
                        **attributes({"aria-label": text("embed.map", language)}),
                    ),
                ],
                className="embed-main",
            ),
        ],
        className="embed-page",
    )


def embed_query(tiers, region, query, search: str | None, dataset: Dataset) -> str:
    """The URL query for the three controls, keeping the page's language."""
    state = FilterState.from_values(dataset, tiers=tiers, regions=[region] if region else None, query=query or "")
    return with_language(state.to_query(), language_from_query(search, "") or None)


def render_embed(dataset: Dataset, search: str | None, default_language: str, home: str, assets_url: str = "/assets/"):
    """The map (the dashboard's render_map, public hover cards) and the full view's link for the URL's filter."""
    language = language_from_query(search, default_language)
    state = FilterState.from_query(search, dataset)
    state = FilterState.from_values(dataset, tiers=state.tiers, regions=state.regions, query=state.query)
    view = apply(state, dataset)
    view = replace(view, partners=public_partners(view.partners))
    figure = public_hover(render_map(dataset, state.to_query(), view=view, language=language, assets_url=assets_url))
    return figure, home + with_language(state.to_query(), language)


def register_embed_callbacks(
    app: dash.Dash, store: DatasetStore, default_language: str, home: str, assets: str = "/assets/"
) -> None:
    @app.callback(
        Output(ids.URL, "search"),
        *(Input(c, "value") for c in ids.EMBED_CONTROLS),
        Input(ids.URL, "search"),
        prevent_initial_call=True,
    )
    def choose(tiers, region, query, search):
        if dash.ctx.triggered_id == ids.URL:
            return dash.no_update
        chosen = embed_query(tiers, region, query, search, store.current())
        return chosen if chosen != (search or "") else dash.no_update

    @app.callback(Output(ids.EMBED_MAP, "figure"), Output(ids.FULL_VIEW, "href"), Input(ids.URL, "search"))
    def show(search):
        return render_embed(store.current(), search, default_language, home, absolute(assets))
