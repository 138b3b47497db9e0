"""Time from a filter click until every view has redrawn, in headless Chromium.

    python -m bench.browser [--runs 10] [--only sample|10x]

The click toggles the "Strategic" tier chip. The clock starts at the click event in the page and stops at the
first animation frame where every graph has redrawn (plotly_afterplot after the click), #partner-count shows
the new number and the table shows that many rows. The server runs in this process on a free local port.
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys

from bench.callbacks import large_dataset, sample_dataset
from dashboard import ids
from dashboard.filters import FilterState, apply

GRAPHS = (
    ids.WORLD_MAP,
    ids.TIER_PYRAMID,
    ids.MOBILITY_TREND,
    ids.DURATION_SPLIT,
    ids.CAMPUS_SPLIT,
    ids.TOP_COUNTRIES,
    ids.TOP_PARTNERS,
)

INSTALL_JS = """
(graphs) => {
  window.__bench = {t0: 0, drawn: {}};
  document.addEventListener("click", () => { window.__bench.t0 = performance.now(); }, true);
  for (const id of graphs) {
    const plot = document.querySelector(`#${id} .js-plotly-plot`);
    plot.on("plotly_afterplot", () => { window.__bench.drawn[id] = performance.now(); });
  }
}
"""

REDRAWN_JS = """
([graphs, countId, tableId, expected]) => {
  const b = window.__bench;
  if (!b.t0 || !graphs.every((id) => (b.drawn[id] || 0) > b.t0)) return false;
  if (document.getElementById(countId).textContent !== String(expected)) return false;
  let rows = 0;
  window.dash_ag_grid.getApi(tableId).forEachNodeAfterFilter(() => { rows += 1; });
  return rows === expected ? performance.now() - b.t0 : false;
}
"""


def measure(label: str, dataset, runs: int) -> str:
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM_ARGS, serve
    from tests.browser.page_state import wait_until_shown
    from tests.conftest import chromium_path

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    counts = {
        search: len(apply(FilterState.from_query(search, dataset), dataset).partners)
        for search in ("", "?tier=strategic")
    }
    server = serve(dataset)
    app = next(server)
    times: list[float] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(chromium_path()), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1920, "height": 1080})
            page.goto(app.url + "/")
            placed = dataset.partners["lat"].notna().sum()
            wait_until_shown(page, counts[""], int(placed), timeout=60_000)
            page.evaluate(INSTALL_JS, list(GRAPHS))
            for run in range(runs * 2):
                search = "?tier=strategic" if run % 2 == 0 else ""
                page.click(".chip-strategic label")
                elapsed = page.wait_for_function(
                    REDRAWN_JS,
                    arg=[list(GRAPHS), ids.PARTNER_COUNT, ids.PARTNER_TABLE, counts[search]],
                    timeout=30_000,
                ).json_value()
                times.append(float(elapsed))
                page.wait_for_timeout(300)  # let late afterplot events settle before the next click
            browser.close()
    finally:
        server.close()
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return (
        f"| {label} | {len(dataset.partners):,} | {len(dataset.mobility):,} | {len(times)} | "
        f"{statistics.median(times):.0f} | {p95:.0f} |"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="clicks on and off per dataset")
    parser.add_argument("--only", choices=("sample", "10x"))
    args = parser.parse_args(argv)
    if not os.access(chromium_path_str := os.environ.get("CHROMIUM", "/usr/bin/chromium"), os.X_OK):
        print(f"Chromium not found at {chromium_path_str}: install Debian's chromium or set CHROMIUM", file=sys.stderr)
        return 1
    print("| dataset | partners | mobility rows | clicks | median ms | p95 ms |")
    print("|---|---:|---:|---:|---:|---:|")
    for key, loader in {"sample": sample_dataset, "10x": large_dataset}.items():
        if args.only and key != args.only:
            continue
        label, dataset = loader()
        print(measure(label, dataset, args.runs), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
