"""WCAG 2.1 AA in a real browser: axe-core finds nothing on any page or state, a keyboard alone reaches a
partner's details and back, charts are named and described, the year slider speaks academic years."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from dashboard import ids
from dashboard.present import ids as present_ids
from tests.browser.a11y import axe_violations
from tests.browser.helpers import drawn, open_drawer

pytestmark = pytest.mark.browser

# Every page a visitor can open. Pages other branches are building are listed already: they are scanned as soon
# as they answer (until then the test says it skipped them and why).
PAGES = [
    "/accessibility",
    "/accessibility?lang=nl",
    "/accessibility?lang=fr",
    "/accessibility?lang=de",
    "/data",
    "/health",
    "/destinations",
    "/embed",
]


@pytest.mark.parametrize(
    ("search", "state"),
    [
        ("", "plain"),
        ("", "dark"),
        ("?tier=strategic,mobility&region=Europe&from=2021-2022&to=2022-2023", "filters"),
        ("?query=no-such-partner", "empty"),
        ("", "drawer"),
        ("", "tables"),
        ("?lang=nl", "plain"),
        ("?lang=de&tier=collaboration", "drawer"),
        ("?tier=strategic", "phone filters"),
        ("", "phone cards"),
    ],
)
def test_the_dashboard_has_no_axe_violations(live_app, open_page, search, state):
    page = open_page(live_app.url + "/" + search)
    drawn(page, live_app.dataset, search.replace("lang=nl", "").replace("lang=de&", "").rstrip("?") or "")
    if state.startswith("phone"):  # 390x844: the filters in their drawer, the table as cards
        page.set_viewport_size({"width": 390, "height": 844})
    if state == "dark":
        page.click(f"#{ids.THEME_SWITCH}", force=True)
        page.wait_for_function("() => document.documentElement.getAttribute('data-mantine-color-scheme') === 'dark'")
        page.wait_for_function("() => document.body.dataset.agThemeMode === 'dark'")
    if state == "drawer":
        open_drawer(page)
    if state == "phone filters":
        page.click(f"#{ids.FILTERS_TOGGLE}")
        page.wait_for_selector(f"#{ids.FILTERS_DRAWER}.open", state="visible")
        page.wait_for_function(f"() => document.activeElement.id === {ids.FILTERS_CLOSE!r}")
    if state == "phone cards":
        page.wait_for_selector(".partner-card", state="visible")
    if state == "tables":
        for toggle in page.locator(".chart-table-toggle > summary").all():
            toggle.click()
        page.wait_for_function("() => document.querySelectorAll('.chart-table-toggle[open] table').length >= 6")
    assert axe_violations(page) == []


def test_every_presentation_scene_has_no_axe_violations(live_app, open_page):
    """Each scene type of the default tour (network, partners, regions, pyramid, trend)."""
    page = open_page(live_app.url + "/present/?seconds=600")
    root = f"#{present_ids.ROOT}"
    page.wait_for_selector(f"{root}[data-state=playing]", timeout=20_000)
    seen: dict[str, list[str]] = {}
    for _ in range(30):
        page.wait_for_function("(r) => !document.querySelector(r).classList.contains('is-leaving')", arg=root)
        kicker = page.text_content(f"#{present_ids.KICKER}") or ""
        index = page.get_attribute(root, "data-scene")
        seen.setdefault(kicker, axe_violations(page))
        page.keyboard.press("ArrowRight")
        page.wait_for_function("([r, i]) => document.querySelector(r).dataset.scene !== i", arg=[root, index])
        if page.get_attribute(root, "data-scene") == "0":
            break
    assert len(seen) >= 4, f"the tour should show network, partner, region, pyramid and trend scenes: {list(seen)}"
    assert {kicker: found for kicker, found in seen.items() if found} == {}


@pytest.mark.parametrize("path", PAGES)
def test_every_other_page_has_no_axe_violations(live_app, open_page, path):
    page = open_page(live_app.url + path)
    page.wait_for_load_state("networkidle")
    page.wait_for_function(
        "() => document.querySelector('main, #atlas-page') && !document.querySelector('._dash-loading')"
    )
    # Dash answers every unknown path with the dashboard: a path that shows it is not a page of its own (yet).
    if page.evaluate(f"() => Boolean(document.getElementById('{ids.PAGE}'))"):
        pytest.skip(f"{path} is not a page of its own in this build yet; it is scanned as soon as it is")
    assert axe_violations(page) == []


def test_a_keyboard_alone_reaches_a_partners_details_and_back(live_app, open_page):
    page = open_page(live_app.url + "/")
    drawn(page, live_app.dataset)

    # The first Tab shows the skip link; Enter jumps past the filters to the results.
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator(f"#{ids.SKIP_TARGET}")).to_be_focused()

    # Every chart is one named, described stop, its toolbar not in the way, on the way to the table.
    charts, presses = [], 0
    while not page.evaluate("() => Boolean(document.activeElement.closest('.ag-root'))"):
        page.keyboard.press("Tab")
        presses += 1
        assert presses < 40, f"{presses} Tab presses from the results and still not in the table: {charts}"
        stop = page.evaluate("""() => { const el = document.activeElement;
            return {toolbar: Boolean(el.closest('.modebar')), chart: el.classList.contains('atlas-graph'),
                    name: el.getAttribute('aria-label'),
                    summary: el.classList.contains('atlas-graph')
                             ? document.getElementById(el.getAttribute('aria-describedby').split(' ')[0]).textContent
                             : null}; }""")
        assert not stop["toolbar"], f"Tab went into a chart toolbar after {charts}"
        if stop["chart"]:
            assert stop["summary"], f"{stop['name']} has no text summary"
            charts.append(stop["name"])
    assert charts == [
        "World map of the partners in the filter",
        "Partnership tiers",
        "Mobility per academic year",
        "Semester and short-term",
        "By home campus",
        "Top countries",
        "Top partners",
    ]

    # Down to the first partner row, Enter opens its details with focus inside; Esc closes and focus is back.
    for _ in range(5):
        if page.evaluate("() => Boolean(document.activeElement.closest('.ag-center-cols-container .ag-row'))"):
            break
        page.keyboard.press("ArrowDown")
    row_name = page.evaluate(
        "() => document.activeElement.closest('.ag-row').querySelector('[col-id=name]').textContent"
    )
    page.keyboard.press("Enter")
    drawer = page.locator(".atlas-detail .mantine-Drawer-content")
    expect(drawer).to_be_visible()
    expect(page.locator(".atlas-detail .mantine-Drawer-title")).to_have_text(row_name)
    page.wait_for_function("() => document.activeElement.closest('.atlas-detail') !== null")
    assert page.evaluate("() => document.activeElement.getAttribute('aria-label')") == "Close the partner details"

    page.keyboard.press("Escape")
    expect(drawer).to_be_hidden()
    page.wait_for_function("() => Boolean(document.activeElement.closest('.ag-row'))")
    assert (
        page.evaluate("() => document.activeElement.closest('.ag-row').querySelector('[col-id=name]').textContent")
        == row_name
    )


def test_enter_on_a_chart_opens_its_toolbar_and_esc_goes_back(live_app, open_page):
    page = open_page(live_app.url + "/")
    drawn(page, live_app.dataset)
    assert page.evaluate(
        "() => Array.from(document.querySelectorAll('.modebar-btn')).every((b) => b.getAttribute('tabindex') === '-1')"
    )
    # The trend's toolbar has several buttons (download, zoom, pan, ...); the pyramid's has only the download.
    chart = f".atlas-graph[data-chart='{ids.MOBILITY_TREND}']"
    page.focus(chart)
    page.keyboard.press("Enter")
    in_toolbar = "() => document.activeElement.classList.contains('modebar-btn') && document.activeElement.closest('.atlas-graph').dataset.chart"
    assert page.evaluate(in_toolbar) == ids.MOBILITY_TREND
    page.keyboard.press("Tab")
    assert page.evaluate(in_toolbar) == ids.MOBILITY_TREND, "Tab walks the open toolbar"
    expect(page.locator(f"{chart} .modebar")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator(chart)).to_be_focused()
    assert page.evaluate(
        f'() => Array.from(document.querySelectorAll("{chart} .modebar-btn"))'
        ".every((b) => b.getAttribute('tabindex') === '-1')"
    )


def test_the_year_slider_announces_academic_years(live_app, open_page):
    page = open_page(live_app.url + "/?from=2022-2023")
    drawn(page, live_app.dataset, "?from=2022-2023")
    thumbs = page.locator(".year-slider [role=slider]")
    page.wait_for_function(
        "() => document.querySelector('.year-slider [role=slider]').getAttribute('aria-valuetext') === '2022-2023'"
    )
    assert [thumbs.nth(i).get_attribute("aria-valuetext") for i in range(2)] == ["2022-2023", "2023-2024"]
    thumbs.nth(0).focus()
    page.keyboard.press("ArrowLeft")
    page.wait_for_function(
        "() => document.querySelector('.year-slider [role=slider]').getAttribute('aria-valuetext') === '2021-2022'"
    )
