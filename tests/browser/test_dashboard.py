"""The dashboard in a real browser, driven as a person would: controls, chart clicks, URLs, the back button.

Every expected partner and count is worked out by hand from the nine partners of tests/factories.py (all of them
placed on the map): P01-P03 strategic, P04-P06 collaboration, P07-P09 mobility.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from dashboard import ids
from tests.browser.helpers import assert_views_show
from tests.browser.page_state import (
    click_marker,
    click_pyramid_tier,
    read_state,
    wait_for_search,
)

pytestmark = pytest.mark.browser

EVERYONE = {"P01", "P02", "P03", "P04", "P05", "P06", "P07", "P08", "P09"}
EVERY_TIER = {"strategic": 3, "collaboration": 3, "mobility": 3}


def tiers(strategic: int, collaboration: int, mobility: int) -> dict[str, int]:
    return {"strategic": strategic, "collaboration": collaboration, "mobility": mobility}


def pick_country(page, name: str) -> None:
    page.click(f"#{ids.FILTER_COUNTRY}")
    page.fill(f"#{ids.FILTER_COUNTRY}", name)
    page.get_by_role("option", name=name, exact=True).click()
    page.keyboard.press("Escape")


def test_tier_country_and_year_controls_filter_every_view(live_app, open_page):
    page = open_page(live_app.url + "/")
    assert_views_show(page, EVERYONE, EVERY_TIER)

    page.click(".chip-strategic label")
    wait_for_search(page, "?tier=strategic")
    pick_country(page, "Finland")
    pick_country(page, "Netherlands")
    wait_for_search(page, "?tier=strategic&country=FI,NL")
    page.focus("[role=slider][aria-label$='(from)']")
    page.keyboard.press("ArrowRight")
    search = "?tier=strategic&country=FI,NL&from=2022-2023"
    wait_for_search(page, search)

    # Hanze and Turku. The tier filter drops P04 (collaboration, Groningen) from the table and the map, while the
    # pyramid still counts it, so that tier stays clickable; Jyväskylä's agreement ended in 2021.
    assert_views_show(page, {"P01", "P02"}, tiers(2, 1, 0))


def test_pyramid_click_filters_and_its_chip_removes_it(live_app, open_page):
    page = open_page(live_app.url + "/")
    assert_views_show(page, EVERYONE, EVERY_TIER)

    click_pyramid_tier(page, "collaboration")
    wait_for_search(page, "?tier=collaboration")
    assert_views_show(page, {"P04", "P05", "P06"}, EVERY_TIER)
    assert page.locator(".chip-collaboration input").is_checked(), "the tier control follows the chart click"

    chip = page.locator(".filter-chip", has_text="Collaboration")
    chip.click()
    wait_for_search(page, "")
    assert_views_show(page, EVERYONE, EVERY_TIER)
    assert page.locator(".filter-chip").count() == 0


def test_marker_click_opens_the_detail_panel_and_highlights_the_partner(live_app, open_page):
    page = open_page(live_app.url + "/?q=turku")
    assert_views_show(page, {"P02"}, tiers(1, 0, 0))

    click_marker(page, "P02")
    title = page.locator(".atlas-detail .mantine-Drawer-title")
    title.wait_for()
    assert title.inner_text() == "Turku University of Applied Sciences"
    body = page.locator(f"#{ids.DETAIL_BODY}")
    assert "2019–2027" in body.inner_text()
    page.wait_for_function(
        """id => {
            const plot = document.querySelector(`#${id} .js-plotly-plot`);
            const ring = plot._fullData.find(t => t.name === "Selected");
            return ring && ring.lat && ring.lat.length === 1;
        }""",
        arg=ids.WORLD_MAP,
    )


def test_table_row_click_opens_the_detail_panel(live_app, open_page):
    page = open_page(live_app.url + "/?country=KR")
    assert_views_show(page, {"P07"}, tiers(0, 0, 1))
    page.locator(f"#{ids.PARTNER_TABLE} .ag-row .ag-cell[col-id=name]", has_text="Hanyang University").click()
    title = page.locator(".atlas-detail .mantine-Drawer-title")
    title.wait_for()
    assert title.inner_text() == "Hanyang University"
    assert "Seoul" in page.locator(f"#{ids.DETAIL_BODY}").inner_text()


def test_a_bookmarked_url_is_applied_and_back_restores_the_previous_state(live_app, open_page):
    search = "?tier=collaboration&country=NL,PT"
    page = open_page(live_app.url + "/" + search)
    assert_views_show(page, {"P04", "P05"}, tiers(1, 2, 0))  # Hanze is strategic
    # expect() retries until the controls have caught up with the URL, which they do after the views.
    expect(page.locator(".chip-collaboration input")).to_be_checked()
    expect(page.locator(".filter-chip")).to_have_count(3)  # Collaboration, Netherlands, Portugal

    page.click(".chip-mobility label")
    wait_for_search(page, "?tier=collaboration,mobility&country=NL,PT")
    assert_views_show(page, {"P04", "P05"}, tiers(1, 2, 0))

    page.go_back()
    wait_for_search(page, search)
    assert_views_show(page, {"P04", "P05"}, tiers(1, 2, 0))  # Hanze is strategic
    expect(page.locator(".chip-mobility input")).not_to_be_checked()  # the controls follow the URL back


@pytest.mark.parametrize("search", ["?tier=bogus&country=ZZ&from=banana", "?%%%&q", "?region=Atlantis&to=1066-1067"])
def test_unknown_values_in_the_url_are_ignored(live_app, open_page, page_log, search):
    page = open_page(live_app.url + "/" + search)
    assert_views_show(page, EVERYONE, EVERY_TIER)
    assert page_log.errors == []


def test_dark_switch_recolours_page_and_figures(live_app, open_page):
    page = open_page(live_app.url + "/")
    assert_views_show(page, EVERYONE, EVERY_TIER)
    font_colour = "id => document.querySelector(`#${id} .js-plotly-plot`)._fullLayout.font.color"
    light = page.evaluate(font_colour, ids.WORLD_MAP)
    page.get_by_label("Dark").check()
    page.wait_for_function("() => document.documentElement.dataset.mantineColorScheme === 'dark'")
    for graph in (ids.WORLD_MAP, ids.TIER_PYRAMID, ids.MOBILITY_TREND):
        page.wait_for_function(f"id => ({font_colour})(id) !== {light!r}", arg=graph)


def test_partner_count_is_exactly_a_number(live_app, open_page):
    page = open_page(live_app.url + "/?region=Europe")
    shown = assert_views_show(page, {"P01", "P02", "P04", "P05", "P08"}, tiers(2, 2, 1))
    assert re.fullmatch(r"\d+", read_state(page).count) and shown.count == "5"
