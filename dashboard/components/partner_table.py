"""The partner table (dash-ag-grid): sortable, searchable (dashboard.search, the side panel's matcher), with safe
website links."""

from __future__ import annotations

import dash_ag_grid as dag
import dash_mantine_components as dmc
import numpy as np
import pandas as pd
from dash import dcc, html

from dashboard import ids
from dashboard.components.attributes import attributes
from dashboard.i18n import country_label, text
from dashboard.i18n.libraries import grid_locale


def agreement_years(start, end, language: str = "en") -> str:
    def year(value) -> str:
        return "" if value is None or pd.isna(value) else str(int(value))

    first, last = year(start), year(end)
    if not first and not last:
        return ""
    return f"{first or '…'}–{last or text('open_ended', language)}"


def table_rows(partners: pd.DataFrame, language: str = "en", volume=None) -> list[dict[str, object]]:
    """Every partner of the dataset, sent once with the page; `row` is its position, which table_filter uses, and
    `volume` its mobility with no filter (Dataset.indexes.partner_total), until a filter says otherwise.

    The website is a plain string: the browser renders it as a text link (assets/dashAgGridComponentFunctions.js),
    never as HTML.
    """
    volume = np.zeros(len(partners), dtype=np.int64) if volume is None else np.asarray(volume, dtype=np.int64)
    return [
        {
            "row": row,
            "partner_id": str(pid),
            "name": str(name),
            "city": str(city or ""),
            "country_name": country_label(str(code or ""), language, str(country or "")),
            "tier": str(tier),
            "volume": amount,
            "agreement": agreement_years(start, end, language),
            "website": str(website or ""),
        }
        for row, (pid, name, city, code, country, tier, start, end, website, amount) in enumerate(
            zip(
                partners["partner_id"],
                partners["name"],
                partners["city"],
                partners["country"],
                partners["country_name"],
                partners["tier"],
                partners["agreement_start"],
                partners["agreement_end"],
                partners["website"],
                volume.tolist(),
            )
        )
    ]


def table_filter(shown: pd.DataFrame, positions, unfiltered_volume) -> dict[str, list[int] | None]:
    """What the table needs to show a filter: which rows (`positions`, their rows in the dataset: View.positions)
    and their mobility volume, as lists of numbers; each None when it is what the page already has.

    The grid keeps every row from the page load, each with its unfiltered volume, and hides the others itself
    (doesExternalFilterPass in the browser): "rows" is None when every partner shows, "volume" when each shown
    partner's volume is its unfiltered one (no year, participant, direction or campus filter). A click back to
    all partners sends two nulls instead of 12,000 pairs of numbers.
    """
    positions = np.asarray(positions, dtype=np.int64)
    volume = pd.to_numeric(shown["volume"], errors="coerce").fillna(0).astype("int64").to_numpy()
    unfiltered = np.asarray(unfiltered_volume).astype(np.int64)
    return {
        "rows": None if len(positions) == len(unfiltered) else positions.tolist(),
        "volume": None if np.array_equal(volume, unfiltered[positions]) else volume.tolist(),
    }


# The partner table on phones and tablets: one full-width column of cards (assets/atlas-narrow.js swaps the
# columns at the page's narrow breakpoint), so sorting, the filter, paging and Enter-opens-the-row stay the grid's.
CARD_COLUMN = "card"


def card_column(language: str = "en") -> dict[str, object]:
    """The column that draws each partner as a card (name, place, tier, mobility, agreement, website)."""
    return {
        "colId": CARD_COLUMN,
        "field": "name",
        "headerName": text("col.name", language),
        "hide": True,
        # A width, not flex: atlas-narrow.js sets it to the table's (ag-grid's flex on a column shown after the
        # first draw can leave the rows hidden).
        "width": 320,
        "resizable": False,
        "cellRenderer": "PartnerCard",
        "cellClass": "partner-card-cell",
        "cellRendererParams": {
            "labels": {t: text(f"tier.{t}", language) for t in ("strategic", "collaboration", "mobility")},
            "volume": text("col.volume", language),
            "agreement": text("col.agreement", language),
        },
    }


def column_defs(language: str = "en") -> list[dict[str, object]]:
    return [
        {"field": "name", "headerName": text("col.name", language), "flex": 3, "minWidth": 220, "tooltipField": "name"},
        {"field": "city", "headerName": text("col.city", language), "flex": 1.3, "minWidth": 120},
        {"field": "country_name", "headerName": text("col.country", language), "flex": 1.3, "minWidth": 120},
        {
            "field": "tier",
            "headerName": text("col.tier", language),
            "width": 150,
            "cellRenderer": "TierBadge",
            "cellRendererParams": {
                "labels": {t: text(f"tier.{t}", language) for t in ("strategic", "collaboration", "mobility")}
            },
        },
        {
            "field": "volume",
            "headerName": text("col.volume", language),
            "width": 120,
            "type": "numericColumn",
            "sort": "desc",
        },
        {"field": "agreement", "headerName": text("col.agreement", language), "width": 140},
        {
            "field": "website",
            "headerName": text("col.website", language),
            "flex": 1.5,
            "minWidth": 160,
            "cellRenderer": "WebsiteLink",
            "sortable": False,
        },
        card_column(language),
    ]


def download_buttons(language: str = "en") -> dmc.Group:
    """CSV and Excel downloads of the partners in the current filter (the download callback builds the file)."""

    def button(component_id: str, key: str) -> dmc.Button:
        return dmc.Button(
            text(f"download.{key}", language),
            id=component_id,
            n_clicks=0,
            size="xs",
            variant="light",
            leftSection=html.Span("\u2193", **attributes({"aria-hidden": "true"})),
            className="download-button",
            **{"aria-label": text(f"download.{key}_label", language)},
        )

    return dmc.Group(
        [button(ids.DOWNLOAD_CSV, "csv"), button(ids.DOWNLOAD_XLSX, "xlsx"), dcc.Download(id=ids.DOWNLOAD)],
        gap=6,
        wrap="nowrap",
    )


def table_locale(language: str = "en") -> dict[str, str]:
    """ag-grid's words in the language (@ag-grid-community/locale), with our own for the empty table."""
    no_rows = text("grid.no_rows", language)
    return grid_locale(
        language, {"noRowsToShow": no_rows, "noMatchingRows": no_rows, "loadingOoo": text("grid.loading", language)}
    )


def partner_table(partners: pd.DataFrame, language: str = "en", volume=None) -> html.Div:
    """Every partner as a row (with its unfiltered mobility `volume`); the views callback says which rows the
    filter shows. A row click opens the detail panel."""
    return html.Div(
        [
            dmc.Group(
                [
                    dmc.Text(text("table", language), fw=700, className="panel-title"),
                    dmc.Group(
                        [
                            dmc.TextInput(
                                id=ids.TABLE_SEARCH,
                                placeholder=text("table_search", language),
                                value="",
                                size="xs",
                                w=240,
                                **{"aria-label": text("table_search", language)},
                            ),
                            download_buttons(language),
                        ],
                        gap="sm",
                    ),
                ],
                justify="space-between",
                className="panel-head",
            ),
            dag.AgGrid(
                id=ids.PARTNER_TABLE,
                columnDefs=column_defs(language),
                rowData=table_rows(partners, language, volume),
                getRowId="params.data.partner_id",
                defaultColDef={"sortable": True, "resizable": True, "filter": False, "suppressHeaderMenuButton": True},
                dashGridOptions={
                    "rowSelection": {"mode": "singleRow", "checkboxes": False, "enableClickSelection": True},
                    "animateRows": False,
                    "pagination": True,
                    "paginationAutoPageSize": True,
                    "tooltipShowDelay": 400,
                    "localeText": table_locale(language),
                    "isExternalFilterPresent": {"function": "atlasFilterPresent()"},
                    "doesExternalFilterPass": {"function": "atlasRowShown(params)"},
                },
                # Enter on a row opens the partner as a click does (assets/atlas-a11y.js)
                eventListeners={"cellKeyDown": ["atlasOpenOnKey(params, setGridProps)"]},
                className="atlas-grid",
                style={"height": "100%", "width": "100%"},
            ),
            dcc.Store(id=ids.TABLE_ROWS, data=None),
            dcc.Store(id=ids.TABLE_SHOWN, data=None),
            dcc.Store(id=ids.TABLE_SEARCH_ROWS, data=None),
            dcc.Store(id=ids.TABLE_ORDER, data=None),
        ],
        id=ids.TABLE_ANCHOR,
        className="atlas-panel atlas-table",
        tabIndex="-1",
    )
