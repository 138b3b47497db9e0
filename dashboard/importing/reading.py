"""From a file on disk to a header and rows of clean text cells, whatever Excel or a mobility system wrote.

Handles the size limit, the format by content rather than by name (XLSX, CSV, old .xls, binary), the
encoding (see encoding.py), mojibake (ftfy), invisible and control characters, the delimiter (`,` `;`
tab or `|`, sniffed, or any character named by Excel's "sep=" line), junk lines above the header, blank lines, quoted fields with embedded newlines and
quotes that are never closed, while keeping the physical line number of every row so a person can find it
in a text editor or spreadsheet.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from pathlib import Path

import ftfy

from dashboard.importing.encoding import LABELS, NotText, decode
from dashboard.importing.workbooks import (
    ENCRYPTED_MESSAGE,
    OLE,
    html_rows,
    is_ods,
    ods_rows,
    ole_kind,
    spreadsheetml_rows,
    text_kind,
    xls_rows,
)
from dashboard.importing.xlsx import CellNote, xlsx_rows
from dashboard.report import FileReport

DELIMITERS = (",", ";", "\t", "|")  # sniffed in this order of preference
_DELIMITER_NAMES = {",": "commas", ";": "semicolons", "\t": "tabs", "|": "vertical bars"}
XLSX_SUFFIXES = (".xlsx", ".xlsm")
WORKBOOK_SUFFIXES = (*XLSX_SUFFIXES, ".xls", ".ods")
HEADER_SEARCH_ROWS = 30  # exports put titles and filter descriptions above the header, never many
SNIFF_LINES = 50
# A quoted field running over this many lines is almost surely an unclosed quote, not an address.
MAX_LINES_PER_ROW = 10

_FTFY_CONFIG = ftfy.TextFixerConfig(uncurl_quotes=False, explain=False)
_SPACES = re.compile(r"\s+")
# Characters that show nothing on screen yet break matching, sorting and display: C0/C1 controls (NUL
# included), zero-width space and word joiner, a stray byte-order mark, and the bidirectional overrides
# and isolates that can flip the text around a name ("Trojan Source"). Arabic and Hebrew need none of them.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u200b\u202a-\u202e\u2060\u2066-\u2069\ufeff\ufff9-\ufffb]"
)
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")  # csv's idea of a line, unlike str.splitlines
# Excel's hint line; the delimiter is any one character but a quote (a tab too: hence [ ]* and not \s*).
_SEP_LINE = re.compile(r'^sep=([^"\r\n])[ ]*(?:\r\n|\r|\n)?$', re.IGNORECASE)
_ZIP = b"PK\x03\x04"


@dataclass(frozen=True)
class Row:
    line: int  # physical 1-based line (spreadsheet row for XLSX) where the row starts
    cells: tuple[str, ...]  # cleaned, exactly as many as the header
    overflow: str = ""  # non-empty cells beyond the header, joined; a sign of a stray delimiter
    end_line: int = 0  # last physical line of the row (quoted fields may span lines)
    problem: str = ""  # why the row could not be split into cells; the row is rejected with it


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]  # cleaned headers as written
    header_line: int
    rows: tuple[Row, ...]


@lru_cache(maxsize=65536)
def _fix_non_ascii(text: str) -> str:
    return ftfy.fix_text(text, _FTFY_CONFIG)


def clean_cell(value: object) -> str:
    """Trim and collapse whitespace (non-breaking spaces and line breaks included), repair mojibake and
    drop invisible characters."""
    return _clean(value, scan=True)[0]


def _clean(value: object, scan: bool) -> tuple[str, str]:
    """The clean text and the invisible characters removed from it (looked for only when `scan`)."""
    if value is None:
        return "", ""
    text = value if isinstance(value, str) else _format_value(value)
    if not text.isascii():
        text = _fix_non_ascii(text)
    if text.isprintable():  # no tab, line break, odd space or invisible character: the common case, fast
        return (text.strip() if "  " not in text else _SPACES.sub(" ", text).strip()), ""
    removed = ""
    if scan and _INVISIBLE.search(text):
        removed = "".join(_INVISIBLE.findall(text))
        text = _INVISIBLE.sub("", text)
    return _SPACES.sub(" ", text).strip(), removed


def _format_value(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # Excel stores 2021 as 2021.0
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def read_table(
    path: str | Path,
    report: FileReport,
    *,
    max_bytes: int,
    header_score: Callable[[tuple[str, ...]], int],
) -> Table | None:
    """The header and rows of a CSV/TSV/TXT/XLSX file, or None after report.fail() for a whole-file problem.

    header_score(cells) counts the cells that are known column names; the header is the row among the first
    HEADER_SEARCH_ROWS that scores best, so junk lines above it are skipped.
    """
    path = Path(path)
    if not path.exists():
        report.fail(f"file not found: check the path {str(path)!r}")
        return None
    if not path.is_file():
        report.fail("is a folder, not a file: give the path of a CSV or XLSX file")
        return None
    size = path.stat().st_size
    if size > max_bytes:
        report.fail(
            f"file is {_megabytes(size)}, larger than the limit of {_megabytes(max_bytes)}: split it, "
            "or raise the limit with PARTNER_ATLAS_MAX_FILE_BYTES"
        )
        return None
    data = path.read_bytes()
    if not data.strip():
        report.fail("file is empty: export the list again with a header row and data rows")
        return None
    # The content decides, not the name: offices rename exports, and Excel opens either way.
    if data.startswith((OLE, _ZIP)):
        read = _read_workbook(data, path.suffix.lower(), report, header_score)
        if read is None:
            return None
        return _to_table(read[0], report, header_score, read[1], scan=True, delimiter=None)
    text = _decode(data, report)
    if text is None:
        return None
    kind = text_kind(text)
    if kind != "text":
        read = _read_markup(text, kind, path.suffix.lower(), report, header_score)
        if read is None:
            return None
        return _to_table(read[0], report, header_score, read[1], scan=True, delimiter=None)
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        report.warn(
            None,
            None,
            f"is text, not an Excel workbook, despite its {path.suffix} extension: read as CSV; rename it to .csv",
        )
    delimiter, raw_rows = _csv_rows(text)
    return _to_table(raw_rows, report, header_score, [], scan=bool(_INVISIBLE.search(text)), delimiter=delimiter)


# What each binary format is called in messages, and the extensions that name it.
_FORMATS = {
    "xlsx": ("an Excel workbook", XLSX_SUFFIXES),
    "xls": ("an old Excel 97-2003 .xls workbook", (".xls",)),
    "ods": ("an OpenDocument spreadsheet", (".ods",)),
    "html": ('an HTML table (what some systems export as "Excel")', (".html", ".htm")),
    "spreadsheetml": ("an XML Spreadsheet 2003 workbook", (".xml",)),
}


def _read_workbook(data: bytes, suffix: str, report: FileReport, header_score):
    """Rows and notes of an .xlsx, .xls or .ods workbook (the bytes start as an OLE or zip container), or None
    after report.fail for one that cannot be read."""
    if data.startswith(OLE):
        kind = ole_kind(data)
        if kind == "encrypted":
            report.fail(ENCRYPTED_MESSAGE)
            return None
        if kind != "xls":
            report.fail(
                "an old Microsoft Office file (OLE) with no Excel workbook inside (damaged, or a Word or "
                "PowerPoint file?): if it opens in Excel, save it as .xlsx or as CSV UTF-8"
            )
            return None
        _warn_extension("xls", suffix, report)
        return xls_rows(data, report, header_score)
    kind = "ods" if is_ods(data) else "xlsx"
    _warn_extension(kind, suffix, report)
    return (ods_rows if kind == "ods" else xlsx_rows)(data, report, header_score)


def _read_markup(text: str, kind: str, suffix: str, report: FileReport, header_score):
    _warn_extension(kind, suffix, report)
    reader = html_rows if kind == "html" else spreadsheetml_rows
    return reader(text, report, header_score)


def _warn_extension(kind: str, suffix: str, report: FileReport) -> None:
    what, suffixes = _FORMATS[kind]
    if suffix in suffixes:
        return
    if kind == "xlsx":
        report.warn(
            None,
            None,
            f"is an Excel workbook despite its {suffix or 'missing'} extension: read as XLSX; rename it to .xlsx",
        )
        return
    report.warn(
        None,
        None,
        f"is {what}, not what its {suffix or 'missing'} extension says: read it as such; "
        "to be sure, open it in Excel and save it as .xlsx or as CSV UTF-8",
    )


def _megabytes(size: int) -> str:
    return f"{size / 2**20:.1f} MB ({size:,} bytes)"


def _decode(data: bytes, report: FileReport) -> str | None:
    try:
        decoded = decode(data)
    except NotText as error:
        report.fail(str(error))
        return None
    if not decoded.is_unicode:
        alternative = (
            f" (next most likely: {LABELS.get(decoded.runner_up, decoded.runner_up)})" if decoded.runner_up else ""
        )
        report.warn(
            None,
            None,
            f"not UTF-8: read as {decoded.label}, the encoding its names read most plausibly "
            f"in{alternative}; if characters look wrong, save the file as CSV UTF-8",
        )
    return decoded.text


def sniff_delimiter(text: str) -> str:
    """The delimiter among , ; and tab that splits the first lines into the most consistent number of cells."""
    lines = [line for line in text[: 2**16].splitlines()[: SNIFF_LINES * 2] if line.strip()][:SNIFF_LINES]
    sample = "\n".join(lines)
    best, best_score = ",", (0, 0)
    for delimiter in DELIMITERS:
        widths = [len(row) for row in csv.reader(io.StringIO(sample), delimiter=delimiter)]
        widths = [w for w in widths if w > 1]
        if not widths:
            continue
        width, agreeing = Counter(widths).most_common(1)[0]
        score = (agreeing, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _csv_rows(text: str) -> tuple[str, list[tuple[int, int, list[str], str]]]:
    """The delimiter, and records as (first line, last line, cells, problem).

    A quote that is never closed, or closed only many lines further down, would swallow the rows after
    it into one cell; such a record is reported as a problem on its first line and reading starts again
    on the next line, so every other row is still read and counted.
    """
    lines = _LINE.findall(text.lstrip("\ufeff"))
    first = 0
    excel_hint = _SEP_LINE.match(lines[0]) if lines else None
    if excel_hint:
        delimiter, first = excel_hint.group(1), 1  # Excel's own "sep=;" line: not a title, no warning
    else:
        delimiter = sniff_delimiter(text)
    rows: list[tuple[int, int, list[str], str]] = []
    start = first  # index in lines of the line reading (re)starts at
    while start < len(lines):
        reader = csv.reader(islice(lines, start, None), delimiter=delimiter)
        consumed = 0
        try:
            for cells in reader:
                begin, end = start + consumed + 1, start + reader.line_num
                consumed = reader.line_num
                problem = _quote_problem(lines, begin, end, delimiter)
                if problem:
                    rows.append((begin, begin, [], problem))
                    start = begin
                    break
                rows.append((begin, end, cells, ""))
            else:
                break
        except csv.Error:  # a cell past csv's field size limit
            begin = start + consumed + 1
            rows.append(_oversized_record(lines[begin - 1], begin, delimiter))
            start = begin
    return delimiter, rows


def _oversized_record(line: str, number: int, delimiter: str) -> tuple[int, int, list[str], str]:
    """The record on a line csv gave up on: a cell longer than csv reads, or a quote that swallowed the file.

    Without a quote on the line, the cells are what lies between the delimiters: returned as a row, so the
    cell's length is reported under its column like any other too-long cell.
    """
    if '"' not in line:
        return number, number, line.rstrip("\r\n").split(delimiter), ""
    if not _ends_inside_quote([line], delimiter):
        return (
            number,
            number,
            [],
            (
                f"a cell on this line is longer than {csv.field_size_limit():,} characters, "
                "more than any name or list: shorten it (a pasted text block?)"
            ),
        )
    return (
        number,
        number,
        [],
        (
            f"a cell starting on line {number} runs past {csv.field_size_limit():,} characters: "
            "a quote is probably not closed; close it: the lines after it are read as rows again"
        ),
    )


def _quote_problem(lines: list[str], begin: int, end: int, delimiter: str) -> str:
    if end - begin + 1 > MAX_LINES_PER_ROW:
        return (
            f"a quoted field runs from line {begin} to line {end} (more than {MAX_LINES_PER_ROW} lines): "
            "a quote is probably not closed; close it: the lines after it are read as rows again"
        )
    if end == len(lines) and _ends_inside_quote(lines[begin - 1 : end], delimiter):
        return (
            "a quote opened on this line is never closed, so the rest of the file would be one cell: "
            "a quote is probably not closed; close it: the lines after it are read as rows again"
        )
    return ""


def _ends_inside_quote(record: list[str], delimiter: str) -> bool:
    try:
        for _ in csv.reader(record, delimiter=delimiter, strict=True):
            pass
    except csv.Error as error:
        return "unexpected end of data" in str(error)
    return False


def _to_table(
    raw_rows, report: FileReport, header_score, notes: list[CellNote], *, scan: bool, delimiter: str | None
) -> Table | None:
    cleaned = []
    for line, end, cells, problem in raw_rows:
        if not problem and delimiter and len(cells) == 1 and cells[0].strip():
            problem = _other_delimiter_problem(cells[0], delimiter)
        if _plain(cells):
            cleaned.append((line, end, tuple(c.strip() for c in cells), problem))
            continue
        values = []
        for position, value in enumerate(cells):
            text, removed = _clean(value, scan)
            values.append(text)
            if removed:
                notes.append(CellNote(line, position, _invisible_message(removed)))
        cleaned.append((line, end, tuple(values), problem))
    nonblank = [row for row in cleaned if any(row[2]) or row[3]]
    if not nonblank:
        report.fail("file has no rows, only blank lines: export the list again with a header row")
        return None
    candidates = [row for row in nonblank[:HEADER_SEARCH_ROWS] if not row[3]]
    scores = [header_score(row[2]) for row in candidates]
    best = max(range(len(candidates)), key=lambda i: (scores[i], -i), default=0)
    if not candidates or scores[best] == 0:
        report.fail(
            "no recognisable header row in the first lines: the first row must name the columns "
            "(see dashboard/sample_data/README.md for the accepted column names)",
            line=nonblank[0][0],
        )
        return None
    header_line, _, header, _ = candidates[best]
    while header and not header[-1]:
        header = header[:-1]
    skipped = sum(1 for row in nonblank if row[0] < header_line)
    if skipped:
        report.warn(
            header_line,
            None,
            f"skipped {skipped} line(s) above the header on line {header_line}: titles or notes, not data",
        )
    for note in sorted(notes, key=lambda n: (n.line, -1 if n.position is None else n.position)):
        at = note.position
        if note.line > header_line and at is None:
            report.warn(note.line, None, note.message)
        elif note.line > header_line and at is not None:
            column = header[at] if at < len(header) and header[at] else None
            report.warn(note.line, column or f"column {at + 1}", note.message)
    width = len(header)
    rows: list[Row] = []
    for line, end, cells, problem in nonblank:
        if line <= header_line:
            continue
        if problem and width == 1 and problem.startswith(_NOT_SPLIT):
            problem = ""  # a one-column list has nothing to split
        extra = [c for c in cells[width:] if c]
        padded = cells[:width] + ("",) * (width - len(cells))
        rows.append(Row(line, padded, " | ".join(extra), end, problem))
    if not rows:
        report.warn(header_line, None, "the file has a header row but no data rows below it: nothing to load")
    return Table(tuple(header), header_line, tuple(rows))


def _plain(cells: list) -> bool:
    """True when every cell is printable ASCII text without runs of spaces, so stripping is all it needs.

    One check over the joined row instead of one per cell: most rows of most files are like this.
    """
    try:
        joined = "".join(cells)
    except TypeError:  # numbers and dates from a workbook
        return False
    return joined.isascii() and joined.isprintable() and "  " not in joined


_NOT_SPLIT = "the row is not split into columns"


def _other_delimiter_problem(cell: str, delimiter: str) -> str:
    for other in DELIMITERS:
        if other != delimiter and other in cell:
            return (
                f"{_NOT_SPLIT}: it uses {_DELIMITER_NAMES[other]} where the header uses "
                f"{_DELIMITER_NAMES.get(delimiter, repr(delimiter))}; use one delimiter throughout the file"
            )
    return ""


def _invisible_message(removed: str) -> str:
    kinds = ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, 'control character')}" for c in dict.fromkeys(removed))
    return (
        f"removed {len(removed)} invisible or control character(s) from the cell ({kinds}): "
        "they do not show on screen but break matching and display; check the value"
    )
