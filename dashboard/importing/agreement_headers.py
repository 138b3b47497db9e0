"""Column names of an agreements list, in English and Dutch and as Mobility-Online and MoveON export them.

Registered with the shared header layer (importing/headers.py) under the kind "agreements", so matching,
messages and header detection work as for the other files.
"""

from __future__ import annotations

from dashboard.importing.headers import ALIASES

AGREEMENT_ALIASES: dict[str, tuple[str, ...]] = {
    "partner_id": ("partner_id", "partner id", "partner code", "partnercode", "partner nr"),
    "erasmus_code": ("erasmus code", "erasmuscode", "erasmus id", "institution code", "erasmus institution code",
                     "partner erasmus code", "erasmus code partner"),
    "name": (
        "name", "partner", "partner name", "partner institution", "institution", "institution name",
        "host institution", "partner university", "partneruniversiteit", "instelling", "naam instelling",
        "partnerinstelling", "naam partner", "organisation", "organization",
    ),
    "agreement_id": ("agreement id", "agreement", "agreement number", "agreement no", "agreement code", "iia id",
                     "iia code", "contract number", "overeenkomst", "overeenkomstnummer", "nummer overeenkomst"),
    "department": ("department", "faculty", "school", "organisational unit", "organizational unit", "ounit",
                   "departement", "faculteit", "afdeling", "unit", "study programme", "opleiding"),
    "mobility_type": ("mobility type", "type of mobility", "mobiliteitstype", "type mobiliteit", "soort mobiliteit",
                      "mobility category", "activity type", "type", "exchange type", "mobility"),
    "direction": ("direction", "richting", "flow", "in out", "incoming outgoing", "inkomend uitgaand",
                  "incoming/outgoing"),
    "fields": ("fields", "field", "subject area", "subject areas", "subject area code", "isced", "isced code",
               "isced codes", "isced-f", "isced-f code", "isced f code", "field of study", "fields of study",
               "field of education", "studiegebied", "studiegebieden", "vakgebied", "discipline", "study field"),
    "field_note": ("field note", "isced clarification", "clarification", "subject area description",
                   "field clarification", "toelichting", "toelichting studiegebied", "remarks subject area"),
    "levels": ("levels", "level", "study level", "study levels", "eqf", "eqf level", "eqf levels", "niveau",
               "studieniveau", "opleidingsniveau", "study cycle", "cycle", "degree level"),
    "places": ("places", "number of mobilities", "mobilities", "mobilities per year", "number of places",
               "places per year", "plaatsen", "aantal plaatsen", "aantal mobiliteiten", "quota", "slots",
               "number of students", "number of staff"),
    "months_per_year": ("months per year", "total months", "total months per year", "months", "maanden",
                        "aantal maanden", "totaal maanden", "duration months", "duur maanden"),
    "days_per_year": ("days per year", "total days", "total days per year", "days", "dagen", "aantal dagen",
                      "totaal dagen", "duration days", "duur dagen"),
    "languages": ("languages", "language", "language requirements", "language requirement", "language skills",
                  "language level", "recommended language skill", "taal", "talen", "taalvereisten",
                  "taalniveau", "taalvereiste"),
    "first_year": ("first year", "first academic year", "valid from", "start date", "start", "from", "begin",
                   "start academic year", "geldig vanaf", "geldig van", "startdatum", "begindatum", "van",
                   "start year", "startjaar", "eerste academiejaar", "begin overeenkomst"),
    "last_year": ("last year", "last academic year", "valid until", "valid to", "end date", "end", "until", "to",
                  "einde", "geldig tot", "einddatum", "tot", "end year", "eindjaar", "laatste academiejaar",
                  "einde overeenkomst"),
    "status": ("status", "agreement status", "state", "staat", "toestand", "status overeenkomst"),
    "blended": ("blended", "blended mobility", "gemengd", "hybride", "blended learning", "virtual component"),
}
HEI_ID_ALIASES = ("hei_id", "hei id", "hei-id", "schac", "schac code", "ewp id", "ewp hei id")
# The shared layer keys its alias tables by file kind; adding ours leaves the other kinds untouched. This module is
# imported with dashboard.importing, before any file is matched (the layer caches each kind's index on first use).
ALIASES.setdefault("agreements", AGREEMENT_ALIASES)
# partners.csv may carry the partner's EWP hei_id: known to the partner list (no "ignored column" warning) and read
# by importing/iias_files.py, which matches IIAs to partners.
ALIASES["partners"].setdefault("hei_id", HEI_ID_ALIASES)
ALIASES.setdefault("partner_hei_ids", {"hei_id": HEI_ID_ALIASES, "name": ALIASES["partners"]["name"]})
