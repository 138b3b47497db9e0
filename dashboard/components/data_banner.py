"""The banner over the dashboard and the presentation when the data shown is not what the files hold.

It names each file, its problem and the time of the data shown, and links to /data for the rest. It is empty
(no element at all) while the data is sound, so a screen reader announces it only when something is wrong.
"""

from __future__ import annotations

import time
from typing import NamedTuple

from dash import dcc, html

from dashboard.i18n import text
from dashboard.paths import DATA_PATH
from dashboard.report import file_name
from dashboard.store import DataStatus

PROBLEMS_SHOWN = 3
CHECK_MS = 5000  # a page open all day (the kiosk) learns of a refused file within the store's check plus this


class BannerIds(NamedTuple):
    """The ids of one page's banner: the banner, its timer, the data time the page was built with, and now."""

    banner: str
    check: str
    shown: str
    now: str


def data_time_text(status: DataStatus) -> str:
    """The time of the data shown, in the server's clock (the one the office's file times are in)."""
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(status.data_time))


def data_page_href(language: str) -> str:
    return f"{DATA_PATH}?lang={language}"


def data_banner(status: DataStatus, language: str) -> list:
    """The banner's children for `status`: nothing when the data is sound."""
    if not status.degraded:
        return []
    lead = (
        text("banner.kept", language, time=data_time_text(status))
        if status.kept
        else text("banner.unreadable", language)
    )
    problems = [
        html.Li([html.Strong(file_name(p.file)), ": ", p.message.removeprefix(file_name(p.file) + " ")])
        for p in status.problems[:PROBLEMS_SHOWN]
    ]
    return [
        html.Div(
            [
                html.P(lead, className="data-banner-lead"),
                html.Ul(problems, className="data-banner-problems"),
                html.A(text("banner.details", language), href=data_page_href(language)),
            ],
            role="alert",
            className="data-banner-box",
        )
    ]


def banner_slot(banner_ids: BannerIds, status: DataStatus | None, language: str) -> html.Div:
    """Where the banner goes, with the banner of the page load, the timer that keeps it current and the time of
    the data the page was built from (a page open when newer data is swapped in reloads itself)."""
    return html.Div(
        [
            # No aria-live here: the box is role="alert", announced once when it appears.
            html.Div(data_banner(status, language) if status else [], id=banner_ids.banner, className="data-banner"),
            dcc.Interval(id=banner_ids.check, interval=CHECK_MS),
            dcc.Store(id=banner_ids.shown, data=status.data_time if status else None),
            dcc.Store(id=banner_ids.now),
        ],
        className="data-banner-slot",
    )
