"""The shared peer benchmarks (../shared/bench/peer: side_by_side, scale_curve) with this project's Chromium flags.

    .venv/bin/python -m bench.peer side_by_side --only 10x --clicks 10
    .venv/bin/python -m bench.peer scale_curve --sizes 100x --clicks 6 --runs 3

The shared scripts start Chromium with `--disable-gpu` and without `--enable-unsafe-swiftshader`; the Chromium here
then has no WebGL at all, the dashboard's MapLibre map cannot draw ("Map error.") and the clock, which waits for
every graph's `plotly_afterplot`, never stops. This runner changes only that list (to the flags the browser tests
and bench/browser.py use: tests/browser/conftest.py CHROMIUM_ARGS) and leaves the peer, its probes and its clock
as they are. `$PEER_DIR` points elsewhere than ../shared/bench/peer.

The peer also reads the checkout as it was laid out before the package held its files: the map outlines from
`<checkout>/assets/topojson` and the sample from `<checkout>/data`. Without them the peer's scattergeo map never
draws either. So the scripts are pointed ($ATLAS_MAIN) at a temporary view of this checkout with those two
folders linked to dashboard/assets and dashboard/sample_data; the code they import is this checkout's own.
"""

from __future__ import annotations

import importlib
import os
import sys
import tempfile
from pathlib import Path

SCRIPTS = ("side_by_side", "scale_curve")


def peer_dir() -> Path:
    default = Path(__file__).resolve().parents[2] / "shared" / "bench" / "peer"
    return Path(os.environ.get("PEER_DIR") or default)


def checkout_view(checkout: Path, into: Path) -> Path:
    """`into`, holding links to the checkout's folders, plus assets/ and data/ where the peer looks for them."""
    for entry in checkout.iterdir():
        if entry.name not in {"assets", "data", ".git"}:
            (into / entry.name).symlink_to(entry)
    (into / "assets").symlink_to(checkout / "dashboard" / "assets")
    (into / "data").symlink_to(checkout / "dashboard" / "sample_data")
    return into


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in SCRIPTS:
        print(f"usage: python -m bench.peer {{{'|'.join(SCRIPTS)}}} [the script's own options]", file=sys.stderr)
        return 2
    folder = peer_dir()
    if not (folder / "side_by_side.py").is_file():
        print(f"no peer benchmark at {folder}: set PEER_DIR to the folder holding side_by_side.py", file=sys.stderr)
        return 2
    from tests.browser.conftest import CHROMIUM_ARGS

    with tempfile.TemporaryDirectory(prefix="atlas-peer-view-") as tmp:
        view = checkout_view(Path(__file__).resolve().parents[1], Path(tmp))
        os.environ["ATLAS_MAIN"] = str(view)  # read by the peer's common.py when side_by_side imports it
        sys.path.insert(0, str(folder))
        # scale_curve imports CHROMIUM_ARGS from side_by_side when it runs: one list to change, in place.
        side_by_side = importlib.import_module("side_by_side")
        side_by_side.CHROMIUM_ARGS[:] = CHROMIUM_ARGS
        script = importlib.import_module(argv[0])
        return int(script.main(argv[1:]) or 0)


if __name__ == "__main__":
    raise SystemExit(main())
