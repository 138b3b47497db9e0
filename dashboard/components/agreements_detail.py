"""The agreements of one partner in the detail panel: grouped by direction, then mobility type; each condition
with its fields (named in the page's language), levels, places, months or days, languages and years. An expired
or terminated condition is drawn dimmed, struck through and labelled."""

from __future__ import annotations

import dash_mantine_components as dmc
import pandas as pd
from dash import html

from dashboard import isced
from dashboard.components.attributes import attributes
from dashboard.i18n import text
from dashboard.model import DIRECTIONS, MOBILITY_TYPES


def agreement_state(row, reference: int) -> str:
    """The status to show: the stored one, or "expired" once the last academic year is before the reference."""
    if row.status == "terminated":
        return "terminated"
    if not pd.isna(row.last_year) and int(row.last_year) < reference:
        return "expired"
    return str(row.status)


def _years(row, language: str) -> str:
    def year(value) -> str:
        return text("agreement.open", language) if pd.isna(value) else f"{int(value)}-{int(value) + 1}"

    return f"{year(row.first_year)} \u2013 {year(row.last_year)}"


def _amount(value) -> str:
    return "" if pd.isna(value) else f"{value:g}"


def _line(label: str, value: str) -> html.Div:
    return html.Div([html.Span(label, className="agreement-label"), html.Span(value)], className="agreement-line")


def _condition(row, reference: int, language: str) -> html.Div:
    state = agreement_state(row, reference)
    fields = [f"{code} {isced.field_name(code, language)}" for code in row.fields]
    lines = [
        _line(text("agreement.fields", language), "; ".join(fields) or text("agreement.any_field", language)),
        _line(text("agreement.years", language), _years(row, language)),
    ]
    if row.field_note:
        lines.insert(1, _line("", str(row.field_note)))
    if row.levels:
        levels = ", ".join(text(f"eqf.{level}", language) for level in row.levels)
        lines.append(_line(text("agreement.levels", language), levels))
    for column, key in (
        ("places", "agreement.places"),
        ("months_per_year", "agreement.months"),
        ("days_per_year", "agreement.days"),
    ):
        if _amount(getattr(row, column)):
            lines.append(_line(text(key, language), _amount(getattr(row, column))))
    if row.languages:
        skills = ", ".join(skill.replace(":", " ") for skill in row.languages)
        lines.append(_line(text("agreement.languages", language), skills))
    badges = [
        dmc.Badge(
            text(f"status.{state}", language),
            size="xs",
            variant="light",
            color="gray" if state in ("expired", "terminated") else "teal",
        )
    ]
    if row.blended:
        badges.append(dmc.Badge(text("agreement.blended", language), size="xs", variant="outline"))
    if row.department:
        badges.append(dmc.Text(str(row.department), size="xs", c="dimmed"))
    ended = state in ("expired", "terminated")
    return html.Div(
        [dmc.Group(badges, gap=4), *lines],
        className="atlas-agreement" + (" agreement-ended" if ended else ""),
        **attributes({"data-state": state}),
    )


def agreements_section(agreements: pd.DataFrame, reference: int, language: str = "en") -> list:
    """Children for the panel: a heading per direction, a sub-heading per mobility type, one block per condition."""
    if agreements.empty:
        return [dmc.Text(text("agreement.none", language), size="sm", c="dimmed")]
    children: list = []
    for direction in DIRECTIONS:
        rows = agreements[agreements["direction"] == direction]
        if rows.empty:
            continue
        children.append(html.H4(text(f"agreement.{direction}", language), className="agreement-direction"))
        for mobility_type in MOBILITY_TYPES:
            of_type = rows[rows["mobility_type"] == mobility_type]
            if of_type.empty:
                continue
            children.append(html.H5(text(f"mobility_type.{mobility_type}", language), className="agreement-type"))
            children += [_condition(row, reference, language) for row in of_type.itertuples(index=False)]
    return children
