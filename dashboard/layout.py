"""The page: header, filter panel, chips, headline cards, map and pyramid, mobility charts, partner table."""

from __future__ import annotations

import dash_mantine_components as dmc
from dash import dcc, html

from dashboard import ids
from dashboard.components.attributes import attributes
from dashboard.components.cards import headline_cards
from dashboard.components.data_banner import BannerIds, banner_slot
from dashboard.components.detail_panel import detail_drawer
from dashboard.components.filters_panel import filters_panel, filters_toggle
from dashboard.components.header import header
from dashboard.components.panels import chart_keys, figure_panel, map_panel
from dashboard.components.partner_table import partner_table
from dashboard.config import Settings
from dashboard.i18n import text
from dashboard.i18n.libraries import plotly_locale
from dashboard.model import Dataset
from dashboard.store import DataStatus

DASHBOARD_BANNER = BannerIds(ids.DATA_BANNER, ids.DATA_CHECK, ids.DATA_SHOWN, ids.DATA_NOW)
SYSTEM_FONTS = (
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif'
)

MANTINE_THEME = {
    "fontFamily": SYSTEM_FONTS,
    "headings": {"fontFamily": SYSTEM_FONTS},
    "primaryColor": "indigo",
    # Buttons and links in the primary colour pass 4.5:1: shade 8 on white, shade 4 on the dark surfaces.
    "primaryShade": {"light": 8, "dark": 4},
    "defaultRadius": "md",
}


def build_layout(
    dataset: Dataset,
    settings: Settings,
    graph_config: dcc.Graph.Config,
    language: str | None = None,
    status: DataStatus | None = None,
) -> dmc.MantineProvider:
    """The whole page for one dataset; a pure function of its arguments so a per-language layout is one call away.

    status: what the data banner says (none when not given).
    """
    language = language or settings.language
    dark = settings.theme == "dark"
    # plotly's toolbar tooltips and month names in the page's language (assets/plotly-locales, `make locales`)
    graph_config = {**graph_config, "locale": plotly_locale(language, settings.assets_dir)}
    return dmc.MantineProvider(
        id=ids.THEME_PROVIDER,
        theme=MANTINE_THEME,
        forceColorScheme="dark" if dark else "light",
        children=html.Div(
            [
                html.A(text("skip_to_results", language), href=f"#{ids.SKIP_TARGET}", className="skip-link"),
                dcc.Location(id=ids.URL, refresh="callback-nav"),
                dcc.Store(id=ids.SELECTED_PARTNER, data=None),
                header(dataset.institution, dark=dark, language=language),
                # The filter panel beside the results; on a phone a modal drawer (atlas-narrow.js makes its role
                # dialog, named by data-dialog-label, while open: an <aside> may not take that role).
                html.Div(
                    filters_panel(dataset, language),
                    id=ids.FILTERS_DRAWER,
                    className="atlas-aside",
                    role="complementary",
                    **attributes({"data-dialog-label": text("filters", language)}),
                ),
                html.Main(
                    id=ids.SKIP_TARGET,
                    tabIndex="-1",
                    children=[
                        banner_slot(DASHBOARD_BANNER, status, language),
                        html.Div(
                            [
                                filters_toggle(language),
                                html.Div(id=ids.CHIPS, className="atlas-chips", **attributes({"aria-live": "polite"})),
                            ],
                            className="atlas-results-head",
                        ),
                        headline_cards(dataset.key_figures, language),
                        html.Div(
                            [
                                map_panel(
                                    graph_config, language, dataset.institution.short_name or dataset.institution.name
                                ),
                                figure_panel(
                                    text("pyramid", language),
                                    ids.TIER_PYRAMID,
                                    graph_config,
                                    language=language,
                                    hint=text("pyramid_hint", language),
                                    class_name="atlas-pyramid",
                                ),
                            ],
                            className="atlas-row atlas-row-map",
                        ),
                        html.Div(
                            [
                                figure_panel(
                                    text("trend", language),
                                    ids.MOBILITY_TREND,
                                    graph_config,
                                    language=language,
                                    class_name="wide",
                                ),
                                figure_panel(
                                    text("duration", language), ids.DURATION_SPLIT, graph_config, language=language
                                ),
                                figure_panel(
                                    text("by_campus", language), ids.CAMPUS_SPLIT, graph_config, language=language
                                ),
                                figure_panel(
                                    text("top_countries", language), ids.TOP_COUNTRIES, graph_config, language=language
                                ),
                                figure_panel(
                                    text("top_partners", language), ids.TOP_PARTNERS, graph_config, language=language
                                ),
                            ],
                            className="atlas-row atlas-charts",
                        ),
                        partner_table(dataset.partners, language, dataset.indexes.partner_total),
                        *chart_keys(language),
                    ],
                    className="atlas-main",
                ),
                detail_drawer(language),
            ],
            id=ids.PAGE,
            className="atlas-page",
        ),
    )
