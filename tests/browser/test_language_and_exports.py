"""The language switch and the downloads in a real browser: Dutch after a click or a ?lang=nl URL, the filters
kept; CSV and Excel files of the filtered partners; PNGs from the mode bar at twice the screen size, titled
with their filter."""

from __future__ import annotations

import struct
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from dashboard import ids
from tests.browser.helpers import LiveApp, serve, wait_for_views
from tests.browser.page_state import MAPLIBRE_JS, wait_for_search
from tests.factories import default_partners, make_dataset, make_partner

pytestmark = pytest.mark.browser

HOSTILE_NAMES = ['=HYPERLINK("http://evil","x")', "+cmd|' /C calc'!A0", "@SUM(A1:A9)", "-2+3"]


@pytest.fixture(scope="module")
def hostile_app() -> Iterator[LiveApp]:
    """The sample partners plus four whose names are spreadsheet formulas."""
    hostile = [make_partner(partner_id=f"H{i}", name=name, tier="mobility") for i, name in enumerate(HOSTILE_NAMES)]
    yield from serve(make_dataset(partners=[*default_partners(), *hostile]))


def test_the_switch_reloads_the_page_in_dutch_with_the_filters(live_app, open_page):
    page = open_page(live_app.url + "/?tier=strategic&country=FI,NL")
    wait_for_views(page, live_app.dataset, "?tier=strategic&country=FI,NL")
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.get_by_text("World map", exact=True).is_visible()

    with page.expect_navigation():
        page.click(f"#{ids.language_link('nl')}")
    wait_for_search(page, "?tier=strategic&country=FI,NL&lang=nl")
    shown = wait_for_views(page, live_app.dataset, "?tier=strategic&country=FI,NL")
    assert set(shown.rows) == {"P01", "P02"}, "the filters survive the switch"
    assert page.evaluate("document.documentElement.lang") == "nl"
    for label in ("Wereldkaart", "Partnerniveaus", "Filters wissen", "Toplanden"):
        assert page.get_by_text(label, exact=True).first.is_visible(), label
    chips = page.locator(f"#{ids.CHIPS} button").all_inner_texts()
    assert [chip.replace("\u00d7", "").strip() for chip in chips] == ["Strategisch", "Finland", "Nederland"]
    assert page.locator(".chip-strategic input").is_checked()
    assert page.locator(f"#{ids.language_link('nl')}").get_attribute("aria-current") == "true"

    # A filter changed in Dutch keeps the language in the URL, and the switch follows the new filters.
    page.click(".chip-mobility label")
    wait_for_search(page, "?tier=strategic,mobility&country=FI,NL&lang=nl")
    page.wait_for_function(
        "([id, href]) => document.getElementById(id).getAttribute('href') === href",
        arg=[ids.language_link("en"), "?tier=strategic,mobility&country=FI,NL&lang=en"],
    )


def test_a_dutch_url_opens_in_dutch(live_app, open_page, page_log):
    page = open_page(live_app.url + "/?lang=nl&region=Asia")
    wait_for_views(page, live_app.dataset, "?region=Asia")
    assert page.evaluate("document.documentElement.lang") == "nl"
    figures = page.evaluate("""() => {
        const plot = (id) => document.querySelector(`#${id} .js-plotly-plot`);
        return {pyramid: plot('tier-pyramid')._fullData[0].text,
                map: plot('world-map')._fullLayout.title.text,
                countries: Array.from(plot('top-countries')._fullLayout.yaxis.ticktext)};
    }""")
    assert "Strategisch" in figures["pyramid"][0]
    assert figures["map"] == "Wereldkaart \u00b7 regio: Azië"
    assert figures["countries"] == ["Zuid-Korea"]
    page.click(f"#{ids.FILTER_COUNTRY}")
    assert page.get_by_role("option", name="Zuid-Korea", exact=True).is_visible()
    assert page_log.errors == []


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_partner_list_downloads_as_csv_and_xlsx(hostile_app, open_page, tmp_path, language):
    search = "?tier=mobility"
    page = open_page(f"{hostile_app.url}/{search}&lang={language}")
    shown = wait_for_views(page, hostile_app.dataset, search)

    with page.expect_download() as csv_download:
        page.click(f"#{ids.DOWNLOAD_CSV}")
    assert csv_download.value.suggested_filename == "partners_tier-mobility.csv"
    csv_path = tmp_path / "partners.csv"
    csv_download.value.save_as(csv_path)
    table = pd.read_csv(csv_path, sep=";" if language == "nl" else ",", encoding="utf-8-sig", dtype=str)
    assert len(table) == int(shown.count) == len(shown.rows) == 7  # P07-P09 and the four hostile names

    with page.expect_download() as xlsx_download:
        page.click(f"#{ids.DOWNLOAD_XLSX}")
    assert xlsx_download.value.suggested_filename == "partners_tier-mobility.xlsx"
    xlsx_path = tmp_path / "partners.xlsx"
    xlsx_download.value.save_as(xlsx_path)
    sheet = load_workbook(xlsx_path).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == int(shown.count)

    header = "Stad" if language == "nl" else "City"
    assert header in table.columns and header in [cell.value for cell in sheet[1]]
    # The CSV has no cell types: a formula is neutralised with an apostrophe. The workbook stores it as a text
    # cell, so it reads as typed.
    csv_names = table.iloc[:, 0].tolist()
    assert {"'" + name for name in HOSTILE_NAMES} <= set(csv_names)
    assert not [name for name in csv_names if str(name).startswith(("=", "+", "-", "@"))]
    assert set(HOSTILE_NAMES) <= {row[0] for row in rows}
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert all(cell.number_format == "@" for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str))


def download_name(page, plot: str) -> str:
    page.hover(plot)
    with page.expect_download() as download:
        page.click(f"{plot} .modebar-btn[data-title^='Download']")
    return download.value.suggested_filename


def test_the_maps_png_follows_a_filter_without_drawing_the_map_anew(live_app, open_page):
    page = open_page(live_app.url + "/")
    wait_for_views(page, live_app.dataset, "")
    plot = f"#{ids.WORLD_MAP} .js-plotly-plot"
    assert download_name(page, plot) == f"{ids.WORLD_MAP}.png"
    # The MapLibre map of this page, marked: a new plotly config would replace it.
    page.evaluate(f"() => {{ ({MAPLIBRE_JS})({ids.WORLD_MAP!r}).atlasMark = 'first'; }}")
    page.click(".chip-strategic label")
    wait_for_views(page, live_app.dataset, "?tier=strategic")
    assert download_name(page, plot) == f"{ids.WORLD_MAP}_tier-strategic.png"
    assert page.evaluate(f"() => ({MAPLIBRE_JS})({ids.WORLD_MAP!r}).atlasMark") == "first"
    # One PNG button, in the page's language.
    assert page.locator(f"{plot} .modebar-btn[data-title^='Download']").count() == 1


def test_the_maps_png_button_speaks_the_pages_language(live_app, open_page):
    page = open_page(live_app.url + "/?lang=de&tier=strategic")
    wait_for_views(page, live_app.dataset, "?tier=strategic")
    plot = f"#{ids.WORLD_MAP} .js-plotly-plot"
    button = page.locator(f"{plot} .modebar-btn[data-title='Karte als PNG herunterladen']")
    expect(button).to_have_count(1)
    page.hover(plot)
    with page.expect_download() as download:
        button.click()
    assert download.value.suggested_filename == f"{ids.WORLD_MAP}_tier-strategic.png"


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize(
    ("graph", "title", "filename"),
    [
        # The map's own button (assets/atlas-map.js) reads the name from the map callback's last answer.
        (ids.WORLD_MAP, "World map \u00b7 tier: strategic", f"{ids.WORLD_MAP}_tier-strategic.png"),
        (ids.TOP_COUNTRIES, "Top countries \u00b7 tier: strategic", f"{ids.TOP_COUNTRIES}_tier-strategic.png"),
    ],
)
def test_the_mode_bar_downloads_a_titled_png_at_twice_the_size(live_app, open_page, graph, title, filename):
    page = open_page(live_app.url + "/?tier=strategic")
    wait_for_views(page, live_app.dataset, "?tier=strategic")
    plot = f"#{graph} .js-plotly-plot"
    layout = page.evaluate(f"""() => {{
        const gd = document.querySelector('{plot}');
        return {{width: gd._fullLayout.width, height: gd._fullLayout.height, title: gd._fullLayout.title.text}};
    }}""")
    assert layout["title"].startswith(title)

    page.hover(plot)
    with page.expect_download() as download:
        page.click(f"{plot} .modebar-btn[data-title^='Download']")
    assert download.value.suggested_filename == filename  # named after its panel and the filter
    data = Path(download.value.path()).read_bytes()
    width, height = png_size(data)
    # plotly lays out fractional pixels; the PNG has whole ones.
    assert abs(width - 2 * layout["width"]) <= 1 and abs(height - 2 * layout["height"]) <= 1
