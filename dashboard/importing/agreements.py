"""The agreements list: one cooperation condition per row (partner, direction, mobility type, fields, levels,
places, months or days, languages, academic years, status), every row loaded or rejected with a reason."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.importing import agreement_values as av
from dashboard.importing import values as v
from dashboard.importing.agreement_headers import AGREEMENT_ALIASES
from dashboard.importing.checked_table import read_checked_table, row_problems
from dashboard.importing.headers import ColumnMap
from dashboard.importing.partner_refs import REFERENCES, PartnerRefs
from dashboard.importing.partners import DEFAULT_MAX_BYTES
from dashboard.importing.reading import Row
from dashboard.model import AGREEMENT_COLUMNS, empty_frame
from dashboard.report import FileReport

KIND = "agreements"
REQUIRED = ("mobility_type", "direction")
assert set(AGREEMENT_ALIASES) >= set(REFERENCES)
STAFF_TYPES = ("staff_teaching", "staff_training")
# What makes two rows the same condition: pasted twice, it would count its places twice.
_IDENTITY = (
    "agreement_id",
    "partner_id",
    "department",
    "mobility_type",
    "direction",
    "fields",
    "levels",
    "first_year",
    "last_year",
)


def load_agreements(
    path: str | Path,
    partners: pd.DataFrame,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> tuple[pd.DataFrame, FileReport]:
    """Agreements with AGREEMENT_COLUMNS; a row naming a partner not in partners.csv is rejected with a hint."""
    report = FileReport(str(path), KIND)
    # a second fields column is read when the first says nothing usable (see _fields_of)
    checked = read_checked_table(
        path, report, KIND, REQUIRED, max_bytes=max_bytes, partner_reference=REFERENCES, repeats_read=("fields",)
    )
    if checked is None:
        return agreements_frame([]), report
    table, columns = checked
    field_columns = _field_columns(table.header, columns)
    refs = PartnerRefs(partners, columns, report, "agreement")
    records: list[dict] = []
    seen: dict[tuple, int] = {}
    for row in table.rows:
        report.rows_read += 1
        record = _condition(row, columns, field_columns, refs, report)
        if record is None:
            continue
        identity = tuple(record[c] for c in _IDENTITY)
        if identity in seen:
            report.reject(
                row.line,
                None,
                f"duplicate of line {seen[identity]} (same agreement, partner, "
                "direction, mobility type, fields, levels and years): remove one of the two rows",
            )
            continue
        seen[identity] = row.line
        records.append(record)
        report.rows_loaded += 1
    return agreements_frame(records), report


def _field_columns(header: tuple[str, ...], columns: ColumnMap) -> list[tuple[int, str]]:
    """Every column holding fields, (position, header as written): Mobility-Online exports carry both a
    "Subject area" (often a name) and an "ISCED code"."""
    first = [(columns.positions["fields"], columns.written["fields"])] if "fields" in columns else []
    more = [(header.index(written), written) for written, canonical in columns.repeated if canonical == "fields"]
    return first + more


def _fields_of(row: Row, field_columns: list[tuple[int, str]]) -> tuple[tuple[str, ...], list[str], str, str]:
    """(codes, warnings, column used, the text of a column that named no known field) from the first column that
    gives codes; raises the first column's problem when none does."""
    first_error: av.v.Invalid | None = None
    unused = ""
    for position, written in field_columns:
        text = row.cells[position]
        try:
            codes, warnings = av.parse_fields(text)
        except av.v.Invalid as error:
            first_error, unused = first_error or error, unused or text
            continue
        if codes:
            return codes, warnings, written, unused
    if first_error is not None:
        raise first_error
    return (), [], field_columns[0][1] if field_columns else "", unused


def _condition(
    row: Row,
    columns: ColumnMap,
    field_columns: list[tuple[int, str]],
    refs: PartnerRefs,
    report: FileReport,
) -> dict | None:
    def cell(name: str) -> str:
        return row.cells[columns.positions[name]] if name in columns else ""

    problems = row_problems(row, columns)
    if problems:
        report.reject(row.line, *problems[0])
        return None
    record: dict = {
        "agreement_id": cell("agreement_id"),
        "department": cell("department"),
        "field_note": cell("field_note"),
        "source_line": row.line,
    }
    try:
        record["fields"], field_warnings, fields_column, unused = _fields_of(row, field_columns)
    except v.Invalid as error:
        report.reject(row.line, field_columns[0][1], str(error), v.shorten(row.cells[field_columns[0][0]]))
        return None
    if unused and not record["field_note"]:
        record["field_note"] = unused  # "Nursing" beside the code 0913: kept as the clarification
    parsers = (
        ("mobility_type", av.parse_mobility_type),
        ("direction", v.parse_direction),
        ("levels", av.parse_levels),
        ("languages", av.parse_languages),
        ("status", av.parse_status),
        ("blended", av.parse_blended),
        ("places", lambda t: av.parse_amount(t, "places", av.MAX_PLACES, whole=True)),
        ("months_per_year", lambda t: av.parse_amount(t, "months_per_year", av.MAX_MONTHS, whole=False)),
        ("days_per_year", lambda t: av.parse_amount(t, "days_per_year", av.MAX_DAYS, whole=False)),
        ("first_year", lambda t: av.parse_agreement_year(t, end=False)),
        ("last_year", lambda t: av.parse_agreement_year(t, end=True)),
    )
    for name, parse in parsers:
        try:
            record[name] = parse(cell(name))
        except v.Invalid as error:
            report.reject(row.line, columns.written[name], str(error), v.shorten(cell(name)))
            return None
    first, last = record["first_year"], record["last_year"]
    if first is not None and last is not None and last < first:
        report.reject(
            row.line,
            columns.written["last_year"],
            f"the last academic year {last}-{last + 1} is before "
            f"the first {first}-{first + 1}: swap them or fix the year",
            cell("last_year"),
        )
        return None
    if (
        record["mobility_type"] in STAFF_TYPES
        and record["months_per_year"] is not None
        and record["days_per_year"] is None
    ):
        report.warn(
            row.line,
            columns.written["months_per_year"],
            "staff agreements count days, not months: the months are kept as written; add a days_per_year column",
            cell("months_per_year"),
        )
    partner = refs.of_row(row)
    if partner is None:
        return None
    record["partner_id"] = partner
    for message in field_warnings:
        report.warn(row.line, fields_column, message)
    return record


def agreements_frame(records: list[dict]) -> pd.DataFrame:
    """Records as a frame with the data model's columns and types (empty when there are none)."""
    if not records:
        frame = empty_frame(AGREEMENT_COLUMNS)
    else:
        frame = pd.DataFrame.from_records(records, columns=AGREEMENT_COLUMNS)
    for column in ("first_year", "last_year"):
        frame[column] = pd.array(frame[column].tolist(), dtype="Int64")
    for column in ("places", "months_per_year", "days_per_year"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
    frame["source_line"] = pd.to_numeric(frame["source_line"], errors="coerce").fillna(0).astype("int64")
    return frame
