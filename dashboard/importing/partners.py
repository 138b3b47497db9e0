"""The partner list: every input row normalised, then loaded or rejected with a reason."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from dashboard.countries import continent, country_from_erasmus_code, country_name
from dashboard.folding import fold
from dashboard.importing import values as v
from dashboard.importing.checked_table import read_checked_table, row_problems
from dashboard.importing.headers import ColumnMap
from dashboard.importing.reading import Row, Table
from dashboard.model import ACTIVITIES, PARTNER_COLUMNS
from dashboard.report import FileReport

DEFAULT_MAX_BYTES = 50 * 2**20
# Beside the model's columns: the address (for the geocoder) and the agreement's dates where the file gives
# whole dates (datetime64, NaT where it gives only a year), for views that need more than the year.
AGREEMENT_DATES = ("agreement_start_date", "agreement_end_date")
ROW_COLUMNS = (*PARTNER_COLUMNS, "street", "postcode", *AGREEMENT_DATES, "rejected")
# Where a field's cell is missing, the geocoder still needs the rest of the row: these are the defaults.
_DEFAULTS: dict[str, Any] = {
    "partner_id": "",
    "name": "",
    "city": "",
    "country": "",
    "country_name": "",
    "region": "",
    "tier": "",
    "activities": (),
    "networks": (),
    "website": "",
    "erasmus_code": "",
    "agreement_start": None,
    "agreement_end": None,
    "campuses": (),
    "lat": float("nan"),
    "lon": float("nan"),
    "geo_precision": "",
    "geo_source": "",
    "street": "",
    "postcode": "",
    "rejected": "",
    "agreement_start_date": None,
    "agreement_end_date": None,
}


@dataclass
class _Outcome:
    record: dict
    line: int
    rejection: tuple[str | None, str, str | None] | None = None  # (column as written, message, value)
    warnings: list[tuple[str | None, str, str | None]] = field(default_factory=list)


def read_partner_rows(
    path: str | Path,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    require_tier: bool = True,
) -> tuple[pd.DataFrame, FileReport]:
    """Every input row in input order, normalised, with a "rejected" reason ("" when loaded)."""
    report = FileReport(str(path), "partners")
    required = ("name", "country", "tier") if require_tier else ("name", "country")
    checked = read_checked_table(path, report, "partners", required, max_bytes=max_bytes)
    if checked is None:
        return _frame([]), report
    table, columns = checked
    outcomes = _normalise_rows(table, columns, require_tier)
    report.rows_read = len(outcomes)
    for outcome in outcomes:
        if outcome.rejection:
            column, message, value = outcome.rejection
            outcome.record["rejected"] = message
            report.reject(outcome.line, column, message, value)
        else:
            report.rows_loaded += 1
            for column, message, value in outcome.warnings:
                report.warn(outcome.line, column, message, value)
    return _frame([o.record for o in outcomes]), report


def load_partners(
    path: str | Path,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    require_tier: bool = True,
) -> tuple[pd.DataFrame, FileReport]:
    """Only the loaded partners (PARTNER_COLUMNS plus street, postcode and AGREEMENT_DATES), index reset."""
    rows, report = read_partner_rows(path, max_bytes=max_bytes, require_tier=require_tier)
    loaded = rows[rows["rejected"] == ""].drop(columns="rejected").reset_index(drop=True)
    return loaded, report


def _normalise_rows(table: Table, columns: ColumnMap, require_tier: bool) -> list[_Outcome]:
    explicit_ids = (
        {row.cells[columns.positions["partner_id"]].casefold() for row in table.rows}
        if "partner_id" in columns
        else set()
    )
    countries: dict[str, tuple[str, str]] = {}
    seen: dict[tuple[str, str], int] = {}  # duplicate key -> line of the loaded row that holds it
    used_ids: set[str] = set()
    outcomes = []
    for row in table.rows:
        outcome = _normalise(row, columns, require_tier, countries)
        if outcome.rejection is None:
            keys = _duplicate_keys(outcome.record)
            _check_duplicate(outcome, columns, seen, keys)
        if outcome.rejection is None:
            _assign_id(outcome.record, explicit_ids, used_ids)
            for dup_key in keys:
                seen.setdefault(dup_key, row.line)
        outcomes.append(outcome)
    return outcomes


def _normalise(row: Row, columns: ColumnMap, require_tier: bool, countries: dict) -> _Outcome:
    cells = {name: row.cells[position] for name, position in columns.positions.items()}
    cell = lambda name: cells.get(name, "")  # noqa: E731 - read on nearly every line below
    written = columns.written.get

    record = dict(_DEFAULTS, source_line=row.line)
    outcome = _Outcome(record, row.line)
    problems: list[tuple[str | None, str, str | None]] = []  # in order of importance; the first rejects

    def invalid(name: str, error: v.Invalid, value: str | None) -> None:
        problems.append((written(error.field or name), str(error), value))

    problems.extend(row_problems(row, columns))
    for name in ("name", "city", "street", "postcode"):
        record[name] = cell(name)
    record["partner_id"] = cell("partner_id")
    if not record["name"]:
        problems.append((written("name"), "name is empty: every partner needs the institution's name", None))
    record["erasmus_code"] = v.normalise_erasmus_code(cell("erasmus_code"))

    country_text = cell("country")
    if not country_text:
        from_code = country_from_erasmus_code(record["erasmus_code"])
        if from_code:
            record["country"] = from_code
            outcome.warnings.append(
                (
                    written("country"),
                    f"country is empty: took {from_code} from the Erasmus code "
                    f"{record['erasmus_code']}; fill in the country to be sure",
                    None,
                )
            )
        else:
            problems.append((written("country"), "country is empty: write the country (ISO code or name)", None))
    else:
        try:
            match = v.parse_country(country_text)
            record["country"] = match.iso2
            if not match.exact:
                outcome.warnings.append(
                    (
                        written("country"),
                        f"guessed country {match.iso2} ({country_name(match.iso2)}) "
                        f"for {country_text!r}: correct the country if this is wrong",
                        country_text,
                    )
                )
        except v.Invalid as error:
            invalid("country", error, country_text)
    if record["country"]:
        if record["country"] not in countries:
            countries[record["country"]] = (country_name(record["country"]), continent(record["country"]))
        record["country_name"], record["region"] = countries[record["country"]]

    tier_text = cell("tier")
    if tier_text:
        try:
            record["tier"] = v.parse_tier(tier_text)
        except v.Invalid as error:
            invalid("tier", error, tier_text)
    elif require_tier:
        problems.append((written("tier"), "tier is empty: write strategic, collaboration or mobility", None))

    activities, unknown = v.parse_activities(cell("activities"))
    record["activities"] = activities
    if unknown:
        outcome.warnings.append(
            (
                written("activities"),
                f"unknown activit{'y' if len(unknown) == 1 else 'ies'} "
                f"{', '.join(repr(u) for u in unknown)} left out: accepted are {', '.join(ACTIVITIES)}",
                cell("activities"),
            )
        )
    record["networks"] = v.split_list(cell("networks"))
    record["campuses"] = v.split_list(cell("campuses"))
    try:
        record["website"] = v.normalise_website(cell("website"))
    except v.Invalid as error:
        outcome.warnings.append((written("website"), f"{error}; left empty", cell("website")))

    for year in ("agreement_start", "agreement_end"):
        try:
            record[year], record[f"{year}_date"] = v.parse_agreement_date(cell(year))
        except v.Invalid as error:
            invalid(year, error, cell(year))
    try:
        v.check_years(record["agreement_start"], record["agreement_end"])
        v.check_dates(record["agreement_start_date"], record["agreement_end_date"])
    except v.Invalid as error:
        invalid("agreement_end", error, cell("agreement_end"))
    try:
        placed = v.parse_coordinates(cell("lat"), cell("lon"))
        if placed and record["country"]:
            v.check_not_swapped(*placed, record["country"])
        if placed:
            record["lat"], record["lon"] = placed
            record["geo_precision"] = record["geo_source"] = "manual"
    except v.Invalid as error:
        invalid(error.field or "lat", error, cell(error.field or "lat"))
    if problems:
        outcome.rejection = problems[0]
    return outcome


def _duplicate_keys(record: dict) -> list[tuple[str, str]]:
    # Same-named schools in different cities are different schools (Spain has many "IES Universidad Laboral").
    keys = [("name", f"{fold(record['name'])}|{record['country']}|{fold(record['city'])}")]
    if record["erasmus_code"]:
        keys.append(("erasmus_code", v.erasmus_key(record["erasmus_code"])))
    if record["partner_id"]:
        keys.append(("partner_id", record["partner_id"].casefold()))
    return keys


_DUPLICATE_WHAT = {
    "erasmus_code": "the same Erasmus code",
    "name": "the same name, city and country",
    "partner_id": "the same partner_id",
}


def _check_duplicate(outcome: _Outcome, columns: ColumnMap, seen: dict, keys: list[tuple[str, str]]) -> None:
    for dup_key in keys:
        if dup_key in seen:
            field_name = dup_key[0]
            outcome.rejection = (
                columns.written.get(field_name),
                f"duplicate of line {seen[dup_key]} ({_DUPLICATE_WHAT[field_name]}): "
                "remove this row or merge it into that one",
                outcome.record[field_name],
            )
            return


def _assign_id(record: dict, explicit_ids: set[str], used_ids: set[str]) -> None:
    """A stable id from the content: the Erasmus code ("nl-rotterd03"), else a slug of name and country."""
    if not record["partner_id"]:
        base = (
            v.partner_id_from_code(record["erasmus_code"])
            or v.partner_id_from_name(record["name"], record["country"])
            or "partner"
        )
        candidate, number = base, 1
        while candidate in explicit_ids or candidate in used_ids:
            number += 1
            candidate = f"{base}-{number}"
        record["partner_id"] = candidate
    used_ids.add(record["partner_id"].casefold())


def _frame(records: list[dict]) -> pd.DataFrame:
    frame = (
        pd.DataFrame.from_records(records, columns=ROW_COLUMNS)
        if records
        else pd.DataFrame({c: pd.Series(dtype="object") for c in ROW_COLUMNS})
    )
    for year in ("agreement_start", "agreement_end"):
        frame[year] = pd.array(frame[year].tolist(), dtype="Int64")
    for day in AGREEMENT_DATES:
        frame[day] = pd.to_datetime(pd.Series(frame[day].tolist(), index=frame.index, dtype="object"))
    for coordinate in ("lat", "lon"):
        frame[coordinate] = frame[coordinate].astype("float64")
    frame["source_line"] = frame["source_line"].astype("int64")
    return frame
