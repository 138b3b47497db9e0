"""One filter state, kept in the URL: controls and chart clicks write it, the URL sets the controls.

Both directions live in one callback, because Dash forbids a cycle between two callbacks but lets one callback
write its own inputs (and then does not re-run it for them): that is the loop guard.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from dash import no_update

from dashboard import ids
from dashboard.components.language import language_in, with_language
from dashboard.filters import QUERY_KEYS, FilterState, academic_year
from dashboard.model import Dataset

# FilterState fields edited by a multi-value control, in the callback's input order.
LIST_CONTROLS: dict[str, str] = {
    "tiers": ids.FILTER_TIER,
    "countries": ids.FILTER_COUNTRY,
    "regions": ids.FILTER_REGION,
    "activities": ids.FILTER_ACTIVITY,
    "campuses": ids.FILTER_CAMPUS,
    "participants": ids.FILTER_PARTICIPANT,
    "directions": ids.FILTER_DIRECTION,
    "durations": ids.FILTER_DURATION,
    "fields": ids.FILTER_FIELD,
    "levels": ids.FILTER_LEVEL,
    "types": ids.FILTER_TYPE,
}
CONTROL_IDS: tuple[str, ...] = (*LIST_CONTROLS.values(), ids.FILTER_YEARS, ids.FILTER_QUERY, ids.FILTER_VALID)
# A click on one of these charts toggles this FilterState field (the value clicked is the point's customdata).
CLICK_FIELDS: dict[str, str] = {
    ids.TIER_PYRAMID: "tiers",
    ids.WORLD_MAP: "countries",
    ids.TOP_COUNTRIES: "countries",
    ids.CAMPUS_SPLIT: "campuses",
    ids.DURATION_SPLIT: "durations",
}
# A click on a point of the trend shows that academic year alone (again: every year). The top partners' bars
# open the partner instead (callbacks/selection.py).
YEAR_CLICKS = (ids.MOBILITY_TREND,)


def state_from_controls(values: Mapping[str, Any], dataset: Dataset) -> FilterState:
    """The FilterState the controls show; `values` maps control id -> value. A full year range means no limit."""
    years = dataset.academic_years
    low, high = (values.get(ids.FILTER_YEARS) or [0, len(years) - 1])[:2]
    raw: dict[str, Any] = {field: values.get(control) for field, control in LIST_CONTROLS.items()}
    if years:
        low, high = sorted((min(max(int(low), 0), len(years) - 1), min(max(int(high), 0), len(years) - 1)))
        raw["year_from"] = years[low] if low > 0 else None
        raw["year_to"] = years[high] if high < len(years) - 1 else None
    raw["query"] = values.get(ids.FILTER_QUERY) or ""
    raw["valid"] = values.get(ids.FILTER_VALID)
    return FilterState.from_values(dataset, **raw)


def controls_for(state: FilterState, dataset: Dataset) -> dict[str, Any]:
    """The control values that show `state`, keyed by control id."""
    years = dataset.academic_years
    last = max(len(years) - 1, 0)
    low = years.index(state.year_from) if state.year_from in years else 0
    high = years.index(state.year_to) if state.year_to in years else last
    values: dict[str, Any] = {control: list(getattr(state, field)) for field, control in LIST_CONTROLS.items()}
    values[ids.FILTER_YEARS] = [low, max(high, 1) if last == 0 else high]
    values[ids.FILTER_QUERY] = state.query
    values[ids.FILTER_VALID] = state.valid
    return values


def clicked_value(click_data: Mapping[str, Any] | None, *, want_location: bool | None = None) -> str | None:
    """The customdata key of the first clicked point (a tier, an ISO-2 code or a partner id).

    want_location=True keeps only choropleth clicks (their points carry a `location`), False only the others
    (plotly sends `"location": null` for scattergeo points).
    """
    points = (click_data or {}).get("points") or []
    if not points:
        return None
    point = points[0]
    if want_location is not None and (point.get("location") is not None) != want_location:
        return None
    value = point.get("customdata")
    if isinstance(value, (list, tuple)):
        value = value[0] if value else None
    return str(value) if value not in (None, "") else None


def next_state(
    current: FilterState,
    trigger: Any,
    trigger_value: Any,
    controls: Mapping[str, Any],
    dataset: Dataset,
) -> FilterState:
    """The state after one event: a control edit, a chart click, a chip removal or the reset button."""
    if trigger in CONTROL_IDS:
        return state_from_controls(controls, dataset)
    if trigger == ids.RESET:
        return FilterState()
    if isinstance(trigger, Mapping) and trigger.get("type") == ids.CHIP_TYPE:
        return current.without(trigger["field"], trigger["value"]) if trigger_value else current
    if trigger in YEAR_CLICKS:
        return _year_clicked(current, clicked_value(trigger_value), dataset)
    if trigger in CLICK_FIELDS:
        value = clicked_value(trigger_value, want_location=True if trigger == ids.WORLD_MAP else None)
        if value:
            # Validated again, so a stale click on a value the dataset lacks changes nothing.
            toggled = current.toggled(CLICK_FIELDS[trigger], value)
            return FilterState.from_values(dataset, **{name: getattr(toggled, name) for name in QUERY_KEYS})
    return current


def _year_clicked(current: FilterState, value: str | None, dataset: Dataset) -> FilterState:
    year = academic_year(value) if value else None
    if year not in dataset.academic_years:
        return current
    alone = current.year_from == year and current.year_to == year
    return replace(current, year_from=None if alone else year, year_to=None if alone else year)


def sync_filters(
    dataset: Dataset,
    search: str | None,
    trigger: Any,
    trigger_value: Any,
    controls: Mapping[str, Any],
) -> tuple[Any, list[Any]]:
    """(new URL search or no_update, one value or no_update per CONTROL_IDS).

    A URL change (page load, back button, bookmark) sets the controls; any other event writes the URL, and
    the controls follow when the event did not come from them (a click, a chip, the reset button). The page's
    `lang` stays in the URL, so a bookmark opens in the language it was made in.
    """
    current = FilterState.from_query(search, dataset)
    if trigger is None or trigger == ids.URL:
        return no_update, _changed(controls_for(current, dataset), controls)
    state = next_state(current, trigger, trigger_value, controls, dataset)
    url = with_language(state.to_query(), language_in(search)) if state != current else no_update
    if trigger in CONTROL_IDS:
        return url, [no_update] * len(CONTROL_IDS)
    return url, _changed(controls_for(state, dataset), controls)


def _changed(wanted: Mapping[str, Any], current: Mapping[str, Any]) -> list[Any]:
    out = []
    for control in CONTROL_IDS:
        value = wanted[control]
        if control == ids.FILTER_QUERY and " ".join(str(current.get(control) or "").split()) == value:
            out.append(no_update)  # keep what the person is typing, spaces included
        else:
            out.append(no_update if value == current.get(control) else value)
    return out
