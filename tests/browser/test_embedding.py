"""The app inside another site's page, and the presentation's QR code, in a real browser.

A second local server plays the university's website: a page on another origin (another port) that frames the app.
The CSP's frame-ancestors, from PARTNER_ATLAS_FRAME_ANCESTORS, decides whether the frame draws.
"""

from __future__ import annotations

import html
import io
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect
from werkzeug.wrappers import Request, Response

from dashboard.config import Settings
from dashboard.present import ids as present_ids
from dashboard.public import ids as public_ids
from tests.browser.helpers import VIEWPORT, ServerThread, serve
from tests.factories import make_dataset

pytestmark = pytest.mark.browser

PUBLIC_URL = "https://www.example.edu/international/partners?from=stand"
EMBEDDED_PATH = "/embed/"


@Request.application
def _website(request: Request) -> Response:
    """The host page: an iframe of ?src=, with a title for screen readers as docs/embed.md shows."""
    src = html.escape(request.args.get("src", ""), quote=True)
    body = (
        f'<!doctype html><title>Our partners</title><iframe id="atlas" title="Partner map" src="{src}" '
        f'width="1000" height="700"></iframe>'
    )
    return Response(body, mimetype="text/html")


@pytest.fixture(scope="module")
def website() -> Iterator[str]:
    yield from _website_server()


@pytest.fixture(scope="module")
def other_website() -> Iterator[str]:
    """A site the setting does not name."""
    yield from _website_server()


def _website_server() -> Iterator[str]:
    thread = ServerThread(_website)
    thread.start()
    try:
        yield f"http://127.0.0.1:{thread.port}"
    finally:
        thread.stop()
        thread.join(timeout=5)


def _served(settings: Settings) -> Iterator[str]:
    for live in serve(make_dataset(), settings):
        yield live.url


@pytest.fixture(scope="module")
def open_app_embeddable(website) -> Iterator[str]:
    yield from _served(Settings(frame_ancestors=website, public_url=PUBLIC_URL))


@pytest.fixture(scope="module")
def closed_app() -> Iterator[str]:
    yield from _served(Settings())


def _open_host(browser, website: str, app_url: str, blocked: list[str]):
    """The website's page framing the app; every request outside the two local origins is aborted and recorded."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()

    def guard(route) -> None:
        if route.request.url.startswith((website + "/", app_url + "/")):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    page.goto(f"{website}/?src={app_url}{EMBEDDED_PATH}")
    return context, page


def test_an_allowed_site_can_frame_the_app_and_it_draws(browser, website, open_app_embeddable):
    blocked: list[str] = []
    context, page = _open_host(browser, website, open_app_embeddable, blocked)
    try:
        frame = page.frame_locator("#atlas")
        frame.locator(f"#{public_ids.EMBED_MAP} .js-plotly-plot").wait_for(timeout=20_000)
        shown = (
            "(id) => { const p = document.querySelector(`#${id} .js-plotly-plot`); return p && p._fullData"
            ".filter(t => t.customdata).reduce((n, t) => n + t.customdata.length, 0); }"
        )
        child = next(f for f in page.frames if f is not page.main_frame)
        placed = int(make_dataset().partners["lat"].notna().sum())
        child.wait_for_function(f"(id) => ({shown})(id) === {placed}", arg=public_ids.EMBED_MAP, timeout=20_000)
        # Sized to its frame, with no header of its own; the full view opens the dashboard.
        box = frame.locator(f"#{public_ids.EMBED_MAP}").bounding_box()
        assert box["height"] > 450 and box["width"] > 900, box
        assert child.evaluate("document.documentElement.scrollHeight <= innerHeight + 1")
        assert frame.locator("header").count() == 0
        expect(frame.locator(f"#{public_ids.FULL_VIEW}")).to_have_attribute("href", "/?lang=en")
        # A tier picked in the frame narrows the map and the full view's link follows.
        frame.locator(f"#{public_ids.TIER}").click()
        frame.get_by_role("option", name="Strategic").click()
        strategic = int((make_dataset().partners["tier"] == "strategic").sum())
        child.wait_for_function(f"(id) => ({shown})(id) === {strategic}", arg=public_ids.EMBED_MAP, timeout=20_000)
        expect(frame.locator(f"#{public_ids.FULL_VIEW}")).to_have_attribute("href", "/?tier=strategic&lang=en")
        assert not blocked
    finally:
        context.close()


@pytest.mark.parametrize("allowed", [False, True], ids=["no-site-allowed", "another-site-allowed"])
def test_a_site_that_is_not_allowed_gets_no_app_in_its_frame(browser, request, other_website, allowed):
    # Only `website` is allowed to frame open_app_embeddable; nobody may frame closed_app.
    closed_app = request.getfixturevalue("open_app_embeddable" if allowed else "closed_app")
    website = other_website
    blocked: list[str] = []
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith((website + "/", closed_app + "/"))
            else (blocked.append(route.request.url), route.abort())
        ),
    )
    try:
        # Chromium says why it refuses the frame, then shows an error page in it instead of the app.
        with page.expect_console_message(lambda m: "frame-ancestors" in m.text, timeout=20_000) as refusal:
            page.goto(f"{website}/?src={closed_app}{EMBEDDED_PATH}")
        assert "has been blocked" in refusal.value.text
        child = next(frame for frame in page.frames if frame is not page.main_frame)
        assert not child.url.startswith(closed_app), child.url
        assert page.frame_locator("#atlas").locator(f"#{public_ids.EMBED_MAP}").count() == 0
        assert not blocked
    finally:
        context.close()


def test_the_presentation_shows_a_qr_code_a_phone_reads_as_the_public_address(browser, open_app_embeddable):
    zxingcpp = pytest.importorskip("zxingcpp", reason="zxing-cpp (a test extra) decodes the QR code")
    from PIL import Image

    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    try:
        page = context.new_page()
        page.goto(open_app_embeddable + "/present/")
        page.wait_for_selector(f"#{present_ids.ROOT}[data-state=playing]", timeout=20_000)
        code = page.locator(f"#{present_ids.QR} img")
        code.wait_for(timeout=20_000)
        page.wait_for_function("(img) => img.complete && img.naturalWidth > 0", arg=code.element_handle())
        box = code.bounding_box()
        # About a fifth of a 1080-line screen: 20 cm on a picture 1 m high, read from two metres.
        assert box["height"] >= 200 and abs(box["width"] - box["height"]) < 2, box
        decoded = [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(code.screenshot())))]
        assert decoded == [PUBLIC_URL]
        assert PUBLIC_URL in page.locator(f"#{present_ids.QR} figcaption").inner_text()
    finally:
        context.close()


def test_no_qr_code_without_a_public_address(browser, closed_app):
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    try:
        page = context.new_page()
        page.goto(closed_app + "/present/")
        page.wait_for_selector(f"#{present_ids.ROOT}[data-state=playing]", timeout=20_000)
        assert page.locator(f"#{present_ids.QR} img").count() == 0
        assert not page.locator(f"#{present_ids.QR}").is_visible()
    finally:
        context.close()
