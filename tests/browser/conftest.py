"""Browser tests: the app on a free localhost port in a thread, driven by a real headless Chromium.

SKIP_BROWSER=1 is the only way to skip them; without a browser they fail and say how to get one.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest
from werkzeug.serving import make_server

logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one line per request drowns the test output

from dashboard.app import create_app  # noqa: E402  (after quieting werkzeug)
from dashboard.config import Settings  # noqa: E402  (after quieting werkzeug)
from dashboard.model import Dataset  # noqa: E402  (after quieting werkzeug)
from tests.factories import make_dataset  # noqa: E402  (after quieting werkzeug)

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
VIEWPORT = {"width": 1600, "height": 1000}


@pytest.fixture(scope="session")
def browser(chromium_executable):
    path = chromium_executable
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(path), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@dataclass
class LiveApp:
    url: str
    dataset: Dataset


@dataclass
class PageLog:
    """What the page did besides drawing: every request URL and every console error."""

    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


class _ServerThread(threading.Thread):
    def __init__(self, wsgi_app) -> None:
        super().__init__(daemon=True)
        self.server = make_server("127.0.0.1", 0, wsgi_app, threaded=True)
        self.port = self.server.server_port

    def run(self) -> None:
        self.server.serve_forever()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def serve(dataset: Dataset, settings: Settings | None = None) -> Iterator[LiveApp]:
    """The app for `dataset` on 127.0.0.1:<free port> until the generator is closed."""
    app = create_app(settings or Settings(), dataset=dataset)
    thread = _ServerThread(app.server)
    thread.start()
    try:
        yield LiveApp(url=f"http://127.0.0.1:{thread.port}", dataset=dataset)
    finally:
        thread.stop()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def live_app() -> Iterator[LiveApp]:
    """The app on the small dataset of tests/factories.py."""
    yield from serve(make_dataset())


@pytest.fixture
def page_log() -> PageLog:
    return PageLog()


@pytest.fixture
def open_page(browser, page_log: PageLog) -> Iterator[Callable]:
    """open_page(url) -> a Playwright page that has loaded url, with requests and console errors logged."""
    contexts = []

    def _open(url: str, *, setup: Callable | None = None):
        context = browser.new_context(viewport=VIEWPORT)
        contexts.append(context)
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
