"""The partner table (dash-ag-grid): sortable, quick-searchable, with safe website links."""

from __future__ import annotations

import dash_ag_grid as dag
import dash_mantine_components as dmc
import pandas as pd
from dash import html

from dashboard import ids
from dashboard.components.text import text

# Columns sent to the browser for each row: kept few because every filter change resends them.
ROW_FIELDS = ("partner_id", "name", "city", "country_name", "tier", "volume", "agreement", "website")


def agreement_years(start, end, language: str = "en") -> str:
    def year(value) -> str:
        return "" if value is None or pd.isna(value) else str(int(value))

    first, last = year(start), year(end)
    if not first and not last:
        return ""
    return f"{first or '…'}–{last or text('open_ended', language)}"


def table_rows(partners: pd.DataFrame, language: str = "en") -> list[dict[str, object]]:
    """Rows for the grid, busiest partners first. The website is a plain string; the browser renders it as a
    text link (assets/dashAgGridComponentFunctions.js), never as HTML."""
    if partners.empty:
        return []
    frame = partners.sort_values(["volume", "name"], ascending=[False, True], kind="stable")
    agreements = [agreement_years(s, e, language) for s, e in zip(frame["agreement_start"], frame["agreement_end"])]
    return [
        {
            "partner_id": str(pid),
            "name": str(name),
            "city": str(city or ""),
            "country_name": str(country or ""),
            "tier": str(tier),
            "volume": int(volume),
            "agreement": agreement,
            "website": str(website or ""),
        }
        for pid, name, city, country, tier, volume, website, agreement in zip(
            frame["partner_id"], frame["name"], frame["city"], frame["country_name"], frame["tier"],
            frame["volume"].fillna(0), frame["website"], agreements,
        )
    ]


def column_defs(language: str = "en") -> list[dict[str, object]]:
    return [
        {"field": "name", "headerName": text("col.name", language), "flex": 3, "minWidth": 220, "tooltipField": "name"},
        {"field": "city", "headerName": text("col.city", language), "flex": 1.3, "minWidth": 120},
        {"field": "country_name", "headerName": text("col.country", language), "flex": 1.3, "minWidth": 120},
        {"field": "tier", "headerName": text("col.tier", language), "width": 150, "cellRenderer": "TierBadge",
         "cellRendererParams": {"labels": {t: text(f"tier.{t}", language) for t in ("strategic", "collaboration", "mobility")}}},
        {"field": "volume", "headerName": text("col.volume", language), "width": 120, "type": "numericColumn",
         "sort": "desc"},
        {"field": "agreement", "headerName": text("col.agreement", language), "width": 140},
        {"field": "website", "headerName": text("col.website", language), "flex": 1.5, "minWidth": 160,
         "cellRenderer": "WebsiteLink", "sortable": False},
    ]


def partner_table(language: str = "en") -> html.Div:
    """Rows are filled by the views callback; a row click opens the detail panel."""
    return html.Div(
        [
            dmc.Group(
                [
                    dmc.Text(text("table", language), fw=700, className="panel-title"),
                    dmc.TextInput(
                        id=ids.TABLE_SEARCH,
                        placeholder=text("table_search", language),
                        value="",
                        size="xs",
                        w=240,
                        **{"aria-label": text("table_search", language)},
                    ),
                ],
                justify="space-between",
                className="panel-head",
            ),
            dag.AgGrid(
                id=ids.PARTNER_TABLE,
                columnDefs=column_defs(language),
                rowData=[],
                getRowId="params.data.partner_id",
                defaultColDef={"sortable": True, "resizable": True, "filter": False, "suppressHeaderMenuButton": True},
                dashGridOptions={
                    "rowSelection": {"mode": "singleRow", "checkboxes": False, "enableClickSelection": True},
                    "animateRows": False,
                    "pagination": True,
                    "paginationAutoPageSize": True,
                    "tooltipShowDelay": 400,
                    "quickFilterText": "",
                },
                className="atlas-grid",
                style={"height": "100%", "width": "100%"},
            ),
        ],
        className="atlas-panel atlas-table",
    )
