"""The dashboard on a phone (390x844), a tablet (768x1024), a laptop (1366x768) and up to 4K: nothing scrolls
sideways, no label, caption, legend item or slider mark is cut or runs into another, touch targets are 44 px,
the filters open from "Filters (n)", the table becomes cards, the map lets one finger scroll the page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from dashboard import ids
from tests.browser.helpers import LiveApp, PageLog, guard_outside_requests
from tests.browser.helpers import drawn as views_drawn
from tests.browser.page_state import MAPLIBRE_JS

pytestmark = pytest.mark.browser

PHONE, TABLET = (390, 844), (768, 1024)
SIZES = [PHONE, TABLET, (1366, 768), (1920, 1080), (3840, 2160)]
NARROW = (PHONE, TABLET)
# A filter that makes every caption long (the pyramid's and the trend's name each filter in words).
LONG_FILTER = "?tier=strategic,collaboration&region=Europe&from=2020-2021&to=2023-2024"


def size_id(size: tuple[int, int]) -> str:
    return f"{size[0]}x{size[1]}"


@pytest.fixture
def open_sized(browser):
    """open_sized(url, size, touch=False) -> a page of that viewport (a touch screen when `touch`)."""
    contexts, log = [], PageLog()

    def _open(url: str, size: tuple[int, int], *, touch: bool = False):
        context = browser.new_context(viewport={"width": size[0], "height": size[1]}, has_touch=touch)
        contexts.append(context)
        guard_outside_requests(context, log)
        page = context.new_page()
        page.goto(url)
        return page

    yield _open
    for context in contexts:
        context.close()
    assert log.outside == [], "the page asked for something outside this machine (offline and private)"


def drawn(page, app: LiveApp, search: str = "") -> None:
    """Until the views show `search`'s partners and every chart has drawn (a minute: the machine may be busy)."""
    views_drawn(page, app.dataset, search, timeout=60_000)
    # plotly redraws a responsive chart after its box settles: wait for every chart to be its box's width.
    page.wait_for_function(
        """() => Array.from(document.querySelectorAll('.atlas-graph .js-plotly-plot')).every(plot => {
            const svg = plot.querySelector('.main-svg');
            return svg && Math.abs(svg.getBoundingClientRect().width - plot.getBoundingClientRect().width) < 2;
        })"""
    )


# Everything the page writes in HTML that must show whole: a text element whose content is wider than its box,
# or whose box leaves the screen, is cut. plotly's SVG text is checked against its chart by FIT_SVG_JS.
FIT_HTML_JS = """
() => {
  const cut = [];
  for (const el of document.querySelectorAll('.atlas-page *')) {
    // The grid's cells end a long name with an ellipsis by design: its tooltip (and the card) show it whole,
    // and a column can be widened.
    if (el.closest('.ag-cell:not(.partner-card-cell)')) continue;
    if (el.closest('.js-plotly-plot, .visually-hidden, .skip-link, .ag-aria-description-container, .chart-table-toggle:not([open]) > div')) continue;
    if (!el.getClientRects().length || getComputedStyle(el).visibility === 'hidden') continue;
    const own = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own) continue;
    const box = el.getBoundingClientRect();
    const clipped = getComputedStyle(el).display !== 'inline' && el.scrollWidth > el.clientWidth + 1;
    if (box.right > innerWidth + 1 || box.left < -1 || clipped)
      cut.push(`${el.className || el.tagName}: "${el.textContent.trim().slice(0, 40)}" ` +
               `[${Math.round(box.left)}..${Math.round(box.right)}, scroll ${el.scrollWidth} > ${el.clientWidth}]`);
  }
  return cut;
}
"""

# In each chart: every text (ticks, bar values, legend, caption) inside the chart's box, legend items apart,
# the tick labels of one axis apart.
FIT_SVG_JS = """
() => {
  const problems = [];
  const apart = (a, b) => a.right <= b.left + 1 || b.right <= a.left + 1 || a.bottom <= b.top + 1 || b.bottom <= a.top + 1;
  for (const plot of document.querySelectorAll('.atlas-graph .js-plotly-plot')) {
    const name = plot.closest('.atlas-graph').dataset.chart;
    if (name === 'world-map') continue;  // MapLibre draws the map's own labels; its legend is HTML
    const frame = plot.getBoundingClientRect();
    const texts = Array.from(plot.querySelectorAll('.main-svg text')).filter(t => t.textContent.trim());
    for (const t of texts) {
      if (t.closest('.hoverlayer')) continue;
      const b = t.getBoundingClientRect();
      if (!b.width) continue;
      if (b.left < frame.left - 1 || b.right > frame.right + 1 || b.top < frame.top - 1 || b.bottom > frame.bottom + 1)
        problems.push(`${name}: "${t.textContent.slice(0, 40)}" leaves the chart`);
    }
    const legend = Array.from(plot.querySelectorAll('.legend .traces')).map(e => e.getBoundingClientRect());
    legend.forEach((a, i) => legend.slice(i + 1).forEach((b) => {
      if (!apart(a, b)) problems.push(`${name}: legend items overlap`);
    }));
    for (const axis of ['.xaxislayer-above', '.yaxislayer-above']) {
      const ticks = Array.from(plot.querySelectorAll(`${axis} text`)).map(e => e.getBoundingClientRect());
      ticks.forEach((a, i) => ticks.slice(i + 1).forEach((b) => {
        if (!apart(a, b)) problems.push(`${name}: tick labels overlap on ${axis}`);
      }));
      const turned = Array.from(plot.querySelectorAll(`${axis} text`)).some(
        e => /rotate\\((-?[1-9])/.test(e.getAttribute('transform') || ''));
      if (turned && name === 'top-partners') problems.push(`${name}: ticks turned on their side`);
    }
  }
  return problems;
}
"""

# The year slider: the labels it shows are apart and inside the filter panel.
SLIDER_JS = """
() => {
  const slider = document.querySelector('.year-slider');
  const panel = document.querySelector('.atlas-filters').getBoundingClientRect();
  const shown = Array.from(slider.querySelectorAll('.mantine-RangeSlider-markLabel'))
    .filter(l => !l.hasAttribute('data-atlas-hidden'));
  const boxes = shown.map(l => l.getBoundingClientRect());
  const problems = [];
  boxes.forEach((a, i) => {
    if (a.left < panel.left - 1 || a.right > panel.right + 1) problems.push(`${shown[i].textContent} leaves the panel`);
    const b = boxes[i + 1];
    if (b && a.right + 2 > b.left) problems.push(`${shown[i].textContent} runs into ${shown[i + 1].textContent}`);
  });
  return {shown: shown.map(l => l.textContent), problems};
}
"""

# Whatever a finger can press in the page (WCAG 2.5.5: 44 by 44 CSS pixels).
TARGETS_JS = """
(scope) => {
  const small = [];
  const sel = 'button, a[href], summary, input:not([type=checkbox]):not([type=radio]):not([type=hidden]), ' +
    '[role=slider], .mantine-Chip-label, .mantine-SegmentedControl-label, .mantine-Switch-body, ' +
    '.ag-paging-button, .ag-header-cell';
  let checked = 0;
  for (const found of document.querySelector(scope).querySelectorAll(sel)) {
    // A multi-select's typing field sits inside the field's box, which is what a finger presses.
    const el = found.closest('.mantine-PillsInput-input, .mantine-Input-input') || found;
    if (el.closest('.visually-hidden, .skip-link, .modebar, .mantine-Switch-body .mantine-Switch-input')) continue;
    if (el.matches('.mantine-Switch-input')) continue;  // the switch's body is its target
    const style = getComputedStyle(el);
    if (!el.getClientRects().length || style.visibility === 'hidden' || style.opacity === '0') continue;
    const box = el.getBoundingClientRect();
    checked += 1;
    if (box.width < 43.5 || box.height < 43.5)
      small.push(`${el.id || el.className || el.tagName} "${(el.textContent || '').trim().slice(0, 30)}" ` +
                 `${Math.round(box.width)}x${Math.round(box.height)}`);
  }
  return {checked, small};
}
"""


@pytest.mark.parametrize("size", SIZES, ids=size_id)
def test_nothing_is_cut_or_scrolls_sideways(sample_app, open_sized, size):
    page = open_sized(sample_app.url + "/" + LONG_FILTER, size)
    drawn(page, sample_app, LONG_FILTER)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= size[0]
    cut = page.evaluate(FIT_HTML_JS)
    assert not cut, "\n".join(cut)
    cut = page.evaluate(FIT_SVG_JS)
    assert not cut, "\n".join(cut)
    slider = page.evaluate(SLIDER_JS)
    assert not slider["problems"], "\n".join(slider["problems"])
    years = sample_app.dataset.academic_years
    assert len(slider["shown"]) >= 2 and slider["shown"][0] == f"{years[0][2:4]}-{years[0][7:9]}"


@pytest.mark.parametrize("size", NARROW, ids=size_id)
def test_the_first_screen_shows_results_and_the_filters_open_from_a_button(live_app, open_sized, size):
    search = "?tier=strategic&region=Europe"
    page = open_sized(live_app.url + "/" + search, size)
    drawn(page, live_app, search)
    toggle = page.locator(f"#{ids.FILTERS_TOGGLE}")
    drawer = page.locator(f"#{ids.FILTERS_DRAWER}")
    expect(toggle).to_have_text("Filters (2)")
    expect(drawer).to_be_hidden()
    # The results on the first screen: the partner count and the top of the map.
    for selector in (f"#{ids.PARTNER_COUNT}", f"#{ids.WORLD_MAP}"):
        assert page.locator(selector).bounding_box()["y"] < size[1]
    map_box, screen = page.locator(f"#{ids.WORLD_MAP}").bounding_box(), size[0]
    assert map_box["width"] >= screen - 32  # the screen's width, but for a hairline of padding

    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.focus()
    page.keyboard.press("Enter")
    expect(drawer).to_be_visible(timeout=20_000)  # a server round trip
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(page.locator(f"#{ids.FILTERS_CLOSE}")).to_be_focused()
    # A filter chosen in the drawer counts at once.
    page.locator(".atlas-filters .chip-collaboration label").click()
    expect(toggle).to_have_text("Filters (3)")
    page.keyboard.press("Escape")
    expect(drawer).to_be_hidden()
    expect(toggle).to_be_focused()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    # The close button inside the drawer too.
    toggle.click()
    page.locator(f"#{ids.FILTERS_CLOSE}").click()
    expect(drawer).to_be_hidden()
    expect(toggle).to_be_focused()


def test_the_filters_stay_beside_the_results_on_a_laptop(live_app, open_sized):
    page = open_sized(live_app.url + "/", (1366, 768))
    drawn(page, live_app)
    expect(page.locator(f"#{ids.FILTERS_TOGGLE}")).to_be_hidden()
    expect(page.locator(f"#{ids.FILTER_QUERY}")).to_be_visible()


@pytest.mark.parametrize("size", NARROW, ids=size_id)
def test_touch_targets_are_44_px(sample_app, open_sized, size):
    page = open_sized(sample_app.url + "/", size, touch=True)
    drawn(page, sample_app)
    page_targets = page.evaluate(TARGETS_JS, ".atlas-page")
    assert page_targets["checked"] > 30
    assert not page_targets["small"], "\n".join(page_targets["small"])
    page.locator(f"#{ids.FILTERS_TOGGLE}").click()
    expect(page.locator(f"#{ids.FILTERS_DRAWER}")).to_be_visible()
    in_drawer = page.evaluate(TARGETS_JS, f"#{ids.FILTERS_DRAWER}")
    assert in_drawer["checked"] > 15
    assert not in_drawer["small"], "\n".join(in_drawer["small"])


@pytest.mark.parametrize("size", NARROW, ids=size_id)
def test_the_table_is_a_list_of_cards_that_enter_opens(live_app, open_sized, size):
    page = open_sized(live_app.url + "/", size)
    drawn(page, live_app)
    cards = page.locator(".ag-center-cols-container .ag-row .partner-card")
    first = page.locator(".ag-center-cols-container .ag-row[row-index='0'] .partner-card")
    expect(first).to_be_visible()
    name = first.locator(".partner-card-name").text_content()
    assert name in set(live_app.dataset.partners["name"])
    assert cards.count() == len(live_app.dataset.partners) or cards.count() >= 3
    # One column: the card; the row's columns are gone.
    assert page.locator(".ag-header-cell:visible").count() == 1
    card_box, table_box = first.bounding_box(), page.locator(f"#{ids.PARTNER_TABLE}").bounding_box()
    assert card_box["width"] >= table_box["width"] * 0.8
    page.locator(".ag-center-cols-container .ag-row[row-index='0'] .ag-cell").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".atlas-detail .mantine-Drawer-content[role=dialog]")).to_be_visible(timeout=20_000)
    expect(page.locator(".atlas-detail .mantine-Drawer-title")).to_have_text(name)


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)], ids=size_id)
def test_the_open_detail_drawer_leaves_the_table_whole(live_app, open_sized, size):
    page = open_sized(live_app.url + "/", size)
    drawn(page, live_app)
    page.click(".ag-center-cols-container .ag-row[row-index='0'] .ag-cell")
    drawer = page.locator(".atlas-detail .mantine-Drawer-content[role=dialog]")
    expect(drawer).to_be_visible(timeout=20_000)  # a server round trip
    # Once the drawer has slid in, the page beside it has narrowed: the whole table, its scroll bar for the
    # columns that do not fit included, ends before the drawer.
    page.wait_for_function(
        """() => {
            const drawer = document.querySelector('.atlas-detail .mantine-Drawer-content').getBoundingClientRect();
            const grid = document.querySelector('#partner-table .ag-root-wrapper').getBoundingClientRect();
            return Math.abs(drawer.right - innerWidth) < 2 && grid.right <= drawer.left + 1;
        }"""
    )
    assert page.evaluate("() => document.documentElement.scrollWidth") <= size[0]


def test_one_finger_scrolls_the_page_until_a_tap_into_the_map(live_app, open_sized):
    page = open_sized(live_app.url + "/", PHONE, touch=True)
    drawn(page, live_app)
    map_js = f"({MAPLIBRE_JS})({ids.WORLD_MAP!r})"
    page.wait_for_function(f"() => {map_js}.cooperativeGestures.isEnabled()")  # one finger scrolls the page
    page.locator(f"#{ids.WORLD_MAP}").scroll_into_view_if_needed()
    box = page.locator(f"#{ids.WORLD_MAP}").bounding_box()
    page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + 20)
    page.wait_for_function(f"() => !{map_js}.cooperativeGestures.isEnabled()")  # now one finger pans the map
    # The focus elsewhere: one finger scrolls the page again.
    page.locator(f"#{ids.FILTERS_TOGGLE}").focus()
    page.wait_for_function(f"() => {map_js}.cooperativeGestures.isEnabled()")
