"""The agreement filters of the URL: field= (ISCED code at any depth), level= (EQF), type= (mobility type) and
valid= (an academic year), and which partners they keep: a partner stays when one of its agreements matches all.

Kept apart from filters.py, which only holds these fields in FilterState and calls partner_mask.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from dashboard import isced
from dashboard.i18n import text, value_label
from dashboard.importing.agreement_values import LEVEL_ALIASES, MOBILITY_TYPE_ALIASES
from dashboard.importing.values import academic_year, key
from dashboard.model import EQF_LEVELS, MOBILITY_TYPES

# FilterState field -> URL key, in URL order (appended to filters.QUERY_KEYS).
QUERY_KEYS = {"fields": "field", "levels": "level", "types": "type", "valid": "valid"}
KEY_ALIASES = {
    "fields": "field",
    "isced": "field",
    "levels": "level",
    "eqf": "level",
    "types": "type",
    "mobility_type": "type",
    "valid_in": "valid",
}
VALUE_PREFIXES = {"levels": "eqf", "types": "mobility_type"}
# Statuses of an agreement that is in effect, for valid=: drafts are not yet, terminated ones no longer.
IN_EFFECT = ("signed", "in_effect")


def parse(values: dict) -> dict:
    """The agreement fields of a FilterState from raw values (lists, comma-separated strings or None)."""
    return {
        "fields": _ordered(_field(v) for v in _items(values.get("fields"))),
        "levels": tuple(
            str(level)
            for level in EQF_LEVELS
            if str(level) in {LEVEL_ALIASES.get(key(v)) for v in _items(values.get("levels"))}
        ),
        "types": tuple(
            t for t in MOBILITY_TYPES if t in {MOBILITY_TYPE_ALIASES.get(key(v)) for v in _items(values.get("types"))}
        ),
        "valid": _academic_year(values.get("valid")),
    }


def _items(raw: object) -> list[str]:
    if raw is None:
        return []
    if isinstance(raw, str):
        raw = raw.split(",")
    if not isinstance(raw, Iterable):
        return []
    return [str(item).strip() for item in raw if item is not None and str(item).strip()]


def _field(value: str) -> str | None:
    if isced.is_field(value):
        return value
    if value.isdigit() and isced.is_field("0" + value):
        return "0" + value  # a bookmark typed without the leading zero
    return isced.code_for_name(value)


def _ordered(codes: Iterable[str | None]) -> tuple[str, ...]:
    return tuple(sorted({c for c in codes if c}))


def _academic_year(raw: object) -> str | None:
    if isinstance(raw, (list, tuple)):
        raw = next((v for v in raw if v), None)
    return academic_year(raw) if raw else None


def active(state) -> bool:
    return bool(state.fields or state.levels or state.types or state.valid)


def matching_agreements(
    agreements: pd.DataFrame, fields=(), levels=(), types=(), valid: str | None = None
) -> np.ndarray:
    """Which agreement rows match every given filter.

    A field matches at any depth in both directions (filter 04 takes an agreement on 0413; filter 0913 takes
    one on all of 091). A filter on fields or levels takes only agreements that name them. valid= takes signed
    or in-effect agreements whose years include that academic year (a missing first or last year is open).
    """
    keep = np.ones(len(agreements), dtype=bool)
    if fields:
        rows, codes = _exploded(agreements, "fields")
        named = {code for code in set(codes) if any(isced.covers(code, wanted) for wanted in fields)}
        keep &= _rows_with(rows, codes, named, len(agreements))
    if levels:
        rows, named_levels = _exploded(agreements, "levels")
        keep &= _rows_with(rows, named_levels, {int(level) for level in levels}, len(agreements))
    if types:
        keep &= agreements["mobility_type"].isin(types).to_numpy(dtype=bool)
    if valid:
        keep &= in_effect_in(agreements, int(valid[:4]))
    return keep


_EXPLODED: dict[tuple[int, str], tuple[pd.DataFrame, np.ndarray, np.ndarray]] = {}
_EXPLODED_KEPT = 8  # a few datasets (reloads, tests); the oldest is dropped


def _exploded(agreements: pd.DataFrame, column: str) -> tuple[np.ndarray, np.ndarray]:
    """(row positions, values) with one entry per value of a tuple column, built once per frame: matching 70,000
    agreements then takes a few milliseconds instead of a Python loop over every row on each filter change."""
    key = (id(agreements), column)
    cached = _EXPLODED.get(key)
    if cached is not None and cached[0] is agreements:
        return cached[1], cached[2]
    pairs = [(row, value) for row, values in enumerate(agreements[column]) for value in values]
    rows = np.fromiter((row for row, _ in pairs), dtype=np.int64, count=len(pairs))
    values = np.array([value for _, value in pairs], dtype=object)
    if len(_EXPLODED) >= _EXPLODED_KEPT:
        _EXPLODED.pop(next(iter(_EXPLODED)))
    _EXPLODED[key] = (agreements, rows, values)  # the frame itself, so its id cannot be reused while cached
    return rows, values


def _rows_with(rows: np.ndarray, values: np.ndarray, wanted: set, count: int) -> np.ndarray:
    hit = np.zeros(count, dtype=bool)
    if len(values) and wanted:
        hit[rows[np.isin(values, np.array(list(wanted), dtype=object))]] = True
    return hit


def in_effect_in(agreements: pd.DataFrame, year: int) -> np.ndarray:
    """Agreements in effect in the academic year starting in `year` (first calendar year)."""
    first = pd.to_numeric(agreements["first_year"], errors="coerce").astype("float64").to_numpy()
    last = pd.to_numeric(agreements["last_year"], errors="coerce").astype("float64").to_numpy()
    status = agreements["status"].isin(IN_EFFECT).to_numpy(dtype=bool)
    return status & ~(first > year) & ~(last < year)  # NaN compares False: an open end is kept


def partner_mask(state, agreements: pd.DataFrame, partner_ids: pd.Series) -> np.ndarray:
    """For each partner (in partner_ids order), whether one of its agreements matches the state."""
    rows = matching_agreements(agreements, state.fields, state.levels, state.types, state.valid)
    matched = set(agreements.loc[rows, "partner_id"].astype(str))
    return partner_ids.astype(str).isin(matched).to_numpy(dtype=bool)


def chip_label(field: str, value: str, language: str = "en") -> str | None:
    """The chip of one agreement filter value, or None when `field` is not an agreement filter."""
    if field == "fields":
        return text("chip.field", language, field=f"{value} {isced.field_name(value, language)}")
    if field == "valid":
        return text("chip.valid", language, year=value)
    if field in VALUE_PREFIXES:
        return value_label(VALUE_PREFIXES[field], value, language)
    return None
