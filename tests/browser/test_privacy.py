"""Privacy in a real browser: every mode-bar button of every graph on the dashboard and the presentation is clicked,
and every button or link of any dialog it opens, with every request outside the app's origin blocked and recorded.
Nothing may try to leave the origin, open a window or navigate away (plotly.js's "Share chart" opens a dialog and
then a window on Plotly Cloud)."""

from __future__ import annotations

import pytest

from dashboard.present import ids as present_ids
from tests.browser.page_state import wait_until_shown

pytestmark = pytest.mark.browser

# Whatever a library may open as a dialog: plotly's cloud dialog, ARIA dialogs, anything named so.
DIALOG_CONTROLS = (
    "[role=dialog] button, [role=dialog] a, [class*=dialog] button, [class*=dialog] a, [class*=dialog-btn]"
)
CLOUD_WORDS = ("share", "cloud", "chart studio", "edit in", "plotly")


class Guard:
    """Blocks and records every request that leaves the origin, in the page and in any window it opens."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.blocked: list[str] = []
        self.popups: list[str] = []

    def install(self, page) -> None:
        def handle(route) -> None:
            url = route.request.url
            if url.startswith(self.origin + "/") or url.startswith(("data:", "blob:")):
                route.continue_()
            else:
                self.blocked.append(url)
                route.abort()

        page.context.route("**/*", handle)
        page.context.on("page", lambda popup: self.popups.append(popup.url or "about:blank"))


def click_every_mode_bar_button(page, graph_selector: str) -> list[str]:
    """Click each mode-bar button of each graph, then each control of any dialog that opened; returns the titles."""
    titles = []
    plots = page.locator(f"{graph_selector} .js-plotly-plot")
    for p in range(plots.count()):
        plot = plots.nth(p)
        buttons = plot.locator(".modebar-btn")
        for b in range(buttons.count()):
            plot.hover(position={"x": 5, "y": 5})
            button = buttons.nth(b)
            titles.append(button.get_attribute("data-title") or button.get_attribute("title") or "")
            button.click()
            controls = page.locator(DIALOG_CONTROLS)
            for c in range(controls.count()):
                if controls.nth(c).is_visible():
                    controls.nth(c).click()
            page.keyboard.press("Escape")
    return titles


def assert_stayed_home(page, guard: Guard) -> None:
    assert guard.blocked == [], f"a request tried to leave the origin: {guard.blocked}"
    assert guard.popups == [], f"a window was opened: {guard.popups}"
    assert page.url.startswith(guard.origin + "/"), f"the page navigated away to {page.url}"


def test_no_mode_bar_button_or_dialog_of_the_dashboard_reaches_another_host(live_app, open_page):
    guard = Guard(live_app.url)
    page = open_page(live_app.url + "/", setup=guard.install)
    wait_until_shown(page, len(live_app.dataset.partners))
    graphs = page.locator(".atlas-graph .js-plotly-plot")
    graphs.nth(6).wait_for(state="attached")
    assert graphs.count() >= 7, "the map and the six charts"

    titles = click_every_mode_bar_button(page, ".atlas-graph")
    assert len(titles) >= graphs.count(), "every graph has a mode bar (at least its PNG download)"
    assert not [t for t in titles if any(word in t.lower() for word in CLOUD_WORDS)], titles
    assert page.locator(".plotly-cloud-dialog").count() == 0, "plotly's share dialog opened"
    assert page.locator("a.modebar-btn[href], .modebar a[href^=http]").count() == 0, "a link in a mode bar"
    assert_stayed_home(page, guard)


def test_the_presentation_has_no_mode_bar_and_nothing_on_it_reaches_another_host(live_app, open_page):
    guard = Guard(live_app.url)
    page = open_page(live_app.url + "/present/", setup=guard.install)
    page.wait_for_selector(f"#{present_ids.ROOT}[data-state=playing]", timeout=20_000)
    plot = page.locator(f"#{present_ids.GRAPH} .js-plotly-plot")
    plot.wait_for(state="attached")
    page.wait_for_function(
        "id => document.querySelector(`#${id} .js-plotly-plot`)._fullLayout !== undefined", arg=present_ids.GRAPH
    )

    assert click_every_mode_bar_button(page, f"#{present_ids.GRAPH}") == [], "a kiosk graph shows no mode bar"
    plot.click()  # a touch on the stage pauses the tour; nothing else
    assert page.locator(f"#{present_ids.GRAPH} .modebar-btn").count() == 0
    assert page.locator(f"#{present_ids.GRAPH} a[href]").count() == 0, "a link on the presentation's graph"
    assert_stayed_home(page, guard)
