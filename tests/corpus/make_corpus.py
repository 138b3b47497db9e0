"""Writes the broken and hostile input corpus next to this script; run it again after changing a case.

    .venv/bin/python tests/corpus/make_corpus.py

Every file is built here from bytes so its quirks (encodings, line endings, NUL bytes, zip internals) are
exact and reviewable; tests/corpus/manifest.toml holds what the importer must make of each one.
"""

from __future__ import annotations

import codecs
import gzip
import io
import random
import re
import struct
import zipfile
import zlib
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent
HEADER = "partner_id;name;city;country;tier;erasmus_code;lat;lon;agreement_start;agreement_end;website"
MOBILITY_HEADER = "academic_year,partner_id,erasmus_code,name,direction,participant,duration,campus,count"


def lines(*rows: str, end: str = "\n") -> bytes:
    return (end.join(rows) + end).encode("utf-8")


def png() -> bytes:
    """A real 16x16 PNG: what lands in a folder when someone saves a screenshot as partners.csv."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + bytes(random.Random(4).randbytes(48)) for _ in range(16))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 16, 16, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def xlsx(
    sheets: dict[str, list[list[object]]],
    merges: dict[str, list[str]] | None = None,
    hidden: dict[str, list[int]] | None = None,
) -> bytes:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
        for cell_range in (merges or {}).get(title, []):
            sheet.merge_cells(cell_range)
        for number in (hidden or {}).get(title, []):
            sheet.row_dimensions[number].hidden = True
    out = io.BytesIO()
    workbook.save(out)
    return deterministic(out.getvalue())


def deterministic(data: bytes) -> bytes:
    """The same bytes on every run: fixed zip timestamps and document dates, so regenerating changes nothing."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "docProps/core.xml":
                content = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2024-01-01T00:00:00Z", content)
            target.writestr(
                zipfile.ZipInfo(item.filename, date_time=(2024, 1, 1, 0, 0, 0)), content, zipfile.ZIP_DEFLATED
            )
    return out.getvalue()


def with_cached_formula_values(data: bytes, values: dict[str, str]) -> bytes:
    """Store a result for the formula cells named in `values`, as Excel does on save and openpyxl does not."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = content.decode("utf-8")
                for ref, value in values.items():
                    text = re.sub(
                        rf'<c r="{ref}"([^>]*)><f>(.*?)</f><v\s*/?>(?:</v>)?</c>',
                        lambda m, v=value, ref=ref: f'<c r="{ref}" t="str"><f>{m.group(2)}</f><v>{v}</v></c>',
                        text,
                    )
                content = text.encode("utf-8")
            target.writestr(item, content)
    return deterministic(out.getvalue())


def partner_files() -> dict[str, bytes]:
    long_name = "Universiteit " + "van de Lange Naam " * 277 + "X"  # 5,000 characters
    files = {
        "empty.csv": b"",
        "whitespace_only.csv": b" \r\n\t\r\n\xc2\xa0\r\n",
        "header_only.csv": lines(HEADER),
        "png_renamed.csv": png(),
        "random_bytes.csv": random.Random(5).randbytes(2048),
        "no_header.csv": lines("Hanze UAS;Groningen;NL;1", "Zuyd UAS;Heerlen;NL;1"),
        "mixed_delimiters.csv": lines(
            "name;city;country;tier",
            "Hanze UAS;Groningen;NL;strategic",
            "Zuyd UAS,Heerlen,NL,strategic",
            "Laurea UAS;Vantaa;FI;strategic",
            "HAMK\tHameenlinna\tFI\tstrategic",
            "Fontys;Eindhoven;NL;mobility",
        ),
        "unterminated_quote.csv": lines(
            "name,city,country,tier",
            "Hanze UAS,Groningen,NL,strategic",
            '"Zuyd UAS,Heerlen,NL,strategic',
            "Laurea UAS,Vantaa,FI,strategic",
            "LAB University,Lahti,FI,strategic",
            "Fontys,Eindhoven,NL,mobility",
        ),
        "quote_closed_far_below.csv": lines(
            "name,city,country,tier",
            'Hanze UAS,"Groningen,NL,strategic',
            *[f"Partner {i},Gent,BE,mobility" for i in range(1, 13)],
            'Saxion,Enschede",NL,collaboration',
            "Fontys,Eindhoven,NL,mobility",
        ),
        "duplicates.csv": lines(
            HEADER,
            "hanze;Hanze UAS;Groningen;NL;strategic;NL GRONING03;;;;;",
            "HANZE;Hanze University;Groningen;NL;strategic;;;;;;",
            "zuyd;Zuyd UAS;Heerlen;NL;strategic;nl-heerlen14;;;;;",
            "zuyd-2;Zuyd Hogeschool;Heerlen;NL;strategic;NL  HEERLEN14;;;;;",
            ";Hogeschool Gent;Gent;BE;mobility;;;;;;",
            ";HOGESCHOOL GENT ;gent;Belgium;mobility;;;;;;",
            ";IES Universidad Laboral;Albacete;ES;mobility;;;;;;",
            ";IES Universidad Laboral;Cáceres;ES;mobility;;;;;;",
            ";Hogeschool Gent;Gent;BE;mobility;;;;;;",
        ),
        "coordinates.csv": lines(
            "name;city;country;tier;lat;lon",
            "KU Leuven;Leuven;BE;strategic;50,8798;4,7005",
            "Hanyang University;Seoul;KR;mobility;126.9780;37.5665",
            "North Pole College;Nowhere;NO;mobility;91;10",
            "Dateline University;Suva;FJ;mobility;-18.1;181",
            "Half Placed;Gent;BE;mobility;51.05;",
            "Words Only;Gent;BE;mobility;north;east",
            "Not A Number;Gent;BE;mobility;NaN;3.7",
            "Infinite;Gent;BE;mobility;inf;3.7",
            "Degrees Minutes;Gent;BE;mobility;51°03′N;3°43′E",
            "Swapped In Range;Leuven;BE;mobility;4.7005;50.8798",
        ),
        "html_js.csv": lines(
            "name;city;country;tier;website",
            "<img src=x onerror=alert(1)>;Gent;BE;mobility;",
            "<script>alert(1)</script>;Gent;BE;mobility;",
            '"""><svg/onload=alert(document.cookie)>";Gent;BE;mobility;',
            "{{7*7}} ${alert(1)} University;Gent;BE;mobility;",
            "Javascript Link University;Gent;BE;mobility;javascript:alert(1)",
            "Data Link University;Gent;BE;mobility;data:text/html,<script>alert(1)</script>",
            '"<b>Bold</b> &amp; Co";Gent;BE;mobility;https://example.edu/?q=<script>',
            "Entity &amp Co;Gent;BE;mobility;",
        ),
        "formulas.csv": lines(
            "name;city;country;tier",
            '"=HYPERLINK(""http://evil"",""x"")";Gent;BE;mobility',
            "+cmd|' /C calc'!A0;Gent;BE;mobility",
            "@SUM(1);Gent;BE;mobility",
            "-2+3;Gent;BE;mobility",
            "=1+1 University;Gent;BE;=1+1",
        ),
        "rtl_emoji.csv": lines(
            "name;city;country;tier",
            "جامعة القاهرة;Cairo;EG;mobility",
            "האוניברסיטה העברית בירושלים;Jerusalem;IL;mobility",
            "🎓 Emoji Academy 🌍;Gent;BE;mobility",
            "Université Saint-Joseph — جامعة القديس يوسف;Beirut;LB;mobility",
            "Graduate 👩‍🎓 School;Gent;BE;mobility",
            "תל אביב;Tel Aviv;ישראל;mobility",
        ),
        "very_long_name.csv": lines(
            "name;city;country;tier",
            f"{long_name};Gent;BE;mobility",
            f"{'A' * 300};Gent;BE;mobility",
            f"{'B' * 301};Gent;BE;mobility",
            f"Long City University;{'Gent' * 100};BE;mobility",
        ),
        "utf16_bom.txt": codecs.BOM_UTF16_LE
        + (
            "name\tcity\tcountry\ttier\r\n"
            "Hochschule Düsseldorf\tDüsseldorf\tDE\tmobility\r\n"
            "Łódź University of Technology\tŁódź\tPL\tmobility\r\n"
            "Universitat de València\tValència\tES\tmobility\r\n"
        ).encode("utf-16-le"),
        "utf16_be_bom.csv": codecs.BOM_UTF16_BE
        + ("name;city;country;tier\r\nČeské vysoké učení technické;Praha;CZ;mobility\r\n").encode("utf-16-be"),
        "trailing_empty_column.csv": lines(
            "name;city;country;tier;",
            "Hanze UAS;Groningen;NL;strategic;",
            "Zuyd UAS;Heerlen;NL;strategic;",
            end="\r\n",
        ),
        "sep_line.csv": lines(
            "sep=;",
            "name;city;country;tier",
            "Hanze UAS;Groningen;NL;strategic",
            "Zuyd, UAS;Heerlen;NL;strategic",
        ),
        "crlf.csv": lines(
            "name,street,city,country,tier",
            'Hanze UAS,"Zernikeplein 7\r\nGebouw B",Groningen,NL,strategic',
            "Zuyd UAS,,Heerlen,NL,strategic",
            "Bad Row,,Heerlen,Atlantis,strategic",
            end="\r\n",
        ),
        "cr_only.csv": lines(
            "name,city,country,tier",
            "Hanze UAS,Groningen,NL,strategic",
            "Zuyd UAS,Heerlen,NL,gold",
            "Laurea UAS,Vantaa,FI,strategic",
            end="\r",
        ),
        "duplicate_headers.csv": lines(
            "name;Name;naam;city;country;Country;tier",
            "Hanze UAS;ignored;ignored;Groningen;NL;Germany;strategic",
            ";Zuyd UAS;Zuyd UAS;Heerlen;NL;NL;strategic",
        ),
        "missing_country_column.csv": lines("naam;stad;niveau", "Hanze UAS;Groningen;strategisch"),
        "csv_renamed.xlsx": lines("name,city,country,tier", "Hanze UAS,Groningen,NL,strategic"),
        "xlsx_renamed.csv": xlsx(
            {
                "Partners": [
                    ["name", "city", "country", "tier"],
                    ["Hanze UAS", "Groningen", "NL", "strategic"],
                    ["Zuyd UAS", "Heerlen", "NL", "base"],
                ]
            }
        ),
        "formula_cells.xlsx": with_cached_formula_values(
            xlsx(
                {
                    "Partners": [
                        ["name", "city", "country", "tier", "agreement_start"],
                        ["Hanze UAS", "Groningen", "NL", "strategic", "=2020+1"],
                        ["Zuyd UAS", "Heerlen", "NL", '=IF(1=1,"strategic","mobility")', 2019],
                        ['=HYPERLINK("http://evil","x")', "Gent", "BE", "mobility", None],
                        ["=UPPER(A2)", "Vantaa", "FI", "mobility", None],
                    ]
                }
            ),
            {"E2": "2021", "D3": "strategic", "A4": "x"},
        ),
        "merged_cells.xlsx": xlsx(
            {
                "Partners": [
                    ["name", "city", "country", "tier"],
                    ["Hanze UAS", "Groningen", "NL", "strategic"],
                    ["Zuyd UAS", "Heerlen", None, None],
                    ["Saxion", "Enschede", None, "collaboration"],
                    ["Laurea UAS", "Vantaa", "FI", "mobility"],
                ]
            },
            merges={"Partners": ["C2:C4", "D2:D3"]},
        ),
        "empty_first_sheet.xlsx": xlsx(
            {
                "Sheet1": [],
                "Notes": [["Exported from MoveON on 2024-05-01"]],
                "Partners": [["name", "city", "country", "tier"], ["Hanze UAS", "Groningen", "NL", "strategic"]],
            }
        ),
        "offset_table.xlsx": xlsx(
            {
                "Partners": [
                    [],
                    [],
                    [None, None, "name", "city", "country", "tier"],
                    [None, None, "Hanze UAS", "Groningen", "NL", "strategic"],
                    [],
                    [None, None, "Zuyd UAS", "Heerlen", "Atlantis", "strategic"],
                ]
            }
        ),
        "truncated.xlsx": xlsx({"Partners": [["name", "city", "country", "tier"]] * 50})[:900],
        "old_xls_renamed.xlsx": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024,
        "cp1252_smart_quotes.csv": (
            "name;city;country;tier;website\r\n"
            "“Smart” Hogeschool – Gent;Gent;BE;mobility;\r\n"
            "Université de Liège;Liège;Belgique;mobility;\r\n"
            "The Kings’ College € Fund;Cork;IE;mobility;\r\n"
        ).encode("cp1252"),
        "mojibake.csv": lines(
            "name;city;country;tier",
            "UniversitÃ© de LiÃ¨ge;LiÃ¨ge;BE;mobility",
            "Technische Hochschule KÃ¶ln;KÃ¶ln;DE;mobility",
            "Hochschule MÃ¼nchen;MÃ¼nchen;Duitsland;mobility",
        ),
        "nul_and_invisible.csv": lines(
            "name;city;country;tier",
            "Hanze\x00 UAS;Groningen;NL;strategic",
            "\u200b\u200b;Gent;BE;mobility",
            "Evil\u202egnp.exe University;Gent;BE;mobility",
            "Zuyd UAS;Heerlen;NL\ufeff;strategic",
            "Bell\x07 College;Gent;BE;mobility",
        ),
        "excel_errors.csv": lines(
            "name;city;country;tier;lat;lon",
            "#REF!;Gent;BE;mobility;;",
            "Hanze UAS;Groningen;#N/A;strategic;;",
            "Zuyd UAS;Heerlen;NL;strategic;#VALUE!;#VALUE!",
            "Laurea UAS;#NAME?;FI;strategic;;",
            "Fontys;Eindhoven;NL;mobility;;",
        ),
        "agreement_years.csv": lines(
            "name;city;country;tier;agreement_start;agreement_end",
            "Hanze UAS;Groningen;NL;strategic;2024-2023;",
            "Zuyd UAS;Heerlen;NL;strategic;2027;2021",
            "Laurea UAS;Vantaa;FI;strategic;23;",
            "LAB University;Lahti;FI;strategic;1/9/2021;46022",
            "Fontys;Eindhoven;NL;mobility;2021;9999",
        ),
    }
    return files | real_export_files()


def real_export_files() -> dict[str, bytes]:
    """Exports as Central European offices, Excel's other formats and mobility systems really write them."""

    def text(*rows: str, encoding: str, end: str = "\r\n") -> bytes:
        return (end.join(rows) + end).encode(encoding)

    html_rows = "".join(
        f"<tr><td>{name}</td><td>{city}</td><td>{country}</td><td>mobility</td></tr>"
        for name, city, country in (("Uniwersytet Łódzki", "Łódź", "Polska"), ("Université de Liège", "Liège", "BE"))
    )
    return {
        "cp1250_czech.csv": text(
            "name;city;country;tier",
            "České vysoké učení technické v Praze;Praha;Česko;mobility",
            "Vysoké učení technické v Brně;Brno;Česko;mobility",
            "Žilinská univerzita v Žiline;Žilina;Slovensko;3",
            encoding="cp1250",
        ),
        "iso8859_2_polish.csv": text(
            "name;city;country;tier",
            "Politechnika Łódzka;Łódź;Polska;mobility",
            "Uniwersytet Śląski w Katowicach;Katowice;PL;mobility",
            "Szegedi Tudományegyetem;Szeged;Magyarország;3",
            encoding="iso8859_2",
        ),
        "cp852_dos.csv": text(
            "name;city;country;tier",
            "Politechnika Wrocławska;Wrocław;Polska;mobility",
            "Univerza v Ljubljani;Ljubljana;Slovenija;mobility",
            "Sveučilište u Zagrebu;Zagreb;Hrvatska;3",
            encoding="cp852",
        ),
        "mac_roman_nordic.csv": text(
            "name;city;country;tier",
            "Københavns Universitet;København;Danmark;mobility",
            "Göteborgs universitet;Göteborg;Sverige;mobility",
            "Háskóli Íslands;Reykjavík;Ísland;3",
            encoding="mac_roman",
            end="\r",
        ),
        "utf16le_no_bom.txt": text(
            "name\tcity\tcountry\ttier",
            "Politechnika Łódzka\tŁódź\tPL\tmobility",
            "Hochschule Düsseldorf\tDüsseldorf\tDE\tmobility",
            encoding="utf-16-le",
        ),
        "utf16be_no_bom.csv": text(
            "name;city;country;tier", "Sveučilište u Splitu;Split;HR;mobility", encoding="utf-16-be"
        ),
        "sep_pipe.csv": text(
            "sep=|", "name|city|country|tier", "Hanze; UAS, Groningen|Groningen|NL|strategic", encoding="utf-8"
        ),
        "html_table.xls": (
            '<html><head><meta charset="utf-8"></head><body><table><tr><th>name</th><th>city</th><th>country</th>'
            f"<th>tier</th></tr>{html_rows}</table></body></html>"
        ).encode(),
        "spreadsheet_2003.xls": (
            '<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
            '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
            'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="Partners"><Table>'
            + "".join(
                "<Row>" + "".join(f'<Cell><Data ss:Type="String">{v}</Data></Cell>' for v in row) + "</Row>"
                for row in (("name", "city", "country", "tier"), ("Óbudai Egyetem", "Budapest", "HU", "3"))
            )
            + "</Table></Worksheet></Workbook>"
        ).encode("utf-8"),
        "moveon_validity.csv": lines(
            "Institution name,City,Country,Tier,Agreement valid from,Agreement valid until",
            "Hanze UAS,Groningen,NL,strategic,01/09/2021,31/08/2028",
            "Zuyd UAS,Heerlen,NL,strategic,2022-09-01,2022-08-31",
            "Laurea UAS,Vantaa,FI,strategic,44440,2029",
        ),
        "hidden_rows.xlsx": xlsx(
            {
                "Partners": [
                    ["name", "city", "country", "tier"],
                    ["Hanze UAS", "Groningen", "NL", "strategic"],
                    ["Zuyd UAS", "Heerlen", "NL", "strategic"],
                    ["Laurea UAS", "Vantaa", "FI", "strategic"],
                ]
            },
            hidden={"Partners": [3]},
        ),
    }


REFERENCE_PARTNERS = lines(
    "partner_id,name,city,country,tier,erasmus_code",
    "hanze,Hanze UAS,Groningen,NL,strategic,NL GRONING03",
    "zuyd,Zuyd UAS,Heerlen,NL,strategic,NL HEERLEN14",
    "ies-albacete,IES Universidad Laboral,Albacete,ES,mobility,",
    "ies-caceres,IES Universidad Laboral,Cáceres,ES,mobility,",
    "cairo,جامعة القاهرة,Cairo,EG,mobility,",
    "xss,<script>alert(1)</script>,Gent,BE,mobility,",
    'formula,"=HYPERLINK(""http://evil"",""x"")",Gent,BE,mobility,',
)


def mobility_files() -> dict[str, bytes]:
    def flows(*rows: str) -> bytes:
        return lines(MOBILITY_HEADER, *rows)

    return {
        "empty.csv": b"",
        "header_only.csv": flows(),
        "gzipped.csv": gzip.compress(flows("2023-2024,hanze,,,outgoing,student,semester,Leuven,3"), mtime=0),
        "unknown_partners.csv": flows(
            "2023-2024,hanze,,,outgoing,student,semester,Leuven,3",
            "2023-2024,HANZE,,,incoming,student,semester,Leuven,2",
            "2023-2024,nobody,,,outgoing,student,semester,Leuven,1",
            "2023-2024,,XX NOWHERE01,,outgoing,student,semester,Leuven,1",
            "2023-2024,,,Atlantis University,outgoing,student,semester,Leuven,1",
            "2023-2024,,,IES Universidad Laboral,outgoing,student,semester,Leuven,1",
            "2023-2024,nobody,NL GRONING03,,outgoing,staff,semester,Leuven,1",
            "2023-2024,,,,outgoing,student,semester,Leuven,1",
        ),
        "counts.csv": flows(
            "2023-2024,hanze,,,outgoing,student,semester,Leuven,-3",
            "2023-2024,hanze,,,outgoing,student,short_term,Leuven,2.5",
            "2023-2024,hanze,,,outgoing,staff,semester,Leuven,1000000",
            "2023-2024,hanze,,,outgoing,staff,short_term,Leuven,10001",
            "2023-2024,hanze,,,incoming,student,semester,Leuven,10000",
            '2023-2024,hanze,,,incoming,student,short_term,Leuven,"1,234"',
            "2023-2024,hanze,,,incoming,staff,semester,Leuven,12 students",
            "2023-2024,hanze,,,incoming,staff,short_term,Leuven,",
            "2022-2023,hanze,,,outgoing,student,semester,Leuven,NaN",
            "2022-2023,hanze,,,outgoing,student,short_term,Leuven,inf",
            "2022-2023,hanze,,,outgoing,staff,semester,Leuven,3.0",
            "2022-2023,hanze,,,outgoing,staff,short_term,Leuven,0",
            "2022-2023,hanze,,,incoming,student,semester,Leuven,1e3",
            "2022-2023,hanze,,,incoming,student,short_term,Leuven,#DIV/0!",
        ),
        "academic_years.csv": flows(
            "2024-2023,hanze,,,outgoing,student,semester,Leuven,1",
            "23-24,hanze,,,outgoing,student,short_term,Leuven,1",
            "23/24,hanze,,,outgoing,staff,semester,Leuven,1",
            "2022-23,hanze,,,outgoing,staff,short_term,Leuven,1",
            "AJ 2021 - 2022,hanze,,,incoming,student,semester,Leuven,1",
            "2020–2021,hanze,,,incoming,student,short_term,Leuven,1",
            "2023,hanze,,,incoming,staff,semester,Leuven,1",
            "2023-2025,hanze,,,incoming,staff,short_term,Leuven,1",
            "2999-3000,zuyd,,,outgoing,student,semester,Leuven,1",
            "99-00,zuyd,,,outgoing,student,short_term,Leuven,1",
            "24-23,zuyd,,,outgoing,staff,semester,Leuven,1",
            ",zuyd,,,outgoing,staff,short_term,Leuven,1",
        ),
        "erasmus_code_spacing.csv": flows(
            "2023-2024,,nl  groning03,,outgoing,student,semester,Leuven,1",
            "2023-2024,,NL-GRONING03,,outgoing,student,short_term,Leuven,1",
            "2023-2024,,NLGRONING03,,outgoing,staff,semester,Leuven,1",
            "2023-2024,,NL\u00a0GRONING03,,outgoing,staff,short_term,Leuven,1",
            '2023-2024,," nl groning03 ",,incoming,student,semester,Leuven,1',
            "2023-2024,,NL\u200bHEERLEN14,,incoming,student,short_term,Leuven,1",
            "2023-2024,,NL GRONING3,,incoming,staff,semester,Leuven,1",
        ),
        "bad_values.csv": flows(
            "2023-2024,hanze,,,sideways,student,semester,Leuven,1",
            "2023-2024,hanze,,,outgoing,alumni,semester,Leuven,1",
            "2023-2024,hanze,,,outgoing,student,forever,Leuven,1",
            "2023-2024,hanze,,,,student,semester,Leuven,1",
            "2023-2024,hanze,,,uit,studenten,kort,Limburg,4",
        ),
        "missing_columns.csv": lines("academiejaar,richting,deelnemer,duur,aantal", "2023-2024,uit,student,kort,3"),
        "duplicate_flows.csv": flows(
            "2023-2024,hanze,,,outgoing,student,semester,Leuven,3",
            "2023-2024,zuyd,,,outgoing,student,semester,Leuven,3",
            "2023-2024,hanze,,,outgoing,student,semester,Limburg,3",
            "2023-2024,,NL GRONING03,,outgoing,student,semester,Leuven,4",
            "2023-24,Hanze,,,outgoing,students,semester,leuven,5",
            "2022-2023,hanze,,,outgoing,student,semester,LEUVEN,2",
        ),
        "hostile_references.csv": flows(
            "2023-2024,,,<script>alert(1)</script>,outgoing,student,semester,<img src=x onerror=alert(1)>,2",
            '2023-2024,,,"=HYPERLINK(""http://evil"",""x"")",outgoing,student,semester,Leuven,2',
            "2023-2024,,,جامعة القاهرة,incoming,student,semester,=1+1,2",
            "2023-2024,,,<SCRIPT>alert(1)</SCRIPT>,incoming,staff,semester,Leuven,2",
        ),
    }


def main() -> None:
    for folder, files in (("partners", partner_files()), ("mobility", mobility_files())):
        (HERE / folder).mkdir(exist_ok=True)
        for name, content in files.items():
            (HERE / folder / name).write_bytes(content)
    (HERE / "reference_partners.csv").write_bytes(REFERENCE_PARTNERS)


if __name__ == "__main__":
    main()
