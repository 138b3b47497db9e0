"""/destinations: the student's choice (field, level, how long, a language, where), the partners that fit on
the map and as cards. The controls start from the page's URL, so a coordinator's link opens that choice."""

from __future__ import annotations

import math

import dash_mantine_components as dmc
import pandas as pd
from dash import dcc, html

from dashboard import isced
from dashboard.components.attributes import attributes
from dashboard.components.cards import key_figure_cards
from dashboard.destinations import PERIODS, SORTS, Search, field_options, languages_offered
from dashboard.i18n import country_label, locale_of, number, text, value_label
from dashboard.model import EQF_LEVELS, REGIONS, Dataset
from dashboard.public import ids


def public_key_figures(key_figures: pd.DataFrame, labels: str) -> pd.DataFrame:
    """The key figures the public_figures setting names (by label, in the office's order); none by default."""
    wanted = {label.strip().casefold() for label in labels.split(",") if label.strip()}
    return key_figures[key_figures["label"].astype(str).str.strip().str.casefold().isin(wanted)]


def language_options(dataset: Dataset, language: str) -> list[dict[str, str]]:
    names = locale_of(language).languages
    return [{"value": code, "label": (names.get(code) or code).capitalize()} for code in languages_offered(dataset)]


def country_options(dataset: Dataset, language: str) -> list[dict[str, str]]:
    codes = sorted(set(dataset.partners["country"].dropna().astype(str)))
    return sorted(
        ({"value": c, "label": country_label(c, language)} for c in codes if c), key=lambda option: option["label"]
    )


def controls(dataset: Dataset, search: Search, language: str) -> html.Form:
    """The student's choice; each control labelled, the optional ones saying so."""
    period = [{"value": "", "label": text("dest.period.any", language)}] + [
        {"value": p, "label": text(f"dest.period.{p}", language)} for p in PERIODS
    ]
    return html.Form(
        [
            dmc.Select(
                id=ids.FIELD,
                label=text("dest.field", language),
                data=field_options(dataset, language),
                value=search.field,
                searchable=True,
                clearable=True,
                placeholder=text("dest.field_placeholder", language),
                nothingFoundMessage=text("nothing_found", language),
                className="dest-field",
                size="md",
            ),
            dmc.Select(
                id=ids.LEVEL,
                label=text("dest.level", language),
                clearable=True,
                size="md",
                placeholder=text("dest.any_level", language),
                data=[{"value": str(level), "label": value_label("eqf", level, language)} for level in EQF_LEVELS],
                value=str(search.level) if search.level else None,
            ),
            dmc.RadioGroup(
                dmc.Group([dmc.Radio(label=o["label"], value=o["value"], size="md") for o in period]),
                id=ids.PERIOD,
                label=text("dest.period", language),
                value=search.period or "",
                className="dest-period",
            ),
            dmc.Select(
                id=ids.SPEAKS,
                label=text("dest.speaks", language),
                data=language_options(dataset, language),
                value=search.language,
                clearable=True,
                size="md",
            ),
            dmc.MultiSelect(
                id=ids.REGION,
                label=text("dest.region", language),
                value=list(search.regions),
                data=[{"value": r, "label": value_label("region", r, language)} for r in REGIONS],
                clearable=True,
                size="md",
            ),
            dmc.MultiSelect(
                id=ids.COUNTRY,
                label=text("dest.country", language),
                value=list(search.countries),
                data=country_options(dataset, language),
                searchable=True,
                clearable=True,
                size="md",
                nothingFoundMessage=text("nothing_found", language),
            ),
            dmc.Select(
                id=ids.SORT,
                label=text("dest.sort", language),
                value=search.sort,
                allowDeselect=False,
                data=[{"value": s, "label": text(f"dest.sort.{s}", language)} for s in SORTS],
                size="md",
            ),
        ],
        id=ids.CONTROLS,
        className="dest-controls",
        role="search",
        **attributes({"aria-label": text("dest.filters", language)}),
    )


def filters_button(search: Search, language: str) -> str:
    """ "Filters (2)": how many of the student's choices are set (the order of the cards is not one)."""
    chosen = sum(
        bool(v) for v in (search.field, search.level, search.period, search.language, search.regions, search.countries)
    )
    return text("dest.filters_button", language, count=chosen)


def build_destinations_layout(
    dataset: Dataset,
    search: Search,
    language: str,
    graph_config: dcc.Graph.Config,
    *,
    home: str,
    public_figures: str = "",
) -> html.Div:
    institution = dataset.institution
    figures = public_key_figures(dataset.key_figures, public_figures)
    return html.Div(
        [
            dcc.Location(id=ids.URL, refresh=False),
            html.Header(
                [
                    html.Div(
                        [
                            html.H1(text("dest.title", language), className="dest-title"),
                            html.P(text("dest.intro", language), className="dest-intro"),
                        ]
                    ),
                    html.Nav(
                        [
                            html.A(text("dest.back", language), href=home, className="dest-back"),
                            html.Span(id=ids.LANGUAGE_LINKS, className="dest-languages"),
                        ],
                        **attributes({"aria-label": institution.short_name or institution.name}),
                    ),
                ],
                className="dest-header",
            ),
            html.Main(
                [
                    html.Button(
                        filters_button(search, language),
                        id=ids.FILTERS_TOGGLE,
                        type="button",
                        n_clicks=0,
                        className="dest-filters-toggle",
                        **attributes({"aria-controls": ids.CONTROLS, "aria-expanded": "false"}),
                    ),
                    controls(dataset, search, language),
                    html.Div(
                        key_figure_cards(figures, language, limit=len(figures)),
                        id=ids.FIGURES,
                        className="dest-figures",
                    )
                    if len(figures)
                    else None,
                    html.Section(
                        [
                            html.H2(
                                text("dest.results", language), id="dest-results-title", className="dest-results-title"
                            ),
                            html.P(id=ids.COUNT, className="dest-count", role="status"),
                            html.Div(
                                [html.P(id=ids.EMPTY), html.Span(id=ids.BROADER)],
                                className="dest-empty",
                                hidden=True,
                                id=ids.EMPTY + "-box",
                            ),
                            html.Div(
                                dcc.Graph(
                                    id=ids.MAP,
                                    config=graph_config,
                                    responsive=True,
                                    className="dest-map-graph",
                                    figure={"data": [], "layout": {}},
                                ),
                                className="dest-map",
                                role="img",
                                **attributes({"aria-label": text("dest.map", language)}),
                            ),
                            html.Ul(id=ids.CARDS, className="dest-cards"),
                        ],
                        className="dest-results",
                        **attributes({"aria-labelledby": "dest-results-title"}),
                    ),
                ],
                className="dest-main",
            ),
        ],
        className="dest-page",
    )


def destination_cards(cards: pd.DataFrame, language: str, home_name: str) -> list[html.Li]:
    """One card per partner: name (its website), place, languages and levels required, places, months, distance."""
    return [destination_card(card, language, home_name) for card in cards.itertuples(index=False)]


def destination_card(card, language: str, home_name: str) -> html.Li:
    place = ", ".join(p for p in (card.city, country_label(card.country, language, card.country_name)) if p)
    name = html.A(card.name, href=card.website, target="_blank", rel="noopener") if card.website else card.name
    facts = [
        (
            text("dest.languages", language),
            ", ".join(_language(item, language) for item in card.languages) or text("dest.languages_none", language),
        ),
        (
            text("dest.levels", language),
            ", ".join(value_label("eqf", level, language) for level in card.levels) or text("dest.any_level", language),
        ),
        (
            text("dest.places", language),
            number(card.places, language) if not math.isnan(card.places) else text("dest.places_unknown", language),
        ),
        (text("dest.months", language), _months(card.months, language)),
    ]
    rows = [html.Div([html.Dt(label), html.Dd(value)], className="dest-fact") for label, value in facts]
    distance = card.distance_km
    return html.Li(
        html.Article(
            [
                html.H3(name, className="dest-card-name"),
                html.P(place, className="dest-card-place"),
                html.Dl(rows, className="dest-card-facts"),
                html.P(
                    text("dest.distance", language, km=number(round(distance, -1), language), home=home_name),
                    className="dest-card-distance",
                )
                if not math.isnan(distance)
                else None,
            ],
            className="dest-card",
        ),
        **{"data-partner": card.partner_id},
    )


def _language(item: str, language: str) -> str:
    """ "en:B2" as "English B2" in the page's language."""
    code, _, level = item.partition(":")
    name = (locale_of(language).languages.get(code.strip().lower()) or code).capitalize()
    return f"{name} {level.strip()}".strip()


def _months(months, language: str) -> str:
    if not months:
        return text("dest.months_unknown", language)
    low, high = (number(m, language, decimals=0 if float(m).is_integer() else 1) for m in months)
    return low if low == high else f"{low}\u2013{high}"


def field_label(code: str, language: str) -> str:
    return isced.field_name(code, language)
