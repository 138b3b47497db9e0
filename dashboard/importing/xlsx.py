"""Rows of an Excel workbook as a person sees them on screen, not as the XML stores them.

Picks the sheet that holds the list (the first one is often empty or a cover note), repeats the value of a
cell merged over several rows on each of them, and points at formulas saved without a result (files written
by scripts rather than Excel), which would otherwise read as silently empty cells.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

from openpyxl.utils.cell import column_index_from_string

from dashboard.report import FileReport, name_a_few

HEADER_SEARCH_ROWS = 30
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_HIDDEN_ROW = re.compile(rb'<(?:\w+:)?row\b[^>]*?\bhidden="(?:1|true)"[^>]*>')
_ROW_NUMBER = re.compile(rb'\br="(\d+)"')


@dataclass(frozen=True)
class CellNote:
    """Something the reader did to one cell, reported once the header names its column."""

    line: int
    position: int | None  # 0-based column; None for a note on the whole row
    message: str


def hidden_row_note(line: int) -> CellNote:
    return CellNote(
        line,
        None,
        "the row is hidden in the workbook (hidden by hand or by a filter): loaded all "
        "the same; unhide it in Excel to check it, or delete it if it should not be shown",
    )


def xlsx_rows(
    data: bytes,
    report: FileReport,
    header_score: Callable[[tuple[str, ...]], int],
) -> tuple[list[tuple[int, int, list[object], str]], list[CellNote]] | None:
    """(line, line, values, "") for every spreadsheet row of the sheet with the best header, and notes on cells."""
    import openpyxl

    # openpyxl warns about Excel extensions it drops (data validation, conditional formats) while it
    # parses, lazily, during iteration: irrelevant to the values, and the tests turn warnings into errors.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as error:
            report.fail(f"cannot open as an Excel workbook ({error}): save it again from Excel as .xlsx, or as CSV")
            return None
        try:
            return _read_best_sheet(data, workbook, report, header_score)
        except Exception as error:
            report.fail(f"cannot read the sheet ({error}): save it again from Excel as .xlsx, or as CSV")
            return None
        finally:
            workbook.close()


def _values(sheet, **limits) -> list[list[object]]:
    # The <dimension> tag some tools write is wrong; without it openpyxl reads every row there is.
    sheet.reset_dimensions()
    return [[_from_excel(v) for v in values] for values in sheet.iter_rows(values_only=True, **limits)]


def _from_excel(value: object) -> object:
    if isinstance(value, str):
        return value.replace("_x000D_", "")  # Excel's escape for a carriage return inside a cell
    return value


def pick_sheet(
    titles: list[str],
    first_rows: list[list[list[object]]],
    report: FileReport,
    header_score: Callable[[tuple[str, ...]], int],
) -> int:
    """The index of the first sheet with the best header row, with a warning when it is not the first sheet."""
    scores = [
        max((header_score(tuple(str(v).strip() for v in row if v is not None)) for row in rows), default=0)
        for rows in first_rows
    ]
    chosen = max(range(len(titles)), key=lambda i: (scores[i], -i))
    if chosen and scores[chosen]:
        names = name_a_few(titles)
        report.warn(
            None,
            None,
            f"read the sheet {titles[chosen]!r}, the first one with a header row (sheets: {names}); "
            "put the list on the first sheet to be sure",
        )
    return chosen


def _read_best_sheet(data: bytes, workbook, report: FileReport, header_score):
    sheets = workbook.worksheets
    if not sheets:
        report.fail("the workbook has no sheets: save the list again from Excel")
        return None
    chosen = pick_sheet(
        [s.title for s in sheets], [_values(s, max_row=HEADER_SEARCH_ROWS) for s in sheets], report, header_score
    )
    sheet = sheets[chosen]
    rows = _values(sheet)
    notes: list[CellNote] = []
    xml = _sheet_xml(data, sheet)
    if xml is not None:
        notes += _fill_merged_cells(xml, rows)
        if _FORMULA.search(xml):
            notes += _formulas_without_result(data, chosen, rows)
        if b'hidden="' in xml:
            notes += [hidden_row_note(number) for number in _hidden_rows(xml) if number <= len(rows)]
    return [(number, number, values, "") for number, values in enumerate(rows, start=1)], notes


def _hidden_rows(xml: bytes) -> list[int]:
    """Spreadsheet numbers of the rows hidden by hand or by a filter (read-only openpyxl does not say)."""
    return [int(number.group(1)) for tag in _HIDDEN_ROW.findall(xml) if (number := _ROW_NUMBER.search(tag))]


def _sheet_xml(data: bytes, sheet) -> bytes | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.read(sheet._worksheet_path.lstrip("/"))
    except (KeyError, AttributeError, zipfile.BadZipFile):
        return None


def _fill_merged_cells(xml: bytes, rows: list[list[object]]) -> list[CellNote]:
    """Repeat the value of a cell merged over several rows on each row, as the eye reads it.

    Merges across columns only (a title over the table) are left alone: copying them sideways would
    put one field's value into another.
    """
    notes = []
    for first_col, first_row, last_col, last_row in _MERGE.findall(xml):
        top, bottom = int(first_row), int(last_row)
        if bottom <= top or top > len(rows):
            continue
        position = column_index_from_string(first_col.decode()) - 1
        value = rows[top - 1][position] if position < len(rows[top - 1]) else None
        for number in range(top + 1, min(bottom, len(rows)) + 1):
            row = rows[number - 1]
            row.extend([None] * (position + 1 - len(row)))
            row[position] = value
        ref = f"{first_col.decode()}{top}:{last_col.decode()}{bottom}"
        notes.append(
            CellNote(
                top,
                position,
                f"cells {ref} are merged: used {value!r} on each of rows {top} to "
                f"{bottom}; unmerge them in Excel and fill in every row to be sure",
            )
        )
    return notes


def _formulas_without_result(data: bytes, sheet_index: int, rows: list[list[object]]) -> list[CellNote]:
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    try:
        formulas = _values(workbook.worksheets[sheet_index])
    finally:
        workbook.close()
    notes = []
    for number, (shown, written) in enumerate(zip(rows, formulas), start=1):
        for position, formula in enumerate(written):
            if (
                isinstance(formula, str)
                and formula.startswith("=")
                and (position >= len(shown) or shown[position] is None)
            ):
                notes.append(
                    CellNote(
                        number,
                        position,
                        f"the cell holds the formula {formula} without a saved result, "
                        "so it reads as empty: open and save the file in Excel, "
                        "or type the value",
                    )
                )
    return notes
