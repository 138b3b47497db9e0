"""The data banner and /data/ in a real browser: a broken partner file shows up on the open dashboard and the
presentation without a reload, the map keeps its partners, /data/ tells the rest and downloads it; the fix clears it."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from dashboard import ids
from dashboard.app import create_app
from dashboard.config import Settings
from dashboard.present import ids as present_ids
from tests.browser.helpers import ServerThread
from tests.browser.page_state import only_origin, wait_until_shown
from tests.replacements import copy_sample, put, without_last_rows

pytestmark = pytest.mark.browser

BANNER = f"#{ids.DATA_BANNER} .data-banner-box"
# A deadline, not a pause (the machine may be busy): the store looks every 2 s and waits 2 s for a file to settle;
# an open page asks every 5 s.
WAIT_MS = 90_000


@contextlib.contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """The app loaded from `folder` and watching it, as `partner-atlas run` serves it; yields its URL."""
    app = create_app(Settings(data_dir=folder, geocode_cache=str(folder / ".geocache.json")))
    thread = ServerThread(app.server)
    thread.start()
    try:
        yield f"http://127.0.0.1:{thread.port}"
    finally:
        thread.stop()
        thread.join(timeout=5)


@pytest.fixture
def watched_app(tmp_path) -> Iterator[tuple[str, Path]]:
    folder = copy_sample(tmp_path / "data")
    with serve_folder(folder) as url:
        yield url, folder


def test_a_broken_file_raises_the_banner_on_open_pages_and_the_fix_lowers_it(open_page, watched_app, page_log):
    url, folder = watched_app
    blocked: list[str] = []
    dashboard = open_page(url + "/", setup=only_origin(url, blocked))
    wait_until_shown(dashboard, 147, timeout=WAIT_MS)
    assert dashboard.locator(BANNER).count() == 0
    present = open_page(url + "/present/", setup=only_origin(url, blocked))
    present.wait_for_selector(f"#{present_ids.ROOT}[data-state=playing]", timeout=WAIT_MS)

    raw = (folder / "partners.csv").read_bytes()
    put(folder / "partners.csv", b"\x00\x01\x02" * 4000)
    banner = dashboard.wait_for_selector(BANNER, timeout=WAIT_MS)
    text = banner.inner_text()
    assert "Showing the last good data, from files of" in text
    assert "partners.csv" in text and "binary" in text
    assert dashboard.get_attribute(f"#{ids.DATA_BANNER} .data-banner-box", "role") == "alert"
    assert dashboard.inner_text(f"#{ids.PARTNER_COUNT}") == "147"  # the last good data is still what is shown

    kiosk_banner = present.wait_for_selector(f"#{present_ids.DATA_BANNER} .data-banner-box", timeout=WAIT_MS)
    assert "partners.csv" in kiosk_banner.inner_text() and kiosk_banner.is_visible()

    dashboard.click(f"{BANNER} a")
    dashboard.wait_for_url("**/data/?lang=en")
    assert "binary" in dashboard.inner_text("#data-banner")
    assert dashboard.inner_text('#data-files-table tr[data-file="partners.csv"]').split("\t")[1:4] == [
        "147",
        "147",
        "0",
    ]  # the rows of the data shown
    with dashboard.expect_download() as download:
        dashboard.click(".data-download")
    report = download.value.path().read_text(encoding="utf-8-sig")
    assert report.startswith("Kind,File,Line,Column,Reason,Value") and "partners.csv" in report

    put(folder / "partners.csv", raw)
    present.wait_for_selector(f"#{present_ids.DATA_BANNER} .data-banner-box", state="detached", timeout=WAIT_MS)
    dashboard.goto(url + "/")
    wait_until_shown(dashboard, 147, timeout=WAIT_MS)
    assert dashboard.locator(BANNER).count() == 0
    assert blocked == [] and page_log.errors == []


def test_the_data_page_lists_partners_not_placed_at_city_level_in_dutch(open_page, tmp_path):
    folder = copy_sample(tmp_path / "data")
    lines = (folder / "partners.csv").read_text(encoding="utf-8").splitlines()
    header, row = lines[0].split(","), lines[1].split(",")
    row[header.index("city")] = "Qqqqxyz"  # a city no gazetteer knows: placed at the centre of the Netherlands
    row[header.index("erasmus_code")] = ""  # (its Erasmus code names Groningen)
    put(folder / "partners.csv", "\n".join([lines[0], ",".join(row), *lines[2:]]).encode("utf-8") + b"\n")
    with serve_folder(folder) as url:
        page = open_page(url + "/?lang=nl")
        page.click("a.atlas-data-link")
        page.wait_for_url("**/data/?lang=nl")
        assert page.inner_text("#data-not-city") == "Partners niet op stadsniveau geplaatst (1)"
        unplaced = page.inner_text("#data-not-city-table")
        assert "Hanze" in unplaced and "Qqqqxyz" in unplaced and "Alleen land" in unplaced
        assert page.inner_text('#data-placement-table tr[data-precision="city"]').split("\t") == ["Stad", "146"]


def test_a_good_replacement_reaches_the_open_dashboard_and_presentation_by_itself(open_page, watched_app, page_log):
    url, folder = watched_app
    dashboard = open_page(url + "/?tier=strategic,collaboration,mobility")
    wait_until_shown(dashboard, 147, timeout=WAIT_MS)
    present = open_page(url + "/present/")
    present.wait_for_selector(f"#{present_ids.ROOT}[data-state=playing]", timeout=WAIT_MS)
    present.evaluate("() => { window.builtBeforeTheNewData = true; }")
    put(folder / "partners.csv", without_last_rows((folder / "partners.csv").read_bytes(), 5))
    shown = wait_until_shown(dashboard, 142, timeout=WAIT_MS)  # no click, no reload by the test
    assert "tier=strategic" in shown.search  # the filters in the URL survive the page's reload
    present.wait_for_function("() => !window.builtBeforeTheNewData", timeout=WAIT_MS)
    present.wait_for_selector(f"#{present_ids.ROOT}[data-state=playing]", timeout=WAIT_MS)
    assert dashboard.locator(BANNER).count() == 0 and page_log.errors == []
