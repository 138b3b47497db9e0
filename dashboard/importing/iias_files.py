"""EWP IIA XML files and agreements.csv: the XML in DATA_DIR/iias/ read at start beside agreements.csv, and
`partner-atlas import-iias` writing the XML's conditions into agreements.csv (replacing those of the same IIAs)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from dashboard.importing.agreements import agreements_frame, load_agreements
from dashboard.importing.headers import header_score, match_headers
from dashboard.importing.iias import HeiIndex, home_hei_id, read_iias
from dashboard.importing.partners import DEFAULT_MAX_BYTES
from dashboard.importing.reading import read_table
from dashboard.model import Institution
from dashboard.report import FileReport

IIAS_FOLDER = "iias"
CSV_COLUMNS = (
    "agreement_id",
    "partner_id",
    "department",
    "mobility_type",
    "direction",
    "fields",
    "field_note",
    "levels",
    "places",
    "months_per_year",
    "days_per_year",
    "languages",
    "first_year",
    "last_year",
    "status",
    "blended",
)


def partner_hei_ids(
    partners_path: Path | None, partners: pd.DataFrame, max_bytes: int = DEFAULT_MAX_BYTES
) -> dict[str, str]:
    """partner_id -> hei_id from the hei_id column of partners.csv, where the file has one (matched by line)."""
    if partners_path is None or not len(partners):
        return {}
    table = read_table(
        partners_path,
        FileReport(str(partners_path), "partners"),
        max_bytes=max_bytes,
        header_score=header_score("partner_hei_ids"),
    )
    if table is None:
        return {}
    columns = match_headers(table.header, "partner_hei_ids")
    if "hei_id" not in columns:
        return {}
    by_line = dict(zip(partners["source_line"].astype(int), partners["partner_id"].astype(str), strict=True))
    position = columns.positions["hei_id"]
    return {
        by_line[row.line]: row.cells[position].lower()
        for row in table.rows
        if row.line in by_line and row.cells[position]
    }


def read_iia_files(
    paths, institution: Institution, partners: pd.DataFrame, hei_ids: dict[str, str], max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[list[dict], list[FileReport]]:
    index = HeiIndex.of(partners, hei_ids)
    home = home_hei_id(institution)
    records: list[dict] = []
    reports = []
    for path in paths:
        found, report = read_iias(path, home, index, max_bytes=max_bytes)
        # The same IIA in a later file (a newer export) replaces the earlier copy.
        renewed = {r["agreement_id"] for r in found if r["agreement_id"]}
        records = [r for r in records if r["agreement_id"] not in renewed] + found
        reports.append(report)
    return records, reports


def with_iia_folder(
    agreements: pd.DataFrame,
    data_dir: Path,
    institution: Institution,
    partners: pd.DataFrame,
    partners_path: Path | None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> tuple[pd.DataFrame, list[FileReport]]:
    """agreements.csv's conditions plus those of DATA_DIR/iias/*.xml; an IIA already in agreements.csv (same
    agreement_id, e.g. written there by import-iias) is taken from the CSV only, so nothing counts twice."""
    paths = sorted((data_dir / IIAS_FOLDER).glob("*.xml")) if (data_dir / IIAS_FOLDER).is_dir() else []
    if not paths:
        return agreements, []
    records, reports = read_iia_files(paths, institution, partners, partner_hei_ids(partners_path, partners), max_bytes)
    known = {str(a) for a in agreements["agreement_id"] if a}
    fresh = [r for r in records if r["agreement_id"] not in known]
    if len(fresh) < len(records):
        reports[-1].warn(
            None,
            None,
            f"{len(records) - len(fresh)} condition(s) of IIAs already in agreements.csv "
            "were taken from agreements.csv",
        )
    if not fresh:
        return agreements, reports
    return pd.concat([agreements, agreements_frame(fresh)], ignore_index=True), reports


def csv_row(record: dict) -> dict[str, str]:
    """One agreement record in agreements.csv's canonical form."""

    def year(value) -> str:
        return "" if value is None or pd.isna(value) else f"{int(value)}-{int(value) + 1}"

    def amount(value) -> str:
        return "" if value is None or pd.isna(value) else f"{float(value):g}"

    return {
        **{
            c: str(record.get(c) or "")
            for c in ("agreement_id", "partner_id", "department", "mobility_type", "direction", "field_note", "status")
        },
        "fields": ";".join(record.get("fields") or ()),
        "levels": ";".join(str(x) for x in record.get("levels") or ()),
        "languages": ";".join(record.get("languages") or ()),
        "places": amount(record.get("places")),
        "months_per_year": amount(record.get("months_per_year")),
        "days_per_year": amount(record.get("days_per_year")),
        "first_year": year(record.get("first_year")),
        "last_year": year(record.get("last_year")),
        "blended": {True: "yes", False: "no"}.get(record["blended"], "") if "blended" in record else "",
    }


def update_agreements_csv(
    data_dir: Path, records: list[dict], partners: pd.DataFrame, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[Path, int, int]:
    """Write the records into DATA_DIR/agreements.csv, replacing the conditions of the same IIAs and keeping every
    other row; (path, conditions kept, conditions written). Raises ValueError, changing nothing, when the existing
    file has rows the importer rejects (rewriting it would lose them) or is not a CSV."""
    target = data_dir / "agreements.csv"
    others = [data_dir / f"agreements{suffix}" for suffix in (".xlsx", ".tsv", ".txt")]
    if not target.exists() and any(p.exists() for p in others):
        existing = next(p for p in others if p.exists())
        raise ValueError(
            f"{existing} holds the agreements: import-iias writes agreements.csv, which would hide it; "
            "save it as agreements.csv first"
        )
    kept: list[dict] = []
    if target.exists():
        frame, report = load_agreements(target, partners, max_bytes=max_bytes)
        if report.errors or report.rejected:
            raise ValueError(
                f"{target} has {len(report.rejected) + len(report.errors)} problem(s) "
                f"(see `partner-atlas validate {data_dir}`): fix them first, so that rewriting the file "
                "loses no row"
            )
        replaced = {r["agreement_id"] for r in records if r["agreement_id"]}
        kept = [
            row for row in frame.to_dict("records") if not (row["agreement_id"] and row["agreement_id"] in replaced)
        ]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(CSV_COLUMNS), lineterminator="\n")
    writer.writeheader()
    rows = [csv_row(record) for record in [*kept, *records]]
    for row in {tuple(r.items()): r for r in rows}.values():  # an IIA listing one condition twice: written once
        writer.writerow(row)
    temporary = target.with_suffix(".csv.tmp")
    temporary.write_text(buffer.getvalue(), encoding="utf-8")
    temporary.replace(target)  # readers (the running app watches the folder) never see a half-written file
    return target, len(kept), len(records)
