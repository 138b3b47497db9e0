"""Aggregations behind the charts and the headline cards: pandas in, pandas out.

Every table is complete: a year, duration or campus with no mobility appears with count 0, so a chart
shows the gap instead of silently closing it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Sequence

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


def _complete(mobility: pd.DataFrame, keys: dict[str, list[str]]) -> pd.DataFrame:
    names = list(keys)
    if len(mobility):
        grouped = mobility.groupby(names, observed=True, sort=False)["count"].sum().reset_index()
        for name in names:
            grouped[name] = grouped[name].astype(str)
        grouped = grouped.set_index(names)["count"]
    else:
        grouped = pd.Series(dtype="int64")
    full = pd.MultiIndex.from_product([keys[n] for n in names], names=names)
    table = grouped.reindex(full, fill_value=0).reset_index()
    table["count"] = table["count"].astype("int64")
    return table


def _year_span(column: pd.Series) -> list[str]:
    present = sorted({str(v) for v in column.dropna().unique()})
    starts = [int(y[:4]) for y in present if y[:4].isdigit()]
    if not starts:
        return present
    return [f"{y}-{y + 1}" for y in range(min(starts), max(starts) + 1)]


def mobility_by_year(mobility: pd.DataFrame, years: Sequence[str] | None = None) -> pd.DataFrame:
    """academic_year x direction x participant -> count, every year present even at 0.

    `years` defaults to the categories of the column (View.mobility keeps the dataset's years there),
    else every year from the first to the last present.
    """
    column = mobility["academic_year"]
    if years is None:
        years = _labels(column) if isinstance(column.dtype, pd.CategoricalDtype) else _year_span(column)
    return _complete(mobility, {"academic_year": list(years), "direction": list(DIRECTIONS),
                                "participant": list(PARTICIPANTS)})


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
        return pd.DataFrame({"partner_id": ids.to_numpy(), "mobility": partners["volume"].to_numpy(),
                             "outgoing": partners["outgoing"].to_numpy(), "incoming": partners["incoming"].to_numpy()})
    counts = mobility.assign(outgoing=np.where(mobility["direction"] == "outgoing", mobility["count"], 0))
    sums = counts.groupby(counts["partner_id"].astype(str), observed=True)[["count", "outgoing"]].sum()
    sums = sums.reindex(ids, fill_value=0)
    return pd.DataFrame({"partner_id": ids.to_numpy(), "mobility": sums["count"].to_numpy(),
                         "outgoing": sums["outgoing"].to_numpy(),
                         "incoming": (sums["count"] - sums["outgoing"]).to_numpy()})


def top_countries(partners: pd.DataFrame, mobility: pd.DataFrame, n: int = 10, by: str = "partners") -> pd.DataFrame:
    """The n countries with the most partners (or mobility): country, country_name, partners, mobility."""
    volumes = _partner_volumes(partners, mobility)
    frame = pd.DataFrame({"country": partners["country"].astype(str).to_numpy(),
                          "country_name": partners["country_name"].astype(str).to_numpy(),
                          "mobility": volumes["mobility"].to_numpy()})
    table = (frame.groupby("country", sort=False)
             .agg(country_name=("country_name", "first"), partners=("country", "size"), mobility=("mobility", "sum"))
             .reset_index())
    order = ["partners", "mobility"] if by != "mobility" else ["mobility", "partners"]
    if by == "mobility":
        table = table[table["mobility"] > 0]
    table = table.sort_values([*order, "country_name"], ascending=[False, False, True], kind="stable")
    table[["partners", "mobility"]] = table[["partners", "mobility"]].astype("int64")
    return table.head(n).reset_index(drop=True)


def top_partners(partners: pd.DataFrame, mobility: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    """The n partners with the most mobility in the filter (none with 0): id, name, tier, country, counts."""
    volumes = _partner_volumes(partners, mobility)
    table = pd.DataFrame({
        "partner_id": volumes["partner_id"].to_numpy(),
        "name": partners["name"].astype(str).to_numpy(),
        "tier": partners["tier"].astype(str).to_numpy(),
        "country": partners["country"].astype(str).to_numpy(),
        "country_name": partners["country_name"].astype(str).to_numpy(),
        "mobility": volumes["mobility"].astype("int64").to_numpy(),
        "outgoing": volumes["outgoing"].astype("int64").to_numpy(),
        "incoming": volumes["incoming"].astype("int64").to_numpy(),
    })
    table = table[table["mobility"] > 0]
    return table.sort_values(["mobility", "name"], ascending=[False, True], kind="stable").head(n).reset_index(drop=True)


def partner_mobility_by_year(mobility: pd.DataFrame, partner_id: str, years: Sequence[str] | None = None) -> pd.DataFrame:
    """One partner's mobility per year (for the detail panel), same shape as mobility_by_year."""
    rows = mobility[mobility["partner_id"].astype(str) == str(partner_id)]
    if years is None and not isinstance(mobility["academic_year"].dtype, pd.CategoricalDtype):
        years = _year_span(mobility["academic_year"])  # the dataset's span, not just this partner's years
    return mobility_by_year(rows, years)


def headline_counts(view: "View") -> dict[str, int]:
    """Live numbers for the cards: partners, countries and mobilities in the current filter."""
    partners = view.partners
    return {
        "partners": int(len(partners)),
        "countries": int(partners["country"].nunique()),
        "mobilities": int(pd.to_numeric(view.mobility["count"], errors="coerce").fillna(0).sum()),
    }
