"""One filter state for every view: `apply(state, dataset)` turns a FilterState into a `View`
(the filtered partners with their mobility volume, the filtered mobility rows and the pyramid counts).

The state itself and its URL form live in dashboard.filter_state; its names are imported here too, so
`from dashboard.filters import FilterState` keeps working.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard import agreement_filters
from dashboard.countries import fold
from dashboard.filter_state import (  # noqa: F401  (re-exported: the URL state's public names)
    KEY_ALIASES,
    MAX_QUERY_LENGTH,
    QUERY_KEYS,
    VALUE_PREFIXES,
    FilterState,
    _year,
    academic_year,
)
from dashboard.indexes import _bits, _index
from dashboard.model import ACTIVITIES, TIERS, Dataset


# -- applying a state ----------------------------------------------------------------------------


@dataclass(frozen=True)
class View:
    """The dataset seen through one FilterState."""

    partners: pd.DataFrame   # PARTNER_COLUMNS + volume, outgoing, incoming (mobility counts in the filter)
    mobility: pd.DataFrame   # filtered mobility rows
    tier_counts: dict[str, int]
    years: tuple[str, ...] = ()  # the dataset's academic years inside the year range (for charts with zero years)


def _isin(values: np.ndarray, wanted: tuple[str, ...]) -> np.ndarray:
    return np.isin(values, np.array(wanted, dtype=object))


def _code_mask(codes: tuple[list[str], np.ndarray], wanted: tuple[str, ...]) -> np.ndarray:
    uniques, array = codes
    keep = np.array([u in wanted for u in uniques] + [False], dtype=bool)
    return keep[array]


def apply(state: FilterState, dataset: Dataset) -> View:
    """The partners, mobility rows and pyramid counts the state selects.

    Tier, country, region, activity, campus and the search pick partners (strategic partners match every
    activity; a partner belongs to a campus its agreement names or whose mobility it has). The year range keeps
    agreements that overlap it, comparing with the first calendar year of each academic year (a missing start
    or end is open), and the mobility rows inside it. Participant, direction and campus pick mobility rows.
    tier_counts leave the tier filter out, so the pyramid keeps every tier visible and clickable.
    """
    ix = _index(dataset)
    base = np.ones(ix.n, dtype=bool)
    if state.countries:
        base &= _isin(ix.country, state.countries)
    if state.regions:
        base &= _isin(ix.region, state.regions)
    if state.activities:
        wanted = _bits(state.activities, ACTIVITIES)
        # Strategic partners sit at the top of the pyramid: they take part in every activity below.
        base &= ((ix.activity_bits & wanted) != 0) | ix.strategic
    if state.campuses:
        base &= (ix.campus_bits & _bits(state.campuses, ix.campuses)) != 0
    first, last = _year(state.year_from), _year(state.year_to)
    if first is not None:
        base &= ~(ix.end < first)  # NaN (open end) compares False: kept
    if last is not None:
        base &= ~(ix.start > last)
    if state.query:
        words = fold(state.query).split()
        if words:
            base &= np.fromiter((all(w in s for w in words) for s in ix.search), dtype=bool, count=ix.n)

    if agreement_filters.active(state):
        base &= agreement_filters.partner_mask(state, dataset.agreements, ix.partners["partner_id"])

    tier_counts = {t: int(np.count_nonzero(base & (ix.tier == t))) for t in TIERS}
    keep = base & _isin(ix.tier, state.tiers) if state.tiers else base

    rows = np.append(keep, False)[ix.m_partner]
    if first is not None:
        rows &= ix.m_year >= first
    if last is not None:
        rows &= ix.m_year <= last
    for name in ("participants", "directions", "campuses"):
        wanted = getattr(state, name)
        if wanted:
            rows &= _code_mask(ix.m_codes[name], wanted)

    total, outgoing = ix._volumes(rows)
    partners = ix.partners.loc[keep].copy() if not keep.all() else ix.partners.copy()
    partners["volume"] = total[keep].astype(np.int64)
    partners["outgoing"] = outgoing[keep].astype(np.int64)
    partners["incoming"] = (total - outgoing)[keep].astype(np.int64)
    mobility = ix.mobility if rows.all() else ix.mobility.loc[rows]
    years = tuple(y for y in ix.years if (first is None or int(y[:4]) >= first) and (last is None or int(y[:4]) <= last))
    return View(partners=partners, mobility=mobility, tier_counts=tier_counts, years=years)
