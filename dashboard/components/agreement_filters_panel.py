"""The agreement filters in the side panel: field of study, study level, mobility type, academic year in effect.

Hidden (but present, for the URL sync callback) when the data folder has no agreements.
"""

from __future__ import annotations

import dash_mantine_components as dmc
import pandas as pd
from dash import html

from dashboard import ids, isced
from dashboard.i18n import text
from dashboard.model import EQF_LEVELS, MOBILITY_TYPES, Dataset


def field_options(agreements: pd.DataFrame, language: str = "en") -> list[dict[str, str]]:
    """The fields the agreements name, with their broad and narrow fields, as "0913 Nursing and midwifery"."""
    codes: set[str] = set()
    for named in agreements["fields"]:
        for code in named:
            codes.update(code[:length] for length in (2, 3, 4) if length <= len(code))
    return [
        {"value": code, "label": f"{code} {isced.field_name(code, language)}"}
        for code in sorted(codes)
        if isced.is_field(code)
    ]


def valid_years(agreements: pd.DataFrame) -> list[str]:
    """Every academic year from the earliest first year to the latest last year of the agreements."""
    years = pd.concat([agreements["first_year"], agreements["last_year"]]).dropna()
    if years.empty:
        return []
    return [f"{y}-{y + 1}" for y in range(int(years.min()), int(years.max()) + 1)]


def _chip_group(component_id: str, values, key_prefix: str, language: str) -> dmc.ChipGroup:
    return dmc.ChipGroup(
        id=component_id,
        multiple=True,
        value=[],
        children=dmc.Group(
            [dmc.Chip(text(f"{key_prefix}.{v}", language), value=str(v), size="xs") for v in values], gap=6
        ),
    )


def agreement_controls(dataset: Dataset, language: str = "en") -> html.Div:
    agreements = dataset.agreements
    levels = sorted({level for row in agreements["levels"] for level in row}) or list(EQF_LEVELS)
    return html.Div(
        [
            dmc.Text(text("agreements", language), fw=700, size="md", mt="sm"),
            dmc.MultiSelect(
                id=ids.FILTER_FIELD,
                label=text("filter.field", language),
                placeholder=text("any", language),
                data=field_options(agreements, language),
                value=[],
                searchable=True,
                clearable=True,
                hidePickedOptions=True,
                nothingFoundMessage=text("nothing_found", language),
                maxDropdownHeight=280,
            ),
            html.Div(
                [
                    dmc.Text(text("filter.level", language), size="sm", fw=600, className="filter-label"),
                    _chip_group(ids.FILTER_LEVEL, levels, "eqf", language),
                ],
                className="filter-section",
            ),
            html.Div(
                [
                    dmc.Text(text("filter.type", language), size="sm", fw=600, className="filter-label"),
                    _chip_group(ids.FILTER_TYPE, MOBILITY_TYPES, "mobility_type", language),
                ],
                className="filter-section",
            ),
            dmc.Select(
                id=ids.FILTER_VALID,
                label=text("filter.valid", language),
                placeholder=text("any", language),
                data=valid_years(agreements),
                value=None,
                clearable=True,
            ),
        ],
        className="atlas-agreement-filters",
        style=None if len(agreements) else {"display": "none"},
    )
