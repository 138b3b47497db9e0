"""Load test: locust's simulated users changing filters against gunicorn with several workers, on loopback only.

    python -m bench.load [--users 50] [--seconds 60] [--workers 3] [--only sample|10x|30x|100x]

Starts gunicorn (--preload) on 127.0.0.1, builds the request bodies of 200 random filter states from the server's
/_dash-dependencies, then runs locust headless (bench/locustfile.py) for --seconds with --users users: each loops,
POSTing what the page sends for a filter change -- the views callback and the map callback, in parallel as the
browser does -- without a pause between changes, the worst case for the server. Prints requests, errors,
p50/p95/p99 latency (locust's), requests per second, and the memory of the gunicorn master and each worker: RSS at
the start, at its peak and at the end (/proc/<pid>/status), PSS and USS at the end (/proc/<pid>/smaps_rollup).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import csv
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.dash_requests import CallbackClient
from dashboard import ids

REPO = Path(__file__).resolve().parents[1]
VIEWS = f"{ids.TIER_PYRAMID}.figure"
MAP = f"{ids.MAP_UPDATE}.data"  # the map callback, addressed by its first output
MAP_VALUES = {
    f"{ids.MAP_LAYER}.value": "partners",
    f"{ids.MAP_METRIC}.value": "partners",
    f"{ids.MAP_DIRECTION}.value": "outgoing",
    f"{ids.THEME_SWITCH}.checked": False,
}


# --- the server -------------------------------------------------------------------------------------------------


@dataclass
class Gunicorn:
    url: str
    process: subprocess.Popen
    log_path: Path

    def worker_pids(self) -> list[int]:
        return child_pids(self.process.pid)

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def child_pids(pid: int) -> list[int]:
    """The processes whose parent is `pid` (gunicorn's workers), from /proc."""
    children = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # gone meanwhile
        # The command name may hold spaces and parentheses: the fields after the last ")" are fixed.
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            children.append(int(entry.name))
    return sorted(children)


def rss_mb(pid: int) -> float:
    """Resident memory of a process in MB (VmRSS), 0 when it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def shared_memory_mb(pid: int) -> tuple[float, float]:
    """(PSS, USS) of a process in MB from /proc/<pid>/smaps_rollup: PSS splits each shared page between the
    processes sharing it, USS counts only the pages this process alone holds. (0, 0) when it is gone."""
    values = {}
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            key, _, rest = line.partition(":")
            if key in ("Pss", "Private_Clean", "Private_Dirty"):
                values[key] = int(rest.split()[0]) / 1024
    except OSError:
        return 0.0, 0.0
    return values.get("Pss", 0.0), values.get("Private_Clean", 0.0) + values.get("Private_Dirty", 0.0)


def get_json(url: str, timeout: float = 5.0) -> Any:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return json.loads(response.read())


@contextlib.contextmanager
def gunicorn(
    app: str = "dashboard.wsgi:create_server()",
    *,
    workers: int = 2,
    env: dict[str, str] | None = None,
    startup_seconds: float = 90.0,
    extra_args: tuple[str, ...] = (),
) -> Iterator[Gunicorn]:
    """gunicorn serving `app` with --preload on 127.0.0.1:<free port>, until /healthz answers; stopped on exit."""
    port = free_port()
    log_dir = Path(tempfile.mkdtemp(prefix="partner-atlas-gunicorn-"))
    log_path = log_dir / "gunicorn.log"
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "--workers",
        str(workers),
        "--preload",
        "--bind",
        f"127.0.0.1:{port}",
        "--timeout",
        "60",
        "--graceful-timeout",
        "5",
        "--no-control-socket",
        "--chdir",
        str(REPO),
        *extra_args,
        app,
    ]
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            command,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=REPO,
            env={**os.environ, **(env or {})},
            start_new_session=True,
        )
    server = Gunicorn(f"http://127.0.0.1:{port}", process, log_path)
    try:
        deadline = time.monotonic() + startup_seconds
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {process.returncode}:\n{server.log()[-3000:]}")
            with contextlib.suppress(OSError, ValueError):
                if (
                    get_json(server.url + "/healthz", timeout=2)["status"] == "ok"
                    and len(server.worker_pids()) == workers
                ):
                    break
            if time.monotonic() > deadline:
                raise TimeoutError(f"gunicorn not ready within {startup_seconds:.0f} s:\n{server.log()[-3000:]}")
            time.sleep(0.2)
        yield server
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)  # gunicorn's graceful stop: it stops its own workers
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=5)
        shutil.rmtree(log_dir, ignore_errors=True)


def synthetic_server():
    """A generated dataset served by gunicorn: `bench.load:synthetic_server()`, 10x unless $ATLAS_BENCH_SIZE says
    30x or 100x; stored as load_dataset stores a data folder, and frozen before the fork as dashboard.wsgi does."""
    from bench.callbacks import large_dataset
    from dashboard.app import create_app
    from dashboard.config import Settings
    from dashboard.wsgi import ready_to_fork

    _, dataset = large_dataset(os.environ.get("ATLAS_BENCH_SIZE", "10x"))
    return ready_to_fork(create_app(Settings.from_env(), dataset=dataset).server)


# --- the payloads -----------------------------------------------------------------------------------------------


class RemoteCallbacks(CallbackClient):
    """CallbackClient's payloads, built from a running server's /_dash-dependencies instead of a test client."""

    def __init__(self, url: str) -> None:  # not super().__init__: that builds a Flask test client
        with urllib.request.urlopen(url + "/", timeout=10) as page:
            page.read()
        self.dependencies = get_json(url + "/_dash-dependencies", timeout=10)

    def filter_change(self, search: str) -> list[bytes]:
        """The two POST bodies the page sends when the URL's query becomes `search`."""
        changed = [f"{ids.URL}.search"]
        return [
            json.dumps(self.payload(VIEWS, {f"{ids.URL}.search": search}, changed)).encode(),
            json.dumps(self.payload(MAP, {f"{ids.URL}.search": search, **MAP_VALUES}, changed)).encode(),
        ]


def random_searches(dataset, count: int, seed: int = 1) -> list[str]:
    """Filter states a visitor could reach: any mix of tiers, regions, countries, years, people and a name search."""
    rng = random.Random(seed)
    partners = dataset.partners
    countries = sorted(partners["country"].dropna().unique())
    regions = sorted(partners["region"].dropna().unique())
    years = list(dataset.academic_years)
    words = ("univ", "college", "tech", "school", "de")
    out = [""]
    while len(out) < count:
        parts = []
        if rng.random() < 0.5:
            parts.append("tier=" + ",".join(rng.sample(["strategic", "collaboration", "mobility"], rng.randint(1, 2))))
        if rng.random() < 0.3:
            parts.append("region=" + rng.choice(regions))
        if rng.random() < 0.3:
            parts.append("country=" + ",".join(sorted(rng.sample(countries, min(len(countries), rng.randint(1, 3))))))
        if rng.random() < 0.4 and len(years) > 1:
            first = rng.randrange(len(years) - 1)
            parts.append(f"from={years[first]}&to={years[rng.randrange(first, len(years))]}")
        if rng.random() < 0.3:
            parts.append("participant=" + rng.choice(["student", "staff"]))
        if rng.random() < 0.3:
            parts.append("direction=" + rng.choice(["outgoing", "incoming"]))
        if rng.random() < 0.15:
            parts.append("q=" + rng.choice(words))
        out.append("?" + "&".join(parts) if parts else "")
    return out


# --- the users: locust ------------------------------------------------------------------------------------------

LOCUSTFILE = REPO / "bench" / "locustfile.py"


@dataclass
class Tally:
    """locust's totals: one row per request name ("views", "map") and "Aggregated", from its --csv stats file."""

    rows: dict[str, dict[str, str]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    @property
    def requests(self) -> int:
        return int(self.rows.get("Aggregated", {}).get("Request Count", 0))

    def number(self, name: str, column: str) -> float:
        value = self.rows.get(name, {}).get(column, "")
        return float(value) if value not in ("", "N/A") else float("nan")


def post_json(url: str, body: bytes, timeout: float = 60.0) -> int:
    request = urllib.request.Request(
        url + "/_dash-update-component", data=body, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:
        response.read()
        return response.status


def warm_up(url: str, change: list[bytes], workers: int) -> None:
    """A few filter changes from `workers` threads at once, so each worker has answered before memory is read."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(lambda body: post_json(url, body), change * workers * 2))


def run_locust(url: str, bodies: list[list[bytes]], *, users: int, seconds: float, work_dir: Path) -> Tally:
    """locust headless against `url` for `seconds` with `users` users (all started at once); its CSV totals."""
    bodies_file = work_dir / "bodies.json"
    bodies_file.write_text(json.dumps([[body.decode() for body in change] for change in bodies]), encoding="utf-8")
    prefix = work_dir / "locust"
    command = [
        sys.executable,
        "-m",
        "locust",
        "-f",
        str(LOCUSTFILE),
        "--headless",
        "--host",
        url,
        "--users",
        str(users),
        "--spawn-rate",
        str(users),
        "--run-time",
        f"{max(1, round(seconds))}s",
        "--stop-timeout",
        "10",
        "--csv",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    env = {**os.environ, "ATLAS_LOAD_BODIES": str(bodies_file)}
    log = work_dir / "locust.log"
    with open(log, "wb") as out:
        code = subprocess.call(command, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT, timeout=seconds + 120)
    stats = prefix.with_name("locust_stats.csv")
    if not stats.is_file():
        raise RuntimeError(f"locust exited with {code} and wrote no stats:\n{log.read_text(errors='replace')[-3000:]}")
    tally = Tally()
    with stats.open(encoding="utf-8", newline="") as handle:
        tally.rows = {row["Name"]: row for row in csv.DictReader(handle)}
    failures = prefix.with_name("locust_failures.csv")
    if failures.is_file():
        with failures.open(encoding="utf-8", newline="") as handle:
            tally.errors = [
                f"{row['Name']}: {row['Error']}"
                for row in csv.DictReader(handle)
                for _ in range(int(row["Occurrences"]))
            ]
    return tally


class MemoryWatch(threading.Thread):
    """Samples every worker's RSS once a second while the load runs."""

    def __init__(self, pids: list[int]) -> None:
        super().__init__(daemon=True)
        self.pids = pids
        self.start_mb = {pid: rss_mb(pid) for pid in pids}
        self.peak_mb = dict(self.start_mb)
        self.end_mb: dict[int, float] = {}
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.wait(1.0):
            for pid in self.pids:
                self.peak_mb[pid] = max(self.peak_mb[pid], rss_mb(pid))

    def stop(self) -> None:
        self.stopping.set()
        self.join(timeout=5)
        self.end_mb = {pid: rss_mb(pid) for pid in self.pids}
        self.end_shared = {pid: shared_memory_mb(pid) for pid in self.pids}


@dataclass
class Result:
    label: str
    partners: int
    users: int
    workers: int
    seconds: float
    tally: Tally
    memory: MemoryWatch
    restarted_workers: bool

    def markdown(self) -> str:
        t = self.tally
        lines = [
            f"### {self.label}: {self.partners:,} partners, {self.users} locust users, {self.workers} gunicorn workers, "
            f"{self.seconds:.0f} s",
            "",
            "| requests | errors | requests/s | filter changes/s | p50 ms | p95 ms | p99 ms | max ms |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|",
            f"| {t.requests:,} | {len(t.errors)} | {t.number('Aggregated', 'Requests/s'):.1f} "
            f"| {t.number('views', 'Requests/s'):.1f} "
            f"| {t.number('Aggregated', '50%'):.0f} | {t.number('Aggregated', '95%'):.0f} "
            f"| {t.number('Aggregated', '99%'):.0f} | {t.number('Aggregated', 'Max Response Time'):.0f} |",
            "",
            "| callback | requests | p50 ms | p95 ms | p99 ms |",
            "|---|---:|---:|---:|---:|",
        ]
        lines += [
            f"| {name} | {t.number(name, 'Request Count'):,.0f} | {t.number(name, '50%'):.0f} "
            f"| {t.number(name, '95%'):.0f} | {t.number(name, '99%'):.0f} |"
            for name in ("views", "map")
        ]
        lines += [
            "",
            "| process | RSS start MB | RSS peak MB | RSS end MB | PSS end MB | USS end MB |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        m = self.memory
        lines += [
            f"| {'master' if i == 0 else 'worker'} {pid} | {m.start_mb[pid]:.0f} | {m.peak_mb[pid]:.0f} "
            f"| {m.end_mb[pid]:.0f} | {m.end_shared[pid][0]:.0f} | {m.end_shared[pid][1]:.0f} |"
            for i, pid in enumerate(m.pids)
        ]
        if t.errors:
            lines += ["", "Errors (first 5): " + "; ".join(t.errors[:5])]
        if self.restarted_workers:
            lines += ["", "A worker was replaced during the run (crash or timeout): see gunicorn's log."]
        return "\n".join(lines)


def run(label: str, dataset, app: str, env: dict[str, str], *, users: int, seconds: float, workers: int) -> Result:
    with gunicorn(app, workers=workers, env=env) as server, tempfile.TemporaryDirectory() as work_dir:
        remote = RemoteCallbacks(server.url)
        bodies = [remote.filter_change(search) for search in random_searches(dataset, 200)]
        # A few changes per worker first, so the start memory includes what every request allocates once.
        warm_up(server.url, bodies[0], workers)
        pids = server.worker_pids()
        memory = MemoryWatch([server.process.pid, *pids])  # the master too: it holds what the workers share
        memory.start()
        start = time.monotonic()
        tally = run_locust(server.url, bodies, users=users, seconds=seconds, work_dir=Path(work_dir))
        elapsed = time.monotonic() - start
        memory.stop()
        restarted = server.worker_pids() != pids
    return Result(label, len(dataset.partners), users, workers, elapsed, tally, memory, restarted)


def sample_setup(cache_dir: Path) -> tuple[str, Any, str, dict[str, str]]:
    """data/ with a copy of its geocoding cache, so neither this process nor the server loads the gazetteer."""
    from dashboard.config import Settings
    from dashboard.dataset import load_dataset

    cache = cache_dir / "geocache.json"
    if (REPO / "dashboard" / "sample_data" / ".geocache.json").is_file():
        shutil.copy(REPO / "dashboard" / "sample_data" / ".geocache.json", cache)
    env = {"PARTNER_ATLAS_DATA_DIR": str(REPO / "dashboard" / "sample_data"), "PARTNER_ATLAS_GEOCODE_CACHE": str(cache)}
    dataset = load_dataset(Settings(data_dir=REPO / "dashboard" / "sample_data", geocode_cache=str(cache)))
    return "sample (data/)", dataset, "dashboard.wsgi:create_server()", env


def large_setup(size: str) -> Callable[[Path], tuple[str, Any, str, dict[str, str]]]:
    def setup(cache_dir: Path) -> tuple[str, Any, str, dict[str, str]]:
        from bench.callbacks import large_dataset

        label, dataset = large_dataset(size)
        return label, dataset, "bench.load:synthetic_server()", {"ATLAS_BENCH_SIZE": size}

    return setup


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument(
        "--only",
        choices=("sample", "10x", "30x", "100x"),
        help="default: the sample only; the generated sizes are opt-in",
    )
    args = parser.parse_args(argv)
    setups = {"sample": sample_setup, **{size: large_setup(size) for size in ("10x", "30x", "100x")}}
    chosen = [args.only] if args.only else ["sample"]
    failed = False
    with tempfile.TemporaryDirectory() as cache_dir:
        for key in chosen:
            label, dataset, app, env = setups[key](Path(cache_dir))
            result = run(
                label,
                dataset,
                app,
                env,
                users=args.users,
                seconds=args.seconds,
                workers=args.workers,
            )
            print(result.markdown(), end="\n\n", flush=True)
            failed |= bool(result.tally.errors) or result.restarted_workers
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
