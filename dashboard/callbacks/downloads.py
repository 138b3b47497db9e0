"""The partner list of the current filter as a file: CSV (with the list separator the language's Excel expects)
or an Excel workbook, named after the filter."""

from __future__ import annotations

from dash import dcc, no_update

from dashboard import ids
from dashboard.exports import export_filename, export_title, partners_csv, partners_table, partners_xlsx
from dashboard.filters import FilterState, apply
from dashboard.i18n import text
from dashboard.model import Dataset

# Dutch and French Excel use the comma as decimal mark and split a double-clicked CSV on ";".
CSV_DELIMITERS = {"nl": ";", "fr": ";"}
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def partner_download(dataset: Dataset, search: str | None, trigger: object, language: str = "en") -> dict | object:
    """dcc.Download data for the button that fired (ids.DOWNLOAD_CSV or ids.DOWNLOAD_XLSX), or no_update."""
    if trigger not in (ids.DOWNLOAD_CSV, ids.DOWNLOAD_XLSX):
        return no_update
    state = FilterState.from_query(search, dataset)
    table = partners_table(apply(state, dataset).partners, language)
    if trigger == ids.DOWNLOAD_CSV:
        data = partners_csv(table, delimiter=CSV_DELIMITERS.get(language, ","))
        return dcc.send_bytes(data, export_filename(state, "csv"), type="text/csv")
    data = partners_xlsx(table, title=export_title(state, dataset, language), sheet=text("export.sheet", language))
    return dcc.send_bytes(data, export_filename(state, "xlsx"), type=XLSX_TYPE)
