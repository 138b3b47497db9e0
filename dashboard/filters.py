"""One filter state for every view: `apply(state, dataset)` turns a FilterState into a `View`
(the filtered partners with their mobility volume, the filtered mobility summed per kind, the pyramid counts).

The state itself and its URL form live in dashboard.filter_state; its names are imported here too, so
`from dashboard.filters import FilterState` keeps working.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from dashboard import agreement_filters
from dashboard.filter_state import (  # noqa: F401  (re-exported: the URL state's public names)
    KEY_ALIASES,
    MAX_QUERY_LENGTH,
    QUERY_KEYS,
    VALUE_PREFIXES,
    FilterState,
    _year,
    academic_year,
)
from dashboard.indexes import KIND_COLUMNS, DatasetIndexes, bits
from dashboard.model import ACTIVITIES, TIERS, Dataset
from dashboard.search import search_mask

# -- applying a state ----------------------------------------------------------------------------


@dataclass(frozen=True)
class View:
    """The dataset seen through one FilterState."""

    partners: pd.DataFrame  # PARTNER_COLUMNS + volume, outgoing, incoming (mobility counts in the filter)
    totals: pd.DataFrame  # the filtered mobility summed per kind (indexes.KIND_COLUMNS + count): charts read this
    tier_counts: dict[str, int]
    years: tuple[str, ...] = ()  # the dataset's academic years inside the year range (for charts with zero years)
    positions: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))  # rows in dataset.partners
    rows: Callable[[], pd.DataFrame] | None = field(default=None, repr=False, compare=False)

    @cached_property
    def mobility(self) -> pd.DataFrame:
        """The filtered mobility rows themselves (categorical labels, every dataset year a category). Built on
        first use: the views read `totals`, which has the same columns and sums."""
        return self.rows() if self.rows is not None else self.totals


def _isin(values: np.ndarray, wanted: tuple[str, ...]) -> np.ndarray:
    return np.isin(values, np.array(wanted, dtype=object))


def partner_mask(state: FilterState, ix: DatasetIndexes) -> np.ndarray:
    """Which partners every filter but the tier keeps (see apply)."""
    base = np.ones(ix.n, dtype=bool)
    if state.countries:
        base &= _isin(ix.country, state.countries)
    if state.regions:
        base &= _isin(ix.region, state.regions)
    if state.activities:
        wanted = bits(state.activities, ACTIVITIES)
        # Strategic partners sit at the top of the pyramid: they take part in every activity below.
        base &= ((ix.activity_bits & wanted) != 0) | ix.strategic
    if state.campuses:
        base &= (ix.campus_bits & bits(state.campuses, ix.campuses)) != 0
    first, last = _year(state.year_from), _year(state.year_to)
    if first is not None:
        base &= ~(ix.end < first)  # NaN (open end) compares False: kept
    if last is not None:
        base &= ~(ix.start > last)
    if state.query:
        base &= search_mask(state.query, ix)
    return base


def apply(state: FilterState, dataset: Dataset) -> View:
    """The partners, mobility and pyramid counts the state selects.

    Tier, country, region, activity, campus and the search pick partners (strategic partners match every
    activity; a partner belongs to a campus its agreement names or whose mobility it has). The year range keeps
    agreements that overlap it, comparing with the first calendar year of each academic year (a missing start
    or end is open), and the mobility inside it. Participant, direction, length of stay and campus pick mobility.
    tier_counts leave the tier filter out, so the pyramid keeps every tier visible and clickable.
    Works on Dataset.indexes: thousands of partners and a few hundred kinds of mobility, never the rows.
    """
    ix = dataset.indexes
    base = partner_mask(state, ix)
    if agreement_filters.active(state):
        base &= agreement_filters.partner_mask(state, dataset.agreements, ix.partners["partner_id"])

    tier_counts = {t: int(np.count_nonzero(base & (ix.tier == t))) for t in TIERS}
    keep = base & _isin(ix.tier, state.tiers) if state.tiers else base

    first, last = _year(state.year_from), _year(state.year_to)
    picked = {"participant": state.participants, "direction": state.directions, "duration": state.durations}
    kinds = ix.kind_mask(first, last, **picked, campus=state.campuses)
    total, outgoing = ix.volumes(kinds)
    everyone = bool(keep.all())
    partners = ix.partners.copy() if everyone else ix.partners.loc[keep].copy()
    partners["volume"] = (total if everyone else total[keep]).astype(np.int64)
    partners["outgoing"] = (outgoing if everyone else outgoing[keep]).astype(np.int64)
    partners["incoming"] = partners["volume"] - partners["outgoing"]
    years = tuple(
        y for y in ix.years if (first is None or int(y[:4]) >= first) and (last is None or int(y[:4]) <= last)
    )
    return View(
        partners=partners,
        totals=ix.totals(keep, kinds),
        tier_counts=tier_counts,
        years=years,
        positions=np.flatnonzero(keep),
        rows=lambda: _mobility_rows(dataset, keep, kinds),
    )


def _mobility_rows(dataset: Dataset, partners: np.ndarray, kinds: np.ndarray) -> pd.DataFrame:
    ix = dataset.indexes
    shown = np.append(partners, False)[ix.row_partner] & kinds[ix.row_kind]  # partner -1 picks the trailing False
    rows = dataset.mobility.reset_index(drop=True).loc[shown].copy()
    for name in KIND_COLUMNS:
        values = rows[name].astype(object)
        values = values.fillna("").astype(str) if name == "duration" else values
        labels = list(ix.kind_labels[name])
        rows[name] = pd.Categorical(values, categories=labels + sorted(set(values.dropna()) - set(labels) - {""}))
    return rows
