"""Aggregated mobility flows, each tied to a loaded partner by partner_id, Erasmus code or exact name."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pandas as pd

from dashboard.importing import values as v
from dashboard.importing.headers import ColumnMap, header_score, match_headers, missing_columns_message
from dashboard.importing.partners import DEFAULT_MAX_BYTES
from dashboard.importing.reading import Row, read_table
from dashboard.model import MOBILITY_COLUMNS, empty_frame
from dashboard.report import FileReport, name_a_few

REQUIRED = ("academic_year", "direction", "participant", "duration", "count")
REFERENCES = ("partner_id", "erasmus_code", "name")  # tried in this order
_REFERENCE_WORDS = {"partner_id": "id", "erasmus_code": "Erasmus code", "name": "name"}


class PartnerIndex:
    """Finds a loaded partner's id from any of the references a mobility export may carry."""

    def __init__(self, partners: pd.DataFrame):
        self.ids = {str(p).casefold(): str(p) for p in (partners["partner_id"].tolist() if "partner_id" in partners else [])}
        self.codes: dict[str, str] = {}
        self.names: dict[str, list[str]] = defaultdict(list)
        if len(partners):
            columns = (partners[c].tolist() for c in ("partner_id", "erasmus_code", "name"))
            for pid, code, name in zip(*columns):
                if code:
                    self.codes.setdefault(v.erasmus_key(str(code)), str(pid))
                self.names[v.fold_fast(str(name))].append(str(pid))

    def find(self, reference: str, text: str) -> str:
        """The partner_id; raises Invalid saying what was not found and how to fix it."""
        if reference == "partner_id":
            found = self.ids.get(text.casefold())
        elif reference == "erasmus_code":
            found = self.codes.get(v.erasmus_key(text))
        else:
            matches = self.names.get(v.fold_fast(text), [])
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
    path: str | Path, partners: pd.DataFrame, *, max_bytes: int = DEFAULT_MAX_BYTES,
) -> tuple[pd.DataFrame, FileReport]:
    """Mobility flows with MOBILITY_COLUMNS; rows naming an unknown partner are rejected."""
    report = FileReport(str(path), "mobility")
    table = read_table(path, report, max_bytes=max_bytes, header_score=header_score("mobility"))
    if table is None:
        return _frame([]), report
    columns = match_headers(table.header, "mobility")
    missing = [name for name in REQUIRED if name not in columns]
    if not any(ref in columns for ref in REFERENCES):
        missing.append("name")
    if missing:
        report.fail(
            missing_columns_message(
                "mobility", table.header, missing,
                labels={"name": "partner_id, erasmus_code or name (one of them, to say which partner)"},
            ),
            line=table.header_line,
        )
        return _frame([]), report
    if columns.unknown:
        report.warn(
            table.header_line, None,
            "ignored column(s) the mobility list does not use: " + name_a_few(columns.unknown),
        )
    for written, canonical in columns.repeated:
        report.warn(table.header_line, written, f"a second column for {canonical}: this one is ignored")
    index = PartnerIndex(partners)
    records = []
    spellings: dict[str, tuple[str, int]] = {}  # folded campus -> (spelling first used in the file, its line)
    seen: dict[tuple, int] = {}  # flow key -> line that holds it
    for row in table.rows:
        report.rows_read += 1
        record = _flow(row, columns, index, report)
        if record is None:
            continue
        campus, campus_line = spellings.setdefault(v.fold_fast(record["campus"]), (record["campus"], row.line))
        flow = (record["academic_year"], record["partner_id"], record["direction"], record["participant"],
                record["duration"], campus)
        if flow in seen:
            # Summing would hide a pasted block counted twice; keeping both would count it twice on the map.
            report.reject(row.line, None, f"duplicate of line {seen[flow]} (same academic year, partner, direction, "
                          "participant, duration and campus): add the counts into one row and remove the other")
            continue
        seen[flow] = row.line
        if campus != record["campus"]:
            report.warn(row.line, columns.written.get("campus"), f"campus {record['campus']!r} is written "
                        f"{campus!r} on line {campus_line}: used {campus!r}", record["campus"])
            record["campus"] = campus
        records.append(record)
        report.rows_loaded += 1
    return _frame(records), report


def _flow(row: Row, columns: ColumnMap, index: PartnerIndex, report: FileReport) -> dict | None:
    def cell(name: str) -> str:
        return row.cells[columns.positions[name]] if name in columns else ""

    if row.overflow:
        report.reject(row.line, None, "the row has more cells than the header: a stray delimiter or an "
                      "unclosed quote shifts the columns; fix the row", row.overflow)
        return None
    if row.problem:
        report.reject(row.line, None, row.problem)
        return None
    for name in columns.positions:
        problem = v.cell_problem(cell(name), name)
        if problem:
            report.reject(row.line, columns.written[name], problem, v.shorten(cell(name)))
            return None
    record: dict = {"campus": cell("campus")}
    parsers = (
        ("academic_year", v.parse_academic_year), ("direction", v.parse_direction),
        ("participant", v.parse_participant), ("duration", v.parse_duration), ("count", v.parse_count),
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
        ref, error = failures[0]
        report.reject(row.line, columns.written[ref], str(error), cell(ref))
        return None
    for ref, error in failures:
        report.warn(row.line, columns.written[ref], f"{error}; matched the partner by another column instead",
                    cell(ref))
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
