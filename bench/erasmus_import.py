"""Benchmark: `import-erasmus` on a whole call year in the Commission's layout (generated, 400,000 rows).

    .venv/bin/python -m bench.erasmus_import [--rows 400000] [--ours-share 0.02] [--format xlsx|csv|both]

The file is generated once into the system's temporary folder (bench/erasmus_files.py: the newer header layout,
two sheets for the workbook) and reused; each measurement runs in a fresh process and reports wall time, CPU time
and peak RSS of the import alone (read, aggregate, write mobility.csv and partners.csv).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.erasmus_files import LAYOUTS, generate, write_csv, write_xlsx


def source_file(rows: int, ours_share: float, kind: str) -> Path:
    folder = Path(tempfile.gettempdir()) / "partner-atlas-bench"
    folder.mkdir(exist_ok=True)
    path = folder / f"ka1-{rows}-{ours_share}.{kind}"
    if not path.exists():
        half = rows // 2
        first = generate(half, "new", seed=1, ours_share=ours_share)
        second = generate(rows - half, "new", seed=2, ours_share=ours_share, first_year=2022)
        partial = path.with_suffix(".partial")
        if kind == "xlsx":
            write_xlsx(partial, {"Sheet 1": (LAYOUTS["new"], first), "Sheet 2": (LAYOUTS["new"], second)})
        else:
            write_csv(partial, LAYOUTS["new"], first + second)
        partial.rename(path)
    return path


def measure(path: Path) -> dict:
    """The import of `path` into a fresh folder, in this process (call it in a fresh one)."""
    started, cpu = time.perf_counter(), time.process_time()
    from dashboard.importing.erasmus import read_erasmus
    from dashboard.importing.erasmus_write import write_import

    result = read_erasmus([path], ["B LEUVEN18", "B HASSELT20"])
    with tempfile.TemporaryDirectory() as folder:
        written = write_import(result, Path(folder))
    return {
        "file": path.name,
        "mb": round(path.stat().st_size / 2**20, 1),
        "rows": result.rows_read,
        "used": sum(s.used for s in result.sheets),
        "flows": written.flows,
        "total_s": round(time.perf_counter() - started, 2),
        "cpu_s": round(time.process_time() - cpu, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=400_000)
    parser.add_argument("--ours-share", type=float, default=0.02)
    parser.add_argument("--format", choices=("xlsx", "csv", "both"), default="both")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return
    for kind in ("xlsx", "csv") if args.format == "both" else (args.format,):
        path = source_file(args.rows, args.ours_share, kind)
        out = subprocess.run(
            [sys.executable, "-m", "bench.erasmus_import", "--measure", str(path)],
            capture_output=True,
            text=True,
            check=True,
        )
        print(out.stdout.strip())


if __name__ == "__main__":
    main()
