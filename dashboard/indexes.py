"""Arrays derived from a dataset once, so that filtering it is a handful of numpy operations."""

from __future__ import annotations

import weakref

import numpy as np
import pandas as pd

from dashboard.countries import fold
from dashboard.model import ACTIVITIES, DIRECTIONS, PARTICIPANTS, TIERS, Dataset


class _Index:
    """Per-dataset arrays that make filtering a handful of numpy operations."""

    def __init__(self, dataset: Dataset) -> None:
        partners = dataset.partners.reset_index(drop=True)
        mobility = dataset.mobility.reset_index(drop=True)
        self.partners_id = id(dataset.partners)
        self.mobility_id = id(dataset.mobility)
        self.partners = partners
        self.n = len(partners)
        self.tier = partners["tier"].to_numpy(dtype=object)
        self.country = partners["country"].to_numpy(dtype=object)
        self.region = partners["region"].to_numpy(dtype=object)
        self.search = [fold(f"{n} {c} {e}") for n, c, e in
                       zip(partners["name"], partners["city"], partners["erasmus_code"])]
        self.activity_bits = np.array([_bits(acts, ACTIVITIES) for acts in partners["activities"]], dtype=np.int64)
        self.strategic = self.tier == "strategic"
        self.start = pd.to_numeric(partners["agreement_start"], errors="coerce").astype("float64").to_numpy()
        self.end = pd.to_numeric(partners["agreement_end"], errors="coerce").astype("float64").to_numpy()
        self.years = tuple(dataset.academic_years)
        self.campuses = tuple(dataset.campus_groups)

        position = pd.Series(np.arange(self.n), index=partners["partner_id"].astype(str))
        pos = mobility["partner_id"].astype(str).map(position)
        # Mobility rows of partners not in the partner list can never show: they get a sentinel slot.
        self.m_partner = pos.fillna(self.n).astype(np.int64).to_numpy()
        self.m_year = pd.to_numeric(mobility["year"], errors="coerce").fillna(-1).astype(np.int64).to_numpy()
        self.m_count = pd.to_numeric(mobility["count"], errors="coerce").fillna(0).astype(np.float64).to_numpy()
        self.m_outgoing = (mobility["direction"] == "outgoing").to_numpy(dtype=bool)
        self.m_codes = {
            "participants": _codes(mobility["participant"]),
            "directions": _codes(mobility["direction"]),
            "campuses": _codes(mobility["campus"]),
        }
        # A partner belongs to a campus when its agreement names it or when that campus sends or hosts its mobility.
        campus_bits = np.array([_bits(c, self.campuses) for c in partners["campuses"]], dtype=np.int64)
        values, codes = self.m_codes["campuses"]
        bit_of_code = np.array([1 << self.campuses.index(v) if v in self.campuses else 0 for v in values] + [0],
                               dtype=np.int64)
        seen = np.zeros(self.n + 1, dtype=np.int64)
        np.bitwise_or.at(seen, self.m_partner, bit_of_code[codes])
        self.campus_bits = campus_bits | seen[: self.n]
        self.mobility = _with_categories(mobility, self.years, self.campuses)
        self.vocabulary: dict[str, dict[str, str]] | None = None  # filled by _vocabulary on first use

    def _volumes(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        slots = self.m_partner[rows]
        out = rows & self.m_outgoing
        total = np.bincount(slots, weights=self.m_count[rows], minlength=self.n + 1)[: self.n]
        outgoing = np.bincount(self.m_partner[out], weights=self.m_count[out], minlength=self.n + 1)[: self.n]
        return total, outgoing


def _bits(values, vocabulary: tuple[str, ...]) -> int:
    bits = 0
    for value in values if isinstance(values, (tuple, list, set, frozenset, np.ndarray)) else ():
        if value in vocabulary:
            bits |= 1 << vocabulary.index(value)
    return bits


def _codes(column: pd.Series) -> tuple[list[str], np.ndarray]:
    codes, uniques = pd.factorize(column.astype(str), sort=True)
    return list(uniques), codes


def _with_categories(mobility: pd.DataFrame, years: tuple[str, ...], campuses: tuple[str, ...]) -> pd.DataFrame:
    """Mobility with categorical labels: grouping is several times faster and every year stays a category."""
    frame = mobility.copy()
    categories = {"academic_year": list(years), "direction": list(DIRECTIONS), "participant": list(PARTICIPANTS),
                  "campus": list(campuses)}
    for column, known in categories.items():
        values = frame[column].fillna("").astype(str)
        extra = sorted(set(values) - set(known) - {""})
        frame[column] = pd.Categorical(values.where(values != "", None), categories=[*known, *extra])
    frame["duration"] = pd.Categorical(frame["duration"].fillna("").astype(str))
    return frame


_INDEXES: dict[int, tuple[weakref.ref, _Index]] = {}


def _index(dataset: Dataset) -> _Index:
    entry = _INDEXES.get(id(dataset))
    if entry is not None and entry[0]() is dataset:
        index = entry[1]
        if index.partners_id == id(dataset.partners) and index.mobility_id == id(dataset.mobility):
            return index
    index = _Index(dataset)
    key = id(dataset)
    _INDEXES[key] = (weakref.ref(dataset, lambda _ref, key=key: _INDEXES.pop(key, None)), index)
    return index


def _vocabulary(dataset: Dataset) -> dict[str, dict[str, str]]:
    index = _index(dataset)
    cache = index.vocabulary
    if cache is None:
        def by_fold(values) -> dict[str, str]:
            return {fold(str(v)): str(v) for v in values if isinstance(v, str) and v}

        cache = {
            "tiers": {t: t for t in TIERS},
            "countries": {str(c): str(c) for c in set(index.country) if isinstance(c, str) and c},
            "regions": by_fold(set(index.region)),
            "activities": {fold(a): a for a in ACTIVITIES},
            "campuses": by_fold(index.campuses),
            "participants": {p: p for p in PARTICIPANTS},
            "directions": {d: d for d in DIRECTIONS},
        }
        index.vocabulary = cache
    return cache
