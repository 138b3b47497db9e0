"""Hostile partner names, cities and websites in a real browser: shown as text on the map's hover cards, in the
table and in the detail panel; no script of theirs runs, and the Content-Security-Policy never blocks our own."""

from __future__ import annotations

import re

import pytest

from dashboard import ids
from tests.browser.helpers import serve
from tests.browser.page_state import marker_centre, wait_until_shown
from tests.factories import default_partners, make_dataset, make_partner

pytestmark = pytest.mark.browser

# partner id, name, city, website; each payload would set window.__xss if it ever ran.
HOSTILE = (
    ("H1", '<img src=x onerror="window.__xss=1">', "Reykjavík", "javascript:window.__xss=11"),
    (
        "H2",
        "<script>window.__xss=2</script>",
        "<b onmouseover=window.__xss=12>Cape Town</b>",
        "JaVaScRiPt:window.__xss=12",
    ),
    ("H3", '"><svg onload="window.__xss=3">', "Cairo", "data:text/html,<script>window.__xss=13</script>"),
    (
        "H4",
        '<a href="javascript:window.__xss=4">Click me</a>',
        '<iframe srcdoc="<script>parent.__xss=14</script>">',
        "https://example.edu/?q=<script>window.__xss=15</script>",
    ),
    ("H5", "{{constructor.constructor('window.__xss=5')()}}", "Anchorage", " javascript:window.__xss=16"),
)
# Far from every other marker, so the mouse over one shows that one's card.
PLACES = {
    "H1": (64.15, -21.94, "IS", "Iceland", "Europe"),
    "H2": (-33.92, 18.42, "ZA", "South Africa", "Africa"),
    "H3": (30.04, 31.24, "EG", "Egypt", "Africa"),
    "H4": (-33.87, 151.21, "AU", "Australia", "Oceania"),
    "H5": (61.22, -149.90, "US", "United States", "North America"),
}

WATCH_JS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push(`${e.violatedDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`);
});
"""

INJECTED_JS = """
() => ({
  xss: typeof window.__xss === "undefined" ? null : window.__xss,
  handlers: Array.from(document.querySelectorAll("*")).filter(
      (el) => Array.from(el.attributes).some((a) => /^on/i.test(a.name))).map((el) => el.outerHTML.slice(0, 120)),
  frames: document.querySelectorAll("iframe, object, embed").length,
  images: Array.from(document.querySelectorAll("img")).map((img) => img.getAttribute("src")),
  // Dash puts the first layout in a JSON data island (with "<" as \\u003c): data, never run.
  scripts: Array.from(document.querySelectorAll("script"))
      .filter((s) => (!s.type || /javascript/i.test(s.type)) && /__xss/.test(s.textContent)).length,
  // Where a link really leads once resolved: relative addresses (data/, health) are the app's own pages.
  badLinks: Array.from(document.querySelectorAll("a[href]")).filter((a) => !/^https?:$/.test(a.protocol))
      .map((a) => a.getAttribute("href")),
  violations: window.__violations,
})
"""


def hostile_dataset():
    partners = default_partners()
    for pid, name, city, website in HOSTILE:
        lat, lon, country, country_name, region = PLACES[pid]
        partners.append(
            make_partner(
                partner_id=pid,
                name=name,
                city=city,
                country=country,
                country_name=country_name,
                region=region,
                website=website,
                lat=lat,
                lon=lon,
                tier="strategic",
                networks=("<img src=x onerror=window.__xss=99>",),
                erasmus_code=name[:20],
            )
        )
    return make_dataset(partners=partners)


@pytest.fixture(scope="module")
def hostile_app():
    yield from serve(hostile_dataset())


def assert_nothing_ran(page) -> None:
    found = page.evaluate(INJECTED_JS)
    assert found["xss"] is None, f"a hostile payload ran: window.__xss = {found['xss']}"
    assert found["handlers"] == [], "an element carries an inline event handler"
    assert found["frames"] == 0 and found["scripts"] == 0
    assert "x" not in found["images"], "a hostile <img> became an element"
    assert found["badLinks"] == [], "a javascript: or data: address became a link"
    assert found["violations"] == [], "the policy blocked something: either an injection or one of our own scripts"


def hover_text(page, partner_id: str) -> str:
    centre = marker_centre(page, partner_id)
    page.mouse.move(0, 0)
    page.mouse.move(*centre)
    label = page.locator(f"#{ids.WORLD_MAP} .hoverlayer .hovertext")
    label.first.wait_for(timeout=5000)
    return label.first.text_content()


def show_table_row(page, partner_id: str):
    """Scroll the grid to a partner's row (the grid only draws the rows in view) and return it."""
    page.evaluate(
        """([tableId, pid]) => {
        const api = window.dash_ag_grid.getApi(tableId);
        const node = api.getRowNode(pid);
        if (api.paginationGetPageSize) api.paginationGoToPage(Math.floor(node.rowIndex / api.paginationGetPageSize()));
        api.ensureNodeVisible(node, "middle");
    }""",
        [ids.PARTNER_TABLE, partner_id],
    )
    row = page.locator(f"#{ids.PARTNER_TABLE} .ag-center-cols-container .ag-row[row-id='{partner_id}']")
    row.wait_for(timeout=5000)
    return row


def test_hostile_names_stay_text_on_the_map_in_the_table_and_in_the_detail_panel(hostile_app, open_page, page_log):
    page = open_page(hostile_app.url + "/", setup=lambda p: p.add_init_script(WATCH_JS))
    partners = hostile_app.dataset.partners
    wait_until_shown(page, len(partners))
    page.locator(f"#{ids.PARTNER_TABLE} .ag-row").first.wait_for()

    for pid, name, city, _ in HOSTILE:
        shown = hover_text(page, pid)
        assert name in shown, f"{pid}: hover card shows {shown!r}"
        if pid in ("H2", "H4"):
            assert city in shown, f"{pid}: the city is shown literally too: {shown!r}"
    assert_nothing_ran(page)
    # Plotly decodes only a few entities: an over-escaped name would show "&quot;" on a card, an axis or a bar.
    charts = page.locator(".js-plotly-plot").all_text_contents()
    assert not [text for text in charts if re.search(r"&(quot|lt|gt|amp|#x?[0-9a-f]+);", text, re.I)], charts

    for pid, name, city, website in HOSTILE:
        row = show_table_row(page, pid)
        assert row.locator(".ag-cell[col-id=name]").text_content() == name
        shown_site = row.locator(".ag-cell[col-id=website]").text_content()
        safe = website.strip().lower().startswith("https://")
        assert shown_site == (website.strip().split("://", 1)[1] if safe else website.strip()), shown_site
        assert_nothing_ran(page)

        row.locator(".ag-cell[col-id=name]").click()
        page.wait_for_function(
            "([sel, name]) => document.querySelector(sel)?.textContent === name",
            arg=[".atlas-detail .mantine-Drawer-title", name],
            timeout=10_000,
        )
        body = page.locator(f"#{ids.DETAIL_BODY}").text_content()
        assert city in body and website.strip().split("://", 1)[-1] in body, f"{pid}: shown as text: {body!r}"
        assert_nothing_ran(page)
        page.keyboard.press("Escape")

    assert not [e for e in page_log.errors if "Content Security Policy" in e or "Refused to" in e], page_log.errors
