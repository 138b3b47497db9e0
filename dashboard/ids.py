"""Every component id of the page, in one place: layouts, callbacks and tests import them from here.

The first four are fixed by the issue (tests and bookmarks rely on them); the rest are free to change.
"""

from __future__ import annotations

WORLD_MAP = "world-map"
TIER_PYRAMID = "tier-pyramid"
PARTNER_TABLE = "partner-table"
PARTNER_COUNT = "partner-count"

URL = "url"
THEME_PROVIDER = "theme-provider"
THEME_SWITCH = "theme-switch"
PAGE = "atlas-page"

# Filter controls, keyed by the FilterState field each one edits.
FILTER_TIER = "filter-tier"
FILTER_COUNTRY = "filter-country"
FILTER_REGION = "filter-region"
FILTER_ACTIVITY = "filter-activity"
FILTER_CAMPUS = "filter-campus"
FILTER_YEARS = "filter-years"
FILTER_PARTICIPANT = "filter-participant"
FILTER_DIRECTION = "filter-direction"
FILTER_DURATION = "filter-duration"
FILTER_QUERY = "filter-query"
FILTER_FIELD = "filter-field"  # agreement filters
FILTER_LEVEL = "filter-level"
FILTER_TYPE = "filter-type"
FILTER_VALID = "filter-valid"
HEALTH_LINK = "health-link"  # header link to /health, carrying the filters
RESET = "filter-reset"
TABLE_SEARCH = "partner-table-search"  # quick search inside the table only (not a filter)
TABLE_ROWS = "partner-table-rows"  # which table rows the filter shows, and their mobility
TABLE_SHOWN = "partner-table-shown"  # rows the grid shows after applying TABLE_ROWS (set in the browser)
TABLE_SEARCH_ROWS = "partner-table-search-rows"  # which table rows the table's own search keeps (None: all)
TABLE_ORDER = "partner-table-order"  # partner ids of the rows the grid shows, in its order (set in the browser)
CHIPS = "filter-chips"
# Phones and tablets: the filter panel is a drawer opened by a "Filters (n)" button (assets/atlas-narrow.js).
FILTERS_TOGGLE = "filters-toggle"
FILTERS_DRAWER = "filters-drawer"
FILTERS_CLOSE = "filters-close"
CHART_KEYS_HINT = "chart-keys-hint"  # how the arrow keys and Enter work on a chart (aria-describedby)
CHART_ANNOUNCE = "chart-announce"  # the live region that reads the chart element the arrow keys reached
CHIP_TYPE = "filter-chip"  # pattern-matching type of one removable chip

# Map layer controls (view options, not filters: they stay out of the URL's filter state).
MAP_LAYER = "map-layer"
MAP_METRIC = "map-country-metric"
MAP_DIRECTION = "map-flow-direction"
MAP_EMPTY = "map-empty"  # the message over the map when the filter leaves it no partner

# Mobility statistics.
MOBILITY_TREND = "mobility-trend"
DURATION_SPLIT = "duration-split"
CAMPUS_SPLIT = "campus-split"
TOP_COUNTRIES = "top-countries"
TOP_PARTNERS = "top-partners"

# Live counts beside the headline figures.
COUNTRY_COUNT = "country-count"
MOBILITY_COUNT = "mobility-count"
# What each live count counts, in words that follow the filter.
PARTNER_COUNT_HINT = "partner-count-hint"
COUNTRY_COUNT_HINT = "country-count-hint"
MOBILITY_COUNT_HINT = "mobility-count-hint"
KEY_FIGURES = "key-figures"

# Language switch (one link per language) and the partner-list downloads.
LANGUAGE_LINK = "language-link"
DOWNLOAD_CSV = "download-csv"
DOWNLOAD_XLSX = "download-xlsx"
DOWNLOAD = "partner-download"

# Detail panel of one partner.
SELECTED_PARTNER = "selected-partner"
DATA_BANNER = "data-banner"  # what is wrong with the data files, when something is
DATA_CHECK = "data-check"  # the timer that keeps DATA_BANNER current on an open page
DATA_SHOWN = "data-shown"  # the time of the data the page was built from
DATA_NOW = "data-now"  # the time of the data the server has now
DETAIL_PANEL = "detail-panel"
DETAIL_BODY = "detail-body"


# Text alternatives of each chart: its summary sentence and its "show as table" table.
CHARTS = (WORLD_MAP, TIER_PYRAMID, MOBILITY_TREND, DURATION_SPLIT, CAMPUS_SPLIT, TOP_COUNTRIES, TOP_PARTNERS)
TABLED_CHARTS = CHARTS[1:]  # the partner table is the map's table
SKIP_TARGET = "atlas-results"  # where the skip link lands: the start of the results


def chart_summary(graph_id: str) -> str:
    return f"{graph_id}-summary"


def chart_table(graph_id: str) -> str:
    return f"{graph_id}-table"


def chip(field: str, value: str) -> dict[str, str]:
    """Id of the removable chip showing one active filter value."""
    return {"type": CHIP_TYPE, "field": field, "value": value}


def language_link(language: str) -> str:
    """Id of the header link that reloads the page in `language`."""
    return f"{LANGUAGE_LINK}-{language}"


# The world map's companions: its size (reported by the browser, for fitting), quick views, text summary, the
# link to the partner table (the map's list), and the store the browser's address-bar callback writes.
MAP_SIZE = "map-size"
MAP_VIEW_TYPE = "map-quick-view"  # pattern-matching type of the World / Europe / home buttons
MAP_SUMMARY = "map-summary"
MAP_SIZE_LEGEND = "map-size-legend"
MAP_LIST_LINK = "map-list-link"
MAP_ADDRESS = "map-address"
MAP_UPDATE = "map-update"  # what the map callback sends (callbacks/map_update.py), drawn by assets/atlas-map.js
MAP_CARDS_TOKEN = "map-cards-token"  # which partners' hover cards the page holds
TABLE_ANCHOR = "partner-list"  # the partner table's section: the list link and Alt+L land here
COPY_LINK = "detail-copy-link"
QUICK_VIEWS = ("world", "europe", "home")


def map_view_button(name: str) -> dict[str, str]:
    """Id of one quick-view button of the map (world, europe, home)."""
    return {"type": MAP_VIEW_TYPE, "view": name}
