"""What every importer does first: read the file, find its header row, and check its columns, reporting each
problem the same way (a missing column fails the file; an unknown or a second column is a warning)."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from dashboard.importing import values as v
from dashboard.importing.headers import ColumnMap, header_score, match_headers, missing_columns_message
from dashboard.importing.reading import Row, Table, read_table
from dashboard.report import FileReport, name_a_few

# What a list of each kind is called in a message: "ignored column(s) the partner list does not use: ...".
LIST_NAMES = {
    "partners": "partner list",
    "mobility": "mobility list",
    "agreements": "agreements list",
    "campuses": "campus list",
    "key_figures": "key figures list",
}
SHIFTED_ROW = (
    "the row has more cells than the header: a stray delimiter or an unclosed quote shifts the columns; fix the row"
)
_WHICH_PARTNER = "partner_id, erasmus_code or name (one of them, to say which partner)"


class HasHeader(Protocol):
    """A Table or the fast reader's PlainTable: what the column checks read."""

    @property
    def header(self) -> tuple[str, ...]: ...

    @property
    def header_line(self) -> int: ...


def read_checked_table(
    path: str | Path,
    report: FileReport,
    kind: str,
    required: tuple[str, ...],
    *,
    max_bytes: int,
    partner_reference: tuple[str, ...] = (),
    repeats_read: tuple[str, ...] = (),
) -> tuple[Table, ColumnMap] | None:
    """The table and its columns, or None once `report` says why the file cannot be used (see check_columns)."""
    table = read_table(path, report, max_bytes=max_bytes, header_score=header_score(kind))
    if table is None:
        return None
    columns = check_columns(
        table, report, kind, required, partner_reference=partner_reference, repeats_read=repeats_read
    )
    return None if columns is None else (table, columns)


def check_columns(
    table: HasHeader,
    report: FileReport,
    kind: str,
    required: tuple[str, ...],
    *,
    partner_reference: tuple[str, ...] = (),
    repeats_read: tuple[str, ...] = (),
) -> ColumnMap | None:
    """The columns of `table`'s header; None after report.fail() when a required one is missing.

    partner_reference: columns of which one must be present (a mobility row names its partner by any of them).
    repeats_read: fields whose second column the importer reads itself, so no "ignored" warning for it.
    """
    columns = match_headers(table.header, kind)
    missing = [name for name in required if name not in columns]
    if partner_reference and not any(name in columns for name in partner_reference):
        missing.append("name")
    if missing:
        labels = {"name": _WHICH_PARTNER} if partner_reference else None
        report.fail(missing_columns_message(kind, table.header, missing, labels), line=table.header_line)
        return None
    if columns.unknown:
        report.warn(
            table.header_line,
            None,
            f"ignored column(s) the {LIST_NAMES[kind]} does not use: " + name_a_few(columns.unknown),
        )
    for written, canonical in columns.repeated:
        if canonical not in repeats_read:
            report.warn(
                table.header_line,
                written,
                f"a second column for {canonical} (the first is {columns.written[canonical]!r}): this one is ignored",
            )
    return columns


def row_problems(row: Row, columns: ColumnMap) -> list[tuple[str | None, str, str | None]]:
    """Why a row cannot load, whatever its values mean: (column as written, message, value), the first the worst.

    It could not be split into cells, it has more cells than the header, or a cell is no value (an Excel error,
    a paste far longer than any name).
    """
    problems: list[tuple[str | None, str, str | None]] = []
    if row.problem:
        problems.append((None, row.problem, None))
    if row.overflow:
        problems.append((None, SHIFTED_ROW, row.overflow))
    for name, position in columns.positions.items():
        problem = v.cell_problem(row.cells[position], name)
        if problem:
            problems.append((columns.written[name], problem, v.shorten(row.cells[position])))
    return problems
