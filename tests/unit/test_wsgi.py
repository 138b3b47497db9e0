"""The production server: gunicorn with two preloaded workers serves the page, the callbacks and /healthz, and each
worker (forked after the data was loaded) still picks up replaced data files."""

from __future__ import annotations

import importlib
import json
import os
import re
import time
import urllib.request
from pathlib import Path

import pytest

from bench.load import RemoteCallbacks, get_json, gunicorn
from dashboard import ids
from tests.helpers import SAMPLE, copy_sample

# The worker's pid and the query string of each request, so a test can tell which worker answered which probe.
ACCESS_LOG = ["--access-logfile", "-", "--access-logformat", "access pid=%(p)s query=%(q)s status=%(s)s"]


def post(url: str, body: bytes) -> dict:
    request = urllib.request.Request(
        url + "/_dash-update-component", data=body, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 200
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
        return json.loads(response.read())


def test_importing_the_wsgi_module_builds_nothing(monkeypatch):
    def explode(*args, **kwargs):
        raise AssertionError("the app was built on import")

    monkeypatch.setattr("dashboard.app.create_app", explode)
    module = importlib.reload(importlib.import_module("dashboard.wsgi"))
    assert module._server is None


def test_the_production_server_refuses_debug_mode():
    from dashboard.wsgi import create_server

    with pytest.raises(RuntimeError, match="PARTNER_ATLAS_DEBUG"):
        create_server({"PARTNER_ATLAS_DEBUG": "1", "PARTNER_ATLAS_DATA_DIR": str(SAMPLE)})


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    return copy_sample(tmp_path_factory.mktemp("wsgi") / "data")


@pytest.fixture(scope="module")
def server(data_dir):
    env = {"PARTNER_ATLAS_DATA_DIR": str(data_dir), "PARTNER_ATLAS_GEOCODE_CACHE": str(data_dir / ".geocache.json")}
    with gunicorn(workers=2, env=env, extra_args=tuple(ACCESS_LOG)) as running:
        yield running


def test_gunicorn_serves_the_page_and_a_filter_change_with_two_workers(server):
    assert len(server.worker_pids()) == 2
    health = get_json(server.url + "/healthz")
    assert health["status"] == "ok" and health["partners"] == 147 and health["rows_rejected"] == 0
    with urllib.request.urlopen(server.url + "/", timeout=10) as page:
        assert page.status == 200 and "Partner Atlas" in page.read().decode()
        assert "script-src 'self' 'sha256-" in page.headers["Content-Security-Policy"]
    views, map_figure = (
        post(server.url, body) for body in RemoteCallbacks(server.url).filter_change("?tier=strategic")
    )
    strategic = views["response"][ids.PARTNER_COUNT]["children"]
    assert 0 < int(strategic) < 147
    assert map_figure["response"][ids.MAP_UPDATE]["data"]["figure"]["data"]


def probe_workers(server, probes: int) -> dict[int, set[int]]:
    """Ask /healthz `probes` times; for each worker pid, the partner counts it answered (from the access log)."""
    answers = {}
    for probe in range(probes):
        tag = f"{time.monotonic_ns()}-{probe}"
        answers[tag] = get_json(f"{server.url}/healthz?probe={tag}")["partners"]
    seen: dict[int, set[int]] = {}
    for pid, tag in re.findall(r"access pid=<(\d+)> query=probe=(\S+) ", server.log()):
        if tag in answers:
            seen.setdefault(int(pid), set()).add(answers[tag])
    return seen


def test_every_forked_worker_picks_up_a_replaced_partner_file(server, data_dir):
    before = get_json(server.url + "/healthz")["partners"]
    lines = (data_dir / "partners.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    fewer = data_dir / "partners.csv.new"
    fewer.write_text("".join(lines[:-20]), encoding="utf-8")
    os.replace(fewer, data_dir / "partners.csv")
    deadline = time.monotonic() + 60
    while True:
        seen = probe_workers(server, 12)
        if len(seen) == 2 and all(counts == {before - 20} for counts in seen.values()):
            break
        assert all(counts <= {before, before - 20} for counts in seen.values()), seen
        assert time.monotonic() < deadline, f"not every worker reloaded within 60 s: {seen}\n{server.log()[-2000:]}"
        time.sleep(0.5)  # polling gunicorn's workers (another process) until each has reloaded
    assert set(seen) == set(server.worker_pids()), "the answers came from the running workers, none restarted"
