"""What list a file holds, told from its header row rather than its name: a mobility export saved as
"export (3).xlsx" is still a mobility list."""

from __future__ import annotations

from pathlib import Path

from dashboard.importing.headers import header_score, match_headers
from dashboard.importing.reading import read_table
from dashboard.report import FileReport

# The columns that make a list what it is; a header with all of one kind's and fewer of another's is that kind.
DEFINING_COLUMNS = {
    "partners": ("name", "country", "tier"),
    "mobility": ("academic_year", "direction", "participant", "duration", "count"),
}


def kind_of_header(header: tuple[str, ...]) -> str | None:
    """ "partners" or "mobility" for the header row of such a list, None when it is neither."""
    shares = {}
    for kind, defining in DEFINING_COLUMNS.items():
        columns = match_headers(header, kind)
        shares[kind] = (sum(1 for name in defining if name in columns) / len(defining), len(columns.positions))
    best = max(shares, key=lambda kind: shares[kind])
    return best if shares[best][0] >= 0.5 else None


def file_kind(path: str | Path, *, max_bytes: int) -> str | None:
    """The kind of list in a file, from its header row; None when the file cannot be read or says nothing."""
    scores = [header_score(kind) for kind in DEFINING_COLUMNS]
    table = read_table(
        path,
        FileReport(str(path), "unknown"),
        max_bytes=max_bytes,
        header_score=lambda cells: max(score(cells) for score in scores),
    )
    return kind_of_header(table.header) if table is not None else None
