"""Browser tests: the app on a free localhost port in a thread, driven by a real headless Chromium.

SKIP_BROWSER=1 is the only way to skip them; without a browser they fail and say how to get one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from dashboard.config import Settings
from dashboard.dataset import load_dataset
from tests.browser.helpers import (
    PRESENT_SCREEN,
    ROOT,
    VIEWPORT,
    LiveApp,
    PageLog,
    guard_outside_requests,
    present_data,
    serve,
)
from tests.factories import make_dataset
from tests.helpers import SAMPLE

# No GPU here: Chromium draws the map's WebGL with SwiftShader, its software renderer (--disable-gpu keeps it
# from probing for hardware; newer builds want --enable-unsafe-swiftshader to allow that fallback for WebGL).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless=new",
    "--disable-gpu",
    "--enable-unsafe-swiftshader",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser(chromium_executable):
    path = chromium_executable
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(path), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def live_app() -> Iterator[LiveApp]:
    """The app on the small dataset of tests/factories.py."""
    yield from serve(make_dataset())


@pytest.fixture(scope="module")
def sample_app(tmp_path_factory) -> Iterator[LiveApp]:
    """The app on the bundled sample (dashboard/sample_data: real names of every length)."""
    if not (SAMPLE / "partners.csv").is_file():
        pytest.fail(f"no sample data at {SAMPLE}: the package ships dashboard/sample_data/partners.csv")
    # The geocoding cache goes to a temporary folder: a test never writes into the sample folder.
    settings = Settings(data_dir=SAMPLE, geocode_cache=str(tmp_path_factory.mktemp("geocache") / "cache.json"))
    yield from serve(load_dataset(settings), settings)


@pytest.fixture
def page_log() -> PageLog:
    return PageLog()


@pytest.fixture
def open_page(browser, page_log: PageLog) -> Iterator[Callable]:
    """open_page(url) -> a Playwright page that has loaded url, with requests and console errors logged. Every
    request that would leave this machine is stopped, and fails the test (guard_outside_requests)."""
    contexts = []

    def _open(url: str, *, setup: Callable | None = None):
        context = browser.new_context(viewport=VIEWPORT)
        contexts.append(context)
        guard_outside_requests(context, page_log)
        page = context.new_page()
        page.on("request", lambda request: page_log.requests.append(request.url))
        page.on("console", lambda message: page_log.errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: page_log.errors.append(str(error)))
        if setup:
            setup(page)
        page.goto(url)
        return page

    yield _open
    for context in contexts:
        context.close()
    assert page_log.outside == [], "the page asked for something outside this machine (offline and private)"


@pytest.fixture(scope="module")
def present_app(tmp_path_factory) -> Iterator[LiveApp]:
    """The presentation's test dataset and five-scene tour (tests/browser/helpers.py TOUR)."""
    yield from serve(*present_data(tmp_path_factory.mktemp("data")))


@pytest.fixture
def open_present(browser, page_log: PageLog, present_app: LiveApp) -> Iterator[Callable]:
    """open_present("?seconds=0.3") -> a page playing the tour at 1920x1080; requests, errors and dialogs logged.

    setup(page) runs before the page loads: where a test installs Playwright's clock or a request guard.
    """
    contexts = []

    def _open(query: str = "", *, setup: Callable | None = None):
        context = browser.new_context(viewport=PRESENT_SCREEN)
        contexts.append(context)
        guard_outside_requests(context, page_log)
        page = context.new_page()
        page.on("request", lambda request: page_log.requests.append(request.url))
        page.on("console", lambda message: page_log.errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: page_log.errors.append(str(error)))
        page.on("dialog", lambda dialog: (page_log.errors.append(f"dialog: {dialog.message}"), dialog.dismiss()))
        if setup:
            setup(page)
        page.goto(present_app.url + "/present/" + query)
        page.wait_for_selector(f"{ROOT}[data-state=playing]", timeout=20_000)
        return page

    yield _open
    for context in contexts:
        context.close()
    assert page_log.outside == [], "the page asked for something outside this machine (offline and private)"
