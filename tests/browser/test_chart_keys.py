"""The charts' elements from the keyboard alone: Tab to a chart, the arrow keys light its bars, tiers or points
one by one (and a live region reads each), Enter or Space does what a click there does."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from dashboard import ids
from dashboard.i18n import text
from tests.browser.helpers import drawn, expected_counts
from tests.browser.page_state import wait_for_search, wait_until_shown

pytestmark = pytest.mark.browser

ANNOUNCE = f"#{ids.CHART_ANNOUNCE}"


BUSY = 60_000  # milliseconds to wait for the first draw: the machine may be busy


def tab_to(page, chart_id: str, limit: int = 80) -> None:
    """Tab from the top of the page until the chart has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("id => document.activeElement.dataset.chart === id", chart_id):
            return
    raise AssertionError(f"{limit} Tab presses and {chart_id} never had the focus")


def test_tab_to_the_pyramid_arrow_to_a_tier_and_enter_filters_by_it(live_app, open_page):
    dataset = live_app.dataset
    page = open_page(live_app.url + "/")
    drawn(page, dataset, timeout=BUSY)
    tab_to(page, ids.TIER_PYRAMID)
    pyramid = page.locator(f"[data-chart={ids.TIER_PYRAMID}]")
    expect(pyramid).to_be_focused()
    hint = page.locator(f"#{ids.CHART_KEYS_HINT}").text_content()
    assert ids.CHART_KEYS_HINT in (pyramid.get_attribute("aria-describedby") or "") and "Enter" in hint

    # Down the pyramid: strategic, then collaboration, each read out with its place among the three.
    counts = dataset.partners["tier"].value_counts()
    page.keyboard.press("ArrowDown")
    expect(page.locator(ANNOUNCE)).to_contain_text(f"{counts['strategic']} strategic partners")
    expect(page.locator(ANNOUNCE)).to_contain_text("(1 of 3)")
    page.keyboard.press("ArrowDown")
    expect(page.locator(ANNOUNCE)).to_contain_text(f"{counts['collaboration']} collaboration partners")
    expect(page.locator(ANNOUNCE)).to_contain_text("(2 of 3)")
    # The highlight is plotly's own hover card, on the tier.
    expect(page.locator(f"#{ids.TIER_PYRAMID} .hoverlayer .hovertext")).to_have_count(1)

    page.keyboard.press("Enter")
    wait_for_search(page, "?tier=collaboration")
    chips = page.locator(f"#{ids.CHIPS} .filter-chip")
    expect(chips).to_have_count(1)
    expect(chips).to_contain_text(text("tier.collaboration"))
    collaboration = dataset.partners[dataset.partners["tier"] == "collaboration"]
    placed = int(collaboration["lat"].notna().sum())
    shown = wait_until_shown(page, len(collaboration), placed, timeout=BUSY)
    assert set(shown.rows) == set(collaboration["partner_id"].astype(str))  # the table follows
    expect(pyramid).to_be_focused()  # the keyboard stays where it was

    # Space on the same tier does what a second click does: the filter goes again.
    page.keyboard.press(" ")
    wait_for_search(page, "")
    wait_until_shown(page, *expected_counts(dataset, "")[:2], timeout=BUSY)


def test_space_on_a_country_bar_filters_by_that_country_and_escape_leaves_the_bars(live_app, open_page):
    page = open_page(live_app.url + "/")
    drawn(page, live_app.dataset, timeout=BUSY)
    tab_to(page, ids.TOP_COUNTRIES)
    page.keyboard.press("ArrowRight")
    expect(page.locator(ANNOUNCE)).to_contain_text("(1 of ")
    first = page.evaluate(
        "id => document.querySelector(`#${id} .js-plotly-plot`)._fullData[0].customdata[0][0]", ids.TOP_COUNTRIES
    )
    page.keyboard.press("Escape")  # no bar lit now: Space would scroll, Enter opens the toolbar
    expect(page.locator(f"#{ids.TOP_COUNTRIES} .hoverlayer .hovertext")).to_have_count(0)
    page.keyboard.press("Home")
    page.keyboard.press(" ")
    wait_for_search(page, f"?country={first}")


def test_enter_on_a_trend_point_shows_that_year(live_app, open_page):
    dataset = live_app.dataset
    page = open_page(live_app.url + "/")
    drawn(page, dataset, timeout=BUSY)
    tab_to(page, ids.MOBILITY_TREND)
    page.keyboard.press("End")  # the last academic year
    last = dataset.academic_years[-1]
    expect(page.locator(ANNOUNCE)).to_contain_text(last)
    # The year's whole card, as the mouse gets it: every series of the factory's mobility, not only the first.
    for series in ("outgoing students", "outgoing staff", "incoming students", "incoming staff"):
        expect(page.locator(ANNOUNCE)).to_contain_text(series)
    page.keyboard.press("Enter")
    page.wait_for_function("y => new URLSearchParams(location.search).get('from') === y", arg=last)
    assert page.evaluate("() => new URLSearchParams(location.search).get('to')") == last
