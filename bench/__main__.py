"""Every benchmark in turn, each in a fresh process (one's gazetteer or browser never weighs on the next):

    python -m bench [--load-seconds 60] [--only eche_geocode,callbacks,browser,load]

Prints each benchmark's Markdown tables, to be copied into bench/README.md. Exits non-zero when one failed.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
REAL_ECHE = REPO.parent / "shared" / "data" / "real" / "eche" / "eche_holders.csv"
BENCHMARKS = ("eche_geocode", "callbacks", "browser", "load")


def command(name: str, load_seconds: float) -> list[str]:
    extra = {"eche_geocode": ["--compare"], "load": ["--seconds", str(load_seconds)]}.get(name, [])
    return [sys.executable, "-m", f"bench.{name}", *extra]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--load-seconds", type=float, default=60.0, help="how long the load test runs")
    parser.add_argument("--only", default=",".join(BENCHMARKS), help="comma-separated benchmarks to run")
    args = parser.parse_args(argv)
    failed = []
    for name in [n.strip() for n in args.only.split(",") if n.strip()]:
        if name not in BENCHMARKS:
            parser.error(f"unknown benchmark {name!r}: choose from {', '.join(BENCHMARKS)}")
        print(f"## {name}\n", flush=True)
        if name == "eche_geocode" and not REAL_ECHE.is_file():
            print(f"skipped: {REAL_ECHE} not found (the real data lives in ../shared beside the project)\n", flush=True)
            continue
        start = time.monotonic()
        code = subprocess.call(command(name, args.load_seconds), cwd=REPO)
        print(f"({name}: {time.monotonic() - start:.0f} s, exit code {code})\n", flush=True)
        if code != 0:
            failed.append(name)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
