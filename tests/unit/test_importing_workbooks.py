"""Workbooks in every format offices save, whatever their name says: .xls, .ods, XML Spreadsheet 2003, HTML
tables saved as .xls, encrypted workbooks; and rows hidden in a workbook.

The binary files are written at test time by the libraries that write them in the wild (xlwt for BIFF .xls,
pandas with odfpy for .ods, msoffcrypto-tool for a password-protected .xlsx).
"""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from dashboard.importing import load_partners

HEADER = ["name", "city", "country", "tier", "agreement_start"]
ROWS = [
    ["Politechnika Łódzka", "Łódź", "Polska", "strategic", dt.datetime(2021, 9, 1)],
    ["Université de Liège", "Liège", "BE", "mobility", dt.datetime(2019, 1, 15)],
    ["Københavns Universitet", "København", "DK", "collaboration", None],
]
NAMES = [r[0] for r in ROWS]


def xlsx_bytes(hidden: tuple[int, ...] = ()) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in [HEADER, *ROWS]:
        sheet.append(row)
    for number in hidden:
        sheet.row_dimensions[number].hidden = True
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def xls_bytes(hidden: tuple[int, ...] = ()) -> bytes:
    import xlwt

    workbook = xlwt.Workbook(encoding="utf-8")
    workbook.add_sheet("Notes").write(0, 0, "Exported from MoveON")
    sheet = workbook.add_sheet("Partners")
    dates = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    for r, row in enumerate([HEADER, *ROWS]):
        for c, value in enumerate(row):
            if isinstance(value, dt.datetime):
                sheet.write(r, c, value, dates)
            elif value is not None:
                sheet.write(r, c, value)
    for number in hidden:
        sheet.row(number - 1).hidden = True
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def ods_bytes(hidden: tuple[int, ...] = ()) -> bytes:
    import zipfile

    import pandas as pd

    out = io.BytesIO()
    with pd.ExcelWriter(out, engine="odf") as writer:
        pd.DataFrame(ROWS, columns=HEADER).to_excel(writer, sheet_name="Partners", index=False)
    if not hidden:
        return out.getvalue()
    # Hide rows as LibreOffice does (pandas writes no row attributes): table:visibility on the row element.
    source, result = zipfile.ZipFile(io.BytesIO(out.getvalue())), io.BytesIO()
    with zipfile.ZipFile(result, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "content.xml":
                parts = content.decode("utf-8").split("<table:table-row>")
                content = (
                    parts[0]
                    + "".join(
                        ('<table:table-row table:visibility="collapse">' if n in hidden else "<table:table-row>") + part
                        for n, part in enumerate(parts[1:], start=1)
                    )
                ).encode("utf-8")
            target.writestr(item, content)
    return result.getvalue()


def spreadsheetml_bytes(hidden_row: int = 3) -> bytes:
    """What Excel writes as "XML Spreadsheet 2003"; here with a skipped column and a hidden row."""

    def cell(value, index=None):
        at = f' ss:Index="{index}"' if index else ""
        if isinstance(value, dt.datetime):
            return f'<Cell{at}><Data ss:Type="DateTime">{value:%Y-%m-%dT%H:%M:%S}.000</Data></Cell>'
        return f'<Cell{at}><Data ss:Type="String">{value}</Data></Cell>' if value is not None else ""

    rows = []
    for number, row in enumerate([HEADER, *ROWS], start=1):
        hidden = ' ss:Hidden="1"' if number == hidden_row else ""
        rows.append(f"<Row{hidden}>" + "".join(cell(v) for v in row) + "</Row>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<?mso-application progid="Excel.Sheet"?>\n'
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
        'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">'
        '<Worksheet ss:Name="Partners"><Table>' + "".join(rows) + "</Table></Worksheet></Workbook>"
    ).encode()


def html_bytes(encoding: str = "utf-8") -> bytes:
    """An HTML table as mobility systems export it under an .xls name, with a title table above it."""

    def row(cells, tag="td"):
        return "<tr>" + "".join(f"<{tag}>{'' if c is None else c}</{tag}>" for c in cells) + "</tr>"

    body = row(HEADER, "th") + "".join(
        row([f"{v:%d.%m.%Y}" if isinstance(v, dt.datetime) else v for v in r]) for r in ROWS
    )
    return (
        f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={encoding}"></head><body>'
        '<table><tr><td colspan="3"><b>Partner report</b></td></tr></table>'
        f'<table border="1">{body}</table></body></html>'
    ).encode(encoding)


def encrypted_xlsx_bytes() -> bytes:
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(xlsx_bytes())).encrypt("secret", out)
    return out.getvalue()


READABLE = {
    "xls": (xls_bytes, "partners.xls"),
    "xls named .csv": (xls_bytes, "partners.csv"),
    "ods": (ods_bytes, "partners.ods"),
    "ods named .xlsx": (ods_bytes, "partners.xlsx"),
    "xml spreadsheet 2003 named .xls": (spreadsheetml_bytes, "partners.xls"),
    "html table named .xls": (html_bytes, "partners.xls"),
    "html table in utf-16 named .xls": (lambda: html_bytes("utf-16"), "partners.xls"),
}


@pytest.mark.parametrize("case", READABLE)
def test_every_workbook_format_is_read_whatever_its_name(tmp_path, case):
    make, name = READABLE[case]
    path = tmp_path / name
    path.write_bytes(make())

    partners, report = load_partners(path)

    assert report.errors == [] and report.rejected == []
    assert partners["name"].tolist() == NAMES
    assert partners["country"].tolist() == ["PL", "BE", "DK"]
    assert partners["agreement_start"].tolist()[:2] == [2021, 2019]
    assert partners["source_line"].tolist() == [2, 3, 4]


@pytest.mark.parametrize(
    ("case", "says"),
    [
        ("xls named .csv", "is an old Excel 97-2003 .xls workbook, not what its .csv extension says"),
        ("ods named .xlsx", "is an OpenDocument spreadsheet, not what its .xlsx extension says"),
        ("xml spreadsheet 2003 named .xls", "is an XML Spreadsheet 2003 workbook, not what its .xls extension says"),
        ("html table named .xls", "is an HTML table"),
    ],
)
def test_a_workbook_under_another_format_s_name_is_read_and_named(tmp_path, case, says):
    make, name = READABLE[case]
    path = tmp_path / name
    path.write_bytes(make())

    _, report = load_partners(path)

    assert any(says in w.message and w.line is None for w in report.warnings), report.warnings


@pytest.mark.parametrize("name", ["partners.xlsx", "partners.xls", "partners.csv"])
def test_a_password_protected_workbook_is_called_encrypted_and_told_how_to_save_it(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(encrypted_xlsx_bytes())

    partners, report = load_partners(path)

    assert partners.empty and len(report.errors) == 1
    message = report.errors[0].message
    assert "password-protected (encrypted)" in message and "remove the password" in message
    assert ".xls" not in message.replace(".xlsx", "")


@pytest.mark.parametrize(
    ("make", "name"),
    [
        (xlsx_bytes, "partners.xlsx"),
        (xls_bytes, "partners.xls"),
        (ods_bytes, "partners.ods"),
        (spreadsheetml_bytes, "partners.xls"),
    ],
    ids=["xlsx", "xls", "ods", "xml 2003"],
)
def test_rows_hidden_in_a_workbook_are_loaded_with_a_warning_that_says_so(tmp_path, make, name):
    path = tmp_path / name
    path.write_bytes(make(hidden=(3,)) if make is not spreadsheetml_bytes else make(hidden_row=3))

    partners, report = load_partners(path)

    assert partners["name"].tolist() == NAMES
    hidden = [w for w in report.warnings if "hidden" in w.message]
    assert [(w.line, w.column) for w in hidden] == [(3, None)]
    assert "loaded all the same" in hidden[0].message


def test_a_workbook_without_hidden_rows_has_no_hidden_row_warning(tmp_path):
    path = tmp_path / "partners.xlsx"
    path.write_bytes(xlsx_bytes())

    _, report = load_partners(path)

    assert not [w for w in report.warnings if "hidden" in w.message]


@pytest.mark.parametrize(
    ("make", "name"),
    [(xls_bytes, "partners.xls"), (ods_bytes, "partners.ods"), (html_bytes, "partners.xls")],
    ids=["xls", "ods", "html as xls"],
)
def test_a_data_folder_with_an_xls_or_ods_partner_list_is_loaded(tmp_path, make, name):
    from dashboard.config import Settings
    from dashboard.dataset import load_dataset

    (tmp_path / name).write_bytes(make())

    dataset = load_dataset(Settings(data_dir=tmp_path))

    assert dataset.partners["name"].tolist() == NAMES
    assert dataset.report.files[0].file == str(tmp_path / name)


def test_a_workbook_with_only_empty_sheets_says_so(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.create_sheet("Empty too")
    workbook.save(tmp_path / "partners.xlsx")

    partners, report = load_partners(tmp_path / "partners.xlsx")

    assert partners.empty and len(report.errors) == 1 and "no rows" in report.errors[0].message
