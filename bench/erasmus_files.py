"""Generated files in the layout of the Commission's Erasmus+ KA1 mobility datasets, for the benchmark and tests.

Two header layouts, as published: the older one ("Mobility Duration - calendar days", "Sending Country" written
"BE - Belgium", "Organisation", "Actual Participants") and the newer one ("Mobility Duration", "Sending Country
Code", "Organization", "Participants"). Every generated row comes with what it should become (a Ledger entry), so a
test can check the importer's accounting against the generator's own bookkeeping.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass, field
from pathlib import Path

COMMON = ("Project Reference", "Academic Year", "Mobility Start Month", "Mobility End Month")
TAIL = (
    "Activity (mob)",
    "Field of Education",
    "Participant Nationality",
    "Education Level",
    "Participant Gender",
    "Participant Profile",
    "Special Needs",
    "Fewer Opportunities",
    "GroupLeader",
    "Participant Age",
)
LAYOUTS = {
    "old": (
        *COMMON,
        "Mobility Duration - calendar days",
        *TAIL,
        *(
            f"{side} {part}"
            for side in ("Sending", "Receiving")
            for part in ("Country", "City", "Organisation", "Organisation Erasmus Code")
        ),
        "Actual Participants",
    ),
    "new": (
        *COMMON,
        "Mobility Duration",
        *TAIL,
        *(
            f"{side} {part}"
            for side in ("Sending", "Receiving")
            for part in ("Country Code", "City", "Organization", "Organisation Erasmus Code")
        ),
        "Participants",
    ),
}
COUNTRIES = {
    "BE": "Belgium",
    "NL": "Netherlands",
    "DE": "Germany",
    "FR": "France",
    "ES": "Spain",
    "IT": "Italy",
    "FI": "Finland",
    "PL": "Poland",
    "PT": "Portugal",
    "EL": "Greece",
    "CZ": "Czechia",
    "AT": "Austria",
}
PREFIX = {
    "BE": "B",
    "NL": "NL",
    "DE": "D",
    "FR": "F",
    "ES": "E",
    "IT": "I",
    "FI": "SF",
    "PL": "PL",
    "PT": "P",
    "EL": "G",
    "CZ": "CZ",
    "AT": "A",
}
CITIES = {
    "BE": ("Gent", "Antwerpen", "Brussel"),
    "NL": ("Groningen", "Utrecht", "Delft"),
    "DE": ("Berlin", "Aachen", "Köln"),
    "FR": ("Lille", "Toulouse", "Lyon"),
    "ES": ("Valencia", "Madrid", "Vigo"),
    "IT": ("Bologna", "Milano", "Torino"),
    "FI": ("Tampere", "Vantaa", "Turku"),
    "PL": ("Kraków", "Łódź", "Warszawa"),
    "PT": ("Porto", "Lisboa", "Braga"),
    "EL": ("Athina", "Patra", "Irakleio"),
    "CZ": ("Praha", "Brno", "Ostrava"),
    "AT": ("Wien", "Graz", "Linz"),
}
ACTIVITIES = (
    ("Student mobility for studies between Programme Countries", "Learner", "student", 150),
    ("Student mobility for traineeships between Programme Countries", "Learner", "student", 90),
    ("Staff mobility for teaching between Programme Countries", "Staff", "staff", 5),
    ("Staff mobility for training between Programme Countries", "Staff", "staff", 4),
    ("Blended Intensive Programme", "Learner", "student", 7),
)
FIELDS = (
    "Business and administration, not further defined",
    "Nursing and midwifery",
    "Teacher training without subject specialisation",
    "Engineering and engineering trades, not further defined",
)
OURS = {"B LEUVEN18": ("UC Leuven-Limburg", "Leuven"), "B HASSELT20": ("UC Leuven-Limburg", "Diepenbeek")}


@dataclass
class Ledger:
    """What the importer should make of the generated rows."""

    used: int = 0
    not_ours: int = 0
    rejected: int = 0
    people: dict[tuple[str, str, str], int] = field(default_factory=dict)  # (direction, participant, duration)
    partner_codes: set = field(default_factory=set)

    def add(self, direction: str, participant: str, duration: str, count: int, partner_code: str) -> None:
        key = (direction, participant, duration)
        self.people[key] = self.people.get(key, 0) + count
        self.partner_codes.add(partner_code)
        self.used += 1


def _organisations(rng: random.Random, count: int) -> list[tuple[str, str, str, str]]:
    """(country, city, name, code) of made-up partner institutions."""
    found = []
    for number in range(count):
        country = rng.choice(tuple(COUNTRIES))
        city = rng.choice(CITIES[country])
        code = f"{PREFIX[country]} {city.upper().replace('Ł', 'L').replace('Ó', 'O').replace('Ö', 'O')[:7]}{number:02d}"
        found.append((country, city, f"University of {city} {number}", code))
    return found


def generate(
    rows: int,
    layout: str,
    *,
    seed: int = 13,
    ours_share: float = 0.02,
    odd_share: float = 0.0,
    ledger: Ledger | None = None,
    first_year: int = 2021,
) -> list[tuple]:
    """`rows` rows of one layout; about ours_share of them ours, odd_share of them carrying a fault to reject."""
    rng = random.Random(seed)
    ledger = ledger if ledger is not None else Ledger()
    organisations = _organisations(rng, 400)
    out = []
    for number in range(rows):
        activity, profile, participant, typical_days = rng.choice(ACTIVITIES)
        days = max(2, int(rng.gauss(typical_days, typical_days / 4)))
        year = first_year + rng.randrange(2)
        month = rng.choice((9, 10, 2, 3, 6))
        start_year = year if month >= 9 else year + 1
        end_month = (month - 1 + max(days // 30, 0)) % 12 + 1
        end_year = start_year + (month - 1 + days // 30) // 12
        count = rng.choice((1, 1, 1, 2, 3, 5))
        sending, receiving = rng.choice(organisations), rng.choice(organisations)
        direction = None
        if rng.random() < ours_share:
            code = rng.choice(tuple(OURS))
            name, city = OURS[code]
            direction = rng.choice(("outgoing", "incoming"))
            mine = ("BE", city, name, code)
            sending, receiving = (mine, receiving) if direction == "outgoing" else (sending, mine)
        cells = {
            "year": f"{year}-{year + 1}",
            "start": f"{start_year}-{month:02d}",
            "end": f"{end_year}-{end_month:02d}",
            "days": str(days),
            "profile": profile,
            "count": str(count),
        }
        fault = direction is not None and rng.random() < odd_share
        if fault:
            broken = rng.choice(("count", "profile", "year"))
            cells[broken] = rng.choice(("-", "???"))
            if broken == "year":
                cells["start"] = "???"
            if broken == "profile":
                activity = "-"
            ledger.rejected += 1
        elif direction is None:
            ledger.not_ours += 1
        else:
            partner = receiving if direction == "outgoing" else sending
            ledger.add(direction, participant, "semester" if days >= 60 else "short_term", count, partner[3])
        out.append(_row(layout, number, cells, activity, rng, sending, receiving))
    return out


def _row(layout: str, number: int, cells: dict, activity: str, rng: random.Random, sending, receiving) -> tuple:
    def side(org):
        country, city, name, code = org
        shown_country = f"{country} - {COUNTRIES[country]}" if layout == "old" else country
        return (shown_country, city, name, code)

    return (
        f"2021-1-BE02-KA131-HED-{number:06d}",
        cells["year"],
        cells["start"],
        cells["end"],
        cells["days"],
        activity,
        rng.choice(FIELDS),
        rng.choice(tuple(COUNTRIES)),
        "ISCED-6 - First cycle / Bachelor's or equivalent",
        rng.choice(("Female", "Male", "Undefined")),
        cells["profile"],
        "No",
        rng.choice(("No", "Yes", "-")),
        "No",
        str(rng.randrange(19, 60)),
        *side(sending),
        *side(receiving),
        cells["count"],
    )


def write_xlsx(path: Path, sheets: dict[str, tuple[tuple[str, ...], list[tuple]]], cover: bool = True) -> Path:
    """A workbook with a cover sheet (as the Commission's have) and one sheet per (header, rows)."""
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    if cover:
        notes = workbook.create_sheet("About")
        notes.append(["Erasmus+ KA1 learning mobility of individuals (generated for tests)"])
        notes.append(["Licence: CC BY 4.0"])
    for title, (header, rows) in sheets.items():
        sheet = workbook.create_sheet(title)
        sheet.append(list(header))
        for row in rows:
            sheet.append([int(c) if c.isdigit() and i in _NUMERIC else c for i, c in enumerate(row)])
        del sheet
    workbook.save(path)
    return path


_NUMERIC = {4, 14, 23}  # duration in days, age and participants: numbers in the Commission's workbooks


def write_csv(path: Path, header: tuple[str, ...], rows: list[tuple]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path
