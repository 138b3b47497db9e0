"""The filtered partner list as CSV and XLSX, and the titles and file names of every export.

Partner names come from files anyone can edit. A cell that starts with = + - @ (or a tab or carriage return
before one) is a formula to Excel and LibreOffice, so every text cell is neutralised with a leading
apostrophe (OWASP, "CSV Injection"), and the XLSX writer stores text as text, never as a formula.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Iterable
from numbers import Number

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from dashboard.filters import QUERY_KEYS, VALUE_PREFIXES, FilterState
from dashboard.folding import slug
from dashboard.i18n import country_label, text, value_label
from dashboard.isced import field_name
from dashboard.model import Dataset

# OWASP's list of characters that make a spreadsheet cell a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
DEFAULT_LANGUAGE = "en"
MAX_FILENAME_STEM = 100
LIST_SEPARATOR = "; "


def label(field: str, value: str, language: str = DEFAULT_LANGUAGE) -> str:
    """A human label for one filter or data value (a tier, an activity, a country code...)."""
    if field == "countries":
        return country_label(value, language) or value
    if field == "fields":
        return f"{value} {field_name(value, language)}"
    prefix = VALUE_PREFIXES.get(field)
    return value_label(prefix, value, language) if prefix else value


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
    elif isinstance(values, Iterable):
        items = [str(v) for v in values if v is not None and str(v)]
    else:
        items = []  # a missing value (NaN)
    return LIST_SEPARATOR.join(label(field, v, language) if field else v for v in items)


def _text(value: object) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def partners_table(partners: pd.DataFrame, language: str = DEFAULT_LANGUAGE) -> pd.DataFrame:
    """The partners of a View as a table people read: human headers, labels instead of codes, neutralised.

    Mobility columns (in the filter) appear when the frame has them, as a View's partners do.
    """
    columns: dict[str, object] = {
        text("export.col.name", language): [_text(v) for v in partners["name"]],
        text("export.col.city", language): [_text(v) for v in partners["city"]],
        text("export.col.country", language): [
            country_label(str(c), language, _text(c)) if _text(c) else "" for c in partners["country"]
        ],
        text("export.col.erasmus", language): [_text(v) for v in partners["erasmus_code"]],
        text("export.col.tier", language): [label("tiers", str(t), language) for t in partners["tier"]],
        text("export.col.activities", language): [_listed(v, "activities", language) for v in partners["activities"]],
        text("export.col.networks", language): [_listed(v, None, language) for v in partners["networks"]],
        text("export.col.website", language): [_text(v) for v in partners["website"]],
        text("export.col.agreement_start", language): pd.array(
            pd.to_numeric(partners["agreement_start"], errors="coerce"), dtype="Int64"
        ),
        text("export.col.agreement_end", language): pd.array(
            pd.to_numeric(partners["agreement_end"], errors="coerce"), dtype="Int64"
        ),
    }
    for column, key in (
        ("volume", "export.col.volume"),
        ("outgoing", "export.col.outgoing"),
        ("incoming", "export.col.incoming"),
    ):
        if column in partners:
            columns[text(key, language)] = (
                pd.to_numeric(partners[column], errors="coerce").fillna(0).astype("int64").to_numpy()
            )
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
        if field in ("year_from", "year_to", "query", "valid"):
            continue
        values = getattr(state, field)
        if values:
            shown = ", ".join(label(field, v, language) for v in values)
            if field in ("tiers", "activities", "participants", "directions", "types"):
                shown = shown.lower()
            parts.append(f"{text(f'export.filter.{field}', language)}: {shown}")
    if state.query:
        parts.append(f"{text('export.filter.query', language)}: {text('chip.query', language, query=state.query)}")
    if state.valid:
        parts.append(text("export.valid", language, year=state.valid))
    if state.year_from and state.year_to:
        parts.append(text("export.years.range", language, start=state.year_from, end=state.year_to))
    elif state.year_from:
        parts.append(text("export.years.from", language, start=state.year_from))
    elif state.year_to:
        parts.append(text("export.years.to", language, end=state.year_to))
    return "; ".join(parts) or text("export.all", language)


def export_title(state: FilterState, dataset: Dataset, language: str = DEFAULT_LANGUAGE) -> str:
    """What an exported image or table shows, e.g. "UCLL partners - tier: strategic; 2021-2022 to 2024-2025"."""
    institution = dataset.institution
    heading = text("export.title", language, short_name=institution.short_name or institution.name)
    return f"{heading} - {filter_description(state, language)}"


def export_filename(state: FilterState, ext: str, *, stem: str = "partners") -> str:
    """A safe, readable file name naming the filter: partners_tier-strategic_country-FI-NL_from-2021-2022.csv."""
    parts = [slug(stem) or "partners"]
    for field, key in QUERY_KEYS.items():
        value = getattr(state, field)
        values = value if isinstance(value, tuple) else ((value,) if value else ())
        if not values:
            continue
        written = slug("-".join(values))
        # Whole filters only: a name cut mid-value would claim a filter that was not applied.
        if written and len("_".join(parts)) + len(key) + len(written) + 2 <= MAX_FILENAME_STEM:
            parts.append(f"{key}-{written}")
    name = "_".join(parts)[:MAX_FILENAME_STEM]
    extension = re.sub(r"[^a-z0-9]", "", ext.lower().lstrip("."))
    return f"{name}.{extension}" if extension else name
