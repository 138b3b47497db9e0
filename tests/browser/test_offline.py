"""Offline and private: with everything outside the app's origin blocked, the page still draws the map with its
outlines and markers, asks for nothing elsewhere and logs no error."""

from __future__ import annotations

import pytest
from playwright.sync_api import Error as PlaywrightError

from dashboard import ids
from tests.browser.page_state import MAPLIBRE_JS, only_origin, outside_origin, wait_for_map, wait_until_shown

pytestmark = pytest.mark.browser


def test_page_draws_the_map_with_no_network_and_asks_nothing_outside_the_origin(live_app, open_page, page_log):
    origin = live_app.url
    blocked: list[str] = []
    block_other_origins = only_origin(origin, blocked)

    page = open_page(origin + "/", setup=block_other_origins)
    wait_until_shown(page, len(live_app.dataset.partners))
    wait_for_map(page)
    drawn = page.evaluate(
        f"""(mapId) => {{
        const map = ({MAPLIBRE_JS})(mapId);
        const count = (layer) => map.queryRenderedFeatures(undefined, {{layers: [layer]}}).length;
        return {{land: count("land"), borders: count("borders"), coastlines: count("coastlines")}};
    }}""",
        ids.WORLD_MAP,
    )
    # Land is one feature per country; coastlines and borders are one multi-line each.
    assert drawn["land"] > 100 and drawn["borders"] >= 1 and drawn["coastlines"] >= 1, f"outlines missing: {drawn}"

    assert blocked == []
    assert outside_origin(origin, page_log.requests) == []
    for part in ("/assets/basemap/countries.json", "/assets/basemap/sprite", "/assets/fonts/noto-sans"):
        assert any(part in url for url in page_log.requests), f"{part} comes from our assets"
    assert page_log.errors == []


def test_the_guard_stops_and_reports_a_request_that_leaves_the_machine(live_app, open_page, page_log):
    """Every browser test runs behind this guard (conftest's open_page): a request off loopback is aborted,
    recorded, and fails the test at teardown."""
    page = open_page(live_app.url + "/")
    # The app's own policy (CSP) already stops a script's fetch off the origin, so go there directly.
    with pytest.raises(PlaywrightError, match="ERR_FAILED"):
        page.context.new_page().goto("https://tiles.example.org/0/0/0.png")
    assert page_log.outside == ["https://tiles.example.org/0/0/0.png"]
    page_log.outside.clear()  # seen and checked: the teardown's own check is for requests nobody expected
