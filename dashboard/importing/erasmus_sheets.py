"""The sheets of an Erasmus+ mobility file, streamed row by row: a call year is hundreds of thousands of rows.

dashboard.importing.reading loads a whole table into memory and keeps one sheet; the Commission's workbooks
spread a call year over several sheets, so these are read one row at a time (openpyxl's read-only mode, the
csv module for CSV) with the same cell cleaning (reading.clean_cell) and delimiter sniffing.
"""

from __future__ import annotations

import csv
import warnings
import zipfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from xml.etree import ElementTree

from dashboard.importing.erasmus_columns import cell_text, header_score
from dashboard.importing.erasmus_xlsx import UnexpectedLayout, open_workbook, sheet_rows
from dashboard.importing.reading import clean_cell, sniff_delimiter

HEADER_SEARCH_ROWS = 30
# A header row names at least this many published columns; a cover or notes sheet names none.
MIN_HEADER_SCORE = 4
_ZIP, _OLE = b"PK\x03\x04", b"\xd0\xcf\x11\xe0"


class SheetError(Exception):
    """A whole file or sheet that cannot be read; str() says why and what to do."""


@dataclass
class Sheet:
    """One table of an input file: its header and an iterator over (spreadsheet row or line, cells)."""

    file: str
    name: str  # the sheet's title; "" for CSV
    header: tuple[str, ...]
    header_line: int
    rows: Iterator[tuple[int, tuple[str, ...]]]  # cells as text, not cleaned (reading.clean_cell) yet
    total_rows: int | None  # for the progress bar; None when unknown

    @property
    def where(self) -> str:
        return f"{self.file}, sheet {self.name!r}" if self.name else self.file


def _text_row(values) -> tuple[str, ...]:
    """Cells as text, not yet cleaned: only the few cells a row is read by are cleaned (reading.clean_cell)."""
    return tuple(v if type(v) is str else cell_text(v) for v in values)


def _find_header(first_rows: list[tuple[int, tuple[str, ...]]]) -> tuple[int, int] | None:
    """(position in first_rows, score) of the row naming most published columns, None when none is a header."""
    scored = [(header_score(cells), -i) for i, (_, cells) in enumerate(first_rows)]
    if not scored:
        return None
    score, position = max(scored)
    return (-position, score) if score >= MIN_HEADER_SCORE else None


@contextmanager
def open_sheets(path: str | Path) -> Iterator[tuple[list[Sheet], list[str]]]:
    """The sheets of the file that hold an Erasmus+ header, and notes on sheets passed over; the file is
    closed on leaving the block. Raises SheetError for a file that cannot be read at all.
    """
    with ExitStack() as stack:
        yield _open(Path(path), stack)


def _open(path: Path, stack: ExitStack) -> tuple[list[Sheet], list[str]]:
    if not path.is_file():
        raise SheetError(f"{path}: file not found: check the path")
    with path.open("rb") as handle:
        start = handle.read(8)
    if start.startswith(_OLE):
        raise SheetError(f"{path}: old Excel .xls format: save it from Excel as .xlsx or as CSV UTF-8")
    if start.startswith(_ZIP):
        return _xlsx_sheets(path, stack)
    return _csv_sheet(path, stack)


def _xlsx_sheets(path: Path, stack: ExitStack) -> tuple[list[Sheet], list[str]]:
    try:
        archive, parts, strings = open_workbook(path)
    except (UnexpectedLayout, zipfile.BadZipFile, ElementTree.ParseError, KeyError):
        return _openpyxl_sheets(path, stack)
    stack.callback(archive.close)
    sheets, notes = [], []
    for title, part in parts:
        sheet = _with_header(str(path), title, _checked(path, title, sheet_rows(archive, part, strings)), None)
        if sheet is None:
            notes.append(_no_header_note(path, title))
        else:
            sheets.append(sheet)
    return sheets, notes


def _checked(path: Path, title: str, rows: Iterator) -> Iterator[tuple[int, tuple[str, ...]]]:
    try:
        for number, values in rows:
            yield number, tuple(values)
    except (UnexpectedLayout, IndexError, ValueError, zipfile.BadZipFile, EOFError) as error:
        raise SheetError(
            f"{path}, sheet {title!r}: cannot read the sheet ({error}): save the workbook again "
            "from Excel, or as CSV UTF-8"
        ) from None


def _no_header_note(path: Path, title: str) -> str:
    return (
        f"{path}, sheet {title!r}: no Erasmus+ header row in its first {HEADER_SEARCH_ROWS} rows (a cover or "
        "notes sheet?): not read"
    )


def _openpyxl_sheets(path: Path, stack: ExitStack) -> tuple[list[Sheet], list[str]]:
    """The slow way, for workbooks laid out otherwise than erasmus_xlsx expects."""
    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about Excel extensions it drops; values are unaffected
            workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:
        raise SheetError(
            f"{path}: cannot open as an Excel workbook ({error}): save it again as .xlsx, or as CSV"
        ) from error
    stack.callback(workbook.close)
    sheets, notes = [], []
    for worksheet in workbook.worksheets:
        total = worksheet.max_row
        # The <dimension> some tools write is wrong; without it openpyxl reads every row there is.
        worksheet.reset_dimensions()
        rows = ((number, values) for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1))
        rows = ((number, _text_row(values)) for number, values in rows)
        sheet = _with_header(str(path), worksheet.title, rows, total)
        if sheet is None:
            notes.append(_no_header_note(path, worksheet.title))
        else:
            sheets.append(sheet)
    return sheets, notes


def _with_header(file: str, name: str, rows: Iterator, total: int | None) -> Sheet | None:
    first = [(number, tuple(map(clean_cell, cells))) for number, cells in islice(rows, HEADER_SEARCH_ROWS)]
    found = _find_header(first)
    if found is None:
        return None
    position, _ = found
    header_line, header = first[position]
    while header and not header[-1]:
        header = header[:-1]

    def body():
        yield from first[position + 1 :]
        yield from rows

    return Sheet(file, name, header, header_line, body(), total)


def _csv_sheet(path: Path, stack: ExitStack) -> tuple[list[Sheet], list[str]]:
    encoding, notes = "utf-8-sig", []
    try:
        with path.open(encoding=encoding) as handle:
            for _ in iter(lambda: handle.read(2**20), ""):
                pass
    except UnicodeDecodeError:
        encoding = "cp1252"
        notes.append(f"{path}: not UTF-8, read as Windows-1252: if letters look wrong, save it as CSV UTF-8")
    with path.open(encoding=encoding, errors="replace", newline="") as handle:
        sample = handle.read(2**16)
    delimiter = sniff_delimiter(sample)
    handle = stack.enter_context(path.open(encoding=encoding, errors="replace", newline=""))
    reader = csv.reader(handle, delimiter=delimiter)

    def rows():
        line = 1
        for cells in reader:
            yield line, tuple(cells)
            line = reader.line_num + 1

    sheet = _with_header(str(path), "", rows(), None)
    if sheet is None:
        raise SheetError(
            f"{path}: no Erasmus+ header row in the first {HEADER_SEARCH_ROWS} lines: the file must "
            "have the Commission's column names (Sending Organisation Erasmus Code, Participants, ...)"
        )
    return [sheet], notes
