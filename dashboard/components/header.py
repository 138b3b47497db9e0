"""The page header: the institution's name and the view switches (language, colour scheme)."""

from __future__ import annotations

import dash_mantine_components as dmc
from dash import html

from dashboard import ids
from dashboard.components.attributes import attributes
from dashboard.components.data_banner import data_page_href
from dashboard.components.language import language_switch
from dashboard.i18n import text
from dashboard.model import Institution
from dashboard.paths import ACCESSIBILITY_PATH, DESTINATIONS_PATH, HEALTH_PATH


def app_title(institution: Institution, language: str = "en") -> str:
    return text("app_title", language, short_name=institution.short_name)


def header(institution: Institution, *, dark: bool = False, language: str = "en") -> html.Header:
    return html.Header(
        [
            html.Div(
                [
                    html.Div(
                        html.Span(institution.short_name[:5]),
                        className="atlas-logo",
                        **attributes({"aria-hidden": "true"}),
                    ),
                    html.Div(
                        [
                            html.H1(app_title(institution, language), className="atlas-title"),
                            html.Div(text("subtitle", language, name=institution.name), className="atlas-subtitle"),
                        ]
                    ),
                ],
                className="atlas-brand",
            ),
            html.Div(
                [
                    html.A(
                        text("dest.link", language),
                        href=f"{DESTINATIONS_PATH}?lang={language}",
                        className="destinations-link",
                    ),
                    html.A(text("data.link", language), href=data_page_href(language), className="atlas-data-link"),
                    html.A(
                        text("health.link", language), id=ids.HEALTH_LINK, href=HEALTH_PATH, className="health-link"
                    ),
                    html.A(
                        text("a11y.link", language),
                        href=f"{ACCESSIBILITY_PATH}?lang={language}",
                        className="atlas-statement-link",
                    ),
                    language_switch(language),
                    dmc.Switch(
                        id=ids.THEME_SWITCH,
                        checked=dark,
                        label=text("dark_mode", language),
                        size="md",
                        onLabel="\u263e",
                        offLabel="\u2600",
                    ),
                ],
                className="atlas-header-tools",
            ),
        ],
        className="atlas-header",
    )
