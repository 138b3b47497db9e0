"""The partner list of the current filter as a file: CSV (with the list separator the language's Excel expects)
or an Excel workbook, named after the filter, holding the rows the table shows in the table's order."""

from __future__ import annotations

from collections.abc import Sequence

from dash import dcc, no_update

from dashboard import ids
from dashboard.exports import (
    export_filename,
    export_title,
    in_table_order,
    partners_csv,
    partners_table,
    partners_xlsx,
)
from dashboard.filters import FilterState, apply
from dashboard.i18n import text
from dashboard.model import Dataset

# Dutch and French Excel use the comma as decimal mark and split a double-clicked CSV on ";".
CSV_DELIMITERS = {"nl": ";", "fr": ";"}
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def partner_download(
    dataset: Dataset,
    search: str | None,
    trigger: object,
    language: str = "en",
    shown_ids: Sequence[object] | None = None,
    table_search: str = "",
) -> dict | object:
    """dcc.Download data for the button that fired (ids.DOWNLOAD_CSV or ids.DOWNLOAD_XLSX), or no_update.

    shown_ids: the partner ids of the table's rows after its search and sort (ids.TABLE_ORDER), in its order;
    table_search: what the table's search box holds, named in the file's name and title.
    """
    if trigger not in (ids.DOWNLOAD_CSV, ids.DOWNLOAD_XLSX):
        return no_update
    state = FilterState.from_query(search, dataset)
    table = partners_table(in_table_order(apply(state, dataset).partners, shown_ids), language)
    if trigger == ids.DOWNLOAD_CSV:
        data = partners_csv(table, delimiter=CSV_DELIMITERS.get(language, ","))
        return dcc.send_bytes(data, export_filename(state, "csv", table_search=table_search), type="text/csv")
    title = export_title(state, dataset, language, table_search=table_search)
    data = partners_xlsx(table, title=title, sheet=text("export.sheet", language))
    return dcc.send_bytes(data, export_filename(state, "xlsx", table_search=table_search), type=XLSX_TYPE)
