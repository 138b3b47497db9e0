"""The filtered partner list as CSV and XLSX, and the titles and file names of every export.

Partner names come from files anyone can edit. A cell that starts with = + - @ (or a tab or carriage return
before one) is a formula to Excel and LibreOffice. The two formats defend differently:

- CSV has no cell types: a spreadsheet decides what a cell is from its text alone, so every text cell that
  would start a formula gets a leading apostrophe (OWASP, "CSV Injection"). The apostrophe is then part of the
  value; a CSV has no other way to say "this is text".
- XLSX does have cell types: text is stored as a string cell with the Text number format ("@"), which Excel and
  LibreOffice never evaluate, not even when someone edits the cell and presses Enter. The value then reads
  exactly as typed ("-2+3"), without an apostrophe.

The rows are the table's: the rows the partner table shows after its own search and sort, in its order
(`in_table_order`), so a download is what was on the screen.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Iterable, Sequence
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
    """The partners of a View as a table people read: human headers, labels instead of codes, values as
    typed (each writer makes them safe its own way: partners_csv, partners_xlsx).

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
    return pd.DataFrame(columns)


def in_table_order(partners: pd.DataFrame, shown_ids: Sequence[object] | None) -> pd.DataFrame:
    """The partners the table shows, in its order: `shown_ids` are the partner ids of the grid's rows after its
    search and sort (dash-ag-grid's virtualRowData). Ids the filter does not hold are left out, so a stale or
    forged list never exports a partner outside the filter. None (the grid has not said yet): the table's
    first order, most mobility first."""
    if shown_ids is None:
        return partners.sort_values("volume", ascending=False, kind="stable") if "volume" in partners else partners
    position = {str(pid): index for index, pid in enumerate(partners["partner_id"].astype(str))}
    rows = [position[key] for key in dict.fromkeys(str(pid) for pid in shown_ids) if key in position]
    return partners.iloc[rows]


def partners_csv(df: pd.DataFrame, *, delimiter: str = ",") -> bytes:
    """UTF-8 with a byte-order mark, so Excel shows accents and non-Latin names correctly.

    Dutch-language Excel splits on ";" when a file is double-clicked: pass delimiter=";" for those users.
    """
    return neutralise_frame(df).to_csv(index=False, sep=delimiter, lineterminator="\r\n").encode("utf-8-sig")


def _cell_value(value: object) -> object:
    if value is None or (not isinstance(value, str) and pd.api.types.is_scalar(value) and pd.isna(value)):
        return None  # an empty cell, not an empty string
    if isinstance(value, bool) or not isinstance(value, (str, Number)):
        value = str(value)
    if isinstance(value, str):
        # Control characters make openpyxl refuse the whole workbook; they carry nothing a reader needs.
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def partners_xlsx(df: pd.DataFrame, *, title: str = "", sheet: str = "Partners") -> bytes:
    """One worksheet with a bold, frozen header row and a filter on every column; text stored as text cells
    (never a formula, the value as typed: see the module's docstring)."""
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
                # openpyxl takes a string starting with "=" for a formula: say it is text, and give it Excel's
                # Text format so an edit of the cell keeps it text too.
                cell.data_type = "s"
                cell.number_format = "@"
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


def _in_sentence(value_label: str, language: str) -> str:
    """A value's label inside a sentence: lower case, except in German, which writes its nouns capitalised."""
    return value_label if language == "de" else value_label.lower()


def filter_description(state: FilterState, language: str = DEFAULT_LANGUAGE) -> str:
    """The active filters in words ("tier: strategic; country: Finland, Netherlands; 2021-2022 to 2024-2025")."""
    parts = []
    for field in QUERY_KEYS:
        if field in ("year_from", "year_to", "query", "valid"):
            continue
        values = getattr(state, field)
        if values:
            shown = ", ".join(label(field, v, language) for v in values)
            if field in ("tiers", "activities", "participants", "directions", "durations", "types"):
                shown = _in_sentence(shown, language)
            parts.append(f"{text(f'export.filter.{field}', language)}: {shown}")
    if state.query:
        parts.append(f"{text('export.filter.query', language)}: {text('chip.query', language, query=state.query)}")
    if state.valid:
        parts.append(text("export.valid", language, year=state.valid))
    years = years_description(state, language)
    if years:
        parts.append(years)
    return "; ".join(parts) or text("export.all", language)


def years_description(state: FilterState, language: str = DEFAULT_LANGUAGE) -> str:
    """The year range in words ("2021-2022 to 2024-2025", "from 2022-2023"), "" for every year."""
    if state.year_from and state.year_from == state.year_to:
        return state.year_from  # one academic year (a click on the trend)
    if state.year_from and state.year_to:
        return text("export.years.range", language, start=state.year_from, end=state.year_to)
    if state.year_from:
        return text("export.years.from", language, start=state.year_from)
    if state.year_to:
        return text("export.years.to", language, end=state.year_to)
    return ""


def mobility_description(state: FilterState, language: str = DEFAULT_LANGUAGE) -> str:
    """The mobility the state counts, in words, every dimension said: "staff; incoming; 2021-2022 to 2023-2024",
    or "students and staff; both directions; every academic year" for no such filter."""

    def values(field: str, everything: str) -> str:
        picked = getattr(state, field)
        return (
            ", ".join(_in_sentence(label(field, v, language), language) for v in picked)
            if picked
            else text(everything, language)
        )

    parts = [values("participants", "mobility.all_participants"), values("directions", "mobility.all_directions")]
    if state.durations:
        parts.append(values("durations", ""))
    if state.campuses:
        parts.append(", ".join(text("chip.campus", language, campus=c) for c in state.campuses))
    parts.append(years_description(state, language) or text("mobility.all_years", language))
    return "; ".join(parts)


def export_title(
    state: FilterState, dataset: Dataset, language: str = DEFAULT_LANGUAGE, *, table_search: str = ""
) -> str:
    """What an exported image or table shows, e.g. "UCLL partners - tier: strategic; 2021-2022 to 2024-2025";
    `table_search` is the partner table's own search, which narrowed the rows further."""
    institution = dataset.institution
    heading = text("export.title", language, short_name=institution.short_name or institution.name)
    title = f"{heading} - {filter_description(state, language)}"
    search = " ".join(table_search.split())
    return f"{title}; {text('export.table_search', language, query=search)}" if search else title


def export_filename(state: FilterState, ext: str, *, stem: str = "partners", table_search: str = "") -> str:
    """A safe, readable file name naming the filter: partners_tier-strategic_country-FI-NL_from-2021-2022.csv
    (and the table's own search, `search-krakow`, when it narrowed the rows). ext "" gives the name alone,
    as plotly's PNG download wants it."""
    parts = [slug(stem) or "partners"]
    named = [(key, getattr(state, field)) for field, key in QUERY_KEYS.items()]
    for key, value in [*named, ("search", " ".join(table_search.split()))]:
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
