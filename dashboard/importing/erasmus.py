"""Mobility flows from the Commission's Erasmus+ KA1 files, for the institutions we name by Erasmus code.

Every input row is accounted for: used (added to a flow), skipped because neither side is ours (counted), or
rejected with its file, sheet, row and reason. A row whose sending organisation is ours is outgoing, whose
receiving one is ours is incoming; the other side is the partner, matched to the partner list by Erasmus code,
else by name and city, else added as a new partner of tier mobility.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from tqdm import tqdm

from dashboard.countries import country_from_erasmus_code
from dashboard.folding import fold
from dashboard.importing import values as v
from dashboard.importing.erasmus_columns import (
    REQUIRED,
    REQUIRED_ONE_OF,
    field_of,
    is_known_unused,
    known,
    parse_academic_year,
    parse_country,
    parse_duration,
    parse_participant,
    parse_participants,
)
from dashboard.importing.erasmus_sheets import Sheet, SheetError, open_sheets
from dashboard.importing.reading import clean_cell
from dashboard.report import Problem


@dataclass
class SheetReport:
    """What happened to the rows of one sheet: rows read = used + not ours + rejected."""

    where: str
    rows_read: int = 0
    used: int = 0
    not_ours: int = 0
    rejected: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def accounted(self) -> bool:
        return self.used + self.not_ours + len(self.rejected) == self.rows_read

    def reject(self, line: int, column: str | None, message: str, value: str | None = None) -> None:
        self.rejected.append(Problem(self.where, line, column, message, value or None))

    def summary(self) -> str:
        return (
            f"{self.where}: {self.rows_read:,} rows read = {self.used:,} used + {self.not_ours:,} not ours + "
            f"{len(self.rejected):,} rejected"
        )


@dataclass
class PartnerSeen:
    """The partner side of the rows that name one organisation, as the files spell it."""

    code: str
    names: Counter = field(default_factory=Counter)
    cities: Counter = field(default_factory=Counter)
    countries: Counter = field(default_factory=Counter)
    participants: set = field(default_factory=set)

    def best(self, counter: Counter) -> str:
        return counter.most_common(1)[0][0] if counter else ""


@dataclass
class ErasmusImport:
    """Flows keyed by (academic_year, year, partner key, direction, participant, duration, campus) -> count."""

    flows: Counter = field(default_factory=Counter)
    partners: dict[tuple, PartnerSeen] = field(default_factory=dict)
    sheets: list[SheetReport] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # whole files or sheets that could not be read
    notes: list[str] = field(default_factory=list)  # sheets passed over, encodings guessed
    fields_of_education: Counter = field(default_factory=Counter)

    @property
    def rows_read(self) -> int:
        return sum(s.rows_read for s in self.sheets)


def ours_table(institutions: Iterable[str]) -> dict[str, str]:
    """{erasmus key: campus group} from "B LEUVEN18" or "B HASSELT20=Limburg" (a campus group for its flows)."""
    table = {}
    for item in institutions:
        code, _, campus = item.partition("=")
        if code.strip():
            table[v.erasmus_key(code)] = campus.strip()
    return table


def read_erasmus(paths: Iterable[str | Path], institutions: Iterable[str], *, progress: bool = False) -> ErasmusImport:
    """Read every sheet of every file and aggregate the flows of our institutions."""
    ours = ours_table(institutions)
    result = ErasmusImport()
    for path in paths:
        try:
            with open_sheets(path) as (sheets, notes):
                result.notes += notes
                for sheet in sheets:
                    report = SheetReport(sheet.where)
                    result.sheets.append(report)
                    _read_sheet(sheet, ours, result, report, progress)
        except SheetError as error:
            result.errors.append(str(error))
    return result


def _columns(sheet: Sheet, report: SheetReport) -> dict[str, int] | None:
    positions: dict[str, int] = {}
    unknown = []
    for position, written in enumerate(sheet.header):
        name = field_of(written) if written else None
        if name is not None and name not in positions:
            positions[name] = position
        elif written and name is None and not is_known_unused(written):
            unknown.append(written)
    missing = [name for name in REQUIRED if name not in positions]
    missing += [" or ".join(group) for group in REQUIRED_ONE_OF if not any(g in positions for g in group)]
    if missing:
        report.warnings.append(
            f"missing column(s) {', '.join(missing)} on row {sheet.header_line}: the sheet is "
            f"not read (columns found: {', '.join(h for h in sheet.header if h)})"
        )
        return None
    if unknown:
        report.warnings.append("ignored column(s) not in the Commission's layout: " + ", ".join(map(repr, unknown)))
    return positions


def _read_sheet(sheet: Sheet, ours: dict[str, str], result: ErasmusImport, report: SheetReport, progress: bool) -> None:
    positions = _columns(sheet, report)
    if positions is None:
        result.errors.append(f"{sheet.where}: {report.warnings[-1]}")
        return
    header = sheet.header
    total = max((sheet.total_rows or 0) - sheet.header_line, 0) or None
    bar = tqdm(
        sheet.rows,
        total=total,
        desc=f"Reading {sheet.name or Path(sheet.file).name}",
        unit="row",
        file=sys.stderr,
        disable=not (progress and sys.stderr.isatty()),
        mininterval=0.5,
    )
    get = dict(positions.items())
    width = len(header)
    sending_code, receiving_code = get["sending_code"], get["receiving_code"]
    for line, cells in bar:
        if not any(cells):
            continue  # blank rows are no mobility
        if len(cells) < width:
            cells = cells + ("",) * (width - len(cells))
        report.rows_read += 1
        sending = ours.get(v.erasmus_key(cells[sending_code])) if cells[sending_code] else None
        receiving = ours.get(v.erasmus_key(cells[receiving_code])) if cells[receiving_code] else None
        if sending is None and receiving is None:
            report.not_ours += 1
            continue
        if sending is not None and receiving is not None:
            report.reject(
                line,
                header[receiving_code],
                "both the sending and the receiving organisation are ours: "
                "a mobility inside the institution has no partner",
                cells[receiving_code],
            )
            continue
        _use_row(
            line,
            cells,
            get,
            header,
            "outgoing" if sending is not None else "incoming",
            sending if sending is not None else receiving or "",  # one of the two is ours (checked above)
            result,
            report,
        )


def _use_row(
    line: int,
    cells: tuple[str, ...],
    get: dict[str, int],
    header: tuple[str, ...],
    direction: str,
    campus: str,
    result: ErasmusImport,
    report: SheetReport,
) -> None:
    def cell(name: str) -> str:
        return clean_cell(cells[get[name]]) if name in get else ""

    def column(*names: str) -> str | None:
        return " / ".join(header[get[n]] for n in names if n in get) or None

    side = "receiving" if direction == "outgoing" else "sending"
    steps = (
        (("participants",), lambda: parse_participants(cell("participants"))),
        (("academic_year", "start_month"), lambda: parse_academic_year(cell("academic_year"), cell("start_month"))),
        (("profile", "activity"), lambda: parse_participant(cell("profile"), cell("activity"))),
        (
            ("days", "start_month", "end_month"),
            lambda: parse_duration(cell("days"), cell("start_month"), cell("end_month"), cell("activity")),
        ),
    )
    parsed: list[Any] = []  # each step's own type: count, (academic year, year), participant, duration
    for names, parse in steps:
        try:
            parsed.append(parse())
        except v.Invalid as error:
            report.reject(line, column(*names), str(error), " / ".join(cell(n) for n in names if cell(n)))
            return
    count, (academic_year, year), participant, duration = parsed
    code = v.normalise_erasmus_code(known(cell(f"{side}_code")))
    name, city = known(cell(f"{side}_name")), known(cell(f"{side}_city"))
    country = parse_country(cell(f"{side}_country")) or country_from_erasmus_code(code) or ""
    if not country:
        report.reject(
            line,
            column(f"{side}_country"),
            f"the {side} organisation's (the partner's) country is unknown and its Erasmus code does not tell it",
            cell(f"{side}_country"),
        )
        return
    if not code and not name:
        report.reject(
            line,
            column(f"{side}_code", f"{side}_name"),
            f"the {side} organisation (the partner) has neither an Erasmus code nor a name",
        )
        return
    key = ("code", v.erasmus_key(code)) if code else ("name", fold(name), fold(city), country)
    seen = result.partners.get(key)
    if seen is None:
        seen = result.partners[key] = PartnerSeen(code)
    if name:
        seen.names[name] += count or 1
    if city:
        seen.cities[city] += count or 1
    if country:
        seen.countries[country] += 1
    seen.participants.add(participant)
    field_text = known(cell("field"))
    if field_text:
        result.fields_of_education[field_text] += count
    result.flows[(academic_year, year, key, direction, participant, duration, campus)] += count
    report.used += 1


def flows_frame(result: ErasmusImport, partner_ids: dict[tuple, str]) -> pd.DataFrame:
    """The flows as mobility.csv rows, summed once more where two partner keys turned out to be one partner."""
    summed: Counter = Counter()
    for (academic_year, year, key, direction, participant, duration, campus), count in result.flows.items():
        summed[(academic_year, year, partner_ids[key], direction, participant, duration, campus)] += count
    columns = ["academic_year", "year", "partner_id", "direction", "participant", "duration", "campus", "count"]
    frame = pd.DataFrame([(*k, c) for k, c in summed.items()], columns=columns)
    return frame.sort_values(columns[:7], kind="stable").reset_index(drop=True)
