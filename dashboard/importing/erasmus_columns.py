"""The columns of the European Commission's Erasmus+ KA1 mobility files, and what their cells mean.

The Commission renamed columns between call years ("Participants" / "Actual Participants", "Sending Country Code"
"BE" / "Sending Country" "BE - Belgium", "Organization" / "Organisation"); every published name is accepted.
Cells hold "-" or "???" where a value is unknown.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from dashboard.countries import to_iso2
from dashboard.importing import values as v
from dashboard.importing.headers import header_key

# Our field name -> the headers the Commission has published for it.
ERASMUS_ALIASES: dict[str, tuple[str, ...]] = {
    "project": ("Project Reference", "Project Ref"),
    "academic_year": ("Academic Year",),
    "start_month": ("Mobility Start Month", "Mobility Start Date"),
    "end_month": ("Mobility End Month", "Mobility End Date"),
    "days": (
        "Mobility Duration",
        "Mobility Duration - calendar days",
        "Mobility Duration - Calendar Days",
        "Mobility Duration (calendar days)",
        "Duration (days)",
    ),
    "activity": ("Activity (mob)", "Activity", "Mobility Activity", "Activity Type"),
    "field": ("Field of Education", "Field Of Education", "Field of Education (ISCED)"),
    "profile": ("Participant Profile",),
    "participants": (
        "Participants",
        "Actual Participants",
        "Actual Participants (Contracted Projects)",
        "Number of Participants",
    ),
    **{
        f"{side}_{part}": names
        for side, title in (("sending", "Sending"), ("receiving", "Receiving"))
        for part, names in (
            ("country", (f"{title} Country Code", f"{title} Country")),
            ("city", (f"{title} City",)),
            (
                "name",
                (
                    f"{title} Organization",
                    f"{title} Organisation",
                    f"{title} Organization Name",
                    f"{title} Organisation Name",
                ),
            ),
            (
                "code",
                (
                    f"{title} Organisation Erasmus Code",
                    f"{title} Organization Erasmus Code",
                    f"{title} Erasmus Code",
                    f"{title} Organisation Erasmus code",
                ),
            ),
        )
    },
}
# Published columns the mobility model has no place for: read without a warning, not used.
KNOWN_UNUSED = (
    "Participant Nationality",
    "Education Level",
    "Participant Gender",
    "Special Needs",
    "Fewer Opportunities",
    "GroupLeader",
    "Group Leader",
    "Participant Age",
)
REQUIRED = ("participants", "sending_code", "receiving_code")
# One of each pair must be there: the year (or the month it is read from), who took part, how long.
REQUIRED_ONE_OF = (("academic_year", "start_month"), ("profile", "activity"), ("days", "start_month", "activity"))

# Stays of 60 days or more are a semester (the Commission's long-term study mobility starts at two months);
# shorter ones (blended intensive programmes, staff weeks, short doctoral stays) are short-term.
SEMESTER_DAYS = 60
# An academic year runs from September to August: a mobility starting in August belongs to the year ending.
ACADEMIC_YEAR_START_MONTH = 9

_INDEX = {header_key(alias): name for name, aliases in ERASMUS_ALIASES.items() for alias in aliases}
_UNUSED = {header_key(name) for name in KNOWN_UNUSED}
UNKNOWN_MARKERS = frozenset({"", "-", "--", "?", "??", "???", "n/a", "na", "unknown", "not available"})


def field_of(header: str) -> str | None:
    return _INDEX.get(header_key(header))


def is_known_unused(header: str) -> bool:
    return header_key(header) in _UNUSED


def header_score(cells) -> int:
    """How many cells of a row are published Erasmus+ column names: picks the header row of a sheet."""
    return sum(1 for c in cells if c and (header_key(str(c)) in _INDEX or header_key(str(c)) in _UNUSED))


def known(text: str) -> str:
    """The cell, or "" when it is one of the Commission's marks for unknown ("-", "???")."""
    return "" if text.strip().casefold() in UNKNOWN_MARKERS else text.strip()


def parse_participants(text: str) -> int:
    if not known(text):
        raise v.Invalid("the number of participants is unknown (empty, '-' or '???'): the row cannot be counted")
    if re.fullmatch(r"\d+\.0+", text):
        text = text.split(".")[0]
    return v.parse_count(text)


_STUDENT_WORDS = ("learner", "student", "pupil", "trainee", "graduate", "doctoral", "phd")
_STAFF_WORDS = ("staff", "teacher", "teaching", "trainer", "accompan", "professor", "lecturer", "employee", "invited")


def parse_participant(profile: str, activity: str) -> str:
    """student or staff, from the Participant Profile ("Learner", "Staff"), else from the Activity's wording."""
    for text in (known(profile), known(activity)):
        lowered = text.casefold()
        # "Staff mobility for training" names staff; "Student mobility for traineeships" names a student.
        if any(word in lowered for word in _STAFF_WORDS) and not lowered.startswith(_STUDENT_WORDS):
            return "staff"
        if any(word in lowered for word in _STUDENT_WORDS):
            return "student"
    raise v.Invalid(
        f"cannot tell student from staff: Participant Profile {profile!r}, Activity {activity!r}; "
        "expected a profile such as Learner or Staff"
    )


_MONTH = re.compile(r"^(\d{4})[-/.](\d{1,2})(?:[-/.]\d{1,2})?(?:[ T].*)?$|^(\d{1,2})[-/.](\d{4})$")


def parse_month(value: str) -> tuple[int, int] | None:
    """(year, month) of "2021-09", "2021/09", "09/2021", "2021-09-01" or an Excel date; None when unknown."""
    text = known(value)
    match = _MONTH.match(text)
    if not match:
        return None
    year, month = (
        (int(match.group(1)), int(match.group(2))) if match.group(1) else (int(match.group(4)), int(match.group(3)))
    )
    return (year, month) if 1 <= month <= 12 and 1950 <= year <= 2100 else None


def parse_academic_year(year_text: str, start_text: str) -> tuple[str, int]:
    """("2021-2022", 2021) from the Academic Year column, else from the month the mobility started."""
    if known(year_text):
        try:
            return v.parse_academic_year(known(year_text))
        except v.Invalid:
            if not known(start_text):
                raise
    start = parse_month(start_text)
    if start is None:
        raise v.Invalid(
            f"no academic year: Academic Year {year_text!r} and Mobility Start Month {start_text!r} are "
            "both unknown or unreadable (write the year as 2021-2022, the month as 2021-09)"
        )
    first = start[0] if start[1] >= ACADEMIC_YEAR_START_MONTH else start[0] - 1
    return f"{first}-{first + 1}", first


def parse_duration(days_text: str, start_text: str, end_text: str, activity: str) -> str:
    """semester at SEMESTER_DAYS days or more, else short_term; from the days, else the months, else the Activity."""
    days = known(days_text).replace(",", ".")
    if days:
        try:
            number = float(days)
        except ValueError:
            raise v.Invalid(f"Mobility Duration {days_text!r} is not a number of days") from None
        if number < 0:
            raise v.Invalid(f"Mobility Duration {days_text!r} is negative")
        return "semester" if number >= SEMESTER_DAYS else "short_term"
    start, end = parse_month(start_text), parse_month(end_text)
    if start and end:
        # Whole months from the first to the last: two calendar months apart is about 60 days or more.
        months = (end[0] - start[0]) * 12 + end[1] - start[1] + 1
        return "semester" if months > 2 else "short_term"
    lowered = known(activity).casefold()
    if any(word in lowered for word in ("short-term", "short term", "blended", "intensive", "staff")):
        return "short_term"
    if any(word in lowered for word in ("long-term", "long term", "studies", "semester")):
        return "semester"
    raise v.Invalid(
        f"no duration: Mobility Duration {days_text!r} is unknown and the months ({start_text!r} to "
        f"{end_text!r}) and the Activity {activity!r} do not tell it"
    )


def parse_country(text: str) -> str:
    """ISO-2 from "BE", "EL", "UK" or "BE - Belgium"; "" when unknown."""
    value = known(text)
    if not value:
        return ""
    head = re.split(r"\s+-\s+", value, maxsplit=1)[0]
    for candidate in (head, value):
        match = to_iso2(candidate)
        if match is not None and match.exact:
            return match.iso2
    return ""


def cell_text(value: object) -> str:
    """A workbook value as text: whole floats without ".0", dates as YYYY-MM-DD."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (datetime, date)):
        return value.strftime("%Y-%m-%d")
    return str(value)
