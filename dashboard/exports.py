"""The filtered partner list as CSV and XLSX, and the titles and file names of every export.

Partner names come from files anyone can edit. A cell that starts with = + - @ (or a tab or carriage return
before one) is a formula to Excel and LibreOffice, so every text cell is neutralised with a leading
apostrophe (OWASP, "CSV Injection"), and the XLSX writer stores text as text, never as a formula.
"""

from __future__ import annotations

import io
import math
import re
import unicodedata
from numbers import Number

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from dashboard.countries import country_name
from dashboard.filters import QUERY_KEYS, FilterState
from dashboard.model import Dataset

# OWASP's list of characters that make a spreadsheet cell a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
DEFAULT_LANGUAGE = "en"
MAX_FILENAME_STEM = 100
LIST_SEPARATOR = "; "

# Keys follow dashboard/components/text.py so the two catalogues can merge.
TEXT: dict[str, dict[str, str]] = {
    "en": {
        "col.name": "Partner", "col.city": "City", "col.country": "Country", "col.erasmus": "Erasmus code",
        "col.tier": "Tier", "col.activities": "Activities", "col.networks": "Networks", "col.website": "Website",
        "col.agreement_start": "Agreement from", "col.agreement_end": "Agreement until",
        "col.volume": "Mobility in filter", "col.outgoing": "Outgoing", "col.incoming": "Incoming",
        "tier.strategic": "Strategic", "tier.collaboration": "Collaboration", "tier.mobility": "Mobility",
        "activity.student_mobility": "Student mobility", "activity.staff_mobility": "Staff mobility",
        "activity.internship": "Internships", "activity.benchmarking": "Benchmarking",
        "activity.research": "Research", "activity.joint_degree": "Joint degree",
        "activity.double_degree": "Double degree", "activity.multiple_degree": "Multiple degree",
        "participant.student": "students", "participant.staff": "staff",
        "direction.outgoing": "outgoing", "direction.incoming": "incoming",
        "title": "{short_name} partners", "title.all": "all partners",
        "filter.tiers": "tier", "filter.countries": "country", "filter.regions": "region",
        "filter.activities": "activity", "filter.campuses": "campus", "filter.participants": "participant",
        "filter.directions": "direction", "filter.query": "search",
        "years.range": "{start} to {end}", "years.from": "from {start}", "years.to": "up to {end}",
        "sheet": "Partners", "file.partners": "partners",
    },
    "nl": {
        "col.name": "Partner", "col.city": "Stad", "col.country": "Land", "col.erasmus": "Erasmuscode",
        "col.tier": "Niveau", "col.activities": "Activiteiten", "col.networks": "Netwerken", "col.website": "Website",
        "col.agreement_start": "Akkoord vanaf", "col.agreement_end": "Akkoord tot",
        "col.volume": "Mobiliteit in filter", "col.outgoing": "Uitgaand", "col.incoming": "Inkomend",
        "tier.strategic": "Strategisch", "tier.collaboration": "Samenwerking", "tier.mobility": "Mobiliteit",
        "activity.student_mobility": "Studentenmobiliteit", "activity.staff_mobility": "Personeelsmobiliteit",
        "activity.internship": "Stages", "activity.benchmarking": "Benchmarking",
        "activity.research": "Onderzoek", "activity.joint_degree": "Gezamenlijk diploma",
        "activity.double_degree": "Dubbel diploma", "activity.multiple_degree": "Meervoudig diploma",
        "participant.student": "studenten", "participant.staff": "personeel",
        "direction.outgoing": "uitgaand", "direction.incoming": "inkomend",
        "title": "{short_name}-partners", "title.all": "alle partners",
        "filter.tiers": "niveau", "filter.countries": "land", "filter.regions": "regio",
        "filter.activities": "activiteit", "filter.campuses": "campus", "filter.participants": "deelnemer",
        "filter.directions": "richting", "filter.query": "zoekterm",
        "years.range": "{start} tot {end}", "years.from": "vanaf {start}", "years.to": "tot {end}",
        "sheet": "Partners", "file.partners": "partners",
    },
}
# World regions are stored in English (partners.region); the Dutch catalogue names them.
REGIONS_NL = {
    "Europe": "Europa", "Asia": "Azië", "Africa": "Afrika", "North America": "Noord-Amerika",
    "South America": "Zuid-Amerika", "Oceania": "Oceanië", "Antarctica": "Antarctica", "Unknown": "Onbekend",
}


def text(key: str, language: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """The export string for key in language (English when the language lacks it)."""
    catalogue = TEXT.get(language, TEXT[DEFAULT_LANGUAGE])
    template = catalogue.get(key) or TEXT[DEFAULT_LANGUAGE].get(key, key)
    return template.format(**values) if values else template


def label(field: str, value: str, language: str = DEFAULT_LANGUAGE) -> str:
    """A human label for one filter or data value (a tier, an activity, a country code...)."""
    if field == "countries":
        return country_name(value, language)
    if field == "regions":
        return REGIONS_NL.get(value, value) if language == "nl" else value
    prefix = {"tiers": "tier", "activities": "activity", "participants": "participant",
              "directions": "direction"}.get(field)
    if prefix:
        return text(f"{prefix}.{value}", language) if f"{prefix}.{value}" in TEXT["en"] else value
    return value


# -- neutralising -------------------------------------------------------------------------------


def neutralise_formula(value: object) -> object:
    """The value as a spreadsheet may safely show it: text that would start a formula gets a leading `'`.

    Numbers stay numbers (a negative count is a number, not a formula); missing values become "".
    Applying it twice changes nothing.
    """
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, Number):
        return "" if isinstance(value, float) and math.isnan(value) else value
    text_value = str(value)
    if text_value.startswith(FORMULA_TRIGGERS):
        return "'" + text_value
    return text_value


def neutralise_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy with every text cell neutralised and numeric columns untouched."""
    out = df.copy()
    for column in out.columns:
        if not pd.api.types.is_numeric_dtype(out[column]) or pd.api.types.is_bool_dtype(out[column]):
            out[column] = out[column].map(neutralise_formula).astype(object)
    return out


# -- the partner table --------------------------------------------------------------------------


def _listed(values: object, field: str | None, language: str) -> str:
    if isinstance(values, str):
        items = [values] if values else []
    else:
        try:
            items = [str(v) for v in values if v is not None and str(v)]  # type: ignore[union-attr]
        except TypeError:
            items = []
    return LIST_SEPARATOR.join(label(field, v, language) if field else v for v in items)


def _text(value: object) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def partners_table(partners: pd.DataFrame, language: str = DEFAULT_LANGUAGE) -> pd.DataFrame:
    """The partners of a View as a table people read: human headers, labels instead of codes, neutralised.

    Mobility columns (in the filter) appear when the frame has them, as a View's partners do.
    """
    columns: dict[str, object] = {
        text("col.name", language): [_text(v) for v in partners["name"]],
        text("col.city", language): [_text(v) for v in partners["city"]],
        text("col.country", language): [country_name(str(c), language) if _text(c) else "" for c in partners["country"]],
        text("col.erasmus", language): [_text(v) for v in partners["erasmus_code"]],
        text("col.tier", language): [label("tiers", str(t), language) for t in partners["tier"]],
        text("col.activities", language): [_listed(v, "activities", language) for v in partners["activities"]],
        text("col.networks", language): [_listed(v, None, language) for v in partners["networks"]],
        text("col.website", language): [_text(v) for v in partners["website"]],
        text("col.agreement_start", language): pd.array(
            pd.to_numeric(partners["agreement_start"], errors="coerce"), dtype="Int64"),
        text("col.agreement_end", language): pd.array(
            pd.to_numeric(partners["agreement_end"], errors="coerce"), dtype="Int64"),
    }
    for column, key in (("volume", "col.volume"), ("outgoing", "col.outgoing"), ("incoming", "col.incoming")):
        if column in partners:
            columns[text(key, language)] = pd.to_numeric(partners[column], errors="coerce").fillna(0).astype("int64").to_numpy()
    return neutralise_frame(pd.DataFrame(columns))


def partners_csv(df: pd.DataFrame, *, delimiter: str = ",") -> bytes:
    """UTF-8 with a byte-order mark, so Excel shows accents and non-Latin names correctly.

    Dutch-language Excel splits on ";" when a file is double-clicked: pass delimiter=";" for those users.
    """
    return neutralise_frame(df).to_csv(index=False, sep=delimiter, lineterminator="\r\n").encode("utf-8-sig")


def _cell_value(value: object) -> object:
    if value is None or (not isinstance(value, str) and pd.api.types.is_scalar(value) and pd.isna(value)):
        return None  # an empty cell, not an empty string
    value = neutralise_formula(value)
    if isinstance(value, str):
        # Control characters make openpyxl refuse the whole workbook; they carry nothing a reader needs.
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def partners_xlsx(df: pd.DataFrame, *, title: str = "", sheet: str = "Partners") -> bytes:
    """One worksheet with a bold, frozen header row and a filter on every column; text stored as text."""
    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = _sheet_title(sheet)
    if title:
        workbook.properties.title = ILLEGAL_CHARACTERS_RE.sub("", title)
    worksheet.append([_cell_value(c) for c in df.columns])
    for row in df.itertuples(index=False, name=None):
        worksheet.append([_cell_value(v) for v in row])
    widths = [len(str(c)) for c in df.columns]
    for row in worksheet.iter_rows():
        for index, cell in enumerate(row):
            if isinstance(cell.value, str):
                # openpyxl reads a string starting with "=" as a formula; say explicitly that it is text.
                cell.data_type = "s"
                widths[index] = max(widths[index], min(len(cell.value), 60))
            elif cell.value is not None:
                widths[index] = max(widths[index], len(str(cell.value)))
    for cell in worksheet[1]:
        cell.font = Font(bold=True)
    for index, width in enumerate(widths, start=1):
        worksheet.column_dimensions[get_column_letter(index)].width = width + 2
    worksheet.freeze_panes = "A2"
    if len(df.columns):
        worksheet.auto_filter.ref = worksheet.dimensions
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet_title(name: str) -> str:
    # Excel forbids these characters and more than 31 characters in a sheet name.
    cleaned = re.sub(r"[\[\]:*?/\\]", " ", ILLEGAL_CHARACTERS_RE.sub("", name)).strip("' ")
    return cleaned[:31] or "Partners"


# -- titles and file names ----------------------------------------------------------------------


def filter_description(state: FilterState, language: str = DEFAULT_LANGUAGE) -> str:
    """The active filters in words ("tier: strategic; country: Finland, Netherlands; 2021-2022 to 2024-2025")."""
    parts = []
    for field in QUERY_KEYS:
        if field in ("year_from", "year_to", "query"):
            continue
        values = getattr(state, field)
        if values:
            shown = ", ".join(label(field, v, language) for v in values)
            if field in ("tiers", "activities", "participants", "directions"):
                shown = shown.lower()
            parts.append(f"{text(f'filter.{field}', language)}: {shown}")
    if state.query:
        parts.append(f"{text('filter.query', language)}: \u201c{state.query}\u201d")
    if state.year_from and state.year_to:
        parts.append(text("years.range", language, start=state.year_from, end=state.year_to))
    elif state.year_from:
        parts.append(text("years.from", language, start=state.year_from))
    elif state.year_to:
        parts.append(text("years.to", language, end=state.year_to))
    return "; ".join(parts) or text("title.all", language)


def export_title(state: FilterState, dataset: Dataset, language: str = DEFAULT_LANGUAGE) -> str:
    """What an exported image or table shows, e.g. "UCLL partners - tier: strategic; 2021-2022 to 2024-2025"."""
    institution = dataset.institution
    heading = text("title", language, short_name=institution.short_name or institution.name)
    return f"{heading} - {filter_description(state, language)}"


def _slug(text_value: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text_value).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-")


def export_filename(state: FilterState, ext: str, *, stem: str = "partners") -> str:
    """A safe, readable file name naming the filter: partners_tier-strategic_country-FI-NL_from-2021-2022.csv."""
    parts = [_slug(stem) or "partners"]
    for field, key in QUERY_KEYS.items():
        value = getattr(state, field)
        values = value if isinstance(value, tuple) else ((value,) if value else ())
        if not values:
            continue
        slug = _slug("-".join(values))
        # Whole filters only: a name cut mid-value would claim a filter that was not applied.
        if slug and len("_".join(parts)) + len(key) + len(slug) + 2 <= MAX_FILENAME_STEM:
            parts.append(f"{key}-{slug}")
    name = "_".join(parts)[:MAX_FILENAME_STEM]
    extension = re.sub(r"[^a-z0-9]", "", ext.lower().lstrip("."))
    return f"{name}.{extension}" if extension else name
