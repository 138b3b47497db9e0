"""Write the flows of an Erasmus+ import into a data folder: mobility.csv updated, new partners appended.

mobility.csv: the rows of the academic years the import covers are replaced by the imported flows (so running
the same import twice gives the same file); rows of other years are kept as they are. partners.csv: existing
rows are never changed; partners the files name that the list lacks are appended with tier `mobility`.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from dashboard.folding import fold
from dashboard.importing import values as v
from dashboard.importing.erasmus import ErasmusImport, flows_frame
from dashboard.importing.headers import canonical_name
from dashboard.importing.mobility import load_mobility
from dashboard.importing.partner_refs import PartnerIndex
from dashboard.importing.partners import load_partners
from dashboard.importing.reading import sniff_delimiter

MOBILITY_FILE_COLUMNS = ("academic_year", "partner_id", "direction", "participant", "duration", "campus", "count")
NEW_PARTNERS_COLUMNS = (
    "partner_id",
    "name",
    "city",
    "country",
    "tier",
    "erasmus_code",
    "activities",
    "networks",
    "website",
    "agreement_start",
    "agreement_end",
    "campuses",
)
NEW_PARTNER_TIER = "mobility"


class WriteError(Exception):
    """The data folder cannot be updated as it is; str() says what to do."""


@dataclass
class Written:
    """What the import changed in the data folder."""

    flows: int = 0
    people: int = 0
    years_replaced: list[str] = field(default_factory=list)
    rows_kept: int = 0
    matched: int = 0
    added: list[dict] = field(default_factory=list)  # the new partners.csv rows
    check: list[str] = field(default_factory=list)  # problems the app would report on the files written


def match_partners(result: ErasmusImport, partners: pd.DataFrame) -> tuple[dict[tuple, str], list[dict]]:
    """{partner key: partner_id}, and the rows of the partners to add; by Erasmus code, else name and city."""
    codes = PartnerIndex(partners).codes  # as mobility.csv's Erasmus codes find them when the app reads it back
    names: dict[tuple[str, str], str] = {}
    for pid, name, city in zip(partners["partner_id"], partners["name"], partners["city"]):
        names.setdefault((fold(name), fold(city)), pid)
    used = {str(pid).casefold() for pid in partners["partner_id"]}
    # A partner named without its code on some rows is the one with the code, when name and city agree.
    coded = {
        (fold(seen.best(seen.names)), fold(seen.best(seen.cities))): key
        for key, seen in result.partners.items()
        if key[0] == "code"
    }
    ids: dict[tuple, str] = {}
    added: list[dict] = []
    for key, seen in sorted(result.partners.items(), key=lambda item: item[0][0]):  # codes before names
        name, city = seen.best(seen.names), seen.best(seen.cities)
        found = codes.get(key[1]) if key[0] == "code" else None
        found = found or names.get((fold(name), fold(city)))
        if found is None and key[0] == "name" and (key[1], key[2]) in coded:
            found = ids.get(coded[(key[1], key[2])])
        if found is None:
            base = (
                v.partner_id_from_code(seen.code)
                or v.partner_id_from_name(name, seen.best(seen.countries))
                or "partner"
            )
            found, number = base, 1
            while found.casefold() in used:
                number += 1
                found = f"{base}-{number}"
            used.add(found.casefold())
            activities = [
                a for a, p in (("student_mobility", "student"), ("staff_mobility", "staff")) if p in seen.participants
            ]
            added.append(
                {
                    "partner_id": found,
                    "name": name or seen.code,
                    "city": city,
                    "country": seen.best(seen.countries),
                    "tier": NEW_PARTNER_TIER,
                    "erasmus_code": seen.code,
                    "activities": ";".join(activities),
                }
            )
            names.setdefault((fold(name), fold(city)), found)
        ids[key] = found
    return ids, added


def write_import(result: ErasmusImport, data_dir: Path) -> Written:
    """Update data_dir/partners.csv and data_dir/mobility.csv from the import; raises WriteError."""
    data_dir.mkdir(parents=True, exist_ok=True)
    partners_path, mobility_path = data_dir / "partners.csv", data_dir / "mobility.csv"
    if not partners_path.exists() and (data_dir / "partners.xlsx").exists():
        raise WriteError(
            f"{data_dir / 'partners.xlsx'}: the import appends to partners.csv: save the list as "
            "CSV UTF-8 (partners.csv) first"
        )
    existing = _existing_partners(partners_path)
    ids, added = match_partners(result, existing)
    flows = flows_frame(result, ids)
    written = Written(
        flows=len(flows),
        people=int(flows["count"].sum()) if len(flows) else 0,
        matched=len(set(ids.values()) - {row["partner_id"] for row in added}),
        added=added,
    )
    _append_partners(partners_path, added)
    written.years_replaced, written.rows_kept = _write_mobility(mobility_path, flows)
    written.check = _check(partners_path, mobility_path)
    return written


def _check(partners_path: Path, mobility_path: Path) -> list[str]:
    """The folder read back as the app reads it: every row written must load."""
    partners, partner_report = load_partners(partners_path)
    mobility_report = load_mobility(mobility_path, partners)[1]
    return [
        str(problem) for report in (partner_report, mobility_report) for problem in (*report.errors, *report.rejected)
    ]


def _existing_partners(path: Path) -> pd.DataFrame:
    if not path.exists():
        return pd.DataFrame({c: pd.Series(dtype=object) for c in ("partner_id", "erasmus_code", "name", "city")})
    partners, report = load_partners(path)
    if report.errors:
        raise WriteError("; ".join(str(p) for p in report.errors))
    return partners


def _append_partners(path: Path, added: list[dict]) -> None:
    if not added:
        return
    if path.exists():
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise WriteError(
                f"{path} is not UTF-8, so rows cannot be added to it: save it as CSV UTF-8 and import again"
            ) from None
        delimiter = sniff_delimiter(text)
        header = next(csv.reader(io.StringIO(text), delimiter=delimiter))
        fields = [canonical_name(h, "partners") or "" for h in header]
        prefix = "" if text.endswith(("\n", "\r")) or not text else "\n"
    else:
        header, fields, delimiter, prefix = list(NEW_PARTNERS_COLUMNS), list(NEW_PARTNERS_COLUMNS), ",", None
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    if prefix is None:
        writer.writerow(header)
    for row in added:
        writer.writerow([row.get(f, "") if f else "" for f in fields])
    if prefix is None:
        _replace(path, out.getvalue())
    else:
        with path.open("a", encoding="utf-8", newline="") as handle:
            handle.write(prefix + out.getvalue())


def _write_mobility(path: Path, flows: pd.DataFrame) -> tuple[list[str], int]:
    years = sorted(set(flows["academic_year"]))
    new = flows[list(MOBILITY_FILE_COLUMNS)].astype(str)
    kept = pd.DataFrame(columns=MOBILITY_FILE_COLUMNS)
    if path.exists():
        old = pd.read_csv(path, dtype=str, keep_default_na=False, sep=None, engine="python")
        year_column = next((c for c in old.columns if canonical_name(c, "mobility") == "academic_year"), None)
        if year_column is not None:
            normalised = old[year_column].map(_normalised_year)
            kept = old[~normalised.isin(years)]
            new = new.rename(
                columns={
                    c: next((o for o in old.columns if canonical_name(o, "mobility") == c), c)
                    for c in MOBILITY_FILE_COLUMNS
                }
            )
        else:
            raise WriteError(
                f"{path} has no academic year column, so the import cannot tell which rows it "
                "replaces: fix its header or move it away"
            )
    merged = pd.concat([kept, new], ignore_index=True).fillna("")
    _replace(path, merged.to_csv(index=False, lineterminator="\n"))
    return years, len(kept)


def _normalised_year(text: str) -> str:
    try:
        return v.parse_academic_year(str(text).strip())[0]
    except v.Invalid:
        return str(text)


def _replace(path: Path, text: str) -> None:
    """Write through a temporary file, so a crash never leaves half a file where the app reads it."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8", newline="")
    os.replace(temporary, path)


MAX_LISTED = 20  # rejected rows and added partners listed one by one; the rest are counted


def summary(result: ErasmusImport, written: Written | None, data_dir: Path) -> list[str]:
    """The import report as lines a person reads: each sheet's accounting, rejections, partners added."""
    lines = [f"ERROR    {error}" for error in result.errors] + [f"NOTE     {note}" for note in result.notes]
    for sheet in result.sheets:
        lines.append(sheet.summary())
        lines += [f"  WARNING  {warning}" for warning in sheet.warnings]
        lines += [f"  REJECTED {problem}" for problem in sheet.rejected[:MAX_LISTED]]
        if len(sheet.rejected) > MAX_LISTED:
            lines.append(f"  ... and {len(sheet.rejected) - MAX_LISTED:,} more rejected rows in this sheet")
    used = sum(s.used for s in result.sheets)
    not_ours = sum(s.not_ours for s in result.sheets)
    rejected = sum(len(s.rejected) for s in result.sheets)
    lines.append(
        f"Total: {result.rows_read:,} rows read = {used:,} used + {not_ours:,} not ours (skipped) + "
        f"{rejected:,} rejected"
    )
    if written is None:
        if not result.errors:
            lines.append(f"No flow of the institutions named was found: {data_dir} is unchanged.")
        return lines
    lines.append(
        f"Wrote {written.flows:,} flows ({written.people:,} people) to {data_dir / 'mobility.csv'}: "
        f"academic years {', '.join(written.years_replaced)} replaced, {written.rows_kept:,} rows of "
        "other years kept."
    )
    lines.append(
        f"Partners: {written.matched:,} matched in partners.csv, {len(written.added):,} added with "
        f"tier {NEW_PARTNER_TIER}{':' if written.added else '.'}"
    )
    lines += [
        f"  ADDED    {row['partner_id']}: {row['name']} ({row['city'] or 'no city'}, {row['country']})"
        for row in written.added[:MAX_LISTED]
    ]
    if len(written.added) > MAX_LISTED:
        lines.append(f"  ... and {len(written.added) - MAX_LISTED:,} more partners added")
    if written.check:
        lines.append(
            f"Read back as the app reads it, {len(written.check):,} row(s) of {data_dir} do not load; fix "
            "them (partner-atlas validate lists them all):"
        )
        lines += [f"  CHECK    {problem}" for problem in written.check[:MAX_LISTED]]
    if result.fields_of_education:
        # TODO: mobility.csv has no field column yet; when it gets one, write isced.code_for_name(field) there.
        from dashboard.isced import code_for_name

        named = sum(1 for text in result.fields_of_education if code_for_name(text))
        lines.append(
            f"Not imported: Field of Education ({len(result.fields_of_education):,} fields, {named:,} of "
            "them ISCED-F field names); mobility.csv has no column for it yet."
        )
    return lines
