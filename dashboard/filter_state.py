"""The filter state kept in the URL: `FilterState` parsed from a query string or the controls, and written back.

Parsing never raises: a bookmark with a typo shows the dashboard with the typo ignored. Values are validated
against the dataset's vocabulary (Dataset.indexes).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import parse_qsl, urlencode

from dashboard import agreement_filters
from dashboard.countries import ERASMUS_COUNTRY_CODES
from dashboard.folding import fold
from dashboard.i18n import country_label, text, value_label
from dashboard.importing.values import academic_year
from dashboard.model import ACTIVITIES, DIRECTIONS, DURATIONS, PARTICIPANTS, TIERS, Dataset

# URL key of each field, in the canonical order of `to_query`.
QUERY_KEYS = {
    "tiers": "tier",
    "countries": "country",
    "regions": "region",
    "activities": "activity",
    "campuses": "campus",
    "year_from": "from",
    "year_to": "to",
    "participants": "participant",
    "directions": "direction",
    "durations": "duration",
    "query": "q",
}
# Plural spellings people type into a URL by hand.
KEY_ALIASES = {
    "tiers": "tier",
    "countries": "country",
    "regions": "region",
    "continent": "region",
    "activities": "activity",
    "campuses": "campus",
    "year_from": "from",
    "year_to": "to",
    "participants": "participant",
    "directions": "direction",
    "durations": "duration",
    "search": "q",
    "query": "q",
}
# The agreement filters (field, level, type, valid) come after the others, in agreement_filters.
QUERY_KEYS.update(agreement_filters.QUERY_KEYS)
KEY_ALIASES.update(agreement_filters.KEY_ALIASES)
MAX_QUERY_LENGTH = 100
# The fields that hold a list of values from the dataset's vocabulary (Dataset.indexes.vocabulary).
LIST_FIELDS = ("tiers", "countries", "regions", "activities", "campuses", "participants", "directions", "durations")


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
    durations: tuple[str, ...] = ()  # length of stay of the mobility: semester, short_term
    query: str = ""
    fields: tuple[str, ...] = ()  # ISCED-F codes
    levels: tuple[str, ...] = ()  # EQF levels "5".."8"
    types: tuple[str, ...] = ()  # mobility types
    valid: str | None = None  # academic year the agreements are in effect in

    # -- building -------------------------------------------------------------------------------
    @classmethod
    def from_query(cls, search: str | None, dataset: Dataset) -> FilterState:
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
    def from_values(cls, dataset: Dataset, **values: object) -> FilterState:
        """The state for raw control values (lists, strings or None), validated against the dataset.

        `from` after `to` is swapped: people mean the range between the two years.
        """
        vocab = dataset.indexes.vocabulary
        state: dict[str, object] = {}
        for name in LIST_FIELDS:
            raw = values.get(name)
            items = raw.split(",") if isinstance(raw, str) else raw if isinstance(raw, Iterable) else ()
            state[name] = _canonical(name, (vocab[name].get(_key(name, v)) for v in items if v is not None))
        year_from = _single(values.get("year_from"))
        year_to = _single(values.get("year_to"))
        year_from = academic_year(year_from) if year_from is not None else None
        year_to = academic_year(year_to) if year_to is not None else None
        if year_from and year_to and year_from > year_to:
            year_from, year_to = year_to, year_from
        query_parts = values.get("query") or ""
        if not isinstance(query_parts, str):
            query_parts = " ".join(str(q) for q in query_parts if q) if isinstance(query_parts, Iterable) else ""
        query = " ".join(query_parts.split())[:MAX_QUERY_LENGTH]
        return cls(
            year_from=year_from,
            year_to=year_to,
            query=query,
            **state,  # type: ignore[arg-type]
            **agreement_filters.parse(values),
        )

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

    def picks_mobility(self) -> bool:
        """Whether the state narrows the mobility counted (participant, direction, stay, campus or years), not
        only the partners."""
        return bool(
            self.participants or self.directions or self.durations or self.campuses or self.year_from or self.year_to
        )

    def loosen_hint(self, language: str = "en") -> str:
        """What to loosen when a view shows nothing: the filters set, by name ("tier, country, academic years"),
        and how to remove them; "" when no filter is set (then the data itself has nothing to show)."""
        names: list[str] = []
        for field in QUERY_KEYS:
            if not getattr(self, field):
                continue
            key = {"year_from": "loosen.years", "year_to": "loosen.years", "valid": "loosen.valid"}.get(field)
            name = text(key or f"export.filter.{field}", language)
            if name not in names:
                names.append(name)
        return text("loosen", language, filters=", ".join(names)) if names else ""

    # -- chips ----------------------------------------------------------------------------------
    def chips(self, language: str = "en") -> list[tuple[str, str, str]]:
        """(field, value, label) for each active filter value, in URL order, for removable chips."""
        chips = []
        for name in QUERY_KEYS:
            value = getattr(self, name)
            for item in value if isinstance(value, tuple) else ((value,) if value else ()):
                chips.append((name, item, _chip_label(name, item, language)))
        return chips

    def without(self, field: str, value: str | None = None) -> FilterState:
        """This state with `value` (or the whole field when None) removed; unknown fields change nothing."""
        if field not in QUERY_KEYS:
            return self
        current = getattr(self, field)
        if isinstance(current, tuple):
            kept = () if value is None else tuple(v for v in current if v != value)
            return self._with(field, kept)
        if value is None or value == current:
            return self._with(field, "" if field == "query" else None)
        return self

    def toggled(self, field: str, value: str) -> FilterState:
        """This state with `value` added to `field`, or removed when it was there (a click on a chart)."""
        if field not in QUERY_KEYS:
            return self
        current = getattr(self, field)
        if isinstance(current, tuple):
            if value in current:
                return self.without(field, value)
            return self._with(field, _canonical(field, (*current, value)))
        return self.without(field) if current == value else self._with(field, value)

    def _with(self, field: str, value: object) -> FilterState:
        changes: dict[str, Any] = {field: value}  # one field named at run time: its type is that field's
        return replace(self, **changes)


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


_ORDERED = {
    "tiers": TIERS,
    "activities": ACTIVITIES,
    "participants": PARTICIPANTS,
    "directions": DIRECTIONS,
    "durations": DURATIONS,
}


def _canonical(field: str, values) -> tuple[str, ...]:
    unique = {v for v in values if v}
    order = _ORDERED.get(field)
    if order:
        return tuple(v for v in order if v in unique)
    return tuple(sorted(unique))


# Catalogue prefix of the values of each list field (dashboard/i18n).
VALUE_PREFIXES = {
    "tiers": "tier",
    "regions": "region",
    "activities": "activity",
    "participants": "participant",
    "directions": "direction",
    "durations": "duration",
    **agreement_filters.VALUE_PREFIXES,
}


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
