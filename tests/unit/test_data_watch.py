"""Data files replaced under a running server, as `partner-atlas run` (werkzeug) and gunicorn (two preloaded
workers) serve them: a good file reaches every worker; an empty, binary, half-written or deleted one is refused,
the last good data stays, and the banner (dashboard and /present), /healthz and the log say so until it is fixed."""

from __future__ import annotations

import contextlib
import json
import re
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from bench.load import free_port, get_json, gunicorn
from tests.replacements import broken, copy_sample, put, without_last_rows

REPO = Path(__file__).resolve().parents[2]
ACCESS_LOG = ("--access-logfile", "-", "--access-logformat", "access pid=%(p)s query=%(q)s status=%(s)s")
KEPT = "Showing the last good data"  # the banner's first words (catalogue key banner.kept)
PAGES = ("/healthz", "/_dash-layout", "/present/_dash-layout")
WORDS = {"empty": "file is empty", "binary": "binary", "half-written": "half-written", "deleted": "was removed"}


@dataclass
class Werkzeug:
    """`partner-atlas run` in its own process."""

    url: str
    process: subprocess.Popen
    log_path: Path

    def worker_pids(self) -> list[int]:
        return [self.process.pid]

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


@contextlib.contextmanager
def partner_atlas_run(data_dir: Path, log_path: Path):
    port = free_port()
    command = [sys.executable, "-m", "dashboard", "run", "--data-dir", str(data_dir), "--port", str(port)]
    with open(log_path, "wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, cwd=REPO)
    server = Werkzeug(f"http://127.0.0.1:{port}", process, log_path)
    try:
        deadline = time.monotonic() + 90
        while True:
            assert process.poll() is None, server.log()[-3000:]
            with contextlib.suppress(OSError, ValueError):
                get_json(server.url + "/healthz", timeout=2)
                break
            assert time.monotonic() < deadline, f"`run` did not answer within 90 s:\n{server.log()[-3000:]}"
            time.sleep(0.2)  # polling another process's server: nothing here to wait on
        yield server
    finally:
        process.terminate()
        process.wait(timeout=15)


def folder_with_a_warning(tmp_path: Path) -> Path:
    """The sample, with a column key_figures.csv does not use: a warning `run` must print."""
    folder = copy_sample(tmp_path / "data")
    lines = (folder / "key_figures.csv").read_text(encoding="utf-8").splitlines()
    (folder / "key_figures.csv").write_text(
        "\n".join([lines[0] + ",remarks", *(line + "," for line in lines[1:])]) + "\n", encoding="utf-8"
    )
    return folder


@pytest.fixture(scope="module", params=["run", "gunicorn"])
def served(request, tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp(request.param)
    folder = folder_with_a_warning(tmp_path)
    if request.param == "run":
        context = partner_atlas_run(folder, tmp_path / "run.log")
    else:
        env = {"PARTNER_ATLAS_DATA_DIR": str(folder), "PARTNER_ATLAS_GEOCODE_CACHE": str(folder / ".geocache.json")}
        context = gunicorn(workers=2, env=env, extra_args=ACCESS_LOG)
    with context as server:
        yield server, folder


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        assert response.status == 200
        return response.read().decode("utf-8")


def answers_by_worker(server) -> dict[int, list[tuple[str, str]]]:
    """Each page asked a few times; per worker pid, the (page, body) pairs it answered."""
    bodies = {}
    for round_ in range(6):
        for page in PAGES:
            tag = f"{time.monotonic_ns()}-{round_}"
            bodies[tag] = (page, fetch(f"{server.url}{page}?probe={tag}"))
    pids = server.worker_pids()
    if len(pids) == 1:
        return {pids[0]: list(bodies.values())}
    seen: dict[int, list[tuple[str, str]]] = {}
    for pid, tag in re.findall(r"access pid=<(\d+)> query=probe=(\S+) ", server.log()):
        if tag in bodies:
            seen.setdefault(int(pid), []).append(bodies[tag])
    return seen


def wait_until(server, page_ok, what: str, seconds: float = 120.0) -> None:
    """Until every worker answers every page as page_ok(page, body) wants; fails after `seconds` saying what."""
    deadline = time.monotonic() + seconds
    while True:
        seen = answers_by_worker(server)
        if set(seen) == set(server.worker_pids()) and all(
            page_ok(page, body) for answers in seen.values() for page, body in answers
        ):
            return
        assert time.monotonic() < deadline, (
            f"not every worker shows {what} within {seconds:.0f} s\n{server.log()[-3000:]}"
        )
        time.sleep(0.5)  # polling gunicorn's workers (another process) until each has reloaded


def sound(partners: int):
    def page_ok(page: str, body: str) -> bool:
        if page == "/healthz":
            health = json.loads(body)
            return health["status"] == "ok" and health["partners"] == partners
        return KEPT not in body and "data-banner-box" not in body

    return page_ok


def refused(word: str, partners: int):
    def page_ok(page: str, body: str) -> bool:
        if page == "/healthz":
            health = json.loads(body)
            return (
                health["status"] == "degraded"
                and health["partners"] == partners
                and [p["file"] for p in health["problems"]] == ["partners.csv"]
                and word in health["problems"][0]["message"]
            )
        return KEPT in body and "partners.csv" in body and word in body  # the banner of the dashboard, /present

    return page_ok


def test_the_start_up_log_names_warnings_not_only_rejections(served):
    log = served[0].log()
    assert "key_figures.csv: 7 rows read = 7 loaded + 0 rejected; 1 warnings" in log
    assert "WARNING" in log and "'remarks'" in log and "/data/" in log


@pytest.mark.parametrize("case", list(WORDS))
def test_a_broken_partner_file_is_refused_until_it_is_fixed(served, case):
    server, folder = served
    raw = (folder / "partners.csv").read_bytes()
    wait_until(server, sound(147), "the sample")
    put(folder / "partners.csv", broken(raw)[case])
    try:
        wait_until(server, refused(WORDS[case], 147), f"the last good data and the {case} file named")
        assert "not swapped in" in server.log() and WORDS[case] in server.log()
    finally:
        put(folder / "partners.csv", raw)
    wait_until(server, sound(147), "the banner gone once the file is fixed")


def test_a_good_replacement_reaches_every_page_of_every_worker(served):
    server, folder = served
    raw = (folder / "partners.csv").read_bytes()
    put(folder / "partners.csv", without_last_rows(raw, 5))
    try:
        wait_until(server, sound(142), "the 142 partners of the new file")
        assert "<td>142</td><td>142</td><td>0</td>" in fetch(server.url + "/data/")
        assert "INFO dashboard.store: reloaded" in server.log()  # logging is configured at start (dashboard/logs.py)
    finally:
        put(folder / "partners.csv", raw)
    wait_until(server, sound(147), "the 147 partners again")
