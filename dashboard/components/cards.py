"""Headline cards: the institution's key figures (from key_figures.csv) beside live counts for the current filter."""

from __future__ import annotations

import dash_mantine_components as dmc
import pandas as pd
from dash import html

from dashboard import ids
from dashboard.components.attributes import attributes
from dashboard.i18n import key_figure, text
from dashboard.model import key_figure_text


def _card(label: str, value, *, value_id: str | None = None, hint: str = "", live: bool = False) -> html.Div:
    # Live counts come first; app.css hides the last key figures where a laptop screen has no room.
    value_attrs = {"id": value_id} if value_id else {}
    return html.Div(
        [
            html.Div(value, className="card-value", **attributes(value_attrs)),
            html.Div(label, className="card-label"),
            html.Div(hint, className="card-hint") if hint else None,
        ],
        className="atlas-card live" if live else "atlas-card key-figure",
    )


def live_count_cards(language: str = "en") -> list[html.Div]:
    """Counts that follow the filter; their values are filled by the views callback."""
    hint = text("count.in_filter", language)
    return [
        _card(text("count.partners", language), "", value_id=ids.PARTNER_COUNT, hint=hint, live=True),
        _card(text("count.countries", language), "", value_id=ids.COUNTRY_COUNT, hint=hint, live=True),
        _card(text("count.mobilities", language), "", value_id=ids.MOBILITY_COUNT, hint=hint, live=True),
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
            value = [number, html.Span(unit, className="card-unit")]
        source = str(getattr(row, "source", "") or "")
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
