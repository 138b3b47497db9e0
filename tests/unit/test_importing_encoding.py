"""Encodings told apart on real names: every code page Central and Western European offices export in.

The names are real institutions and cities (tests/corpus/real_names.py), each written in its own country's
language; every file is encoded in every code page that can hold it and must read back exactly, with the
report naming an encoding that gives exactly that text.
"""

from __future__ import annotations

import codecs
import importlib.util
from pathlib import Path

import pytest

from dashboard.importing import load_partners
from dashboard.importing.encoding import LABELS, count_place_letters, decode
from dashboard.importing.place_letters import PLACE_LETTERS

_SPEC = importlib.util.spec_from_file_location(
    "real_names", Path(__file__).resolve().parents[1] / "corpus" / "real_names.py"
)
real_names = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(real_names)
CENTRAL, WESTERN = real_names.CENTRAL, real_names.WESTERN
CENTRAL_CODE_PAGES, WESTERN_CODE_PAGES = real_names.CENTRAL_CODE_PAGES, real_names.WESTERN_CODE_PAGES

CASES = [
    (page, iso2)
    for group, pages in ((CENTRAL, CENTRAL_CODE_PAGES), (WESTERN, WESTERN_CODE_PAGES))
    for page in pages
    for iso2 in group
]
NAMES = {**CENTRAL, **WESTERN}


def encodable_rows(iso2: str, page: str, country: str) -> list[tuple[str, str, str]]:
    rows = [(name, city, country) for name, city in NAMES[iso2][1]]
    return [row for row in rows if ";".join(row).encode(page, errors="replace").decode(page) == ";".join(row)]


def partner_file(rows, page: str, *, with_country: bool = True) -> bytes:
    header = "name;city;country;tier" if with_country else "name;city"
    lines = [";".join((*row, "mobility") if with_country else row[:2]) for row in rows]
    return ("\r\n".join([header, *lines]) + "\r\n").encode(page)


def reported_encoding(report) -> str:
    warning = next(w.message for w in report.warnings if w.message.startswith("not UTF-8"))
    return next(codec for codec, label in LABELS.items() if f"read as {label}," in warning)


@pytest.mark.parametrize("country_as", ["own language", "ISO code"])
@pytest.mark.parametrize(("page", "iso2"), CASES, ids=[f"{page}-{iso2}" for page, iso2 in CASES])
def test_a_partner_list_in_any_code_page_reads_back_exactly_and_says_which(tmp_path, page, iso2, country_as):
    country = NAMES[iso2][0] if country_as == "own language" else iso2
    rows = encodable_rows(iso2, page, country)
    assert len(rows) >= 3, f"too few {iso2} names fit {page} to test"
    path = tmp_path / "partners.csv"
    path.write_bytes(partner_file(rows, page))

    partners, report = load_partners(path)

    assert report.errors == [] and report.rejected == []
    assert partners["name"].tolist() == [r[0] for r in rows]
    assert partners["city"].tolist() == [r[1] for r in rows]
    assert set(partners["country"]) == {iso2}
    assert path.read_bytes().decode(reported_encoding(report)) == path.read_bytes().decode(page)


@pytest.mark.parametrize(("page", "iso2"), CASES, ids=[f"{page}-{iso2}" for page, iso2 in CASES])
def test_one_row_is_enough_when_it_names_its_country(tmp_path, page, iso2):
    rows = encodable_rows(iso2, page, NAMES[iso2][0])
    # The first row whose text differs between this code page and the one preferred on a tie.
    row = next((r for r in rows if ";".join(r).encode(page) != ";".join(r).encode("cp1252", errors="replace")), rows[0])
    path = tmp_path / "partners.csv"
    path.write_bytes(partner_file([row], page))

    partners, report = load_partners(path)

    assert report.rejected == [] and partners.loc[0, ["name", "city", "country"]].tolist() == [*row[:2], iso2]


@pytest.mark.parametrize(("page", "iso2"), CASES, ids=[f"{page}-{iso2}" for page, iso2 in CASES])
def test_a_list_without_a_country_column_reads_back_from_its_names_alone(page, iso2):
    rows = encodable_rows(iso2, page, "")
    data = partner_file(rows, page, with_country=False)

    assert decode(data).text == data.decode(page)


@pytest.mark.parametrize(
    ("group", "pages"), [(CENTRAL, CENTRAL_CODE_PAGES), (WESTERN, WESTERN_CODE_PAGES)], ids=["central", "western"]
)
def test_a_list_mixing_every_country_of_a_region_reads_back(tmp_path, group, pages):
    for page in pages:
        rows = [row for iso2 in group for row in encodable_rows(iso2, page, iso2)]
        path = tmp_path / f"{page}.csv"
        path.write_bytes(partner_file(rows, page))

        partners, report = load_partners(path)

        assert partners["name"].tolist() == [r[0] for r in rows], page
        assert report.rejected == []


def test_a_czech_windows_1250_export_is_not_read_as_1252_and_cesko_is_a_country(tmp_path):
    path = tmp_path / "partners.csv"
    path.write_bytes("name;city;country;tier\nČeské vysoké učení technické v Praze;Praha;Česko;3\n".encode("cp1250"))

    partners, report = load_partners(path)

    assert partners.loc[0, ["name", "country"]].tolist() == ["České vysoké učení technické v Praze", "CZ"]
    assert reported_encoding(report) in ("cp1250", "iso8859_2")


OWN_NAMES = {
    "CZ": "Česko",
    "SK": "Slovensko",
    "PL": "Polska",
    "HU": "Magyarország",
    "SI": "Slovenija",
    "HR": "Hrvatska",
    "RO": "România",
    "BG": "България",
    "RS": "Srbija",
    "BA": "Bosna i Hercegovina",
    "ME": "Crna Gora",
    "MK": "Северна Македонија",
    "AL": "Shqipëria",
    "GR": "Ελλάδα",
    "LT": "Lietuva",
    "LV": "Latvija",
    "EE": "Eesti",
    "FI": "Suomi",
    "SE": "Sverige",
    "NO": "Norge",
    "DK": "Danmark",
    "IS": "Ísland",
    "DE": "Deutschland",
    "AT": "Österreich",
    "CH": "Schweiz",
    "LU": "Lëtzebuerg",
    "FR": "France",
    "BE": "België",
    "NL": "Nederland",
    "ES": "España",
    "PT": "Portugal",
    "IT": "Italia",
    "MT": "Malta",
    "IE": "Éire",
    "TR": "Türkiye",
    "UA": "Україна",
    "CY": "Κύπρος",
}


def test_every_european_country_written_in_its_own_language_is_accepted(tmp_path):
    path = tmp_path / "partners.csv"
    rows = [f"Partner {iso2};;{name};mobility" for iso2, name in OWN_NAMES.items()]
    path.write_text("name;city;country;tier\n" + "\n".join(rows) + "\n", encoding="utf-8")

    partners, report = load_partners(path)

    assert report.rejected == [] and report.warnings == []
    assert partners["country"].tolist() == list(OWN_NAMES)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("delimiter", ["\t", ",", ";"], ids=["tab", "comma", "semicolon"])
def test_utf16_without_a_byte_order_mark_is_text_not_binary(tmp_path, codec, delimiter):
    text = (
        delimiter.join(["name", "city", "country", "tier"])
        + "\r\n"
        + delimiter.join(["Politechnika Łódzka", "Łódź", "PL", "mobility"])
        + "\r\n"
        + delimiter.join(["Københavns Universitet", "København", "DK", "mobility"])
        + "\r\n"
    )
    path = tmp_path / "partners.txt"
    path.write_bytes(text.encode(codec))
    assert not path.read_bytes().startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))

    partners, report = load_partners(path)

    assert report.errors == [] and partners["city"].tolist() == ["Łódź", "København"]


def test_the_committed_letter_table_is_what_the_gazetteers_give():
    assert count_place_letters() == PLACE_LETTERS, "run encoding.write_place_letters() after a library update"


def test_binary_data_with_zeros_on_every_other_byte_is_still_called_binary(tmp_path):
    path = tmp_path / "partners.csv"
    path.write_bytes(bytes(b for value in range(1, 32) for b in (value, 0)) * 40)  # 16-bit samples, not text

    partners, report = load_partners(path)

    assert partners.empty and "binary content" in report.errors[0].message
