"""Column headers in English and Dutch, whatever their case, accents and spacing."""

from __future__ import annotations

import pytest

from dashboard.importing import load_partners
from dashboard.importing.headers import ALIASES, canonical_name, header_key, match_headers

ALIAS_FAMILIES = {
    "name": [
        "name",
        "Institution",
        "institution name",
        "Partner",
        "partner institution",
        "Instelling",
        "Naam instelling",
        "organisation",
        "Organization",
        "Legal Name",
    ],
    "city": ["city", "Town", "stad", "Plaats", "gemeente"],
    "country": ["country", "Country code", "Country Cd", "land", "Landcode"],
    "erasmus_code": ["Erasmus code", "ErasmusCode", "erasmus_code"],
    "tier": ["tier", "Level", "partnership type", "niveau", "Samenwerkingsniveau", "type samenwerking"],
    "website": ["website", "URL", "Website Url"],
    "partner_id": ["partner_id", "Partner ID", "id"],
    "activities": ["activities", "Activiteiten"],
    "networks": ["networks", "Netwerken"],
    "agreement_start": ["agreement_start", "Start", "begin"],
    "agreement_end": ["agreement_end", "End", "Einde"],
    "campuses": ["campuses", "Campus"],
    "lat": ["lat", "Latitude", "breedtegraad"],
    "lon": ["lon", "lng", "Longitude", "lengtegraad"],
    "street": ["Street", "adres"],
    "postcode": ["Post Cd", "postcode", "ZIP"],
}
MOBILITY_FAMILIES = {
    "academic_year": ["academic_year", "Academiejaar", "year"],
    "direction": ["direction", "Richting"],
    "participant": ["participant", "Deelnemer", "type"],
    "duration": ["duration", "duur"],
    "campus": ["campus"],
    "count": ["count", "Aantal", "number"],
    "name": ["partner", "Instelling"],
    "erasmus_code": ["Erasmus code"],
    "partner_id": ["partner id"],
}


@pytest.mark.parametrize(
    "kind, written, expected",
    [("partners", w, field) for field, words in ALIAS_FAMILIES.items() for w in words]
    + [("mobility", w, field) for field, words in MOBILITY_FAMILIES.items() for w in words],
)
def test_alias_families(kind, written, expected):
    assert canonical_name(written, kind) == expected


@pytest.mark.parametrize(
    "written", ["NAAM INSTELLING", "naam_instelling", "Naam-Instelling", "naaminstelling", " Naam\u00a0 instelling "]
)
def test_case_spacing_and_punctuation_do_not_matter(written):
    assert canonical_name(written, "partners") == "name"


def test_accents_do_not_matter():
    assert header_key("Pays d'origine") == header_key("pays d origine")
    assert canonical_name("Städ", "partners") == "city"


@pytest.mark.parametrize("kind", ALIASES)
def test_no_alias_points_at_two_fields(kind):
    seen: dict[str, str] = {}
    for field, aliases in ALIASES[kind].items():
        for alias in aliases:
            assert seen.setdefault(header_key(alias), field) == field, f"{alias!r} is ambiguous in {kind}"


def test_unknown_columns_are_ignored_with_one_warning_naming_them(tmp_path):
    path = tmp_path / "partners.csv"
    path.write_text("Proposal number;Legal Name;Pic;City;Country Cd;Tier\n1;Hanze;9;Groningen;NL;1\n", encoding="utf-8")

    partners, report = load_partners(path)

    assert partners["name"].tolist() == ["Hanze"]
    assert [(w.line, w.message) for w in report.warnings] == [
        (1, "ignored column(s) the partner list does not use: 'Proposal number', 'Pic'")
    ]


def test_a_second_column_for_the_same_field_is_ignored_with_a_warning(tmp_path):
    path = tmp_path / "partners.csv"
    path.write_text("name,institution,country,tier\nHanze,Other,NL,1\n", encoding="utf-8")

    partners, report = load_partners(path)

    assert partners["name"].tolist() == ["Hanze"]
    assert report.warnings[0].column == "institution"
    assert "the first is 'name'" in report.warnings[0].message


def test_match_headers_keeps_headers_as_written():
    columns = match_headers(("Legal Name", "", "Country Cd"), "partners")
    assert columns.positions == {"name": 0, "country": 2}
    assert columns.written == {"name": "Legal Name", "country": "Country Cd"}
