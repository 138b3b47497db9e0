"""Aggregated mobility flows, each tied to a loaded partner by partner_id, Erasmus code or exact name."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.folding import fold
from dashboard.importing import values as v
from dashboard.importing.checked_table import check_columns, row_problems
from dashboard.importing.headers import ColumnMap, header_score
from dashboard.importing.partner_refs import REFERENCES, PartnerRefs
from dashboard.importing.partners import DEFAULT_MAX_BYTES
from dashboard.importing.plain_csv import PlainTable, read_plain_csv
from dashboard.importing.reading import Row, Table, read_table
from dashboard.model import MOBILITY_COLUMNS, empty_frame
from dashboard.report import FileReport

REQUIRED = ("academic_year", "direction", "participant", "duration", "count")


def load_mobility(
    path: str | Path,
    partners: pd.DataFrame,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> tuple[pd.DataFrame, FileReport]:
    """Mobility flows with MOBILITY_COLUMNS; rows naming an unknown partner are rejected."""
    plain = read_plain_csv(path, max_bytes=max_bytes, header_score=header_score("mobility"))
    if plain is not None:
        loaded = _load(path, partners, plain)
        if loaded is not None:
            return loaded
    report = FileReport(str(path), "mobility")
    table = read_table(path, report, max_bytes=max_bytes, header_score=header_score("mobility"))
    loaded = None if table is None else _load(path, partners, table, report)
    return loaded or (_frame([]), report)  # a Table always loads


def _load(
    path, partners: pd.DataFrame, table: Table | PlainTable, report: FileReport | None = None
) -> tuple[pd.DataFrame, FileReport] | None:
    """The flows of a table read from `path`; None when a PlainTable has a row only the row-by-row way can
    report (then the file is read again with read_table)."""
    report = report or FileReport(str(path), "mobility")
    columns = check_columns(table, report, "mobility", REQUIRED, partner_reference=REFERENCES)
    if columns is None:
        return _frame([]), report
    refs = PartnerRefs(partners, columns, report, "flow")
    if isinstance(table, PlainTable):
        frame = _plain_flows(table, columns, refs, report)
        return None if frame is None else (frame, report)
    records = []
    spellings: dict[str, tuple[str, int]] = {}  # folded campus -> (spelling first used in the file, its line)
    seen: dict[tuple, int] = {}  # flow key -> line that holds it
    for row in table.rows:
        report.rows_read += 1
        record = _flow(row, columns, refs, report)
        if record is None:
            continue
        campus, campus_line = spellings.setdefault(fold(record["campus"]), (record["campus"], row.line))
        flow = (
            record["academic_year"],
            record["partner_id"],
            record["direction"],
            record["participant"],
            record["duration"],
            campus,
        )
        if flow in seen:
            # Summing would hide a pasted block counted twice; keeping both would count it twice on the map.
            report.reject(
                row.line,
                None,
                f"duplicate of line {seen[flow]} (same academic year, partner, direction, "
                "participant, duration and campus): add the counts into one row and remove the other",
            )
            continue
        seen[flow] = row.line
        if campus != record["campus"]:
            report.warn(
                row.line,
                columns.written.get("campus"),
                f"campus {record['campus']!r} is written {campus!r} on line {campus_line}: used {campus!r}",
                record["campus"],
            )
            record["campus"] = campus
        records.append(record)
        report.rows_loaded += 1
    return _frame(records), report


def _flow(row: Row, columns: ColumnMap, refs: PartnerRefs, report: FileReport) -> dict | None:
    def cell(name: str) -> str:
        return row.cells[columns.positions[name]] if name in columns else ""

    problems = row_problems(row, columns)
    if problems:
        report.reject(row.line, *problems[0])
        return None
    record: dict = {"campus": cell("campus")}
    parsers = (
        ("academic_year", v.parse_academic_year),
        ("direction", v.parse_direction),
        ("participant", v.parse_participant),
        ("duration", v.parse_duration),
        ("count", v.parse_count),
    )
    for name, parse in parsers:
        try:
            record[name] = parse(cell(name))
        except v.Invalid as error:
            report.reject(row.line, columns.written[name], str(error), cell(name))
            return None
    record["academic_year"], record["year"] = record["academic_year"]
    partner = refs.of_row(row)
    if partner is None:
        return None
    record["partner_id"] = partner
    return record


def _frame(records: list[dict]) -> pd.DataFrame:
    if not records:
        frame = empty_frame(MOBILITY_COLUMNS)
        frame["year"] = frame["year"].astype("int64")
        frame["count"] = frame["count"].astype("int64")
        return frame
    frame = pd.DataFrame.from_records(records, columns=MOBILITY_COLUMNS)
    frame["year"] = frame["year"].astype("int64")
    frame["count"] = frame["count"].astype("int64")
    return frame


_PLAIN_YEAR = re.compile(r"^(\d{4})-(\d{4})$")
_PLAIN_COUNT = re.compile(r"^\d{1,5}$")


def _plain_year(text: str) -> str | None:
    """The academic year when written exactly as the model keeps it (2023-2024, within bounds), else None."""
    match = _PLAIN_YEAR.match(text)
    if not match:
        return None
    first, second = int(match.group(1)), int(match.group(2))
    return text if second == first + 1 and v.FIRST_ACADEMIC_YEAR <= first <= v.LAST_ACADEMIC_YEAR else None


def _one_of(allowed: tuple[str, ...]) -> Callable[[str], str | None]:
    return lambda value: value if value in allowed else None


def _plain_count(text: str) -> int | None:
    return int(text) if _PLAIN_COUNT.match(text) and int(text) <= v.MAX_COUNT else None


def _plain_flows(table: PlainTable, columns: ColumnMap, refs: PartnerRefs, report: FileReport) -> pd.DataFrame | None:
    """The flows of a plain table, column by column, when every row is already written the canonical way
    (2023-2024, outgoing, student, semester, digits, a partner_id, one spelling per campus); else None.

    What the rows loop of _load would do to such rows, it does here to whole columns: the same records, the
    same rejections of unknown partners and duplicates (in line order), nothing else to say.
    """
    if any(ref in columns for ref in REFERENCES[1:]) or "partner_id" not in columns:
        return None  # several ways to name a partner: the row-by-row way says which one matched
    cells = table.cells
    cells = cells[(cells != "").any(axis=1)]  # lines of empty cells only: read_table skips them, uncounted
    # Each check runs on a column's distinct values (ten years, two directions, 12,000 partners), not its rows.
    codes = {name: cells[columns.positions[name]].cat.codes.to_numpy() for name in columns.positions}
    uniques = {name: [str(c) for c in cells[columns.positions[name]].cat.categories] for name in columns.positions}
    for name in columns.positions:
        if any(len(value) > v.MAX_CELL_CHARS or value[:1] == "#" for value in uniques[name]):
            return None  # a cell_problem to report
    report.rows_read += len(cells)
    canonical = {
        "direction": ("outgoing", "incoming"),
        "participant": ("student", "staff"),
        "duration": ("semester", "short_term"),
    }
    parsers: dict[str, Callable[[str], object]] = {name: _one_of(allowed) for name, allowed in canonical.items()}
    parsers["academic_year"] = _plain_year
    parsers["count"] = _plain_count
    parsers["campus"] = lambda value: value
    columns_out: dict[str, pd.Categorical] = {}
    for name, parse in parsers.items():
        if name not in columns:
            columns_out[name] = pd.Categorical([""] * len(cells))  # no campus column: every campus ""
            continue
        parsed = [parse(value) for value in uniques[name]]
        if any(value is None for value in parsed):
            return None  # a value written another way: the row-by-row way says which
        columns_out[name] = _categorical(parsed, codes[name])
    campuses = list(columns_out["campus"].categories)
    if len({fold(c) for c in campuses}) != len(campuses):
        return None  # one campus written two ways: a warning per row
    # An unknown partner rejects its rows, as the row-by-row way would (every other cell of theirs is fine).
    partner_ids = [refs.index.ids.get(value.casefold()) for value in uniques["partner_id"]]
    unknown = np.array([pid is None for pid in partner_ids], dtype=bool)[codes["partner_id"]]
    columns_out["partner_id"] = _categorical([pid or "" for pid in partner_ids], codes["partner_id"])
    years = columns_out["academic_year"]
    counts = columns_out["count"]
    frame = pd.DataFrame(
        {
            "academic_year": years,
            "year": np.array([int(y[:4]) for y in years.categories], dtype=np.int64)[years.codes],
            "partner_id": columns_out["partner_id"],
            "direction": columns_out["direction"],
            "participant": columns_out["participant"],
            "duration": columns_out["duration"],
            "campus": columns_out["campus"],
            "count": np.array([int(c) for c in counts.categories], dtype=np.int64)[counts.codes],
        },
        columns=list(MOBILITY_COLUMNS),
    )
    lines = cells.index.to_numpy() + table.first_line
    key = np.zeros(len(frame), dtype=np.int64)
    for name in ("academic_year", "partner_id", "direction", "participant", "duration", "campus"):
        key = key * len(frame[name].cat.categories) + frame[name].cat.codes.to_numpy()
    # A rejected row holds no flow: a later row like it is no duplicate of it.
    repeated = np.zeros(len(frame), dtype=bool)
    repeated[~unknown] = pd.Series(key[~unknown]).duplicated(keep="first").to_numpy()
    if unknown.any() or repeated.any():
        first_line = np.zeros(len(frame), dtype=np.int64)  # the earliest line holding each row's flow
        first_line[~unknown] = pd.Series(lines[~unknown]).groupby(key[~unknown], sort=False).transform("first")
        partner_text = cells[columns.positions["partner_id"]].to_numpy()
        for at in np.flatnonzero(unknown | repeated):
            line = int(lines[at])
            if unknown[at]:
                refs.find(line, [("partner_id", str(partner_text[at]))] if partner_text[at] else [])
                continue
            # Summing would hide a pasted block counted twice; keeping both would count it twice on the map.
            report.reject(
                line,
                None,
                f"duplicate of line {int(first_line[at])} (same academic year, partner, direction, "
                "participant, duration and campus): add the counts into one row and remove the other",
            )
    kept = ~(unknown | repeated)
    frame = frame.loc[kept].reset_index(drop=True)
    if unknown.any():  # no category left that only rejected rows held (their "" partner, a year of theirs alone)
        for name in ("academic_year", "partner_id", "direction", "participant", "duration", "campus"):
            frame[name] = frame[name].cat.remove_unused_categories()
    report.rows_loaded += len(frame)
    return frame


def _categorical(parsed: list, codes: np.ndarray) -> pd.Categorical:
    """The column of parsed values, given each distinct cell's value and each row's code into those cells."""
    # Two spellings of one value ("P01", "p01") become one category.
    values, of_unique = np.unique(np.asarray(parsed, dtype=object).astype(str), return_inverse=True)
    return pd.Categorical.from_codes(of_unique.reshape(-1)[codes], categories=values)
