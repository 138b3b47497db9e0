"""A fast way through the common case of a big export: a plain CSV that nothing in it can make hard to read.

read_table reads a file row by row in Python, which is what lets it say precisely what is wrong with each broken
row; at a million mobility rows that takes 20 s. A file with no quotes, no character outside printable ASCII
(the delimiter aside), no cell with spaces around it or runs of spaces inside, no blank line, the header on its
first line and every line with the header's number of cells gives read_table nothing to repair or report: its
cells are the pieces between the delimiters, which pandas' C parser cuts in a fraction of the time. Any other
file gets None here and goes read_table's way.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard.importing.reading import HEADER_SEARCH_ROWS, sniff_delimiter

TEXT_SUFFIXES = (".csv", ".tsv", ".txt")
_PRINTABLE = bytes(range(0x20, 0x7F))
_SEP_LINE = re.compile(r"^sep=", re.IGNORECASE)


def _plain_bytes(data: bytes, delimiter: bytes) -> bool:
    """No byte read_table would repair, warn about or read differently: only printable ASCII, line ends and the
    delimiter; no quote, no carriage return but in a line end, no blank line, no run of spaces, no cell with a
    space around it. Byte searches, not a regular expression: this is one pass per check over 50 MB."""
    allowed = _PRINTABLE + b"\r\n" + delimiter
    if data.translate(None, allowed) or b'"' in data or data.count(b"\r") != data.count(b"\r\n"):
        return False
    if data.startswith((b"\n", b"\r", b" ")) or data.rstrip(b"\r\n").endswith(b" "):
        return False
    awkward = (b"\n\n", b"\n\r\n", b"  ", b" \r", b" \n", b"\n ", b" " + delimiter, delimiter + b" ")
    return not any(piece in data for piece in awkward)


@dataclass(frozen=True)
class PlainTable:
    header: tuple[str, ...]
    # One column per header cell (named 0, 1, ...), one row per line from line 2 on: the text of each cell, as a
    # categorical (the parser keeps each distinct value once, and checks can run on those).
    cells: pd.DataFrame

    header_line = 1
    first_line = 2


def read_plain_csv(
    path: str | Path, *, max_bytes: int, header_score: Callable[[tuple[str, ...]], int]
) -> PlainTable | None:
    """The file's header and cells when it is plain in the sense above, else None (read it with read_table)."""
    path = Path(path)
    if path.suffix.lower() not in TEXT_SUFFIXES or not path.is_file() or path.stat().st_size > max_bytes:
        return None
    data = path.read_bytes()
    if not data.strip() or not data.isascii():
        return None
    text = data.decode("ascii")
    delimiter = sniff_delimiter(text)
    if not _plain_bytes(data, delimiter.encode()):
        return None
    lines = text[: 2**16].splitlines()[:HEADER_SEARCH_ROWS]
    if not lines or _SEP_LINE.match(lines[0]):
        return None
    header = tuple(lines[0].split(delimiter))
    scores = [header_score(tuple(line.split(delimiter))) for line in lines]
    # The first line must be the header read_table would pick (the best score, the first on a tie), with a name
    # in every cell.
    if scores[0] == 0 or scores[0] < max(scores) or not all(header):
        return None
    width = len(header)
    line_count = text.count("\n") + (0 if text.endswith("\n") else 1)
    if text.count(delimiter) != (width - 1) * line_count:
        return None  # some line has more cells and another fewer: read_table reports which
    try:
        cells = pd.read_csv(
            io.StringIO(text),
            sep=delimiter,
            header=None,
            skiprows=1,
            names=list(range(width)),
            dtype="category",
            keep_default_na=False,
            na_filter=False,
            quoting=csv.QUOTE_NONE,
            engine="c",
            skip_blank_lines=False,
        )
    except (pd.errors.ParserError, ValueError):
        return None  # a line with more cells than the header
    if len(cells) != line_count - 1:
        return None
    return PlainTable(header, cells)
