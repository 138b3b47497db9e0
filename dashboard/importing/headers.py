"""Column headers as people write them, in English and Dutch, mapped to the data model's field names.

Matching ignores case, accents, spacing and punctuation: "Naam instelling", "NAAM_INSTELLING" and
"naaminstelling" are the same header.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from dashboard.folding import fold
from dashboard.importing.agreement_headers import AGREEMENT_ALIASES, HEI_ID_ALIASES
from dashboard.model import KEY_FIGURE_TRANSLATIONS
from dashboard.report import name_a_few

_PARTNER_REFERENCE = {
    "partner_id": ("partner_id", "partner id", "id", "partner code", "partnercode", "partner nr"),
    "erasmus_code": ("erasmus code", "erasmuscode", "erasmus id", "institution code", "erasmus institution code"),
}

_PARTNER_NAME = (
    "name",
    "institution",
    "institution name",
    "partner",
    "partner institution",
    "partner name",
    "instelling",
    "naam instelling",
    "naam",
    "partnerinstelling",
    "organisation",
    "organization",
    "organisation name",
    "organization name",
    "legal name",
    "university",
    "universiteit",
)

# Built whole here, once: no module adds to it at import time (the index of each kind is cached on first use).
ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "partners": {
        **_PARTNER_REFERENCE,
        "name": _PARTNER_NAME,
        # read by importing/iias_files.py, which matches IIAs to partners; no "ignored column" warning
        "hei_id": HEI_ID_ALIASES,
        "city": ("city", "town", "stad", "plaats", "gemeente", "woonplaats", "ville", "stadt"),
        "country": ("country", "country code", "country cd", "land", "landcode", "country name", "pays"),
        "tier": (
            "tier",
            "level",
            "partnership type",
            "partnership level",
            "niveau",
            "samenwerkingsniveau",
            "type samenwerking",
            "samenwerkingstype",
            "partnership",
        ),
        "activities": ("activities", "activity", "activiteiten", "activiteit", "cooperation", "samenwerking"),
        "networks": ("networks", "network", "netwerken", "netwerk", "alliances", "alliance"),
        "website": ("website", "url", "website url", "web", "webpage", "homepage", "site", "webstek"),
        # Mobility-Online and MoveON say "Agreement valid from/until", "Valid from/to/until", "Start/End date".
        "agreement_start": (
            "agreement start",
            "start",
            "begin",
            "start year",
            "startjaar",
            "beginjaar",
            "valid from",
            "agreement from",
            "start agreement",
            "begin overeenkomst",
            "start overeenkomst",
            "agreement valid from",
            "start date",
            "agreement start date",
            "begin date",
            "begindatum",
            "startdatum",
            "valid from date",
            "geldig vanaf",
            "date de debut",
            "date debut",
        ),
        "agreement_end": (
            "agreement end",
            "end",
            "einde",
            "eind",
            "end year",
            "eindjaar",
            "valid until",
            "valid to",
            "agreement until",
            "end agreement",
            "einde overeenkomst",
            "eind overeenkomst",
            "agreement valid until",
            "agreement valid to",
            "end date",
            "agreement end date",
            "einddatum",
            "valid until date",
            "valid to date",
            "geldig tot",
            "date de fin",
            "date fin",
        ),
        "campuses": ("campuses", "campus", "home campus", "home campuses", "campussen"),
        "lat": ("lat", "latitude", "breedtegraad", "breedte"),
        "lon": ("lon", "lng", "long", "longitude", "lengtegraad", "lengte"),
        "street": ("street", "address", "adres", "straat", "street address"),
        "postcode": ("postcode", "post cd", "postal code", "zip", "zip code", "postcode nr"),
    },
    "mobility": {
        **_PARTNER_REFERENCE,
        "name": (
            "name",
            "partner",
            "partner name",
            "institution",
            "institution name",
            "partner institution",
            "instelling",
            "naam instelling",
            "naam",
            "host institution",
            "organisation",
            "organization",
        ),
        "academic_year": ("academic year", "academiejaar", "year", "jaar", "academisch jaar", "ay", "aj"),
        "direction": ("direction", "richting", "flow", "in out", "inkomend uitgaand"),
        "participant": ("participant", "deelnemer", "type", "participant type", "doelgroep"),
        "duration": ("duration", "duur", "length", "mobility type", "soort mobiliteit"),
        "campus": ("campus", "home campus", "thuiscampus", "campus group", "campusgroep"),
        "count": ("count", "aantal", "number", "n", "total", "totaal", "participants", "deelnemers"),
    },
    "campuses": {
        "campus": ("campus", "name", "naam", "campus name"),
        "group": ("group", "groep", "campus group", "region", "regio"),
        "city": ("city", "stad", "town", "plaats", "gemeente"),
        "lat": ("lat", "latitude", "breedtegraad"),
        "lon": ("lon", "lng", "longitude", "lengtegraad"),
    },
    "key_figures": {
        "label": ("label", "figure", "kerncijfer", "omschrijving", "description", "name"),
        "value": ("value", "waarde", "number", "getal"),
        "unit": ("unit", "eenheid"),
        "source": ("source", "bron"),
        # Every language with a catalogue (German, ...): its label_xx / unit_xx columns under their own names...
        **{column: (column, column.replace("_", " ")) for column in KEY_FIGURE_TRANSLATIONS},
        # ... and for Dutch and French the office's own wording too.
        "label_nl": ("label_nl", "label nl", "kerncijfer nl", "omschrijving nl"),
        "label_fr": ("label_fr", "label fr", "libelle fr", "libellé fr"),
        "unit_nl": ("unit_nl", "unit nl", "eenheid nl"),
        "unit_fr": ("unit_fr", "unit fr", "unite fr", "unité fr"),
    },
    "agreements": AGREEMENT_ALIASES,
    "partner_hei_ids": {"hei_id": HEI_ID_ALIASES, "name": _PARTNER_NAME},
}


def missing_columns_message(
    kind: str, header: Sequence[str], missing: Sequence[str], labels: dict[str, str] | None = None
) -> str:
    """What a person needs when required columns are absent: which ones, what the file has, which names count.

    labels describes a field in other words where one of several columns will do (mobility's partner reference).
    """
    labels = labels or {}
    shown = [labels.get(name, name) for name in missing]
    separator = "; " if any("," in name for name in shown) else ", "
    found = name_a_few([h for h in header if h], shown=12, quoted=False) or "none"
    accepted = "; ".join(accepted_names(kind, name) for name in missing)
    return (
        f"missing required column(s) {separator.join(shown)}: add them to the header row "
        f"(columns found: {found}; accepted names: {accepted}; see dashboard/sample_data/README.md)"
    )


def accepted_names(kind: str, field: str) -> str:
    """The header names accepted for a field, for messages: "country (or: country code, land, ...)"."""
    return f"{field} (or: {', '.join(a for a in ALIASES[kind][field] if header_key(a) != header_key(field))})"


def header_key(text: str) -> str:
    """Case-, accent-, spacing- and punctuation-insensitive form of a header."""
    return fold(text).replace(" ", "")


@cache
def _index(kind: str) -> dict[str, str]:
    return {header_key(alias): canonical for canonical, aliases in ALIASES[kind].items() for alias in aliases}


def canonical_name(header: str, kind: str) -> str | None:
    return _index(kind).get(header_key(header))


def header_score(kind: str):
    """How many cells of a row are known column names of `kind`; picks the header among junk lines."""
    index = _index(kind)
    return lambda cells: sum(1 for c in cells if c and header_key(c) in index)


@dataclass
class ColumnMap:
    """Which column (position and header as written) holds each field of the data model."""

    positions: dict[str, int] = field(default_factory=dict)
    written: dict[str, str] = field(default_factory=dict)
    unknown: list[str] = field(default_factory=list)
    repeated: list[tuple[str, str]] = field(default_factory=list)  # (header as written, field it repeats)

    def __contains__(self, name: str) -> bool:
        return name in self.positions


def match_headers(header: tuple[str, ...], kind: str) -> ColumnMap:
    index = _index(kind)
    columns = ColumnMap()
    for position, written in enumerate(header):
        if not written:
            continue
        canonical = index.get(header_key(written))
        if canonical is None:
            columns.unknown.append(written)
        elif canonical in columns.positions:
            columns.repeated.append((written, canonical))
        else:
            columns.positions[canonical] = position
            columns.written[canonical] = written
    return columns
