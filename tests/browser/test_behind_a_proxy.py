"""The app behind a reverse proxy at /atlas/, in a real browser: the dashboard filters, its links lead to the
other pages under the prefix, the presentation plays, and nothing is asked for outside it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from dashboard import ids
from dashboard.config import Settings
from dashboard.present import ids as present_ids
from tests.browser.helpers import LiveApp, serve
from tests.browser.page_state import only_origin, outside_origin, wait_until_shown
from tests.factories import make_dataset

pytestmark = pytest.mark.browser

PREFIX = "/atlas/"


@pytest.fixture(scope="module")
def prefixed_app() -> Iterator[LiveApp]:
    yield from serve(make_dataset(), Settings(url_prefix=PREFIX))


def test_the_dashboard_under_a_prefix_filters_and_links_to_its_pages(prefixed_app, open_page, page_log):
    inside = prefixed_app.url + PREFIX.rstrip("/")
    blocked: list[str] = []
    page = open_page(inside + "/?tier=strategic", setup=only_origin(inside, blocked))
    strategic = int((prefixed_app.dataset.partners["tier"] == "strategic").sum())
    wait_until_shown(page, strategic)

    page.click(".atlas-data-link")
    page.wait_for_url(inside + "/data/**")
    assert page.locator("h1").first.inner_text().strip()

    page.go_back()
    wait_until_shown(page, strategic)
    page.click(f"#{ids.HEALTH_LINK}")
    page.wait_for_url(inside + "/health?**")
    assert "tier=strategic" in page.url

    page.goto(inside + "/present/?seconds=0.5")
    page.wait_for_selector(f"#{present_ids.ROOT}[data-state=playing]", timeout=20_000)

    assert blocked == []
    assert outside_origin(inside, page_log.requests) == [], page_log.requests
    assert page_log.errors == []
