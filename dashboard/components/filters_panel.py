"""The filter controls: one control per FilterState field, options taken from the dataset."""

from __future__ import annotations

import json

import dash_mantine_components as dmc
from dash import html

from dashboard import ids
from dashboard.components.agreement_filters_panel import agreement_controls
from dashboard.components.attributes import attributes
from dashboard.countries import country_search_text
from dashboard.folding import fold
from dashboard.i18n import country_label, text, value_label
from dashboard.model import ACTIVITIES, DIRECTIONS, DURATIONS, PARTICIPANTS, TIERS, Dataset


def country_options(dataset: Dataset, language: str = "en") -> list[dict[str, str]]:
    """ISO-2 codes labelled with their country names in `language`, sorted by name (accents ignored), only
    countries that have partners. `search` holds the country's names in every language, folded: what the box's
    search matches (assets/atlas.js atlasCountryFilter), so "Finnland" finds Finland on an English page."""
    pairs = dataset.partners[["country", "country_name"]].drop_duplicates("country")
    pairs = pairs[pairs["country"].astype(str) != ""]
    options = []
    for code, name in pairs.itertuples(index=False):
        label = country_label(str(code), language, str(name or code))
        names = dict.fromkeys([fold(label), *country_search_text(str(code)).split(" "), fold(str(name or ""))])
        options.append({"value": str(code), "label": label, "search": " ".join(n for n in names if n)})
    return sorted(options, key=lambda option: fold(option["label"]))


def region_options(dataset: Dataset, language: str = "en") -> list[dict[str, str]]:
    """World regions as stored (English) for the URL, labelled in `language`."""
    regions = {str(region) for region in dataset.partners["region"] if region}
    options = [{"value": region, "label": value_label("region", region, language)} for region in regions]
    return sorted(options, key=lambda option: fold(option["label"]))


def year_marks(years: list[str]) -> list[dict[str, object]]:
    """Short labels ("21-22") keep a decade of years readable in a narrow side panel."""
    return [
        {"value": index, "label": f"{year[2:4]}-{year[7:9]}" if len(year) == 9 else year}
        for index, year in enumerate(years)
    ]


def _chips(component_id: str, values: tuple[str, ...], key_prefix: str, language: str) -> dmc.ChipGroup:
    return dmc.ChipGroup(
        id=component_id,
        multiple=True,
        value=[],
        children=dmc.Group(
            [
                dmc.Chip(text(f"{key_prefix}.{value}", language), value=value, size="xs", className=f"chip-{value}")
                for value in values
            ],
            gap=6,
        ),
    )


def _section(label: str, control, **attrs) -> html.Div:
    return html.Div(
        [dmc.Text(label, size="sm", fw=600, className="filter-label"), control], className="filter-section", **attrs
    )


def filters_toggle(language: str = "en") -> html.Button:
    """ "Filters (2)": opens the filter panel as a drawer on phones and tablets (hidden on wider screens by CSS).
    The count is the number of active filter chips, kept current by assets/atlas-narrow.js."""
    before, _, after = text("filters.toggle", language, count="\x00").partition("\x00")
    return html.Button(
        [before, html.Span("0", className="atlas-filter-count"), after],
        id=ids.FILTERS_TOGGLE,
        type="button",
        className="atlas-filters-toggle",
        **attributes({"aria-controls": ids.FILTERS_DRAWER, "aria-expanded": "false"}),
    )


def filters_panel(dataset: Dataset, language: str = "en") -> html.Div:
    """The side panel: every filter and the reset button. Values are set by the URL sync callback."""
    years = dataset.academic_years
    last = max(len(years) - 1, 1)
    return html.Div(
        [
            dmc.Group(
                [
                    dmc.Text(text("filters", language), fw=700, size="lg"),
                    dmc.Button(text("reset", language), id=ids.RESET, variant="subtle", size="compact-sm", n_clicks=0),
                ],
                justify="space-between",
            ),
            # Phones and tablets only (CSS): the drawer's way back to the results.
            html.Button(
                text("filters.close", language), id=ids.FILTERS_CLOSE, type="button", className="atlas-filters-close"
            ),
            dmc.TextInput(
                id=ids.FILTER_QUERY,
                label=text("search", language),
                placeholder=text("search_placeholder", language),
                value="",
                debounce=350,
            ),
            _section(text("tier", language), _chips(ids.FILTER_TIER, TIERS, "tier", language)),
            dmc.MultiSelect(
                id=ids.FILTER_COUNTRY,
                label=text("country", language),
                placeholder=text("country_placeholder", language),
                data=country_options(dataset, language),
                value=[],
                searchable=True,
                # Folded, in any language; Enter takes the first match ("Finl" + Enter picks Finland).
                filter={"function": "atlasCountryFilter"},
                selectFirstOptionOnChange=True,
                clearable=True,
                hidePickedOptions=True,
                nothingFoundMessage=text("nothing_found", language),
                maxDropdownHeight=280,
            ),
            dmc.MultiSelect(
                id=ids.FILTER_REGION,
                label=text("region", language),
                placeholder=text("any", language),
                data=region_options(dataset, language),
                value=[],
                clearable=True,
            ),
            dmc.MultiSelect(
                id=ids.FILTER_ACTIVITY,
                label=text("activity", language),
                placeholder=text("any", language),
                data=[{"value": a, "label": text(f"activity.{a}", language)} for a in ACTIVITIES],
                value=[],
                clearable=True,
            ),
            _section(
                text("campus", language),
                dmc.ChipGroup(
                    id=ids.FILTER_CAMPUS,
                    multiple=True,
                    value=[],
                    children=dmc.Group(
                        [dmc.Chip(group, value=group, size="xs") for group in dataset.campus_groups], gap=6
                    ),
                ),
            ),
            _section(
                text("years", language),
                html.Div(
                    dmc.RangeSlider(
                        id=ids.FILTER_YEARS,
                        min=0,
                        max=last,
                        step=1,
                        minRange=0,
                        value=[0, last],
                        marks=year_marks(years),
                        restrictToMarks=True,
                        label={"function": "academicYearLabel", "options": {"years": years}},
                        thumbFromLabel=text("years.thumb_from", language),
                        thumbToLabel=text("years.thumb_to", language),
                        mb="lg",
                        mx="sm",  # room for the first and last year labels
                    ),
                    className="year-slider",
                    **attributes({"data-years": json.dumps(list(years))}),
                ),  # aria-valuetext: atlas-a11y.js
                style=None if len(years) > 1 else {"display": "none"},
            ),
            _section(
                text("participant", language), _chips(ids.FILTER_PARTICIPANT, PARTICIPANTS, "participant", language)
            ),
            _section(text("direction", language), _chips(ids.FILTER_DIRECTION, DIRECTIONS, "direction", language)),
            _section(text("chart.stay", language), _chips(ids.FILTER_DURATION, DURATIONS, "duration", language)),
            agreement_controls(dataset, language),
        ],
        className="atlas-filters",
    )
