"""What more than one browser test file uses: the app on a free localhost port in a thread, the presentation's
test tour, and checks of the drawn page. Test files import from here (or page_state.py), never from each other
nor from conftest.py."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from werkzeug.serving import make_server

logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one line per request drowns the test output

from dashboard.app import create_app  # noqa: E402  (after quieting werkzeug)
from dashboard.config import Settings  # noqa: E402
from dashboard.filters import FilterState, apply  # noqa: E402
from dashboard.model import Dataset  # noqa: E402
from dashboard.present import ids as present_ids  # noqa: E402
from tests.browser.page_state import VIEWS_TIMEOUT_MS, wait_until_shown  # noqa: E402
from tests.factories import default_partners, make_dataset, make_partner  # noqa: E402

VIEWPORT = {"width": 1600, "height": 1000}


# --- the app in a thread -----------------------------------------------------------------------------------------


@dataclass
class LiveApp:
    url: str
    dataset: Dataset


@dataclass
class PageLog:
    """What the page did besides drawing: every request URL and every console error."""

    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)  # requests the guard stopped: they left this machine


def guard_outside_requests(context, log: PageLog) -> None:
    """Abort, and record in log.outside, every request of the browser context that would leave this machine: the
    app must work offline and send nothing to anyone. A test's own narrower guard (page_state.only_origin, on the
    page) is asked first."""

    def handle(route) -> None:
        parts = urlsplit(route.request.url)
        if parts.scheme in ("data", "blob") or (parts.hostname or "") in ("127.0.0.1", "localhost", "::1"):
            route.fallback()
        else:
            log.outside.append(route.request.url)
            route.abort()

    context.route("**/*", handle)


class ServerThread(threading.Thread):
    """A WSGI app on 127.0.0.1:<free port> (`.port`) until stop()."""

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
    thread = ServerThread(app.server)
    thread.start()
    try:
        yield LiveApp(url=f"http://127.0.0.1:{thread.port}", dataset=dataset)
    finally:
        thread.stop()
        thread.join(timeout=5)


# --- the dashboard's views ---------------------------------------------------------------------------------------


def expected_counts(dataset, search: str) -> tuple[int, int, dict[str, int]]:
    """(partners, placed markers, tier counts) the page will show for `search`: what to wait for before a test
    looks at something else (not what a test asserts)."""
    view = apply(FilterState.from_query(search, dataset), dataset)
    placed = view.partners[view.partners["lat"].notna() & view.partners["lon"].notna()]
    return len(view.partners), len(placed), view.tier_counts


def wait_for_views(page, dataset, search: str, timeout: float = VIEWS_TIMEOUT_MS):
    """Until the views have drawn `search` (expected_counts): before a test looks at something else."""
    partners, markers, tiers = expected_counts(dataset, search)
    return wait_until_shown(page, partners, markers, tiers, timeout=timeout)


def assert_views_show(
    page, partners: set[str], tiers: dict[str, int], placed: set[str] | None = None, timeout: float = VIEWS_TIMEOUT_MS
):
    """Map markers, table rows, the partner count and the pyramid show these partners (on the map: `placed`, by
    default all of them) and these counts per tier: expectations the test worked out from its data by hand."""
    placed = partners if placed is None else placed
    shown = wait_until_shown(page, len(partners), len(placed), tiers, timeout=timeout)
    assert shown.count == str(len(partners))
    assert set(shown.rows) == partners
    assert set(shown.markers) == placed
    assert shown.tiers == tiers
    return shown


def drawn(page, dataset, search: str = "", timeout: float = VIEWS_TIMEOUT_MS):
    """Until the views show `search`'s partners (the charts, the map and the table are drawn)."""
    shown = wait_for_views(page, dataset, search, timeout=timeout)
    page.wait_for_function("() => document.querySelectorAll('.atlas-graph .main-svg').length >= 7", timeout=timeout)
    return shown


def open_drawer(page):
    """Open the first table row's detail panel and wait until it is shown and labelled."""
    page.click(".ag-center-cols-container .ag-row[row-index='0'] .ag-cell")
    page.wait_for_selector(".atlas-detail .mantine-Drawer-content[role=dialog]", state="visible")
    page.wait_for_function("() => document.querySelector('.atlas-detail header').getAttribute('role') === 'group'")


# --- the presentation --------------------------------------------------------------------------------------------

PRESENT_SCREEN = {"width": 1920, "height": 1080}
HOSTILE = "<img src=x onerror=alert(1)>"
TOUR = [
    ("network", "", "Our network", "Ons netwerk"),
    ("partner", "X99", f"{HOSTILE} in Ghent", f"{HOSTILE} in Gent"),
    ("pyramid", "", "Three tiers", "Drie niveaus"),
    ("region", "Europe", "Partners in Europe", "Partners in Europa"),
    ("trend", "", "Year by year", "Jaar na jaar"),
]
ROOT = f"#{present_ids.ROOT}"


def present_data(data_dir: Path) -> tuple[Dataset, Settings]:
    """The test dataset plus a strategic partner with a hostile name, and a five-scene tour.csv in `data_dir`."""
    lines = ["scene,kind,value,caption_en,caption_nl"]
    lines += [f'{n},{kind},{value},"{en}","{nl}"' for n, (kind, value, en, nl) in enumerate(TOUR, start=1)]
    (data_dir / "tour.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    partners = [*default_partners(), make_partner(partner_id="X99", name=HOSTILE, city="Ghent", tier="strategic")]
    return make_dataset(partners=partners), Settings(data_dir=data_dir)


def wait_scene(page, index: int, timeout: float = 5_000) -> None:
    """Until scene `index` is drawn (the fade is over)."""
    page.wait_for_function(
        """([root, index]) => { const r = document.getElementById(root);
             return r.dataset.scene === String(index) && !r.classList.contains("is-leaving"); }""",
        arg=[present_ids.ROOT, index],
        timeout=timeout,
    )
