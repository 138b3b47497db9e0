"""Aggregated mobility flows, each tied to a loaded partner by partner_id, Erasmus code or exact name."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.folding import fold
from dashboard.importing import values as v
from dashboard.importing.checked_table import check_columns, row_problems
from dashboard.importing.headers import ColumnMap, header_score
from dashboard.importing.partners import DEFAULT_MAX_BYTES
from dashboard.importing.plain_csv import PlainTable, read_plain_csv
from dashboard.importing.reading import Row, Table, read_table
from dashboard.model import MOBILITY_COLUMNS, empty_frame
from dashboard.report import FileReport

REQUIRED = ("academic_year", "direction", "participant", "duration", "count")
REFERENCES = ("partner_id", "erasmus_code", "name")  # tried in this order
_REFERENCE_WORDS = {"partner_id": "id", "erasmus_code": "Erasmus code", "name": "name"}


class PartnerIndex:
    """Finds a loaded partner's id from any of the references a mobility export may carry."""

    def __init__(self, partners: pd.DataFrame):
        self.ids = {
            str(p).casefold(): str(p) for p in (partners["partner_id"].tolist() if "partner_id" in partners else [])
        }
        self.codes: dict[str, str] = {}
        self.names: dict[str, list[str]] = defaultdict(list)
        if len(partners):
            columns = (partners[c].tolist() for c in ("partner_id", "erasmus_code", "name"))
            for pid, code, name in zip(*columns):
                if code:
                    self.codes.setdefault(v.erasmus_key(str(code)), str(pid))
                self.names[fold(str(name))].append(str(pid))

    def find(self, reference: str, text: str) -> str:
        """The partner_id; raises Invalid saying what was not found and how to fix it."""
        if reference == "partner_id":
            found = self.ids.get(text.casefold())
        elif reference == "erasmus_code":
            found = self.codes.get(v.erasmus_key(text))
        else:
            matches = self.names.get(fold(text), [])
            if len(matches) > 1:
                raise v.Invalid(
                    f"name {text!r} matches {len(matches)} partners ({', '.join(matches)}): "
                    "use a partner_id or erasmus_code column to say which"
                )
            found = matches[0] if matches else None
        if found is None:
            raise v.Invalid(
                f"no partner with {_REFERENCE_WORDS[reference]} {text!r} in partners.csv: "
                "add the partner there or correct the reference"
            )
        return found


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
    index = PartnerIndex(partners)
    if isinstance(table, PlainTable):
        frame = _plain_flows(table, columns, index, report)
        return None if frame is None else (frame, report)
    records = []
    spellings: dict[str, tuple[str, int]] = {}  # folded campus -> (spelling first used in the file, its line)
    seen: dict[tuple, int] = {}  # flow key -> line that holds it
    for row in table.rows:
        report.rows_read += 1
        record = _flow(row, columns, index, report)
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


def _flow(row: Row, columns: ColumnMap, index: PartnerIndex, report: FileReport) -> dict | None:
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
    given = [ref for ref in REFERENCES if cell(ref)]
    if not given:
        written = " / ".join(columns.written[ref] for ref in REFERENCES if ref in columns)
        report.reject(row.line, written, "no partner given: fill in which partner this flow is with")
        return None
    failures = []
    for ref in given:
        try:
            record["partner_id"] = index.find(ref, cell(ref))
            break
        except v.Invalid as error:
            failures.append((ref, error))
    else:
        ref, failure = failures[0]
        report.reject(row.line, columns.written[ref], str(failure), cell(ref))
        return None
    for ref, failure in failures:
        report.warn(
            row.line, columns.written[ref], f"{failure}; matched the partner by another column instead", cell(ref)
        )
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


def _plain_flows(table: PlainTable, columns: ColumnMap, index: PartnerIndex, report: FileReport) -> pd.DataFrame | None:
    """The flows of a plain table, column by column, when every row is already written the canonical way
    (2023-2024, outgoing, student, semester, digits, a known partner_id, one spelling per campus); else None.

    What the rows loop of _load would do to such rows, it does here to whole columns: the same records, the
    same duplicate rejections, nothing else to say.
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
    parsers["partner_id"] = lambda value: index.ids.get(value.casefold())
    parsers["campus"] = lambda value: value
    columns_out: dict[str, pd.Categorical] = {}
    for name, parse in parsers.items():
        if name not in columns:
            columns_out[name] = pd.Categorical([""] * len(cells))  # no campus column: every campus ""
            continue
        parsed = [parse(value) for value in uniques[name]]
        if any(value is None for value in parsed):
            return None  # a value written another way, or an unknown partner: the row-by-row way says which
        # Two spellings of one value ("P01", "p01") become one category.
        values, of_unique = np.unique(np.asarray(parsed, dtype=object).astype(str), return_inverse=True)
        columns_out[name] = pd.Categorical.from_codes(of_unique.reshape(-1)[codes[name]], categories=values)
    campuses = list(columns_out["campus"].categories)
    if len({fold(c) for c in campuses}) != len(campuses):
        return None  # one campus written two ways: a warning per row
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
    repeated = pd.Series(key).duplicated(keep="first").to_numpy()
    if repeated.any():
        # Summing would hide a pasted block counted twice; keeping both would count it twice on the map.
        first_line = pd.Series(lines).groupby(key, sort=False).transform("first").to_numpy()
        for line, seen in zip(lines[repeated], first_line[repeated]):
            report.reject(
                int(line),
                None,
                f"duplicate of line {int(seen)} (same academic year, partner, direction, "
                "participant, duration and campus): add the counts into one row and remove the other",
            )
    frame = frame.loc[~repeated].reset_index(drop=True)
    report.rows_loaded += len(frame)
    return frame
