"""/destinations in a real browser: a student's choice in the URL and the controls, the partners that fit on
the map and as cards, an empty result with its broader field, and no staff-only figure anywhere on the page.
Every request outside the app's origin is aborted (as on a laptop with no network)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from dashboard.public import ids
from tests.agreement_factories import make_agreement, with_agreements
from tests.browser.helpers import LiveApp, serve
from tests.browser.page_state import only_origin

pytestmark = pytest.mark.browser

# Groningen (P01): nursing, bachelor, a whole year. Turku (P02): all of health, a semester, English or Finnish.
# Lisbon (P05): business, master. Seoul (P07): incoming only, never a destination.
AGREEMENTS = [
    make_agreement(
        partner_id="P01", fields=("0913",), levels=(6,), places=1.0, months_per_year=10.0, department="Verpleegkunde"
    ),
    make_agreement(
        partner_id="P02", fields=("091",), levels=(6, 7), places=2.0, months_per_year=10.0, languages=("en:B2", "fi:B1")
    ),
    make_agreement(partner_id="P05", fields=("0413",), levels=(7,), places=3.0, languages=("pt:B1",)),
    make_agreement(partner_id="P07", fields=(), levels=(), direction="incoming"),
]
MARKERS_JS = """
(id) => {
  const plot = document.querySelector(`#${id} .js-plotly-plot`);
  const shown = [];
  for (const trace of (plot && plot._fullData) || []) {
    if (!trace.customdata || !trace.visible) continue;
    Array.from(trace.customdata).forEach((card) => card && shown.push(String(card[0])));
  }
  return shown.sort();
}
"""


@pytest.fixture(scope="module")
def student_app() -> Iterator[LiveApp]:
    yield from serve(with_agreements(AGREEMENTS))


@pytest.fixture
def open_student(browser, student_app):
    """open_student(path) -> a page of the app at 1366x768; afterwards, no request may have left the origin."""
    contexts, blocked = [], []

    def _open(path: str, viewport=None):
        context = browser.new_context(viewport=viewport or {"width": 1366, "height": 768})
        contexts.append(context)
        page = context.new_page()
        only_origin(student_app.url, blocked)(page)
        page.goto(student_app.url + path)
        return page

    yield _open
    for context in contexts:
        context.close()
    assert not blocked


def _cards(page) -> list[str]:
    return page.locator(f"#{ids.CARDS} > li").evaluate_all("items => items.map(li => li.dataset.partner)")


def _wait_for_markers(page, expected: list[str]) -> None:
    page.wait_for_function(
        f"([id, expected]) => JSON.stringify(({MARKERS_JS})(id)) === JSON.stringify(expected)",
        arg=[ids.MAP, expected],
        timeout=20_000,
    )


def test_a_coordinators_link_shows_the_partners_for_nursing_bachelor(open_student):
    page = open_student("/destinations/?field=0913&level=6")
    expect(page.locator(f"#{ids.CARDS} > li")).to_have_count(2, timeout=20_000)
    assert _cards(page) == ["P01", "P02"]  # by name: Hanze, Turku
    _wait_for_markers(page, ["P01", "P02"])
    card = page.locator(f"#{ids.CARDS} > li[data-partner=P02]").inner_text()
    assert "Turku" in card and "Finland" in card and "English B2" in card and "Finnish B1" in card
    assert "Bachelor (EQF 6)" in card and "Master (EQF 7)" in card
    # The controls start from the link: the field is named, with the programme's own name beside it.
    expect(page.locator(f"#{ids.FIELD}")).to_have_value("Nursing and midwifery (Verpleegkunde)")
    expect(page.locator(f"#{ids.COUNT}")).to_have_text("2 partners fit your choice")


def test_choosing_a_whole_year_narrows_the_cards_and_the_map_and_goes_into_the_url(open_student):
    page = open_student("/destinations/?field=0913")
    expect(page.locator(f"#{ids.CARDS} > li")).to_have_count(2, timeout=20_000)
    page.get_by_label("A whole year").check()
    expect(page.locator(f"#{ids.CARDS} > li")).to_have_count(1)
    assert _cards(page) == ["P01"]  # Turku's stays are five months
    _wait_for_markers(page, ["P01"])
    page.wait_for_function("() => location.search.includes('period=year')")
    assert "field=0913" in page.evaluate("location.search")
    # Sorting by places puts the most places first.
    page.get_by_label("A semester").check()
    expect(page.locator(f"#{ids.CARDS} > li")).to_have_count(2)
    page.locator(f"#{ids.SORT}").click()
    page.get_by_role("option", name="Places").click()
    page.wait_for_function("() => location.search.includes('sort=places')")
    expect(page.locator(f"#{ids.CARDS} > li").first).to_have_attribute("data-partner", "P02")


def test_an_empty_result_says_why_and_its_broader_field_finds_partners(open_student):
    page = open_student("/destinations/?field=0921")
    box = page.locator(f"#{ids.EMPTY}-box")
    expect(box).to_be_visible(timeout=20_000)
    expect(page.locator(f"#{ids.EMPTY}")).to_have_text("No agreement covers this field of study yet.")
    expect(page.locator(f"#{ids.CARDS} > li")).to_have_count(0)
    page.locator(f"#{ids.BROADER} a").click()
    expect(page.locator(f"#{ids.CARDS} > li")).to_have_count(2, timeout=20_000)
    assert "field=09" in page.evaluate("location.search")
    expect(box).to_be_hidden()


def test_the_page_shows_no_staff_only_figure(open_student):
    page = open_student("/destinations/")
    expect(page.locator(f"#{ids.CARDS} > li")).to_have_count(3, timeout=20_000)
    _wait_for_markers(page, ["P01", "P02", "P05"])
    hovers = page.evaluate(
        """(id) => document.querySelector(`#${id} .js-plotly-plot`)._fullData
        .map(t => [t.hovertemplate || '', (t.customdata || []).map(c => (c || []).length)])""",
        ids.MAP,
    )
    assert all("utgoing" not in template and "ncoming" not in template for template, _ in hovers)
    assert all(width <= 3 for _, widths in hovers for width in widths)  # id, name, place: no counts sent
    body = page.locator("body").inner_text().lower()
    for staff_only in ("utilisation", "balance", "outgoing", "incoming", "mobilities"):
        assert staff_only not in body


def test_the_dashboard_header_links_to_the_destinations(open_student, student_app):
    page = open_student("/")
    page.get_by_role("link", name="Find a destination").click()
    expect(page.locator(f"#{ids.CARDS} > li")).to_have_count(3, timeout=20_000)
    assert page.url.startswith(student_app.url + "/destinations/")


LAYOUT_JS = """
() => {
  const wide = document.documentElement.scrollWidth > innerWidth + 1;
  const overflowing = [];
  for (const el of document.querySelectorAll('.dest-page *')) {
    const style = getComputedStyle(el);
    if (!el.offsetParent || style.overflowX !== 'visible' || el.closest('.js-plotly-plot')) continue;
    const hasText = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
    if (hasText && el.scrollWidth > el.clientWidth + 1) overflowing.push(el.className || el.tagName);
  }
  const small = [];
  for (const el of document.querySelectorAll(
      '.dest-page a, .dest-page button, .dest-page .mantine-Input-input, .dest-page .mantine-Radio-body')) {
    const box = el.getBoundingClientRect();
    if (box.width && box.height < 44) small.push(`${el.className || el.tagName} ${Math.round(box.height)}`);
  }
  const results = document.querySelector('.dest-results-title').getBoundingClientRect().top;
  return {wide, overflowing, small, results};
}
"""


@pytest.mark.parametrize(
    "size", [(390, 844), (768, 1024), (1366, 768), (3840, 2160)], ids=["phone", "tablet", "laptop", "4k"]
)
def test_the_page_fits_phones_tablets_and_big_screens(open_student, size):
    width, height = size
    page = open_student("/destinations/?field=09", viewport={"width": width, "height": height})
    expect(page.locator(f"#{ids.CARDS} > li")).to_have_count(2, timeout=20_000)
    layout = page.evaluate(LAYOUT_JS)
    assert not layout["wide"], "the page scrolls sideways"
    assert layout["overflowing"] == []
    assert layout["small"] == [], "touch targets under 44 px"
    # dcc.Graph swaps its lazy placeholder for the plot (the element under #dest-map is replaced, and has no box
    # in between): wait for the plot to be drawn, then measure the map's frame, which the page lays out.
    expect(page.locator(f"#{ids.MAP} .js-plotly-plot")).to_be_attached()
    map_box = page.locator(".dest-map").bounding_box()
    assert map_box is not None, "the map's frame is not laid out"
    if width < 1100:
        # One column: the map takes the screen's width (less the page's margins); the first screen shows the
        # results, and the choice opens from "Filters (1)".
        assert map_box["width"] >= width - 60, map_box
        assert layout["results"] < height / 2, layout["results"]
        toggle = page.locator(f"#{ids.FILTERS_TOGGLE}")
        expect(toggle).to_have_text("Filters (1)")
        expect(page.locator(f"#{ids.CONTROLS}")).to_be_hidden()
        toggle.click()
        expect(page.locator(f"#{ids.CONTROLS}")).to_be_visible()
        expect(toggle).to_have_attribute("aria-expanded", "true")
        assert page.evaluate(LAYOUT_JS)["small"] == []
    else:
        expect(page.locator(f"#{ids.CONTROLS}")).to_be_visible()
        expect(page.locator(f"#{ids.FILTERS_TOGGLE}")).to_be_hidden()
