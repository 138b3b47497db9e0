"""What you see is what you get, in a real browser: downloads hold the rows the table shows (after its search and
its sort, in its order); searches ignore accents and find countries in any language; Enter in the country box
takes the first match; campus, length-of-stay and trend clicks filter; a filter that matches nothing says so."""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd
import pytest
from openpyxl import load_workbook

from dashboard import ids
from tests.browser.helpers import LiveApp, serve
from tests.browser.page_state import wait_for_search, wait_until_shown
from tests.factories import default_partners, make_dataset, make_partner

pytestmark = pytest.mark.browser

POLISH = [
    make_partner(partner_id=pid, name=name, city=city, country="PL", country_name="Poland", lat=lat, lon=lon)
    for pid, name, city, lat, lon in (
        ("K1", "Akademia Górniczo-Hutnicza", "Kraków", 50.0647, 19.9450),
        ("L1", "Politechnika Łódzka", "Łódź", 51.7592, 19.4560),
    )
]


@pytest.fixture(scope="module")
def app() -> Iterator[LiveApp]:
    yield from serve(make_dataset(partners=[*default_partners(), *POLISH]))


# What each address shows, worked out by hand from tests/factories.py plus the two Polish partners (all placed
# on the map; make_partner's tier is "mobility", its campus Leuven): (partners, pyramid counts per tier).
SHOWN = {
    "": (11, {"strategic": 3, "collaboration": 3, "mobility": 5}),
    "?q=Finnland": (2, {"strategic": 1, "collaboration": 0, "mobility": 1}),  # P02 Turku, P08 Jyväskylä
    "?country=FI,PL": (4, {"strategic": 1, "collaboration": 0, "mobility": 3}),  # P02, P08, K1, L1
    "?campus=Limburg": (4, {"strategic": 2, "collaboration": 1, "mobility": 1}),  # P01, P03, P05, P08
    "?q=no-such-partner": (0, {"strategic": 0, "collaboration": 0, "mobility": 0}),
}


def wait_for_views(page, search: str):
    partners, tiers = SHOWN[search]
    return wait_until_shown(page, partners, partners, tiers, timeout=30_000)


TABLE_ORDER_JS = """
(tableId) => {
  const rows = [];
  window.dash_ag_grid.getApi(tableId).forEachNodeAfterFilterAndSort((node) => rows.push(node.data.partner_id));
  return rows;
}
"""


def wait_for_table(page, partner_ids: list[str]) -> None:
    """Until the grid shows exactly these rows, in this order."""
    page.wait_for_function(
        f"([id, want]) => JSON.stringify(({TABLE_ORDER_JS})(id)) === JSON.stringify(want)",
        arg=[ids.PARTNER_TABLE, partner_ids],
    )


def download(page, button: str):
    with page.expect_download() as started:
        page.click(f"#{button}")
    return started.value


def test_a_download_holds_the_rows_the_table_shows_after_its_search_and_sort(app, open_page, tmp_path):
    page = open_page(app.url + "/")
    wait_for_views(page, "")
    page.fill(f"#{ids.TABLE_SEARCH}", "groningen")
    names = {"P01": "Hanze University of Applied Sciences", "P04": "University of Groningen"}
    page.wait_for_function(f"(id) => ({TABLE_ORDER_JS})(id).length === 2", arg=ids.PARTNER_TABLE)
    header = page.locator(f"#{ids.PARTNER_TABLE} .ag-header-cell[col-id=name]")
    header.click()  # by name, A to Z
    wait_for_table(page, ["P01", "P04"])
    csv_file = download(page, ids.DOWNLOAD_CSV)
    assert csv_file.suggested_filename == "partners_search-groningen.csv"
    table = pd.read_csv(csv_file.path(), encoding="utf-8-sig", dtype=str)
    assert table["Partner"].tolist() == [names["P01"], names["P04"]]

    header.click()  # Z to A
    wait_for_table(page, ["P04", "P01"])
    xlsx_file = download(page, ids.DOWNLOAD_XLSX)
    assert xlsx_file.suggested_filename == "partners_search-groningen.xlsx"
    xlsx_file.save_as(tmp_path / "partners.xlsx")
    sheet = load_workbook(tmp_path / "partners.xlsx").active
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == [names["P04"], names["P01"]]


def test_searches_ignore_accents_and_find_countries_in_any_language(app, open_page):
    page = open_page(app.url + "/")
    wait_for_views(page, "")
    page.fill(f"#{ids.TABLE_SEARCH}", "krakow")  # Kraków, typed without its accent
    wait_for_table(page, ["K1"])
    page.fill(f"#{ids.TABLE_SEARCH}", "LODZ")
    wait_for_table(page, ["L1"])
    page.fill(f"#{ids.TABLE_SEARCH}", "")

    page.fill(f"#{ids.FILTER_QUERY}", "Finnland")  # Finland in German, on an English page
    wait_for_search(page, "?q=Finnland")
    shown = wait_for_views(page, "?q=Finnland")
    assert sorted(shown.rows) == ["P02", "P08"]


def test_enter_in_the_country_box_takes_the_first_match_in_any_language(app, open_page):
    page = open_page(app.url + "/")
    wait_for_views(page, "")
    box = page.locator(f"#{ids.FILTER_COUNTRY}")
    box.click()
    box.press_sequentially("Finl")
    box.press("Enter")
    wait_for_search(page, "?country=FI")
    box.press_sequentially("Polen")  # Poland in Dutch and German
    box.press("Enter")
    wait_for_search(page, "?country=FI,PL")
    shown = wait_for_views(page, "?country=FI,PL")
    assert sorted(shown.rows) == ["K1", "L1", "P02", "P08"]


BAR_CENTRE_JS = """
([graphId, value]) => {
  const plot = document.querySelector(`#${graphId} .js-plotly-plot`);
  if (!plot || !plot._fullData) return null;
  const traces = plot.querySelectorAll(".barlayer .trace, .scatterlayer .trace");
  for (let t = 0; t < plot._fullData.length; t++) {
    const j = Array.from(plot._fullData[t].customdata || []).findIndex((c) => String(c) === value);
    const points = traces[t] ? traces[t].querySelectorAll(".point path, path.point") : [];
    if (j < 0 || !points[j]) continue;
    const box = points[j].getBoundingClientRect();
    if (box.width > 0 && box.height > 0) return [box.x + box.width / 2, box.y + box.height / 2];
  }
  return null;
}
"""


def click_point(page, graph_id: str, value: str) -> None:
    """Hover and click the bar or point of `graph_id` that shows `value`, as a person would with a mouse."""
    page.locator(f"#{graph_id}").scroll_into_view_if_needed()
    handle = page.wait_for_function(f"(arg) => ({BAR_CENTRE_JS})(arg)", arg=[graph_id, value])
    x, y = handle.json_value()
    page.mouse.move(x, y)
    page.mouse.click(x, y)


def chips(page) -> list[str]:
    return [chip.replace("\u00d7", "").strip() for chip in page.locator(f"#{ids.CHIPS} button").all_inner_texts()]


def test_campus_stay_and_trend_clicks_filter_by_what_they_show(app, open_page):
    page = open_page(app.url + "/")
    wait_for_views(page, "")
    click_point(page, ids.CAMPUS_SPLIT, "Limburg")
    wait_for_search(page, "?campus=Limburg")
    wait_for_views(page, "?campus=Limburg")
    page.wait_for_function("(id) => document.getElementById(id).innerText.includes('Campus Limburg')", arg=ids.CHIPS)

    click_point(page, ids.DURATION_SPLIT, "short_term")
    wait_for_search(page, "?campus=Limburg&duration=short_term")
    page.wait_for_function("(id) => document.getElementById(id).innerText.includes('Short-term')", arg=ids.CHIPS)

    click_point(page, ids.MOBILITY_TREND, "2023-2024")
    wait_for_search(page, "?campus=Limburg&from=2023-2024&to=2023-2024&duration=short_term")
    page.wait_for_function("(id) => document.getElementById(id).innerText.includes('2023-2024')", arg=ids.CHIPS)
    assert chips(page) == ["Campus Limburg", "From 2023-2024", "To 2023-2024", "Short-term"]


@pytest.mark.parametrize(
    ("language", "map_words", "table_words"),
    [
        ("en", "No partners on the map in this filter", "No partners in this filter or search"),
        ("nl", "Geen partners op de kaart in deze filter", "Geen partners in deze filter of zoekopdracht"),
    ],
)
def test_a_filter_that_matches_nothing_says_so_in_every_view(app, open_page, language, map_words, table_words):
    page = open_page(f"{app.url}/?q=no-such-partner&lang={language}")
    wait_for_views(page, "?q=no-such-partner")
    page.wait_for_function(
        "([id, words]) => document.getElementById(id).innerText.includes(words)", arg=[ids.MAP_EMPTY, map_words]
    )
    assert page.locator(f"#{ids.MAP_EMPTY}").is_visible()
    overlay = page.locator(f"#{ids.PARTNER_TABLE} .ag-overlay-no-rows-center, #{ids.PARTNER_TABLE} .ag-overlay")
    overlay.filter(has_text=table_words).first.wait_for()
    # No flat zero lines, no "0" beside empty bars: the mobility charts draw nothing but their message.
    drawn = page.evaluate(
        """(ids) => ids.map((id) => {
            const plot = document.querySelector(`#${id} .js-plotly-plot`);
            return {traces: plot._fullData.filter((t) => t.visible !== false).length,
                    labels: Array.from(plot.querySelectorAll('.bartext')).map((e) => e.textContent),
                    message: Array.from(plot.querySelectorAll('.annotation-text')).map((e) => e.textContent).join(' ')};
        })""",
        [ids.MOBILITY_TREND, ids.DURATION_SPLIT, ids.CAMPUS_SPLIT, ids.TOP_PARTNERS],
    )
    for chart in drawn:
        assert chart["traces"] == 0 and chart["labels"] == [], chart
        assert chart["message"], chart

    # Loosening brings the map back: the message goes.
    page.click(f"#{ids.RESET}")
    page.wait_for_function("(id) => document.getElementById(id).innerText.trim() === ''", arg=ids.MAP_EMPTY)
