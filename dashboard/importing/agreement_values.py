"""Cell values of an agreements list, as Mobility-Online, MoveON, EWP and people write them, in the data model's form.

Each parser returns the clean value or raises values.Invalid with what is wrong and what to write instead.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from dashboard import isced
from dashboard.importing import values as v
from dashboard.model import AGREEMENT_STATUSES, EQF_LEVELS, MOBILITY_TYPES


def _table(aliases: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """Folded spelling -> canonical value, the canonical value itself included."""
    return {v.key(word): canonical for canonical, words in aliases.items() for word in (canonical, *words)}


MOBILITY_TYPE_ALIASES = _table(
    {
        "student_studies": (
            "sms",
            "studies",
            "study",
            "student studies",
            "student mobility for studies",
            "studentenmobiliteit studie",
            "studentenmobiliteit voor studie",
            "studie",
            "studeren",
            "student exchange",
            "studentenuitwisseling",
            "student-studies-mobility-spec",
            "semester abroad",
            "mobilité d'études",
        ),
        "student_traineeship": (
            "smt",
            "smp",
            "traineeship",
            "traineeships",
            "student traineeship",
            "student mobility for traineeships",
            "internship",
            "internships",
            "placement",
            "placements",
            "stage",
            "stages",
            "studentenstage",
            "studentenmobiliteit voor stage",
            "student-traineeship-mobility-spec",
            "mobilité de stage",
        ),
        "staff_teaching": (
            "sta",
            "teaching",
            "staff teaching",
            "teaching assignment",
            "staff mobility for teaching",
            "lesgeven",
            "docentenmobiliteit",
            "personeelsmobiliteit voor lesgeven",
            "gastcollege",
            "staff-teacher-mobility-spec",
            "mobilité d'enseignement",
        ),
        "staff_training": (
            "stt",
            "training",
            "staff training",
            "staff mobility for training",
            "opleiding",
            "nascholing",
            "personeelsmobiliteit voor opleiding",
            "personeelsmobiliteit opleiding",
            "staff week",
            "job shadowing",
            "staff-training-mobility-spec",
            "mobilité de formation",
        ),
    }
)
LEVEL_ALIASES = _table(
    {
        "5": (
            "eqf5",
            "eqf 5",
            "level 5",
            "short cycle",
            "short-cycle",
            "shortcycle",
            "associate degree",
            "graduaat",
            "hbo5",
            "kort programma",
            "cycle court",
        ),
        "6": (
            "eqf6",
            "eqf 6",
            "level 6",
            "bachelor",
            "bachelors",
            "bachelor's",
            "first cycle",
            "1st cycle",
            "ba",
            "professionele bachelor",
            "academische bachelor",
            "licence",
            "premier cycle",
        ),
        "7": (
            "eqf7",
            "eqf 7",
            "level 7",
            "master",
            "masters",
            "master's",
            "second cycle",
            "2nd cycle",
            "ma",
            "deuxième cycle",
        ),
        "8": (
            "eqf8",
            "eqf 8",
            "level 8",
            "doctoral",
            "doctorate",
            "phd",
            "third cycle",
            "3rd cycle",
            "doctoraat",
            "doctorat",
            "troisième cycle",
        ),
    }
)
STATUS_ALIASES = _table(
    {
        "draft": (
            "concept",
            "ontwerp",
            "proposal",
            "proposed",
            "voorstel",
            "in preparation",
            "in voorbereiding",
            "brouillon",
            "pending",
            "in progress",
        ),
        "signed": ("signed", "ondertekend", "approved", "goedgekeurd", "signé", "approuvé", "signed by both"),
        "in_effect": (
            "in effect",
            "in-effect",
            "active",
            "actief",
            "lopend",
            "valid",
            "geldig",
            "current",
            "running",
            "en vigueur",
            "actif",
            "true",
        ),
        "terminated": (
            "terminated",
            "beëindigd",
            "beeindigd",
            "stopgezet",
            "opgezegd",
            "cancelled",
            "canceled",
            "ended",
            "résilié",
            "resilie",
            "terminated as a whole",
        ),
    }
)
BOOLEAN_ALIASES = _table(
    {
        "yes": ("y", "true", "1", "ja", "j", "oui", "x"),
        "no": ("n", "false", "0", "nee", "neen", "non"),
    }
)
LANGUAGE_NAMES = _table(
    {
        "en": ("english", "engels", "anglais"),
        "nl": ("dutch", "nederlands", "néerlandais", "flemish", "vlaams"),
        "fr": ("french", "frans", "français"),
        "de": ("german", "duits", "allemand"),
        "es": ("spanish", "spaans", "espagnol"),
        "it": ("italian", "italiaans", "italien"),
        "pt": ("portuguese", "portugees", "portugais"),
        "fi": ("finnish", "fins", "finnois"),
        "sv": ("swedish", "zweeds", "suédois"),
        "pl": ("polish", "pools", "polonais"),
        "cs": ("czech", "tsjechisch", "tchèque"),
        "da": ("danish", "deens", "danois"),
        "no": ("norwegian", "noors", "norvégien"),
        "hu": ("hungarian", "hongaars", "hongrois"),
        "el": ("greek", "grieks", "grec"),
        "tr": ("turkish", "turks", "turc"),
    }
)


def _choose(text: str, table: dict[str, str], field: str, allowed: tuple[str, ...]) -> str:
    found = table.get(v.key(text))
    if found is None:
        problem = f"unknown {field} {text!r}" if text else f"{field} is empty"
        raise v.Invalid(f"{problem}: write {', '.join(allowed[:-1])} or {allowed[-1]}")
    return found


CEFR = ("A1", "A2", "B1", "B2", "C1", "C2")
MAX_PLACES = 1000  # more places a year in one condition than a whole faculty sends is a typo
MAX_MONTHS, MAX_DAYS = MAX_PLACES * 12, MAX_PLACES * 365  # totals over all places
_LEVEL_SEPARATORS = re.compile(r"\s*[;,|/+&]\s*|\s+(?:and|en|et)\s+")
_CODE = re.compile(r"^(\d{1,4})(?:\s*[-:.]?\s+(.*))?$")
_LANGUAGE_ITEM = re.compile(r"^(.+?)(?:\s*[:\-\s(]\s*([ABC][12])\)?)?(?:\s*[-/]\s*[ABC][12])?$", re.IGNORECASE)
_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$|^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$")


def parse_mobility_type(text: str) -> str:
    return _choose(
        text,
        MOBILITY_TYPE_ALIASES,
        "mobility_type",
        (*MOBILITY_TYPES[:-1], f"{MOBILITY_TYPES[-1]} (or SMS, SMT/SMP, STA, STT)"),
    )


def parse_status(text: str) -> str:
    """The agreement's status; empty means in effect (an office lists the agreements it has)."""
    if not text:
        return "in_effect"
    return _choose(text, STATUS_ALIASES, "status", AGREEMENT_STATUSES)


def parse_blended(text: str) -> bool | None:
    if not text:
        return None
    return _choose(text, BOOLEAN_ALIASES, "blended", ("yes", "no")) == "yes"


def parse_levels(text: str) -> tuple[int, ...]:
    """EQF levels 5-8 from "6;7", "EQF 7", "Bachelor / Master" or "bachelor en master", in ascending order."""
    found: set[int] = set()
    for item in (i for i in _LEVEL_SEPARATORS.split(text) if i):
        level = LEVEL_ALIASES.get(v.key(item))
        if level is None:
            raise v.Invalid(
                f"unknown study level {item!r}: write EQF levels 5 to 8 (5 short cycle, 6 bachelor, "
                "7 master, 8 doctoral), several separated by ;"
            )
        found.add(int(level))
    return tuple(level for level in EQF_LEVELS if level in found)


def parse_fields(text: str) -> tuple[tuple[str, ...], list[str]]:
    """ISCED-F codes from "0913;0923", "0913 Nursing and midwifery" or a field's name; and warnings.

    Excel drops leading zeros ("913" for 0913): a code that is unknown as written but known with a zero in front
    is read that way, with a warning.
    """
    codes: list[str] = []
    warnings: list[str] = []
    for item in v.split_list(text) if ";" in text or "|" in text else _comma_items(text):
        code = _field_code(item, warnings)
        if code not in codes:
            codes.append(code)
    return tuple(codes), warnings


def _comma_items(text: str) -> tuple[str, ...]:
    # A field's name may hold a comma ("Fashion, interior and industrial design"): split on commas only
    # between codes.
    if text and isced.code_for_name(text):
        return (text,)
    return v.split_list(text)


def _field_code(item: str, warnings: list[str]) -> str:
    match = _CODE.match(item)
    if match:
        code = match.group(1)
        if isced.is_field(code):
            return code
        if isced.is_field("0" + code):
            warnings.append(
                f"ISCED code {code!r} read as 0{code} (a spreadsheet drops the leading zero: format the column as text)"
            )
            return "0" + code
        raise v.Invalid(
            f"unknown ISCED-F 2013 code {code!r}: write a broad (04), narrow (041) or detailed (0413) "
            f"field code{_near_codes(code)}"
        )
    code = isced.code_for_name(item)
    if code is None:
        raise v.Invalid(
            f"unknown field of study {item!r}: write an ISCED-F 2013 code such as 0913, or the field's "
            "English, Dutch or French name"
        )
    return code


def _near_codes(code: str) -> str:
    for length in (3, 2):
        near = [c for c in isced.catalogue() if len(c) == len(code) and c.startswith(code[:length])]
        if near:
            return f" (known codes near it: {', '.join(near[:6])})"
    return ""


def parse_languages(text: str) -> tuple[str, ...]:
    """("en:B2", "nl:B1") from "en:B2;nl:B1", "English B2", "Engels (B2)" or "en"; the level may be left out."""
    skills: list[str] = []
    for item in v.split_list(text):
        match = _LANGUAGE_ITEM.match(item.strip())
        name, level = (match.group(1).strip(), match.group(2)) if match else (item, None)
        code = _language_code(name)
        if code is None:
            raise v.Invalid(
                f"unknown language {name!r}: write languages as code:level, such as en:B2;nl:B1 "
                "(ISO 639-1 code, CEFR level A1 to C2)"
            )
        skill = f"{code}:{level.upper()}" if level else code
        if skill not in skills:
            skills.append(skill)
    return tuple(skills)


def _language_code(name: str) -> str | None:
    folded = v.key(name)
    if folded in LANGUAGE_NAMES:
        return LANGUAGE_NAMES[folded]
    if re.fullmatch(r"[a-z]{2}", folded):
        return folded
    import pycountry

    try:
        language = pycountry.languages.lookup(name)
    except LookupError:
        return None
    return getattr(language, "alpha_2", None)


def parse_amount(text: str, field: str, limit: float, *, whole: bool) -> float | None:
    """Places (whole) or months/days (a half month is fine) per year; None when empty (not yet defined)."""
    if not text:
        return None
    try:
        value = float(text.replace(",", ".")) if re.fullmatch(r"\d+(?:[.,]\d+)?", text) else None
    except ValueError:
        value = None
    if value is None:
        raise v.Invalid(f"{field} {text!r} is not a number: write it in digits (0 or more), or leave it empty")
    if whole and not value.is_integer():
        raise v.Invalid(f"{field} {text!r} is not a whole number: places are counted in whole people")
    if value > limit:
        raise v.Invalid(f"{field} {text!r} is more than {limit:g} a year: check for a typo")
    return value


def parse_agreement_year(text: str, *, end: bool) -> int | None:
    """The first calendar year of the academic year a date or year names; None when empty.

    "2021-2022", "2021/22": that academic year. "2021": the academic year that starts in 2021. A date: a start
    from June on opens that year's academic year, an end before October closes the previous one
    (valid until 2028-08-31 is 2027-2028).
    """
    if not text:
        return None
    try:
        return v.parse_academic_year(text)[1]
    except v.Invalid:
        pass
    if re.fullmatch(r"\d{4}", text):
        return int(text)
    moment = _date(text)
    if moment is None:
        raise v.Invalid(
            f"cannot read an academic year or a date in {text!r}: write 2023-2024, 2023 or a date such as 2023-09-01"
        )
    if end:
        return moment.year if moment.month >= 10 else moment.year - 1
    return moment.year if moment.month >= 6 else moment.year - 1


def _date(text: str) -> date | None:
    match = _DATE.match(text)
    try:
        if match and match.group(1):
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        if match:
            return date(int(match.group(6)), int(match.group(5)), int(match.group(4)))  # day first, as in Europe
    except ValueError:
        return None
    if re.fullmatch(r"\d{5}(\.0+)?", text):
        return v.EXCEL_EPOCH + timedelta(days=int(float(text)))
    return None
