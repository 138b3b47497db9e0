"""App start on a data folder (seconds and MB), then the server time of filter changes on it.

    python -m bench.data_folder /tmp/atlas-1m                 # 12,000 partners, 1,000,000 mobility rows
    python -m bench.start /tmp/atlas-1m [--runs 10] [--max-file-mb 200]

One fresh process: imports, `create_app` on the folder (read, validate, index: what `partner-atlas run` and a
gunicorn master do before serving), then each filter of bench.callbacks posted to the views and map callbacks.
Memory is the process's VmRSS after start and its peak (VmHWM), from /proc/self/status.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time
from pathlib import Path


def memory_mb() -> dict[str, float]:
    """VmRSS (now) and VmHWM (peak) of this process, in MB."""
    values = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0]) / 1024
    return values


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--max-file-mb", type=int, default=200, help="PARTNER_ATLAS_MAX_FILE_BYTES for the run")
    args = parser.parse_args(argv)

    started, cpu_started = time.perf_counter(), time.process_time()
    from bench.callbacks import MAP, MAP_VALUES, VIEWS, searches
    from bench.dash_requests import CallbackClient
    from dashboard.app import create_app
    from dashboard.config import Settings

    imported = time.perf_counter()
    # 1,000,000 rows make a 53 MB mobility.csv, above the default limit (max_file_bytes, 50 MB).
    app = create_app(Settings(data_dir=args.data_dir, max_file_bytes=args.max_file_mb * 1024 * 1024))
    loaded = time.perf_counter()
    cpu = time.process_time() - cpu_started
    memory = memory_mb()
    dataset = app.server.extensions["partner_atlas_store"].current()
    print(f"### {args.data_dir}: {len(dataset.partners):,} partners, {len(dataset.mobility):,} mobility rows\n")
    print("| import s | create_app s | start s | cpu s | RSS after start MB | peak RSS MB |")
    print("|---:|---:|---:|---:|---:|---:|")
    print(
        f"| {imported - started:.2f} | {loaded - imported:.2f} | {loaded - started:.2f} | {cpu:.2f} "
        f"| {memory['VmRSS']:.0f} | {memory['VmHWM']:.0f} |\n",
        flush=True,
    )

    client = CallbackClient(app)
    # CPU time of the request (Flask's test client serves it in this thread): what a busy machine inflates least.
    print("| filter change | views median ms | views p95 ms | views CPU ms | map median ms | map p95 ms | map CPU ms |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, search in searches(dataset).items():
        cells = []
        for callback, values in ((VIEWS, {"url.search": search}), (MAP, {"url.search": search, **MAP_VALUES})):
            client.call(callback, values, ["url.search"])  # warm-up
            runs, cpu_runs = [], []
            for _ in range(args.runs):
                begin, cpu_begin = time.perf_counter(), time.thread_time()
                client.call(callback, values, ["url.search"])
                runs.append((time.perf_counter() - begin) * 1000)
                cpu_runs.append((time.thread_time() - cpu_begin) * 1000)
            runs.sort()
            p95 = runs[min(len(runs) - 1, round(0.95 * (len(runs) - 1)))]
            cells += [f"{statistics.median(runs):.1f}", f"{p95:.1f}", f"{statistics.median(cpu_runs):.1f}"]
        print(f"| {name} | " + " | ".join(cells) + " |", flush=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak RSS after the filter changes: {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
