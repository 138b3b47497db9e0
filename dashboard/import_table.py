"""The import report as tables people read: per file, per problem, and how each partner was placed on the map.

Pure: a Dataset in, rows out. The /data page shows them; its CSV download is the same rows in one table.
"""

from __future__ import annotations

import pandas as pd

from dashboard.i18n import text
from dashboard.model import GEO_PRECISIONS, Dataset
from dashboard.report import ImportReport, file_name

CITY_OR_BETTER = ("manual", "address", "city")
PROBLEM_KINDS = ("error", "rejected", "warning")


def file_rows(report: ImportReport) -> list[dict]:
    """One row per file: its name, whether it is there, rows read, loaded, rejected, and how many warnings."""
    return [
        {
            "file": file_name(f.file),
            "kind": f.kind,
            "present": f.present,
            "rows_read": f.rows_read,
            "rows_loaded": f.rows_loaded,
            "rows_rejected": f.rows_rejected,
            "warnings": len(f.warnings),
        }
        for f in report.files
    ]


def problem_rows(report: ImportReport) -> list[dict]:
    """Every whole-file error, rejected row and warning, in file order: where it is and what to do."""
    rows = []
    for f in report.files:
        for kind, problems in zip(PROBLEM_KINDS, (f.errors, f.rejected, f.warnings), strict=True):
            rows += [
                {
                    "kind": kind,
                    "file": file_name(p.file),
                    "line": p.line,
                    "column": p.column or "",
                    "reason": p.message,
                    "value": p.value or "",
                }
                for p in problems
            ]
    return rows


def placement_counts(partners: pd.DataFrame) -> dict[str, int]:
    """How many partners each way of placing them on the map placed, in GEO_PRECISIONS order."""
    counts = partners["geo_precision"].value_counts() if "geo_precision" in partners else pd.Series(dtype=int)
    return {precision: int(counts.get(precision, 0)) for precision in GEO_PRECISIONS}


def not_placed_at_city(partners: pd.DataFrame) -> list[dict]:
    """The partners shown at their country's centre or not at all, in file order: what the office should fix."""
    if "geo_precision" not in partners:
        return []
    rows = partners[~partners["geo_precision"].isin(CITY_OR_BETTER)].sort_values("source_line", kind="stable")
    return [
        {
            "line": int(r.source_line) if pd.notna(r.source_line) else None,
            "name": r.name,
            "city": r.city,
            "country": r.country_name or r.country,
            "precision": r.geo_precision,
        }
        for r in rows.itertuples()
    ]


def geo_note(value: object) -> str:
    """A partner's geo_note as text: "" when the geocoder read the city as written (or the column is absent)."""
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value).strip()


def placement_notes(partners: pd.DataFrame) -> list[dict]:
    """The partners whose place the geocoder found only by interpreting the city field (geo_note), in file order."""
    if "geo_note" not in partners:
        return []
    notes = partners["geo_note"].map(geo_note)
    rows = partners.assign(geo_note=notes)[notes != ""].sort_values("source_line", kind="stable")
    return [
        {
            "line": int(r.source_line) if pd.notna(r.source_line) else None,
            "name": r.name,
            "city": r.city,
            "country": r.country_name or r.country,
            "note": r.geo_note,
        }
        for r in rows.itertuples()
    ]


def report_table(dataset: Dataset, language: str = "en") -> pd.DataFrame:
    """The CSV download: one line per file, per problem and per partner not placed at city level."""
    partners_file = next((file_name(f.file) for f in dataset.report.files if f.kind == "partners"), "partners.csv")
    rows = [
        {
            "kind": "file",
            "file": f["file"],
            "line": None,
            "column": "",
            "reason": (
                f"{f['rows_read']} rows read = {f['rows_loaded']} loaded + {f['rows_rejected']} rejected; "
                f"{f['warnings']} warnings"
            )
            if f["present"]
            else text("data.absent", language),
            "value": "",
        }
        for f in file_rows(dataset.report)
    ]
    rows += problem_rows(dataset.report)
    rows += [
        {
            "kind": "placement",
            "file": partners_file,
            "line": p["line"],
            "column": "city",
            "reason": text(f"data.precision.{p['precision']}", language),
            "value": p["name"],
        }
        for p in not_placed_at_city(dataset.partners)
    ]
    rows += [
        {
            "kind": "placement",
            "file": partners_file,
            "line": p["line"],
            "column": "city",
            "reason": f"{text('data.note', language)}: {p['note']}",
            "value": p["name"],
        }
        for p in placement_notes(dataset.partners)
    ]
    frame = pd.DataFrame(rows, columns=["kind", "file", "line", "column", "reason", "value"])
    frame["line"] = frame["line"].astype("Int64")
    headers = {
        "kind": text("data.kind", language),
        "file": text("data.file", language),
        "line": text("data.line", language),
        "column": text("data.column", language),
        "reason": text("data.reason", language),
        "value": text("data.value", language),
    }
    return frame.rename(columns=headers)
