"""The presentation page: a full-screen frame for a projector. It holds no data at first; the tour arrives in one
response and assets/present.js plays it, writing each scene into the same graph and text elements."""

from __future__ import annotations

import pandas as pd
from dash import dcc, html

from dashboard.components.attributes import attributes
from dashboard.components.data_banner import BannerIds, banner_slot
from dashboard.i18n import key_figure, text
from dashboard.model import key_figure_text
from dashboard.present import ids
from dashboard.qr import qr_svg_data_uri
from dashboard.store import DataStatus

KEY_FIGURES_SHOWN = 2  # the first rows of key_figures.csv (their order is the office's priority); more do not fit


PRESENT_BANNER = BannerIds(ids.DATA_BANNER, ids.DATA_CHECK, ids.DATA_SHOWN, ids.DATA_NOW)


def build_layout(graph_config: dcc.Graph.Config, status: DataStatus | None = None, language: str = "en") -> html.Div:
    """The kiosk frame; `status`: what the data banner says at page load (see components/data_banner)."""
    facts = [
        html.Div(
            [
                html.Div(id=ids.fact_value(slot), className="present-fact-value"),
                html.Div(id=ids.fact_label(slot), className="present-fact-label"),
            ],
            className="present-fact",
        )
        for slot in range(ids.FACT_SLOTS)
    ]
    return html.Div(
        [
            dcc.Location(id=ids.URL, refresh=False),
            dcc.Store(id=ids.TOUR),
            dcc.Store(id=ids.STARTED),
            banner_slot(PRESENT_BANNER, status, language),
            html.Header(
                [
                    html.Div(
                        [
                            html.H1(id=ids.NAME, className="present-name"),
                            html.Div(id=ids.SUBTITLE, className="present-subtitle"),
                        ],
                        className="present-brand",
                    ),
                    html.Div(
                        [
                            html.Span(id=ids.STATUS, className="present-status", role="status"),
                            html.Span(id=ids.COUNTER, className="present-counter"),
                        ],
                        className="present-meta",
                    ),
                ],
                className="present-header",
            ),
            html.Main(
                [
                    html.Div(
                        dcc.Graph(
                            id=ids.GRAPH,
                            figure={"data": [], "layout": {"paper_bgcolor": "rgba(0,0,0,0)"}},
                            config=graph_config,
                            responsive=True,
                            style={"height": "100%", "width": "100%"},
                        ),
                        className="present-stage",
                    ),
                    html.Aside(
                        [
                            html.Div(facts, id=ids.FACTS, className="present-facts"),
                            html.Section(
                                [
                                    html.H2(id=ids.KEY_FIGURES_TITLE, className="present-section-title"),
                                    html.Div(id=ids.KEY_FIGURES, className="present-key-figures"),
                                ],
                                className="present-key-figures-box",
                            ),
                            html.Figure(id=ids.QR, className="present-qr"),
                        ],
                        className="present-side",
                    ),
                ],
                className="present-body",
            ),
            # Not a <footer>: Dash's page template already has the one contentinfo landmark. A region named by
            # its kicker ("Our network") instead.
            html.Section(
                [
                    html.Div(id=ids.KICKER, className="present-kicker"),
                    html.P(id=ids.CAPTION, className="present-caption", **attributes({"aria-live": "polite"})),
                    html.Div(html.Div(id=ids.PROGRESS, className="present-progress"), className="present-track"),
                    html.Div(id=ids.KEYS_HINT, className="present-keys"),
                ],
                className="present-footer",
                **attributes({"aria-labelledby": ids.KICKER}),
            ),
        ],
        id=ids.ROOT,
        className="present-page",
        **attributes({"data-state": "loading"}),
    )


def key_figure_items(key_figures: pd.DataFrame, limit: int = KEY_FIGURES_SHOWN, language: str = "en") -> list[html.Div]:
    """The headline figures as big number and label; a short unit (%) joins the number, a long one follows it."""
    items = []
    for row in key_figures.head(limit).itertuples(index=False):
        unit = key_figure_text(row, "unit", language)
        value = key_figure(row.value, unit, language)
        number: list[str | html.Span] = (
            [value] if unit == "%" else [value, html.Span(" " + unit, className="present-unit")] if unit else [value]
        )
        items.append(
            html.Div(
                [
                    html.Div(number, className="present-kf-value"),
                    html.Div(key_figure_text(row, "label", language), className="present-kf-label"),
                ],
                className="present-kf",
            )
        )
    return items


def qr_items(public_url: str, language: str) -> list:
    """The QR code of the public address with the address written under it, for those without a camera app."""
    if not public_url:
        return []
    return [
        html.Img(
            src=qr_svg_data_uri(public_url),
            className="present-qr-code",
            alt=text("present.qr_alt", language, url=public_url),
        ),
        html.Figcaption(
            [
                html.Span(text("present.qr_caption", language), className="present-qr-title"),
                html.Span(public_url, className="present-qr-url"),
            ]
        ),
    ]
