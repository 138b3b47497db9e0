"""Offline and private: with everything outside the app's origin blocked, the page still draws the map with its
outlines and markers, asks for nothing elsewhere and logs no error."""

from __future__ import annotations

import pytest

from dashboard import ids
from tests.browser.page_state import only_origin, wait_until_shown

pytestmark = pytest.mark.browser


def test_page_draws_the_map_with_no_network_and_asks_nothing_outside_the_origin(live_app, open_page, page_log):
    origin = live_app.url
    blocked: list[str] = []
    block_other_origins = only_origin(origin, blocked)

    page = open_page(origin + "/", setup=block_other_origins)
    wait_until_shown(page, len(live_app.dataset.partners))
    for layer in ("land", "countries", "coastlines"):
        outline = page.locator(f"#{ids.WORLD_MAP} .geo .layer.{layer} path").first
        outline.wait_for(state="attached")
        assert len(outline.get_attribute("d") or "") > 1000, f"the map's {layer} outlines were not drawn"
    assert page.locator(f"#{ids.WORLD_MAP} g.trace.scattergeo path.point").count() >= len(live_app.dataset.partners)

    assert blocked == []
    assert [url for url in page_log.requests if not url.startswith(origin + "/")] == []
    assert any("/assets/topojson/world_" in url for url in page_log.requests), "outlines come from our assets"
    assert page_log.errors == []
