"""Headline cards: the institution's key figures (from key_figures.csv) beside live counts for the current filter."""

from __future__ import annotations

import dash_mantine_components as dmc
import pandas as pd
from dash import html

from dashboard import ids
from dashboard.components.attributes import attributes
from dashboard.i18n import key_figure, number, text
from dashboard.model import key_figure_text


def _card(
    label: str, value, *, value_id: str | None = None, hint: str = "", hint_id: str | None = None, live: bool = False
) -> html.Div:
    # Live counts come first; app.css hides the last key figures where a laptop screen has no room.
    value_attrs = {"id": value_id} if value_id else {}
    hint_attrs = {"id": hint_id} if hint_id else {}
    return html.Div(
        [
            html.Div(value, className="card-value", **attributes(value_attrs)),
            html.Div(label, className="card-label"),
            html.Div(hint, className="card-hint", **attributes(hint_attrs)) if hint or hint_id else None,
        ],
        className="atlas-card live" if live else "atlas-card key-figure",
    )


def live_count_cards(language: str = "en") -> list[html.Div]:
    """Counts that follow the filter; their values and what they count (count_hints) are filled by the views
    callback."""
    return [
        _card(text(f"count.{kind}", language), "", value_id=value_id, hint_id=hint_id, live=True)
        for kind, value_id, hint_id in (
            ("partners", ids.PARTNER_COUNT, ids.PARTNER_COUNT_HINT),
            ("countries", ids.COUNTRY_COUNT, ids.COUNTRY_COUNT_HINT),
            ("mobilities", ids.MOBILITY_COUNT, ids.MOBILITY_COUNT_HINT),
        )
    ]


def count_hints(counts: dict[str, int], picks_mobility: bool, mobility: str, language: str = "en") -> list[str]:
    """What the partner, country and mobility cards count, in that order.

    The partner and country counts are those of the filter's partners, whatever their mobility (as the map and
    the table show them); when the filter picks mobility (participant, direction, stay, campus, years), each card
    says so and how many of them have such mobility. `mobility` describes the mobility counted
    (exports.mobility_description).
    """
    if not picks_mobility:
        in_filter = text("count.in_filter", language)
        return [in_filter, in_filter, text("count.mobility_kind", language, kind=mobility)]
    return [
        text("count.with_mobility", language, count=number(counts["partners_with_mobility"], language)),
        text("count.with_mobility", language, count=number(counts["countries_with_mobility"], language)),
        text("count.mobility_kind", language, kind=mobility),
    ]


def key_figure_cards(key_figures: pd.DataFrame, language: str = "en", limit: int = 4) -> list[html.Div]:
    """The first rows of key_figures.csv, as the office wrote them (their order is their priority)."""
    cards = []
    for row in key_figures.head(limit).itertuples(index=False):
        unit = key_figure_text(row, "unit", language)
        # A short unit (%, km) reads as part of the number; a long one goes beside it in small type.
        number = key_figure(row.value, unit, language)
        value: str | list[str | html.Span]
        if unit in {"", "count", "number", "%"}:
            value = number
        elif len(unit) <= 2:
            value = f"{number}\u00a0{unit}"
        else:
            # A space of its own between the number and the unit: without it the text reads "1,700experts" to a
            # screen reader, a copy and a narrow card alike.
            value = [number, "\u00a0", html.Span(unit, className="card-unit")]
        source = key_figure_text(row, "source", language)
        cards.append(
            _card(
                key_figure_text(row, "label", language),
                value,
                hint=text("source", language, source=source) if source else "",
            )
        )
    return cards


def headline_cards(key_figures: pd.DataFrame, language: str = "en") -> html.Div:
    return html.Div(
        [*live_count_cards(language), *key_figure_cards(key_figures, language)],
        id=ids.KEY_FIGURES,
        className="atlas-cards",
    )


def chip_list(chips: list[tuple[str, str, str]], language: str = "en") -> list:
    """Removable chips, one per active filter value; each removes its value when clicked."""
    if not chips:
        return [dmc.Text(text("no_filter", language), size="sm", c="dimmed")]
    return [
        dmc.Button(
            label,
            id=ids.chip(field, value),
            n_clicks=0,
            size="compact-sm",
            variant="light",
            radius="xl",
            rightSection=html.Span("\u00d7", className="chip-x", **attributes({"aria-hidden": "true"})),
            className="filter-chip",
            **{"aria-label": text("remove_filter", language, label=label)},
        )
        for field, value, label in chips
    ]
