"""Save a full-page screenshot of the dashboard on the sample data (for the README).

    python -m bench.screenshot --output docs/screenshot.png [--search "?tier=strategic"] [--dark]
    python -m bench.screenshot --page destinations/ --search "?field=0913&level=6" --viewport 390x844 \
        --output docs/phone-destinations.png
    python -m bench.screenshot --viewport 390x844 --first-screen --output docs/phone.png
"""

from __future__ import annotations

import argparse
import logging
import tempfile
from pathlib import Path

from dashboard.config import Settings
from dashboard.dataset import load_dataset
from dashboard.filters import FilterState, apply

REPO = Path(__file__).resolve().parents[1]
VIEWPORT = {"width": 1920, "height": 1080}


def main(argv: list[str] | None = None) -> int:
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM_ARGS, serve
    from tests.browser.page_state import wait_for_map, wait_until_shown
    from tests.conftest import chromium_path

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=REPO / "docs" / "screenshot.png")
    parser.add_argument("--data-dir", type=Path, default=REPO / "dashboard" / "sample_data")
    parser.add_argument("--search", default="", help="a filter query string, e.g. '?region=Europe'")
    parser.add_argument("--dark", action="store_true")
    parser.add_argument(
        "--page", default="", help="a page under the app's root, e.g. destinations/ (default: the dashboard)"
    )
    parser.add_argument("--viewport", default="", help="WIDTHxHEIGHT, e.g. 390x844 for a phone (default 1920x1080)")
    parser.add_argument("--first-screen", action="store_true", help="only what the first screen shows, not the page")
    args = parser.parse_args(argv)
    if not chromium_path().is_file():
        parser.error(f"Chromium not found at {chromium_path()}: install Debian's chromium or set CHROMIUM")

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory() as cache_dir:
        settings = Settings(
            data_dir=args.data_dir,
            geocode_cache=str(Path(cache_dir) / "cache.json"),
            theme="dark" if args.dark else "light",
        )
        dataset = load_dataset(settings)
    view = apply(FilterState.from_query(args.search, dataset), dataset)
    placed = int(view.partners["lat"].notna().sum())
    server = serve(dataset, settings)
    app = next(server)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(chromium_path()), args=CHROMIUM_ARGS)
            width, _, height = args.viewport.partition("x")
            viewport = {"width": int(width), "height": int(height)} if args.viewport else VIEWPORT
            page = browser.new_page(viewport=viewport, device_scale_factor=1)
            page.goto(app.url + "/" + args.page + args.search)
            if args.page:  # a public page: its cards and its map have drawn
                page.wait_for_selector(".dest-cards > li, .embed-map .js-plotly-plot", timeout=60_000)
                page.wait_for_selector(".js-plotly-plot .geo", timeout=60_000)
            else:
                wait_until_shown(page, len(view.partners), placed, view.tier_counts, timeout=60_000)
            wait_for_map(page)  # MapLibre has drawn every tile: outlines, clusters, place names
            page.wait_for_timeout(800)  # transitions and the last plotly frame
            args.output.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(args.output), full_page=not args.first_screen)
            browser.close()
    finally:
        server.close()
    print(f"Saved {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
