"""The institution's names reach the page title on / and /present: with markup in them (a closing </title> and a
meta refresh to another host), a real browser stays on the page, asks nothing elsewhere and shows the names as text."""

from __future__ import annotations

from dataclasses import replace

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from dashboard.present import ids as present_ids
from tests.browser.helpers import serve
from tests.browser.page_state import only_origin, wait_until_shown
from tests.factories import HOME, make_dataset

pytestmark = pytest.mark.browser

REFRESH = '</title><meta http-equiv="refresh" content="0;url=http://evil.example/"><title>'
INSTITUTION = replace(HOME, name=f"UC Leuven{REFRESH}", short_name=f"UCLL{REFRESH}")


@pytest.fixture(scope="module")
def hostile_home():
    yield from serve(make_dataset(institution=INSTITUTION))


@pytest.mark.parametrize("path", ["/", "/present/"])
def test_markup_in_the_institutions_names_stays_text_in_the_title(hostile_home, open_page, path):
    blocked: list[str] = []
    page = open_page(hostile_home.url + path, setup=only_origin(hostile_home.url, blocked))
    try:
        if path == "/":
            wait_until_shown(page, len(hostile_home.dataset.partners))
        else:
            page.wait_for_selector(f"#{present_ids.ROOT}[data-state=playing]", timeout=20_000)
    except PlaywrightTimeout:
        pass  # a page redirected away never draws: the assertions below say where it went
    assert blocked == [], f"the page tried to leave the origin: {blocked}"
    assert REFRESH in page.title(), page.title()
    refreshes = page.eval_on_selector_all(
        "meta[http-equiv]", "ms => ms.filter(m => /refresh/i.test(m.httpEquiv)).map(m => m.outerHTML)"
    )
    assert refreshes == [], refreshes
    assert page.url.startswith(hostile_home.url + path.rstrip("/")), page.url
