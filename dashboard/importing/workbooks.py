"""Workbooks other than .xlsx, told apart by their content: old .xls (BIFF), OpenDocument .ods, SpreadsheetML
2003 XML and HTML tables (both of which systems save as ".xls"), and encrypted workbooks, which cannot be read.

Each reader gives the rows of the sheet (or table) with the best header as (line, line, values, "") and
notes on rows, like xlsx.xlsx_rows; a whole-file problem goes to report.fail and gives None.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from html.parser import HTMLParser

from dashboard.importing.xlsx import HEADER_SEARCH_ROWS, CellNote, hidden_row_note, pick_sheet
from dashboard.report import FileReport

OLE = b"\xd0\xcf\x11\xe0"
ODS_MIMETYPE = b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet"
# Names of streams in the OLE directory, which stores them in UTF-16LE.
_ENCRYPTED_STREAMS = ("EncryptedPackage".encode("utf-16-le"), "EncryptionInfo".encode("utf-16-le"))
_BIFF_STREAMS = ("Workbook".encode("utf-16-le"), "Book".encode("utf-16-le"))
_HTML = re.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|table|meta|head|body)[\s>]", re.I | re.S)
_SPREADSHEET_ML = re.compile(r"urn:schemas-microsoft-com:office:spreadsheet")
SS = "{urn:schemas-microsoft-com:office:spreadsheet}"

Rows = list[tuple[int, int, list[object], str]]
Read = tuple[Rows, list[CellNote]] | None
HeaderScore = Callable[[tuple[str, ...]], int]

ENCRYPTED_MESSAGE = (
    "the workbook is password-protected (encrypted), so nothing in it can be read: open it in Excel, "
    "remove the password (File > Info > Protect Workbook > Encrypt with Password, clear the box), "
    "then save it as .xlsx or as CSV UTF-8"
)


def ole_kind(data: bytes) -> str:
    """ "encrypted" (an .xlsx saved with a password), "xls" (an old binary workbook) or "other"."""
    if any(name in data for name in _ENCRYPTED_STREAMS):
        return "encrypted"
    if any(name in data for name in _BIFF_STREAMS):
        return "xls"
    return "other"


def is_ods(data: bytes) -> bool:
    return data[30 : 30 + len(ODS_MIMETYPE)] == ODS_MIMETYPE or b"opendocument.spreadsheet" in data[:200]


def text_kind(text: str) -> str:
    """ "html", "spreadsheetml" or "text" for decoded file content."""
    head = text[:4096].lstrip("\ufeff")
    if _HTML.match(head):
        return "html"
    if head.lstrip().startswith("<?xml") and _SPREADSHEET_ML.search(head):
        return "spreadsheetml"
    return "text"


def _numbered(rows: list[list[object]]) -> Rows:
    return [(number, number, values, "") for number, values in enumerate(rows, start=1)]


def xls_rows(data: bytes, report: FileReport, header_score: HeaderScore) -> Read:
    """An Excel 97-2003 .xls workbook, read with xlrd: dates as dates, hidden rows noted."""
    import xlrd

    try:
        try:
            book = xlrd.open_workbook(file_contents=data, formatting_info=True)  # for the hidden rows
        except NotImplementedError:  # xlrd reads formatting of Excel 97 and later only
            book = xlrd.open_workbook(file_contents=data)
    except Exception as error:
        report.fail(
            f"cannot open as an old Excel .xls workbook ({error}): open it in Excel and save it as .xlsx "
            "or as CSV UTF-8"
        )
        return None
    sheets = book.sheets()
    if not sheets:
        report.fail("the workbook has no sheets: save the list again from Excel")
        return None

    def values(sheet, limit: int | None = None) -> list[list[object]]:
        return [
            [_xls_value(cell, book.datemode) for cell in sheet.row(r)]
            for r in range(min(sheet.nrows, limit or sheet.nrows))
        ]

    chosen = sheets[
        pick_sheet([s.name for s in sheets], [values(s, HEADER_SEARCH_ROWS) for s in sheets], report, header_score)
    ]
    hidden = [r + 1 for r, info in chosen.rowinfo_map.items() if info.hidden and r < chosen.nrows]
    return _numbered(values(chosen)), [hidden_row_note(number) for number in sorted(hidden)]


def _xls_value(cell, datemode: int) -> object:
    import xlrd

    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate_as_datetime(cell.value, datemode)
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return cell.value
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(cell.value, "#N/A")
    return cell.value


def ods_rows(data: bytes, report: FileReport, header_score: HeaderScore) -> Read:
    """An OpenDocument spreadsheet (LibreOffice, Google Sheets' .ods), read by pandas with odfpy."""
    import pandas as pd

    try:
        frames = pd.read_excel(io.BytesIO(data), engine="odf", sheet_name=None, header=None, dtype=object)
    except Exception as error:
        report.fail(
            f"cannot open as an OpenDocument spreadsheet ({error}): save it again as .ods or .xlsx, or as CSV UTF-8"
        )
        return None
    if not frames:
        report.fail("the spreadsheet has no sheets: save the list again")
        return None
    sheets = [
        [[None if pd.isna(v) else v for v in row] for row in frame.itertuples(index=False)] for frame in frames.values()
    ]
    chosen = pick_sheet(list(frames), [rows[:HEADER_SEARCH_ROWS] for rows in sheets], report, header_score)
    hidden = [n for n in _ods_hidden_rows(data, list(frames)[chosen]) if n <= len(sheets[chosen])]
    return _numbered(sheets[chosen]), [hidden_row_note(number) for number in hidden]


_ODS_TABLE = re.compile(r'<table:table\b[^>]*\btable:name="([^"]*)"[^>]*>(.*?)</table:table>', re.S)
_ODS_ROW = re.compile(r"<table:table-row\b([^>]*)>")
_ODS_REPEAT = re.compile(r'table:number-rows-repeated="(\d+)"')
_ODS_HIDDEN = re.compile(r'table:visibility="(?:collapse|filter)"')


def _ods_hidden_rows(data: bytes, sheet_name: str) -> list[int]:
    """Numbers of the rows of a sheet hidden by hand or by a filter (pandas reads the values only)."""
    import html
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            content = archive.read("content.xml").decode("utf-8")
    except (KeyError, zipfile.BadZipFile, UnicodeDecodeError):
        return []
    table = next((m.group(2) for m in _ODS_TABLE.finditer(content) if html.unescape(m.group(1)) == sheet_name), "")
    hidden: list[int] = []
    number = 0
    for attributes in _ODS_ROW.findall(table):
        repeat = _ODS_REPEAT.search(attributes)
        count = min(int(repeat.group(1)), 1_048_576) if repeat else 1
        if _ODS_HIDDEN.search(attributes):
            hidden += range(number + 1, number + 1 + min(count, 10_000))
        number += count
    return hidden


def spreadsheetml_rows(text: str, report: FileReport, header_score: HeaderScore) -> Read:
    """An XML Spreadsheet 2003 workbook (<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">).

    Parsed with defusedxml: the file comes from outside, and entity expansion must not blow up the server.
    """
    from defusedxml import ElementTree
    from defusedxml.common import DefusedXmlException

    try:
        root = ElementTree.fromstring(text.lstrip("\ufeff").encode("utf-8"))
    except (ElementTree.ParseError, DefusedXmlException, ValueError) as error:
        report.fail(
            f"cannot read the XML Spreadsheet 2003 workbook ({error}): open it in Excel and save it as "
            ".xlsx or as CSV UTF-8"
        )
        return None
    worksheets = root.findall(f"{SS}Worksheet")
    if not worksheets:
        report.fail("the XML workbook has no worksheets: save the list again from Excel as .xlsx")
        return None
    sheets = [_spreadsheetml_sheet(sheet) for sheet in worksheets]
    titles = [sheet.get(f"{SS}Name", f"Sheet{i + 1}") for i, sheet in enumerate(worksheets)]
    chosen = pick_sheet(titles, [rows[:HEADER_SEARCH_ROWS] for rows, _ in sheets], report, header_score)
    rows, hidden = sheets[chosen]
    return _numbered(rows), [hidden_row_note(number) for number in hidden]


def _spreadsheetml_sheet(sheet) -> tuple[list[list[object]], list[int]]:
    rows: list[list[object]] = []
    hidden: list[int] = []
    table = sheet.find(f"{SS}Table")
    for row in table.findall(f"{SS}Row") if table is not None else ():
        index = int(row.get(f"{SS}Index", len(rows) + 1))
        rows.extend([] for _ in range(index - 1 - len(rows)))  # ss:Index skips empty rows
        values: list[object] = []
        for cell in row.findall(f"{SS}Cell"):
            column = int(cell.get(f"{SS}Index", len(values) + 1))
            values.extend([None] * (column - 1 - len(values)))
            data = cell.find(f"{SS}Data")
            values.append(None if data is None else "".join(data.itertext()))
        rows.append(values)
        if row.get(f"{SS}Hidden") in ("1", "true"):
            hidden.append(len(rows))
    return rows, hidden


def html_rows(text: str, report: FileReport, header_score: HeaderScore) -> Read:
    """The table with the best header in an HTML page (what many systems export as "Excel" .xls)."""
    parser = _TableParser()
    parser.feed(text)
    parser.close()
    tables = [rows for rows in parser.tables if rows]
    if not tables:
        report.fail("an HTML page without a table, not a spreadsheet: export the list as CSV or XLSX")
        return None
    titles = [f"table {i + 1}" for i in range(len(tables))]
    chosen = pick_sheet(titles, [rows[:HEADER_SEARCH_ROWS] for rows in tables], report, header_score)
    return _numbered(tables[chosen]), []


class _TableParser(HTMLParser):
    """Rows of cell text of every <table>, nested tables read as their own tables."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[object]]] = []
        self._stack: list[list[list[object]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self._stack.append([])
        elif tag == "tr" and self._stack:
            self._stack[-1].append([])
        elif tag in ("td", "th") and self._stack:
            if not self._stack[-1]:
                self._stack[-1].append([])
            self._cell = []
            span = dict(attrs).get("colspan")
            self._span = int(span) if span and span.isdigit() and 1 < int(span) <= 100 else 1
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None and self._stack:
            self._stack[-1][-1].extend(["".join(self._cell)] + [None] * (self._span - 1))
            self._cell = None
        elif tag == "table" and self._stack:
            self.tables.append(self._stack.pop())

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)
