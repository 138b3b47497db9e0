"""One filter state for every view: parsed from the URL's query string, applied to the dataset.

`FilterState` is the only thing callbacks pass around; `apply(state, dataset)` turns it into a `View`
(the filtered partners with their mobility volume, the filtered mobility rows and the pyramid counts).
Parsing never raises: a bookmark with a typo shows the dashboard with the typo ignored.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass, replace
from urllib.parse import parse_qsl, urlencode

import numpy as np
import pandas as pd

from dashboard import agreement_filters
from dashboard.components.text import country_label, text, value_label
from dashboard.countries import ERASMUS_COUNTRY_CODES, fold
from dashboard.model import ACTIVITIES, DIRECTIONS, PARTICIPANTS, TIERS, Dataset

# URL key of each field, in the canonical order of `to_query`.
QUERY_KEYS = {
    "tiers": "tier", "countries": "country", "regions": "region", "activities": "activity",
    "campuses": "campus", "year_from": "from", "year_to": "to", "participants": "participant",
    "directions": "direction", "query": "q",
}
# Plural spellings people type into a URL by hand.
KEY_ALIASES = {
    "tiers": "tier", "countries": "country", "regions": "region", "continent": "region",
    "activities": "activity", "campuses": "campus", "year_from": "from", "year_to": "to",
    "participants": "participant", "directions": "direction", "search": "q", "query": "q",
}
# The agreement filters (field, level, type, valid) come after the others, in agreement_filters.
QUERY_KEYS.update(agreement_filters.QUERY_KEYS)
KEY_ALIASES.update(agreement_filters.KEY_ALIASES)
MAX_QUERY_LENGTH = 100
_ACADEMIC_YEAR = re.compile(r"^\s*(\d{4})\s*(?:[-/\u2013]\s*(\d{2}|\d{4}))?\s*$")


def academic_year(text: object) -> str | None:
    """ "2021-2022" for "2021-2022", "2021/22" or "2021"; None when the text is not an academic year."""
    match = _ACADEMIC_YEAR.match(str(text))
    if not match:
        return None
    first = int(match.group(1))
    if match.group(2):
        second = int(match.group(2))
        if len(match.group(2)) == 2:
            second += first // 100 * 100
        if second != first + 1:
            return None
    if not 1900 <= first <= 2200:
        return None
    return f"{first}-{first + 1}"


def _year(academic: str | None) -> int | None:
    return int(academic[:4]) if academic else None


@dataclass(frozen=True)
class FilterState:
    tiers: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    activities: tuple[str, ...] = ()
    campuses: tuple[str, ...] = ()
    year_from: str | None = None
    year_to: str | None = None
    participants: tuple[str, ...] = ()
    directions: tuple[str, ...] = ()
    query: str = ""
    fields: tuple[str, ...] = ()  # ISCED-F codes
    levels: tuple[str, ...] = ()  # EQF levels "5".."8"
    types: tuple[str, ...] = ()   # mobility types
    valid: str | None = None      # academic year the agreements are in effect in

    # -- building -------------------------------------------------------------------------------
    @classmethod
    def from_query(cls, search: str | None, dataset: Dataset) -> "FilterState":
        """The state a URL query string asks for; unknown keys and values are dropped, never an error."""
        text = (search or "").lstrip("?")
        values: dict[str, list[str]] = {}
        try:
            pairs = parse_qsl(text, keep_blank_values=False, max_num_fields=200)
        except ValueError:
            pairs = []
        keys = {v: k for k, v in QUERY_KEYS.items()}
        for key, value in pairs:
            key = key.strip().lower()
            key = KEY_ALIASES.get(key, key)
            if key not in keys:
                continue
            field = keys[key]
            if field == "query":
                values.setdefault(field, []).append(value)
            else:
                values.setdefault(field, []).extend(value.split(","))
        return cls.from_values(dataset, **values)

    @classmethod
    def from_values(cls, dataset: Dataset, **values: object) -> "FilterState":
        """The state for raw control values (lists, strings or None), validated against the dataset.

        `from` after `to` is swapped: people mean the range between the two years.
        """
        vocab = _vocabulary(dataset)
        state: dict[str, object] = {}
        for name in ("tiers", "countries", "regions", "activities", "campuses", "participants", "directions"):
            raw = values.get(name) or ()
            if isinstance(raw, str):
                raw = raw.split(",")
            state[name] = _canonical(name, (vocab[name].get(_key(name, v)) for v in raw if v is not None))
        year_from = _single(values.get("year_from"))
        year_to = _single(values.get("year_to"))
        year_from = academic_year(year_from) if year_from is not None else None
        year_to = academic_year(year_to) if year_to is not None else None
        if year_from and year_to and year_from > year_to:
            year_from, year_to = year_to, year_from
        query_parts = values.get("query") or ""
        if not isinstance(query_parts, str):
            query_parts = " ".join(str(q) for q in query_parts if q)
        query = " ".join(query_parts.split())[:MAX_QUERY_LENGTH]
        return cls(year_from=year_from, year_to=year_to, query=query, **state,  # type: ignore[arg-type]
                   **agreement_filters.parse(values))

    # -- the URL ----------------------------------------------------------------------------------
    def to_query(self) -> str:
        pairs = []
        for name, key in QUERY_KEYS.items():
            value = getattr(self, name)
            if isinstance(value, tuple):
                if value:
                    pairs.append((key, ",".join(value)))
            elif value:
                pairs.append((key, value))
        return "?" + urlencode(pairs, safe=",") if pairs else ""

    def is_empty(self) -> bool:
        return self == FilterState()

    # -- chips ----------------------------------------------------------------------------------
    def chips(self, language: str = "en") -> list[tuple[str, str, str]]:
        """(field, value, label) for each active filter value, in URL order, for removable chips."""
        chips = []
        for name in QUERY_KEYS:
            value = getattr(self, name)
            for item in value if isinstance(value, tuple) else ((value,) if value else ()):
                chips.append((name, item, _chip_label(name, item, language)))
        return chips

    def without(self, field: str, value: str | None = None) -> "FilterState":
        """This state with `value` (or the whole field when None) removed; unknown fields change nothing."""
        if field not in QUERY_KEYS:
            return self
        current = getattr(self, field)
        if isinstance(current, tuple):
            kept = () if value is None else tuple(v for v in current if v != value)
            return replace(self, **{field: kept})
        if value is None or value == current:
            return replace(self, **{field: "" if field == "query" else None})
        return self

    def toggled(self, field: str, value: str) -> "FilterState":
        """This state with `value` added to `field`, or removed when it was there (a click on a chart)."""
        if field not in QUERY_KEYS:
            return self
        current = getattr(self, field)
        if isinstance(current, tuple):
            if value in current:
                return self.without(field, value)
            return replace(self, **{field: _canonical(field, (*current, value))})
        return self.without(field) if current == value else replace(self, **{field: value})


def _single(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        value = next((v for v in value if v), None)
    return None if value in (None, "") else str(value)


def _key(field: str, value: object) -> str:
    text = str(value).strip()
    if field == "countries":
        text = text.upper()
        return ERASMUS_COUNTRY_CODES.get(text, text)
    text = fold(text)
    # "students" and "staffs" are what people type for the participant values.
    return text[:-1] if field == "participants" and text.endswith("s") else text


_ORDERED = {"tiers": TIERS, "activities": ACTIVITIES, "participants": PARTICIPANTS, "directions": DIRECTIONS}


def _canonical(field: str, values) -> tuple[str, ...]:
    unique = {v for v in values if v}
    order = _ORDERED.get(field)
    if order:
        return tuple(v for v in order if v in unique)
    return tuple(sorted(unique))


# Catalogue prefix of the values of each list field (dashboard/components/text.py).
VALUE_PREFIXES = {"tiers": "tier", "regions": "region", "activities": "activity", "participants": "participant",
                 "directions": "direction", **agreement_filters.VALUE_PREFIXES}


def _chip_label(field: str, value: str, language: str = "en") -> str:
    agreement_chip = agreement_filters.chip_label(field, value, language)
    if agreement_chip is not None:
        return agreement_chip
    if field == "countries":
        return country_label(value, language)
    if field == "year_from":
        return text("chip.from", language, year=value)
    if field == "year_to":
        return text("chip.to", language, year=value)
    if field == "query":
        return text("chip.query", language, query=value)
    if field == "campuses":
        return text("chip.campus", language, campus=value)
    return value_label(VALUE_PREFIXES.get(field, field), value, language)


# -- applying a state ----------------------------------------------------------------------------


@dataclass(frozen=True)
class View:
    """The dataset seen through one FilterState."""

    partners: pd.DataFrame   # PARTNER_COLUMNS + volume, outgoing, incoming (mobility counts in the filter)
    mobility: pd.DataFrame   # filtered mobility rows
    tier_counts: dict[str, int]
    years: tuple[str, ...] = ()  # the dataset's academic years inside the year range (for charts with zero years)


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
