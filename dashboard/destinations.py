"""Find a destination: which partners a student can go to for a field of study, a level, a semester or a year
and a language they speak, as cards a student reads (never a count of people, a utilisation or a balance).

Pure: a Search (from the URL) and a Dataset in, a Result out. The page (dashboard/public/) only draws it.
Only outgoing student-studies agreements that are signed or in effect count: they are the places a student of
ours can take.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import parse_qsl, urlencode

import numpy as np
import pandas as pd

from dashboard import isced
from dashboard.agreement_filters import IN_EFFECT
from dashboard.distance import distance_km
from dashboard.folding import fold
from dashboard.model import EQF_LEVELS, REGIONS, Dataset

PERIODS = ("semester", "year")
SORTS = ("name", "distance", "places")
# Months one student stays: a semester takes any stay of three months or more, a whole year nine or more.
# An agreement that leaves the months open fits both: the office has not limited it.
MIN_MONTHS = {"semester": 3.0, "year": 9.0}
# URL keys; `lang` is the page's language, so the student's language is `speaks`.
QUERY_KEYS = {
    "field": "field",
    "level": "level",
    "period": "period",
    "language": "speaks",
    "regions": "region",
    "countries": "country",
    "sort": "sort",
}
CARD_COLUMNS = (
    "partner_id",
    "name",
    "city",
    "country",
    "country_name",
    "region",
    "website",
    "languages",
    "levels",
    "places",
    "months",
    "distance_km",
    "lat",
    "lon",
)


@dataclass(frozen=True)
class Search:
    field: str | None = None  # ISCED-F code at any depth
    level: int | None = None  # EQF level
    period: str | None = None  # one of PERIODS
    language: str | None = None  # ISO 639-1 code the student speaks
    regions: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    sort: str = "name"

    @classmethod
    def from_query(cls, search: str | None) -> Search:
        """The search a URL asks for; unknown keys and values are dropped, never an error."""
        try:
            pairs = parse_qsl((search or "").lstrip("?"), max_num_fields=50)
        except ValueError:
            pairs = []
        values: dict[str, str] = {}
        for key, value in pairs:
            values.setdefault(key.strip().lower(), value.strip())
        return cls.from_values(**{name: values.get(key) for name, key in QUERY_KEYS.items()})

    @classmethod
    def from_values(
        cls, field=None, level=None, period=None, language=None, regions=None, countries=None, sort=None
    ) -> Search:
        """The search for raw control values (strings, lists or None), each checked against its vocabulary."""
        return cls(
            field=_field(field),
            level=int(level) if str(level or "").isdigit() and int(level) in EQF_LEVELS else None,
            period=period if period in PERIODS else None,
            language=str(language).strip().lower()[:2] if language and str(language).strip().isalpha() else None,
            regions=tuple(r for r in REGIONS if r in _items(regions)),
            countries=tuple(sorted({c.upper() for c in _items(countries) if len(c) == 2 and c.isalpha()})),
            sort=sort if sort in SORTS else "name",
        )

    def to_query(self) -> str:
        pairs = []
        for name, key in QUERY_KEYS.items():
            value = getattr(self, name)
            if isinstance(value, tuple):
                value = ",".join(value)
            if value and not (name == "sort" and value == "name"):
                pairs.append((key, str(value)))
        return "?" + urlencode(pairs, safe=",") if pairs else ""


def _items(raw) -> list[str]:
    if not raw:
        return []
    if isinstance(raw, str):
        raw = raw.split(",")
    return [str(item).strip() for item in raw if item and str(item).strip()]


def _field(value) -> str | None:
    if not value:
        return None
    value = str(value).strip()
    if isced.is_field(value):
        return value
    if value.isdigit() and isced.is_field("0" + value):
        return "0" + value
    return isced.code_for_name(value)


@dataclass(frozen=True)
class Result:
    cards: pd.DataFrame  # CARD_COLUMNS, one row per partner, in the search's order
    reason: str | None = None  # why nothing fits: "field", "level", "period", "language", "place"
    broader: str | None = None  # the nearest broader field with destinations, when the field is too narrow


def student_agreements(dataset: Dataset) -> pd.DataFrame:
    """The agreements a student of ours can go on: outgoing student studies, signed or in effect."""
    agreements = dataset.agreements
    keep = (
        (agreements["mobility_type"] == "student_studies")
        & (agreements["direction"] == "outgoing")
        & agreements["status"].isin(IN_EFFECT)
    )
    return agreements[keep.to_numpy(dtype=bool)]


def fitting(agreements: pd.DataFrame, search: Search) -> np.ndarray:
    """Which agreement rows fit the student's field, level, period and language."""
    keep = np.ones(len(agreements), dtype=bool)
    if search.field:
        keep &= np.fromiter(
            (not codes or any(isced.covers(code, search.field) for code in codes) for codes in agreements["fields"]),
            dtype=bool,
            count=len(agreements),
        )
    if search.level:
        keep &= np.fromiter(
            (not levels or search.level in levels for levels in agreements["levels"]), dtype=bool, count=len(agreements)
        )
    if search.period:
        months = months_per_student(agreements)
        keep &= np.isnan(months) | (months >= MIN_MONTHS[search.period])
    if search.language:
        keep &= np.fromiter(
            (speaks(search.language, required) for required in agreements["languages"]),
            dtype=bool,
            count=len(agreements),
        )
    return keep


def months_per_student(agreements: pd.DataFrame) -> np.ndarray:
    """Months one student stays: the agreement's months per year shared over its places (NaN when open)."""
    months = pd.to_numeric(agreements["months_per_year"], errors="coerce").astype("float64").to_numpy()
    places = pd.to_numeric(agreements["places"], errors="coerce").astype("float64").to_numpy()
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(places > 0, months / places, months)


def speaks(language: str, required: tuple[str, ...]) -> bool:
    """Whether a student speaking `language` meets one of the languages an agreement asks ("en:B2"); an
    agreement that names none asks for none."""
    return not required or any(item.split(":")[0].strip().lower() == language for item in required)


def find(dataset: Dataset, search: Search) -> Result:
    """The partners that fit, as cards; when none does, why not and the nearest broader field that has some."""
    agreements = student_agreements(dataset)
    cards = _cards(dataset, agreements[fitting(agreements, search)], search)
    if len(cards):
        return Result(cards)
    return Result(cards, reason=_reason(dataset, agreements, search), broader=_broader(dataset, agreements, search))


def _cards(dataset: Dataset, agreements: pd.DataFrame, search: Search) -> pd.DataFrame:
    partners = dataset.partners
    partners = partners[partners["partner_id"].astype(str).isin(set(agreements["partner_id"].astype(str)))]
    if search.regions:
        partners = partners[partners["region"].isin(search.regions)]
    if search.countries:
        partners = partners[partners["country"].isin(search.countries)]
    months = months_per_student(agreements)
    rows = []
    by_partner = {pid: group for pid, group in agreements.assign(_months=months).groupby("partner_id", sort=False)}  # noqa: C416  (a groupby is not a mapping)
    home = dataset.institution
    for partner in partners.itertuples(index=False):
        group = by_partner[str(partner.partner_id)]
        places = pd.to_numeric(group["places"], errors="coerce")
        stays = group["_months"].dropna()
        rows.append(
            {
                "partner_id": str(partner.partner_id),
                "name": partner.name,
                "city": partner.city or "",
                "country": partner.country,
                "country_name": partner.country_name,
                "region": partner.region,
                "website": partner.website or "",
                "languages": tuple(sorted({item for items in group["languages"] for item in items})),
                "levels": tuple(sorted({level for levels in group["levels"] for level in levels})),
                "places": float(places.sum()) if places.notna().any() else math.nan,
                "months": (float(stays.min()), float(stays.max())) if len(stays) else None,
                "distance_km": distance_km((home.lat, home.lon), (partner.lat, partner.lon)),
                "lat": partner.lat,
                "lon": partner.lon,
            }
        )
    cards = pd.DataFrame(rows, columns=list(CARD_COLUMNS))
    return sort_cards(cards, search.sort)


def sort_cards(cards: pd.DataFrame, sort: str) -> pd.DataFrame:
    """Nearest first, most places first or by name; ties (and unknown distances or places) by name."""
    names = cards["name"].map(fold)
    if sort == "distance":
        keys = [cards["distance_km"].fillna(math.inf), names]
        ascending = [True, True]
    elif sort == "places":
        keys = [cards["places"].fillna(-1), names]
        ascending = [False, True]
    else:
        keys, ascending = [names], [True]
    order = (
        pd.DataFrame({f"k{i}": key.to_numpy() for i, key in enumerate(keys)})
        .sort_values([f"k{i}" for i in range(len(keys))], ascending=ascending, kind="stable")
        .index
    )
    return cards.iloc[order].reset_index(drop=True)


# What a student asked for, loosest last: the first that, dropped with those before it, leaves a destination
# is the reason nothing fits.
_RELAXED = (
    ("place", {"regions": (), "countries": ()}),
    ("language", {"language": None}),
    ("period", {"period": None}),
    ("level", {"level": None}),
    ("field", {"field": None}),
)


def _reason(dataset: Dataset, agreements: pd.DataFrame, search: Search) -> str | None:
    if not len(agreements):
        return "none"
    relaxed = search
    for reason, change in _RELAXED:
        before = relaxed
        relaxed = replace(relaxed, **change)
        if before != relaxed and len(_cards(dataset, agreements[fitting(agreements, relaxed)], relaxed)):
            return reason
    return "none"


def _broader(dataset: Dataset, agreements: pd.DataFrame, search: Search) -> str | None:
    """The nearest broader field (narrow, then broad) where the rest of the search finds a destination."""
    code = search.field or ""
    for parent in (code[:3], code[:2]):
        if len(parent) < len(code) and isced.is_field(parent):
            wider = replace(search, field=parent)
            if len(_cards(dataset, agreements[fitting(agreements, wider)], wider)):
                return parent
            code = parent
    return None


def field_options(dataset: Dataset, language: str = "en") -> list[dict[str, str]]:
    """The fields a student can pick, named in `language`, each with the programme names the office gave its
    agreements (department, field note) as synonyms to search by; the fields the agreements name first."""
    synonyms: dict[str, set[str]] = {}
    for codes, department, note in zip(
        *(student_agreements(dataset)[c] for c in ("fields", "department", "field_note"))
    ):
        for code in codes:
            synonyms.setdefault(code, set()).update(n.strip() for n in (department, note) if n and n.strip())
    options: list[dict[str, Any]] = []
    for code in isced.catalogue():
        name = isced.field_name(code, language)
        extra = sorted(synonyms.get(code, set()) - {name})
        label = f"{name} ({', '.join(extra)})" if extra else name
        options.append({"value": code, "label": label, "used": code in synonyms})
    options.sort(key=lambda option: (not option["used"], option["value"]))
    return [{"value": o["value"], "label": o["label"]} for o in options]


def languages_offered(dataset: Dataset) -> list[str]:
    """The languages the student agreements ask for, as ISO codes."""
    return sorted(
        {
            item.split(":")[0].strip().lower()
            for items in student_agreements(dataset)["languages"]
            for item in items
            if item.strip()
        }
    )
