"""The partner table's refresh in headless Chromium: what a filter change costs the grid alone.

    python -m bench.table [--size 100x] [--runs 8]

Serves a generated dataset (bench.synthetic.SIZES) on a free local port, opens the page at 1920x1080, then calls the
clientside callback that refreshes the grid (`atlas.showTableRows`) with exactly what the views callback sends for
"?tier=strategic" and for "back to all partners", alternately, and times each call until the next animation frame.
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics

from dashboard import ids

REFRESH_JS = """
async ([gridId, data]) => {
  const start = performance.now();
  await window.dash_clientside.atlas.showTableRows(data, gridId);
  await new Promise((resolve) => requestAnimationFrame(() => resolve()));
  return performance.now() - start;
}
"""
GRID_READY_JS = """
(gridId) => { try { return window.dash_ag_grid.getApi(gridId).getDisplayedRowCount() > 0; } catch (e) { return false; } }
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="100x", choices=("10x", "30x", "100x"))
    parser.add_argument("--runs", type=int, default=8)
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    from bench.synthetic import SIZES, make_large_dataset
    from dashboard.callbacks.views import render_views
    from tests.browser.conftest import CHROMIUM_ARGS, serve
    from tests.conftest import chromium_path

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    dataset = make_large_dataset(*SIZES[args.size])
    payloads = {
        "strategic": render_views(dataset, "?tier=strategic").rows,
        "all partners": render_views(dataset, "").rows,
    }
    server = serve(dataset)
    app = next(server)
    times: dict[str, list[float]] = {name: [] for name in payloads}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(chromium_path()), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1920, "height": 1080})
            page.goto(app.url + "/", timeout=120_000)
            page.wait_for_function(GRID_READY_JS, arg=ids.PARTNER_TABLE, timeout=120_000)
            for data in payloads.values():  # warm-up
                page.evaluate(REFRESH_JS, [ids.PARTNER_TABLE, data])
            for _ in range(args.runs):
                for name, data in payloads.items():
                    times[name].append(page.evaluate(REFRESH_JS, [ids.PARTNER_TABLE, data]))
            browser.close()
    finally:
        server.close()
    print(f"| {args.size} refresh | median ms | min ms | payload KB |")
    print("|---|---:|---:|---:|")
    for name, values in times.items():
        print(
            f"| {name} | {statistics.median(values):.0f} | {min(values):.0f} | {len(json.dumps(payloads[name])) / 1024:.1f} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
