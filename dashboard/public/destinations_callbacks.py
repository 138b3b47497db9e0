"""The wiring of /destinations: the controls write the search into the URL; the URL draws the map and the cards."""

from __future__ import annotations

from dataclasses import dataclass, replace

import dash
import flask
import plotly.graph_objects as go
from dash import Input, Output, html

from dashboard.callbacks.views import render_map
from dashboard.components.attributes import attributes
from dashboard.components.language import language_from_query, language_links, with_language
from dashboard.destinations import Result, Search, find
from dashboard.figures.public_map import public_hover, public_partners
from dashboard.filters import FilterState, apply
from dashboard.i18n import LANGUAGES, language_name, text
from dashboard.model import Dataset
from dashboard.public import ids
from dashboard.public.destinations_page import destination_cards, field_label, filters_button
from dashboard.store import DatasetStore


def search_query(values: dict, search: str | None) -> str:
    """The URL query for the controls' values, keeping the page's language."""
    chosen = Search.from_values(**values).to_query()
    return with_language(chosen, language_from_query(search, "") or None)


@dataclass(frozen=True)
class Page:
    count: str
    empty_hidden: bool
    empty: str
    broader: list  # the link to the nearest broader field, when there is one
    figure: go.Figure
    cards: list
    languages: list
    filters: str

    def outputs(self) -> tuple:
        return (
            self.count,
            self.empty_hidden,
            self.empty,
            self.broader,
            self.figure,
            self.cards,
            self.languages,
            self.filters,
        )


def destinations_map(
    dataset: Dataset, search: Search, result: Result, language: str, assets_url: str = "/assets/"
) -> go.Figure:
    """The dashboard's map (callbacks.views.render_map) of the partners that fit, with public hover cards only."""
    state = FilterState.from_values(
        dataset,
        regions=search.regions,
        countries=search.countries,
        fields=[search.field] if search.field else None,
        levels=[str(search.level)] if search.level else None,
    )
    view = apply(state, dataset)
    keep = view.partners["partner_id"].astype(str).isin(set(result.cards["partner_id"])).to_numpy(dtype=bool)
    partners = public_partners(view.partners[keep])
    # positions narrowed with the partners: render_map draws each partner at its row's place (places_for).
    narrowed = replace(view, partners=partners, positions=view.positions[keep])
    return public_hover(render_map(dataset, state.to_query(), view=narrowed, language=language, assets_url=assets_url))


def render_destinations(
    dataset: Dataset, url_search: str | None, default_language: str, assets_url: str = "/assets/"
) -> Page:
    language = language_from_query(url_search, default_language)
    search = Search.from_query(url_search)
    result = find(dataset, search)
    home = dataset.institution.short_name or dataset.institution.name
    broader = []
    if result.broader:
        broader = [
            html.A(
                text("dest.broader", language, field=f"{result.broader} {field_label(result.broader, language)}"),
                href=with_language(replace(search, field=result.broader).to_query(), language),
            )
        ]
    links = language_links(url_search)
    return Page(
        count=text("dest.count", language, count=len(result.cards)),
        empty_hidden=result.reason is None,
        empty=text(f"dest.empty.{result.reason}", language) if result.reason else "",
        broader=broader,
        figure=destinations_map(dataset, search, result, language, assets_url),
        cards=destination_cards(result.cards, language, home),
        languages=[
            html.A(
                code.upper(),
                href=links[code],
                lang=code,
                title=language_name(code),
                className="lang-link active" if code == language else "lang-link",
                **attributes({"aria-current": "true"} if code == language else {}),
            )
            for code in LANGUAGES
        ],
        filters=filters_button(search, language),
    )


def absolute(assets: str) -> str:
    """The asset folder as an absolute URL: MapLibre refuses a relative sprite URL (as callbacks/__init__.py)."""
    return flask.request.host_url.rstrip("/") + assets


def register_destinations_callbacks(
    app: dash.Dash, store: DatasetStore, default_language: str, assets: str = "/assets/"
) -> None:
    @app.callback(
        Output(ids.URL, "search"),
        *(Input(c, "value") for c in ids.DESTINATION_CONTROLS),
        Input(ids.URL, "search"),
        prevent_initial_call=True,
    )
    def choose(field, level, period, speaks, regions, countries, sort, search):
        if dash.ctx.triggered_id == ids.URL:
            return dash.no_update
        query = search_query(
            dict(
                field=field,
                level=level,
                period=period,
                language=speaks,
                regions=regions,
                countries=countries,
                sort=sort,
            ),
            search,
        )
        return query if query != (search or "") else dash.no_update

    @app.callback(
        Output(ids.COUNT, "children"),
        Output(ids.EMPTY + "-box", "hidden"),
        Output(ids.EMPTY, "children"),
        Output(ids.BROADER, "children"),
        Output(ids.MAP, "figure"),
        Output(ids.CARDS, "children"),
        Output(ids.LANGUAGE_LINKS, "children"),
        Output(ids.FILTERS_TOGGLE, "children"),
        Input(ids.URL, "search"),
    )
    def show(search):
        return render_destinations(store.current(), search, default_language, absolute(assets)).outputs()

    # In the browser: the filters button opens and closes the choice on a phone, without a server round trip.
    app.clientside_callback(
        """(clicks) => { const open = clicks % 2 === 1;
            return [open ? 'dest-controls open' : 'dest-controls', open ? 'true' : 'false']; }""",
        Output(ids.CONTROLS, "className"),
        Output(ids.FILTERS_TOGGLE, "aria-expanded"),
        Input(ids.FILTERS_TOGGLE, "n_clicks"),
    )
