"""Aggregations behind the charts and the headline cards: pandas in, pandas out.

Every table is complete: a year, duration or campus with no mobility appears with count 0, so a chart
shows the gap instead of silently closing it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from dashboard.model import DIRECTIONS, DURATIONS, PARTICIPANTS

if TYPE_CHECKING:
    from dashboard.filters import View


def _labels(column: pd.Series, known: Iterable[str] | None = None) -> list[str]:
    """The values a complete table lists: `known`, the column's categories, or the values present."""
    if known is not None:
        return [str(v) for v in known]
    if isinstance(column.dtype, pd.CategoricalDtype):
        return [str(v) for v in column.cat.categories]
    return sorted(str(v) for v in column.dropna().unique())


def _positions(column: pd.Series, labels: list[str]) -> np.ndarray:
    """Each row's position in `labels` (-1 when not listed), from category codes when the column has them."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        where = {label: i for i, label in enumerate(labels)}
        lookup = np.array([where.get(str(c), -1) for c in column.cat.categories] + [-1], dtype=np.int64)
        return lookup[column.cat.codes.to_numpy()]  # code -1 (missing) picks the trailing -1
    return pd.Categorical(column.astype(str), categories=labels).codes.astype(np.int64)


def _complete(mobility: pd.DataFrame, keys: dict[str, list[str]]) -> pd.DataFrame:
    """Sum of count for every combination of the key labels (0 where no row), in label order.

    A bincount over category codes: several times faster than groupby on 100,000 rows.
    """
    names = list(keys)
    sizes = [len(keys[n]) for n in names]
    flat = np.zeros(len(mobility), dtype=np.int64)
    valid = np.ones(len(mobility), dtype=bool)
    for name, size in zip(names, sizes):
        position = _positions(mobility[name], keys[name])
        valid &= position >= 0
        flat = flat * size + position
    weights = pd.to_numeric(mobility["count"], errors="coerce").fillna(0).to_numpy(dtype=np.float64)
    total = int(np.prod(sizes))
    counts = np.bincount(flat[valid], weights=weights[valid], minlength=total)[:total] if total else np.zeros(0)
    full = pd.MultiIndex.from_product([keys[n] for n in names], names=names)
    table = full.to_frame(index=False)
    table["count"] = counts.astype(np.int64)
    return table


def year_span(years: Iterable[object]) -> list[str]:
    """Every academic year from the first to the last of `years` (missing ones skipped), gaps filled in."""
    present = sorted({str(v) for v in years if not pd.isna(v)})
    starts = [int(y[:4]) for y in present if y[:4].isdigit()]
    if not starts:
        return present
    return [f"{y}-{y + 1}" for y in range(min(starts), max(starts) + 1)]


def mobility_by_year(mobility: pd.DataFrame, years: Sequence[str] | None = None) -> pd.DataFrame:
    """academic_year x direction x participant -> count, every year present even at 0.

    `years` defaults to the categories of the column (View.totals keeps the dataset's years there),
    else every year from the first to the last present.
    """
    column = mobility["academic_year"]
    if years is None:
        years = _labels(column) if isinstance(column.dtype, pd.CategoricalDtype) else year_span(column.unique())
    return _complete(
        mobility, {"academic_year": list(years), "direction": list(DIRECTIONS), "participant": list(PARTICIPANTS)}
    )


def mobility_by_duration(mobility: pd.DataFrame) -> pd.DataFrame:
    """duration (semester, short_term) x direction -> count."""
    durations = list(DURATIONS) + [d for d in _labels(mobility["duration"]) if d not in DURATIONS]
    return _complete(mobility, {"duration": durations, "direction": list(DIRECTIONS)})


def mobility_by_campus(mobility: pd.DataFrame, campuses: Sequence[str] | None = None) -> pd.DataFrame:
    """home campus group x direction -> count."""
    labels = [c for c in _labels(mobility["campus"], campuses) if c]
    return _complete(mobility, {"campus": labels, "direction": list(DIRECTIONS)})


def _partner_volumes(partners: pd.DataFrame, mobility: pd.DataFrame) -> pd.DataFrame:
    """partner_id, mobility, outgoing, incoming for the given partners (from View columns when present)."""
    ids = partners["partner_id"].astype(str)
    if {"volume", "outgoing", "incoming"} <= set(partners.columns):
        return pd.DataFrame(
            {
                "partner_id": ids.to_numpy(),
                "mobility": partners["volume"].to_numpy(),
                "outgoing": partners["outgoing"].to_numpy(),
                "incoming": partners["incoming"].to_numpy(),
            }
        )
    counts = mobility.assign(outgoing=np.where(mobility["direction"] == "outgoing", mobility["count"], 0))
    sums = counts.groupby(counts["partner_id"].astype(str), observed=True)[["count", "outgoing"]].sum()
    sums = sums.reindex(ids, fill_value=0)
    return pd.DataFrame(
        {
            "partner_id": ids.to_numpy(),
            "mobility": sums["count"].to_numpy(),
            "outgoing": sums["outgoing"].to_numpy(),
            "incoming": (sums["count"] - sums["outgoing"]).to_numpy(),
        }
    )


def top_countries(partners: pd.DataFrame, mobility: pd.DataFrame, n: int = 10, by: str = "partners") -> pd.DataFrame:
    """The n countries with the most partners (or mobility): country, country_name, partners, mobility."""
    volumes = _partner_volumes(partners, mobility)["mobility"].to_numpy(dtype=np.float64)
    codes, countries = pd.factorize(partners["country"].astype(str).to_numpy())
    if not len(countries):
        return pd.DataFrame({"country": [], "country_name": [], "partners": [], "mobility": []}).astype(
            {"partners": "int64", "mobility": "int64"}
        )
    count = np.bincount(codes, minlength=len(countries)).astype(np.int64)
    volume = np.bincount(codes, weights=volumes, minlength=len(countries)).astype(np.int64)
    first = np.full(len(countries), len(codes))
    np.minimum.at(first, codes, np.arange(len(codes)))
    names = partners["country_name"].astype(str).to_numpy()[first]
    primary, secondary = (volume, count) if by == "mobility" else (count, volume)
    keep = volume > 0 if by == "mobility" else np.ones(len(countries), dtype=bool)
    order = [i for i in np.lexsort((names, -secondary, -primary)) if keep[i]][:n]
    return pd.DataFrame(
        {"country": countries[order], "country_name": names[order], "partners": count[order], "mobility": volume[order]}
    )


def top_partners(partners: pd.DataFrame, mobility: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    """The n partners with the most mobility in the filter (none with 0): id, name, tier, country, counts."""
    volumes = _partner_volumes(partners, mobility)
    amount = volumes["mobility"].to_numpy(dtype=np.int64)
    # Only the partners that can make the top n are sorted by name (12,000 names took 20 ms to sort).
    candidates = np.flatnonzero(amount > 0)
    if len(candidates) > n:
        least = np.partition(amount[candidates], len(candidates) - n)[len(candidates) - n]
        candidates = candidates[amount[candidates] >= least]
    names = partners["name"].to_numpy()[candidates].astype(str)
    order = candidates[np.lexsort((names, -amount[candidates]))][:n]
    return pd.DataFrame(
        {
            "partner_id": volumes["partner_id"].to_numpy()[order],
            "name": partners["name"].astype(str).to_numpy()[order],
            "tier": partners["tier"].astype(str).to_numpy()[order],
            "country": partners["country"].astype(str).to_numpy()[order],
            "country_name": partners["country_name"].astype(str).to_numpy()[order],
            "mobility": amount[order],
            "outgoing": volumes["outgoing"].to_numpy(dtype=np.int64)[order],
            "incoming": volumes["incoming"].to_numpy(dtype=np.int64)[order],
        }
    )


def headline_counts(view: View) -> dict[str, int]:
    """Live numbers for the cards: partners, countries and mobilities in the current filter, and the partners
    (and their countries) with mobility in it: the participant, direction, stay, campus and years picked."""
    partners = view.partners
    active = partners[pd.to_numeric(partners["volume"], errors="coerce").fillna(0) > 0]
    return {
        "partners": int(len(partners)),
        "countries": int(partners["country"].nunique()),
        "mobilities": int(view.totals["count"].sum()),
        "partners_with_mobility": int(len(active)),
        "countries_with_mobility": int(active["country"].nunique()),
    }
