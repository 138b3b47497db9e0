"""Reading files as Excel and mobility systems write them: encodings, delimiters, XLSX, junk and broken files."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from dashboard.importing import load_partners, read_partner_rows
from dashboard.importing.reading import sniff_delimiter

ROWS = [
    ["name", "city", "country", "tier"],
    ["Université de Liège", "Liège", "BE", "mobility"],
    ["Universität zu Köln", "Köln", "Duitsland", "strategic"],
    ["Café € Hogeschool", "Tilburg", "NL", "2"],
]
NAMES = ["Université de Liège", "Universität zu Köln", "Café € Hogeschool"]


def as_text(rows, delimiter=",") -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def mojibake(text: str) -> bytes:
    """What a UTF-8 file looks like after a tool read it as Windows-1252 and saved it as UTF-8 again."""
    return text.encode("utf-8").decode("cp1252").encode("utf-8")


ENCODINGS = {
    "utf-8": lambda text: text.encode("utf-8"),
    "utf-8 with BOM": lambda text: text.encode("utf-8-sig"),
    "windows-1252": lambda text: text.encode("cp1252"),
    "utf-16 with BOM": lambda text: text.encode("utf-16"),
    "mojibake in utf-8": mojibake,
}


@pytest.mark.parametrize("delimiter", [",", ";", "\t"], ids=["comma", "semicolon", "tab"])
@pytest.mark.parametrize("encoding", ENCODINGS)
def test_every_encoding_and_delimiter_reads_the_same_partners(tmp_path, encoding, delimiter):
    path = tmp_path / "partners.csv"
    path.write_bytes(ENCODINGS[encoding](as_text(ROWS, delimiter)))

    partners, report = load_partners(path)

    assert report.errors == [] and report.rejected == []
    assert partners["name"].tolist() == NAMES
    assert partners["city"].tolist() == ["Liège", "Köln", "Tilburg"]
    assert partners["country"].tolist() == ["BE", "DE", "NL"]
    assert partners["tier"].tolist() == ["mobility", "strategic", "collaboration"]
    assert partners["source_line"].tolist() == [2, 3, 4]
    assert report.rows_read == 3 == report.rows_loaded


def test_mojibake_in_single_cells_is_repaired(tmp_path):
    path = tmp_path / "partners.csv"
    path.write_text("name,city,country,tier\nUniversitÃ© de LiÃ¨ge,LiÃ¨ge,BE,mobility\n", encoding="utf-8")

    partners, _ = load_partners(path)

    assert partners.loc[0, ["name", "city"]].tolist() == ["Université de Liège", "Liège"]


def test_central_european_windows_1250_is_detected_not_read_as_1252(tmp_path):
    path = tmp_path / "partners.csv"
    text = "name;city;country;tier\nUniwersytet Łódzki;Łódź;PL;3\nPolitechnika Śląska;Gliwice;PL;3\n"
    path.write_bytes(text.encode("cp1250"))

    partners, report = load_partners(path)

    assert partners["city"].tolist() == ["Łódź", "Gliwice"]
    assert any("cp1250" in w.message for w in report.warnings)


@pytest.mark.parametrize(
    "sample, expected",
    [
        ("a,b,c\n1,2,3\n", ","),
        ("a;b;c\n1;2,5;3\n", ";"),
        ("a\tb\tc\n1\t2;x\t3\n", "\t"),
        (";;;;\nname;city;country;tier;x\nA, B;C;BE;1;\n", ";"),
        ('name,city\n"Hanze; UAS",Groningen\n', ","),
    ],
    ids=["comma", "semicolon with decimal comma", "tab", "junk line first", "quoted semicolon"],
)
def test_sniff_delimiter(sample, expected):
    assert sniff_delimiter(sample) == expected


def test_non_breaking_spaces_and_runs_of_whitespace_are_trimmed(tmp_path):
    path = tmp_path / "partners.csv"
    path.write_text(
        "name;city;country;tier;erasmus code\n\u00a0Hanze  UAS\u00a0;\u00a0GRONINGEN ;NL\u00a0;1;NL\u00a0\u00a0GRONING03\n",
        encoding="utf-8",
    )

    partners, _ = load_partners(path)

    assert partners.loc[0, ["name", "city", "country", "erasmus_code"]].tolist() == [
        "Hanze UAS",
        "GRONINGEN",
        "NL",
        "NL GRONING03",
    ]


def test_junk_lines_above_the_header_are_skipped_with_a_warning(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(
        ";;;;\nExport MoveON 2024-05-01;;;;\n\nname;city;country;tier\nHanze UAS;Groningen;NL;1\n", encoding="utf-8"
    )

    partners, report = load_partners(path)

    assert partners["source_line"].tolist() == [5]
    assert [(w.line, w.message[:31]) for w in report.warnings] == [(4, "skipped 1 line(s) above the hea")]


def test_blank_lines_are_not_rows_and_line_numbers_stay_physical(tmp_path):
    path = tmp_path / "partners.csv"
    path.write_text("name,city,country,tier\n\nA,Gent,BE,1\n , , , \n\nB,Gent,BE,1\n", encoding="utf-8")

    partners, report = load_partners(path)

    assert report.rows_read == 2
    assert partners["source_line"].tolist() == [3, 6]


def test_quoted_fields_with_embedded_newlines_keep_later_line_numbers_right(tmp_path):
    path = tmp_path / "partners.csv"
    path.write_text(
        "name;street;city;country;tier\r\n"
        'Univ A;"Rruga e Kavajes\r\n(Sheshi Ataturk)";Tirana;AL;3\r\n'
        'Univ B;"line 1\nline 2\nline 3";Ankara;TR;3\r\n'
        "Univ C;Main street;Ankara;XX;3\r\n",
        encoding="utf-8",
    )

    rows, report = read_partner_rows(path)

    assert rows["source_line"].tolist() == [2, 4, 7]
    assert rows.loc[0, "street"] == "Rruga e Kavajes (Sheshi Ataturk)"
    assert [(p.line, p.column) for p in report.rejected] == [(7, "country")]


def test_an_unclosed_quote_is_rejected_instead_of_swallowing_the_file_silently(tmp_path):
    path = tmp_path / "partners.csv"
    lines = ["name,city,country,tier", 'Univ A,"Gent,BE,1'] + [f"Univ {i},Gent,BE,1" for i in range(20)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    _, report = load_partners(path)

    assert report.rows_read == report.rows_loaded + len(report.rejected)
    assert report.rejected[0].line == 2
    assert "quote is probably not closed" in report.rejected[0].message


def test_a_row_with_more_cells_than_the_header_is_rejected(tmp_path):
    path = tmp_path / "partners.csv"
    path.write_text("name;city;country;tier\nHanze;UAS;Groningen;NL;1\nZuyd;Heerlen;NL;1;;\n", encoding="utf-8")

    partners, report = load_partners(path)

    assert partners["name"].tolist() == ["Zuyd"]  # trailing empty cells are harmless
    assert [(p.line, p.value) for p in report.rejected] == [(2, "1")]
    assert "more cells than the header" in report.rejected[0].message


def write_xlsx(path, rows, *, title_rows=0):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for _ in range(title_rows):
        sheet.append(["Partner list 2024"])
    for row in rows:
        sheet.append(row)
    workbook.save(path)


def test_xlsx_first_sheet_with_numbers_dates_and_line_breaks(tmp_path):
    from datetime import datetime

    path = tmp_path / "partners.xlsx"
    write_xlsx(
        path,
        [
            ["Naam instelling", "Stad", "Land", "Niveau", "Begin", "Einde", "Breedtegraad", "Lengtegraad"],
            ["Hanze UAS\u00a0", "Groningen", "Nederland", 1, datetime(2021, 9, 1), 2027.0, 53.24, 6.53],
            [None, None, None, None, None, None, None, None],
            ["Laurea_x000D_\nUAS", "Vantaa", "FI", "strategisch", "2022", None, None, None],
        ],
        title_rows=1,
    )

    partners, report = load_partners(path)

    assert report.errors == [] and report.rejected == []
    assert partners["name"].tolist() == ["Hanze UAS", "Laurea UAS"]
    assert partners["source_line"].tolist() == [3, 5]  # spreadsheet row numbers
    assert partners["tier"].tolist() == ["strategic", "strategic"]
    assert partners["agreement_start"].tolist() == [2021, 2022]
    assert partners.loc[0, ["lat", "lon", "geo_precision"]].tolist() == [53.24, 6.53, "manual"]


def test_a_broken_xlsx_fails_the_file_with_a_message(tmp_path):
    path = tmp_path / "partners.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")

    partners, report = load_partners(path)

    assert partners.empty and "cannot open as an Excel workbook" in report.errors[0].message


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "file not found"),
        (b"", "file is empty"),
        (b" \r\n\r\n", "file is empty"),
        (b"\x00\x01\x02\x03garbage\x00\xff" * 50, "binary content"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500, "old Microsoft Office file (OLE) with no Excel workbook"),
        (b";;;;\n;;;;\n", "only blank lines"),
        (b"foo,bar\n1,2\n", "no recognisable header"),
        (b"name,city\nHanze,Groningen\n", "missing required column(s) country, tier"),
    ],
    ids=[
        "missing",
        "empty",
        "whitespace only",
        "binary",
        "ole without a workbook",
        "blank lines only",
        "no header",
        "missing columns",
    ],
)
def test_whole_file_problems_fail_the_file_and_give_an_empty_frame(tmp_path, content, message):
    path = tmp_path / "partners.csv"
    if content is not None:
        path.write_bytes(content)

    partners, report = load_partners(path)

    assert partners.empty
    assert list(partners.columns)[:3] == ["partner_id", "name", "city"]
    assert len(report.errors) == 1 and message in report.errors[0].message
    assert report.file == str(path)
    assert report.rows_read == 0


def test_a_file_over_the_size_limit_names_the_limit(tmp_path):
    path = tmp_path / "partners.csv"
    path.write_text("name,city,country,tier\n" + "Hanze UAS,Groningen,NL,1\n" * 100, encoding="utf-8")

    partners, report = load_partners(path, max_bytes=1000)

    assert partners.empty
    assert "larger than the limit of 0.0 MB (1,000 bytes)" in report.errors[0].message


def test_a_folder_is_not_a_file(tmp_path):
    _, report = load_partners(tmp_path)
    assert "is a folder" in report.errors[0].message


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|", "~"], ids=["comma", "semicolon", "tab", "bar", "tilde"])
def test_excel_sep_line_names_the_delimiter_whatever_it_is(tmp_path, delimiter):
    # The names hold the other delimiters (and, quoted, this one), so only the hint tells which one splits.
    rows = [
        ["name", "city", "country", "tier"],
        ["Hanze; UAS, Groningen | NL", "Groningen", "NL", "strategic"],
        ["Zuyd, UAS; Heerlen", "Heerlen", "NL", "strategic"],
    ]
    path = tmp_path / "partners.csv"
    path.write_text(f"sep={delimiter}\r\n{as_text(rows, delimiter)}", encoding="utf-8")

    partners, report = load_partners(path)

    assert report.errors == [] and report.rejected == [] and report.warnings == []
    assert partners["name"].tolist() == ["Hanze; UAS, Groningen | NL", "Zuyd, UAS; Heerlen"]
    assert partners["source_line"].tolist() == [3, 4]


def test_a_pipe_delimited_file_without_a_hint_is_sniffed(tmp_path):
    path = tmp_path / "partners.txt"
    path.write_text(
        "name|city|country|tier\nHanze UAS|Groningen|NL|strategic\nZuyd UAS|Heerlen|NL|base\n", encoding="utf-8"
    )

    partners, report = load_partners(path)

    assert report.rejected == [] and partners["tier"].tolist() == ["strategic", "mobility"]


@pytest.mark.parametrize("length", [200_000, 1_000])
def test_a_too_long_cell_in_a_file_without_quotes_names_its_column_and_the_real_reason(tmp_path, length):
    path = tmp_path / "partners.csv"
    path.write_text(
        "name;city;country;tier\nHanze UAS;Groningen;NL;strategic\n"
        f"Zuyd UAS;{'Heerlen' * (length // 7)};NL;strategic\nLaurea UAS;Vantaa;FI;strategic\n",
        encoding="utf-8",
    )

    partners, report = load_partners(path)

    assert partners["name"].tolist() == ["Hanze UAS", "Laurea UAS"]
    assert [(p.line, p.column) for p in report.rejected] == [(3, "city")]
    message = report.rejected[0].message
    assert f"city is {length // 7 * 7:,} characters long" in message and "quote" not in message


def test_a_too_long_quoted_cell_that_is_closed_is_not_called_an_unclosed_quote(tmp_path):
    path = tmp_path / "partners.csv"
    path.write_text(
        "name,city,country,tier\nHanze UAS,Groningen,NL,strategic\n"
        f'Zuyd UAS,"{"Heerlen, " * 20_000}",NL,strategic\nLaurea UAS,Vantaa,FI,strategic\n',
        encoding="utf-8",
    )

    partners, report = load_partners(path)

    assert partners["name"].tolist() == ["Hanze UAS", "Laurea UAS"]
    assert [p.line for p in report.rejected] == [3]
    assert "longer than" in report.rejected[0].message and "not closed" not in report.rejected[0].message
