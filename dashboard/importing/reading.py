"""From a file on disk to a header and rows of clean text cells, whatever Excel or a mobility system wrote.

Handles the size limit, XLSX, the encoding (UTF-8, UTF-8 with BOM, UTF-16 with BOM, Windows-1252, else what
charset-normalizer detects), mojibake (ftfy), the delimiter (`,` `;` or tab, sniffed), junk lines above the
header, blank lines, and quoted fields with embedded newlines, while keeping the physical line number of
every row so a person can find it in a text editor or spreadsheet.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import ftfy

from dashboard.report import FileReport

DELIMITERS = (",", ";", "\t")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
HEADER_SEARCH_ROWS = 30  # exports put titles and filter descriptions above the header, never many
SNIFF_LINES = 50
# A quoted field running over this many lines is almost surely an unclosed quote, not an address.
MAX_LINES_PER_ROW = 10

_FTFY_CONFIG = ftfy.TextFixerConfig(uncurl_quotes=False, explain=False)
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Row:
    line: int  # physical 1-based line (spreadsheet row for XLSX) where the row starts
    cells: tuple[str, ...]  # cleaned, exactly as many as the header
    overflow: str = ""  # non-empty cells beyond the header, joined; a sign of a stray delimiter
    end_line: int = 0  # last physical line of the row (quoted fields may span lines)

    @property
    def spans_too_many_lines(self) -> bool:
        return self.end_line - self.line + 1 > MAX_LINES_PER_ROW


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]  # cleaned headers as written
    header_line: int
    rows: tuple[Row, ...]


@lru_cache(maxsize=65536)
def _fix_non_ascii(text: str) -> str:
    return ftfy.fix_text(text, _FTFY_CONFIG)


def clean_cell(value: object) -> str:
    """Trim and collapse whitespace (non-breaking spaces and line breaks included) and repair mojibake."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else _format_value(value)
    if not text.isascii():
        text = _fix_non_ascii(text)
    return _SPACES.sub(" ", text).strip()


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
    if path.suffix.lower() in XLSX_SUFFIXES or data[:4] == b"PK\x03\x04":
        raw_rows = _xlsx_rows(data, report)
    else:
        text = _decode(data, report)
        raw_rows = None if text is None else _csv_rows(text)
    if raw_rows is None:
        return None
    return _to_table(raw_rows, report, header_score)


def _megabytes(size: int) -> str:
    return f"{size / 2**20:.1f} MB ({size:,} bytes)"


def _decode(data: bytes, report: FileReport) -> str | None:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # a tool that writes a BOM may still have written Windows-1252 after it
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        report.fail("old Excel .xls format: save it from Excel as .xlsx or as CSV UTF-8")
        return None
    if b"\x00" in data[:4096] or _control_ratio(data[:4096]) > 0.05:
        report.fail("not a text or spreadsheet file (binary content): export the list as CSV or XLSX")
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    encoding, text = _best_single_byte_decoding(data)
    if text is None:
        report.fail("cannot tell the text encoding: save the file as CSV UTF-8 from Excel")
        return None
    if encoding != "cp1252":
        report.warn(None, None, f"read as {encoding}: if characters look wrong, save the file as CSV UTF-8")
    return text


def _best_single_byte_decoding(data: bytes) -> tuple[str, str | None]:
    """Windows-1252 unless charset-normalizer offers a code page that reads more plausibly.

    charset-normalizer alone takes Western European exports (the ECHE list among them) for Central
    European cp1250, which turns "Liège" into "Liče"; so each candidate's text is scored for the
    traces a wrong code page leaves and Windows-1252, what Excel writes in Western Europe, wins ties.
    """
    from charset_normalizer import from_bytes

    candidates = ["cp1252"] + [match.encoding for match in list(from_bytes(data))[:4]]
    # Single-byte code pages decode byte by byte, so scoring the non-ASCII bytes with a little
    # context tells them apart at a fraction of the cost of scoring the whole text.
    sample = b"\n".join(data[max(m.start() - 2, 0):m.end() + 2] for m in re.finditer(rb"[\x80-\xff]+", data))
    best: tuple[int, str] = (2**62, "")
    for encoding in dict.fromkeys(candidates):
        try:
            data.decode(encoding)
            score = _implausibility(sample.decode(encoding))
        except (UnicodeDecodeError, LookupError):
            continue
        if score < best[0]:
            best = (score, encoding)
    return best[1], data.decode(best[1]) if best[1] else None


# Traces of a wrong code page: symbols glued to letters ("£ódŸ" for "Łódź"), C1 control characters,
# runs of accented Latin letters (Cyrillic read as Latin: "Ìîñêâà"), a capital accented letter after a
# small letter.
_WRONG_CODE_PAGE = re.compile(
    r"(?<=[^\W\d_])[\u00a2-\u00a9\u00ac-\u00af\u00b1-\u00b6\u00b8-\u00b9\u00bc-\u00bf\u00d7\u00f7]"
    r"|[\u00a2-\u00a9\u00ac-\u00af\u00b1-\u00b6\u00b8-\u00b9\u00bc-\u00bf\u00d7\u00f7](?=[^\W\d_])"
    r"|[\u0080-\u009f]"
    r"|[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]{3,}"
    r"|(?<=[a-z\u00df-\u00f6\u00f8-\u00ff])[\u00c0-\u00d6\u00d8-\u00de\u0160\u0152\u017d\u0178]"
)


def _implausibility(text: str) -> int:
    return len(_WRONG_CODE_PAGE.findall(text))


def _control_ratio(sample: bytes) -> float:
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 13))
    return controls / max(len(sample), 1)


def sniff_delimiter(text: str) -> str:
    """The delimiter among , ; and tab that splits the first lines into the most consistent number of cells."""
    lines = [line for line in text.splitlines()[: SNIFF_LINES * 2] if line.strip()][:SNIFF_LINES]
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


def _csv_rows(text: str) -> list[tuple[int, int, list[str]]]:
    """Records with the physical lines each starts and ends on; csv.reader's line_num counts lines consumed."""
    text = text.lstrip("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    rows: list[tuple[int, int, list[str]]] = []
    consumed = 0
    for cells in reader:
        rows.append((consumed + 1, reader.line_num, cells))
        consumed = reader.line_num
    return rows


def _xlsx_rows(data: bytes, report: FileReport) -> list[tuple[int, int, list[object]]] | None:
    import openpyxl

    # openpyxl warns about Excel extensions it drops (data validation, conditional formats) while it
    # parses, lazily, during iteration: irrelevant to the values, and the tests turn warnings into errors.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as error:  # noqa: BLE001 - openpyxl raises many types for broken zips and XML
            report.fail(f"cannot open as an Excel workbook ({error}): save it again from Excel as .xlsx, or as CSV")
            return None
        try:
            sheet = workbook.worksheets[0]
            return [
                (number, number, [_from_excel(v) for v in values])
                for number, values in enumerate(sheet.iter_rows(values_only=True), start=sheet.min_row or 1)
            ]
        except Exception as error:  # noqa: BLE001 - a damaged sheet fails only while it is read
            report.fail(f"cannot read the first sheet ({error}): save it again from Excel as .xlsx, or as CSV")
            return None
        finally:
            workbook.close()


def _from_excel(value: object) -> object:
    if isinstance(value, str):
        return value.replace("_x000D_", "")  # Excel's escape for a carriage return inside a cell
    return value


def _to_table(raw_rows, report: FileReport, header_score) -> Table | None:
    cleaned = [(line, end, tuple(clean_cell(v) for v in cells)) for line, end, cells in raw_rows]
    nonblank = [(line, end, cells) for line, end, cells in cleaned if any(cells)]
    if not nonblank:
        report.fail("file has no rows, only blank lines: export the list again with a header row")
        return None
    candidates = nonblank[:HEADER_SEARCH_ROWS]
    scores = [header_score(cells) for _, _, cells in candidates]
    best = max(range(len(candidates)), key=lambda i: (scores[i], -i))
    if scores[best] == 0:
        report.fail(
            "no recognisable header row in the first lines: the first row must name the columns "
            "(see data/README.md for the accepted column names)",
            line=candidates[0][0],
        )
        return None
    header_line, _, header = candidates[best]
    while header and not header[-1]:
        header = header[:-1]
    if best:
        report.warn(
            header_line, None,
            f"skipped {best} line(s) above the header on line {header_line}: titles or notes, not data",
        )
    width = len(header)
    rows: list[Row] = []
    for line, end, cells in nonblank[best + 1:]:
        extra = [c for c in cells[width:] if c]
        padded = cells[:width] + ("",) * (width - len(cells))
        rows.append(Row(line, padded, " | ".join(extra), end))
    return Table(tuple(header), header_line, tuple(rows))
