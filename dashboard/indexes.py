"""What filtering and the charts read, derived from a dataset once when it loads (`Dataset.indexes`).

Per partner: the attributes the filters test, as numpy arrays. Per mobility: the counts summed by partner and by
"kind" (academic year x direction x participant x duration x campus, only the combinations the data has), one
dense partners x kinds matrix. A filter then picks partners (a mask over thousands) and kinds (a mask over a few
hundred at most) and the views are two matrix products over that matrix: no pass over the million mobility rows.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.folding import fold
from dashboard.model import ACTIVITIES, DIRECTIONS, DURATIONS, PARTICIPANTS, TIERS

# The dimensions of a mobility kind, in the order of MOBILITY_COLUMNS.
KIND_COLUMNS = ("academic_year", "direction", "participant", "duration", "campus")


class DatasetIndexes:
    """Arrays derived from one dataset's partners, mobility and campuses; read-only once built."""

    def __init__(self, partners: pd.DataFrame, mobility: pd.DataFrame, campuses: pd.DataFrame) -> None:
        partners = partners.reset_index(drop=True)
        mobility = mobility.reset_index(drop=True)
        self.partners = partners
        self.n = n = len(partners)
        self.tier = partners["tier"].to_numpy(dtype=object)
        self.country = partners["country"].to_numpy(dtype=object)
        self.region = partners["region"].to_numpy(dtype=object)
        self.search = [
            fold(f"{name} {city} {code}")
            for name, city, code in zip(partners["name"], partners["city"], partners["erasmus_code"])
        ]
        self.activity_bits = np.array([bits(acts, ACTIVITIES) for acts in partners["activities"]], dtype=np.int64)
        self.strategic = self.tier == "strategic"
        self.start = pd.to_numeric(partners["agreement_start"], errors="coerce").astype("float64").to_numpy()
        self.end = pd.to_numeric(partners["agreement_end"], errors="coerce").astype("float64").to_numpy()
        self.years: tuple[str, ...] = tuple(sorted(str(y) for y in pd.unique(mobility["academic_year"].dropna())))
        groups = {str(g) for g in pd.unique(campuses["group"])} | {str(c) for c in pd.unique(mobility["campus"])}
        self.campuses: tuple[str, ...] = tuple(sorted(g for g in groups if g and g != "nan"))
        durations = {"" if pd.isna(d) else str(d) for d in pd.unique(mobility["duration"])} - set(DURATIONS)
        labels = {
            "academic_year": self.years,
            "direction": DIRECTIONS,
            "participant": PARTICIPANTS,
            "duration": (*DURATIONS, *sorted(durations)),
            "campus": self.campuses,
        }
        self.kind_labels: dict[str, tuple[str, ...]] = labels

        # Each mobility row's partner (its position in `partners`; -1 when the partner list lacks it: never shown).
        self.row_partner = _codes(mobility["partner_id"], partners["partner_id"].astype(str).tolist()).astype(np.int32)
        codes = {
            name: _codes(mobility[name], labels[name], missing="" if name == "duration" else None)
            for name in KIND_COLUMNS
        }
        flat = np.zeros(len(mobility), dtype=np.int64)
        for name in KIND_COLUMNS:
            flat = flat * (len(labels[name]) + 1) + (codes[name] + 1)  # slot 0: a value the labels do not list
        kinds, row_kind = np.unique(flat, return_inverse=True)
        self.row_kind = row_kind.astype(np.int32).reshape(-1)
        self.m = m = len(kinds)
        # Each kind's label positions (-1: not listed), peeled off the flat key from the last dimension.
        kind_codes: dict[str, np.ndarray] = {}
        rest = kinds.copy()
        for name in reversed(KIND_COLUMNS):
            size = len(labels[name]) + 1
            kind_codes[name] = (rest % size - 1).astype(np.int64)
            rest //= size
        self.kind_codes = kind_codes
        year_of = np.array([_first_year(y) for y in self.years] + [-1], dtype=np.int64)
        self.kind_year = year_of[kind_codes["academic_year"]]  # code -1 picks the trailing -1
        self.kind_outgoing = kind_codes["direction"] == DIRECTIONS.index("outgoing")
        self.kinds = pd.DataFrame(
            {name: pd.Categorical.from_codes(kind_codes[name], categories=list(labels[name])) for name in KIND_COLUMNS}
        )

        count = pd.to_numeric(mobility["count"], errors="coerce").fillna(0).to_numpy(dtype=np.float64)
        known = self.row_partner >= 0
        cell = self.row_partner[known].astype(np.int64) * m + self.row_kind[known]
        counts = np.bincount(cell, weights=count[known], minlength=n * m).reshape(n, m)
        self.partner_total = counts.sum(axis=1)
        self.partner_outgoing = counts[:, self.kind_outgoing].sum(axis=1)
        self.kind_total = counts.sum(axis=0)
        # The products below take the time of reading this matrix once: float32 halves it and keeps
        # every sum of whole counts exact while the grand total stays below 2**24 (16.7 million); beyond, float64.
        exact32 = float(self.kind_total.sum()) < 2**24 and float(count.min(initial=0)) >= 0
        self.counts = counts.astype(np.float32) if exact32 else counts

        # A partner belongs to a campus when its agreement names it or when that campus sends or hosts its
        # mobility (any row, even one counting 0).
        campus_bits = np.array([bits(c, self.campuses) for c in partners["campuses"]], dtype=np.int64)
        bit_of_code = np.array([1 << i for i in range(len(self.campuses))] + [0], dtype=np.int64)
        pairs = np.unique(cell // m * (len(self.campuses) + 1) + (codes["campus"][known] % (len(self.campuses) + 1)))
        seen = np.zeros(n, dtype=np.int64)
        np.bitwise_or.at(seen, pairs // (len(self.campuses) + 1), bit_of_code[pairs % (len(self.campuses) + 1)])
        self.campus_bits = campus_bits | seen

        def by_fold(values) -> dict[str, str]:
            return {fold(str(v)): str(v) for v in values if isinstance(v, str) and v}

        # The values each filter field accepts, keyed as FilterState looks them up.
        self.vocabulary: dict[str, dict[str, str]] = {
            "tiers": {t: t for t in TIERS},
            "countries": {str(c): str(c) for c in set(self.country) if isinstance(c, str) and c},
            "regions": by_fold(set(self.region)),
            "activities": {fold(a): a for a in ACTIVITIES},
            "campuses": by_fold(self.campuses),
            "participants": {p: p for p in PARTICIPANTS},
            "directions": {d: d for d in DIRECTIONS},
            "durations": by_fold(labels["duration"]),
        }

    # -- reading ---------------------------------------------------------------------------------------------------
    def kind_mask(self, first: int | None, last: int | None, **wanted: tuple[str, ...]) -> np.ndarray:
        """Which kinds of mobility a filter keeps: years between first and last (calendar years of the academic
        years), and for each of direction, participant and campus given, only the values listed."""
        keep = np.ones(self.m, dtype=bool)
        if first is not None:
            keep &= self.kind_year >= first
        if last is not None:
            keep &= self.kind_year <= last
        for name, values in wanted.items():
            if values:
                labels = self.kind_labels[name]
                allowed = np.array([label in values for label in labels] + [False], dtype=bool)
                keep &= allowed[self.kind_codes[name]]
        return keep

    def volumes(self, kinds: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Each partner's mobility, all of it and outgoing only, counting the kinds `kinds` keeps."""
        if kinds.all():
            return self.partner_total, self.partner_outgoing
        total = _matvec(self.counts, kinds.astype(self.counts.dtype))
        outgoing = _matvec(self.counts, (kinds & self.kind_outgoing).astype(self.counts.dtype))
        return total.astype(np.float64), outgoing.astype(np.float64)

    def totals(self, partners: np.ndarray, kinds: np.ndarray) -> pd.DataFrame:
        """The mobility of the kept partners summed per kept kind: KIND_COLUMNS (categorical, with every label of
        the dataset as a category) and count. The charts' tables (dashboard.stats) read this as mobility rows."""
        summed = (
            self.kind_total if partners.all() else np.einsum("i,ij->j", partners.astype(self.counts.dtype), self.counts)
        )
        frame = self.kinds.loc[kinds].copy() if not kinds.all() else self.kinds.copy()
        frame["count"] = summed[kinds].astype(np.int64)
        return frame.reset_index(drop=True)

    def partner_kinds(self, position: int) -> pd.DataFrame:
        """One partner's mobility per kind it has (KIND_COLUMNS and count), for its detail panel."""
        row = self.counts[position]
        present = np.flatnonzero(row)
        frame = self.kinds.iloc[present].astype(object).reset_index(drop=True)  # plain labels, as rows have
        frame["count"] = row[present].astype(np.int64)
        return frame


def bits(values, vocabulary: tuple[str, ...]) -> int:
    """The values as a bit set over `vocabulary` (bit i: vocabulary[i] is among them)."""
    out = 0
    for value in values if isinstance(values, (tuple, list, set, frozenset, np.ndarray)) else ():
        if value in vocabulary:
            out |= 1 << vocabulary.index(value)
    return out


def _matvec(matrix: np.ndarray, vector: np.ndarray) -> np.ndarray:
    """matrix @ vector through einsum's own loop, not BLAS: OpenBLAS starts a thread per core for it, and on a
    server whose cores are busy those threads wait on each other (12 ms instead of 1 ms at 12,000 x 160)."""
    return np.einsum("ij,j->i", matrix, vector)


def _codes(column: pd.Series, labels, missing: str | None = None) -> np.ndarray:
    """Each value's position in `labels` (as text), -1 when not listed; a missing value counts as `missing`.

    A categorical column (a loaded dataset's) is looked up once per category, not once per row."""
    where = pd.Index([str(label) for label in labels])
    if isinstance(column.dtype, pd.CategoricalDtype):
        per_category = where.get_indexer([str(c) for c in column.cat.categories])
        fallback = where.get_indexer([missing])[0] if missing is not None else -1
        return np.append(per_category, fallback).astype(np.int64)[column.cat.codes.to_numpy()]  # code -1: missing
    values = column.where(column.notna(), missing) if missing is not None else column
    return where.get_indexer(values.astype(str).where(values.notna(), None)).astype(np.int64)


def _first_year(academic: str) -> int:
    head = str(academic)[:4]
    return int(head) if head.isdigit() else -1
