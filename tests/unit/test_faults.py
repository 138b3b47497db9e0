"""Faults from outside: an online geocoder that misbehaves over real HTTP, a cache file cut mid-write, and data
files replaced while the app serves requests.

The exception-level cases (each geopy error raised by a fake) are in test_geocoding_online.py and
test_geocoding_chain.py; here the errors come from a real HTTP exchange on loopback, through geopy's own Nominatim.
"""

from __future__ import annotations

import json
import os
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pandas as pd
import pytest
from geopy.location import Location

from bench.dash_requests import CallbackClient
from dashboard import ids
from dashboard.app import create_app
from dashboard.config import Settings
from dashboard.geocoding import GeocodeCache, NominatimAdapter, geocode_partners
from dashboard.store import DatasetStore
from tests.helpers import copy_sample

PLACES = {("leuven", "BE"): (50.88, 4.70), ("gent", "BE"): (51.05, 3.72)}
CENTRES = {"BE": (50.64, 4.67), "NL": (52.13, 5.29)}
MISSING = ("Kinderdijk", "Giethoorn", "Bourtange", "Thorn", "Marken")  # unknown to the fake gazetteer


class FakeGazetteer:
    """The offline step: knows Leuven and Gent."""

    version = "fake-gazetteer-1"

    def geocode(self, query, exactly_one=True):
        point = PLACES.get((query["city"].lower(), query["country"]))
        return Location(query["city"], point, {"precision": "city"}) if point else None


class FakeNominatimServer(ThreadingHTTPServer):
    """Answers every search with one behaviour: a status code, or silence until the client gives up."""

    daemon_threads = True

    def __init__(self, behaviour: str) -> None:
        self.behaviour = behaviour
        self.requests: list[str] = []
        self.release = threading.Event()
        super().__init__(("127.0.0.1", 0), NominatimHandler)


class NominatimHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        server: FakeNominatimServer = self.server
        server.requests.append(self.path)
        if server.behaviour == "timeout":
            server.release.wait(5)  # longer than the client's timeout
            return
        status = int(server.behaviour)
        body = b"[]" if status == 200 else b"<html>go away</html>"
        self.send_response(status)
        if status == 429:
            self.send_header("Retry-After", "60")
        self.send_header("Content-Type", "application/json" if status == 200 else "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def partners_frame() -> pd.DataFrame:
    rows = [("Hogeschool Gent", "Gent", "BE", 2), ("UCLL", "Leuven", "BE", 3)]
    rows += [(f"School of {city}", city, "NL", line) for line, city in enumerate(MISSING, start=4)]
    frame = pd.DataFrame(
        [
            {
                "name": name,
                "city": city,
                "country": country,
                "erasmus_code": "",
                "street": "",
                "postcode": "",
                "lat": float("nan"),
                "lon": float("nan"),
                "source_line": line,
            }
            for name, city, country, line in rows
        ]
    )
    return frame


def closed_port() -> int:
    """A loopback port nothing listens on: connecting is refused at once."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# behaviour, geopy's error for it, how many requests reach the server at most before the adapter gives up
FAULTS = {
    "refused (403)": ("403", "GeocoderInsufficientPrivileges", 1),
    "rate-limited (429)": ("429", "GeocoderRateLimited", 3),
    "timing out": ("timeout", "GeocoderTimedOut", 3),
    "unreachable (connection refused)": ("closed", "GeocoderUnavailable", 0),
}


@pytest.mark.parametrize("behaviour, error, max_requests", FAULTS.values(), ids=FAULTS.keys())
def test_a_failing_online_geocoder_leaves_every_row_placed_offline_and_says_why(behaviour, error, max_requests):
    server = None
    if behaviour == "closed":
        domain = f"127.0.0.1:{closed_port()}"
    else:
        server = FakeNominatimServer(behaviour)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        domain = f"127.0.0.1:{server.server_address[1]}"
    # The adapter builds geopy's Nominatim itself, as in production, only pointed at loopback.
    online = NominatimAdapter("partner-atlas-test", domain=domain, scheme="http", timeout=0.5, min_delay_seconds=0)
    try:
        out, warnings = geocode_partners(
            partners_frame(), online=True, geocoder=FakeGazetteer(), online_geocoder=online, centroid=CENTRES.get
        )
    finally:
        if server is not None:
            server.release.set()
            server.shutdown()
            server.server_close()

    assert list(out["geo_precision"]) == ["city", "city"] + ["country"] * len(MISSING)
    assert list(out["geo_source"]) == ["gazetteer", "gazetteer"] + ["country-centroid"] * len(MISSING)
    assert (out.loc[2:, ["lat", "lon"]].to_numpy() == CENTRES["NL"]).all()
    failures = [w for w in warnings if w.startswith("Nominatim")]
    assert failures and error in failures[0] and "Kinderdijk" in failures[0], warnings
    if max_requests < len(MISSING):
        assert "no more online look-ups" in warnings[len(failures) - 1]
    if server is not None:
        assert 1 <= len(server.requests) <= max_requests, server.requests
    assert any(w.startswith("line 4: 'School of Kinderdijk' was placed at the centre of Netherlands") for w in warnings)


def test_a_service_that_answers_again_is_used_again():
    # One timeout is a hiccup, not an outage: the next rows still go online.
    answers = iter([TimeoutError("read timed out"), None, None, None, None])

    class Flaky:
        def geocode(self, query, exactly_one=True, country_codes=None):
            answer = next(answers)
            if isinstance(answer, Exception):
                from geopy.exc import GeocoderTimedOut

                raise GeocoderTimedOut(str(answer))
            return Location("found", (52.0, 5.0), {})

    online = NominatimAdapter("partner-atlas-test", geocoder=Flaky(), min_delay_seconds=0)
    out, _ = geocode_partners(
        partners_frame(), online=True, geocoder=FakeGazetteer(), online_geocoder=online, centroid=CENTRES.get
    )
    assert list(out["geo_source"][2:]) == ["country-centroid"] + ["nominatim"] * (len(MISSING) - 1)


# --- the cache file -----------------------------------------------------------------------------------------------


def run_chain(cache_path: Path, geocoder=None):
    return geocode_partners(
        partners_frame(), geocoder=geocoder or FakeGazetteer(), cache_path=cache_path, centroid=CENTRES.get
    )


class NoGazetteer:
    version = FakeGazetteer.version

    def geocode(self, query, exactly_one=True):
        raise AssertionError(f"the cache should have answered {query['city']}")


@pytest.mark.parametrize(
    "damage", ["cut at 10%", "cut in half", "cut at 90%", "junk after the end", "junk at the start"]
)
def test_a_cache_damaged_mid_write_is_rebuilt_by_the_next_run(tmp_path, damage):
    path = tmp_path / ".geocache.json"
    first, _ = run_chain(path)
    whole = path.read_bytes()
    assert json.loads(whole)["entries"]
    damaged = {
        "cut at 10%": whole[: len(whole) // 10],
        "cut in half": whole[: len(whole) // 2],
        "cut at 90%": whole[: len(whole) * 9 // 10],
        "junk after the end": whole + b"\x00\x00garbage{",
        "junk at the start": b"\xff\xfe" + whole,
    }[damage]
    path.write_bytes(damaged)

    second, warnings = run_chain(path)
    assert second[["lat", "lon", "geo_precision"]].equals(first[["lat", "lon", "geo_precision"]])
    assert any("rebuilt" in w and str(path) in w for w in warnings), warnings
    third, warnings = run_chain(path, geocoder=NoGazetteer())
    assert set(third["geo_source"]) == {"cache"} and not any("rebuilt" in w for w in warnings)
    assert GeocodeCache(path, matcher=FakeGazetteer.version).warnings == []


# --- data files replaced while the app runs -----------------------------------------------------------------------


class Observer(threading.Thread):
    """Asks /healthz and the views callback (the partner count) again and again, as visitors would."""

    def __init__(self, app) -> None:
        super().__init__(daemon=True)
        self.callbacks = CallbackClient(app)
        self.health = app.server.test_client()
        self.seen: list[tuple[str, tuple]] = []
        self.errors: list[str] = []
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.is_set():
            try:
                health = self.health.get("/healthz").get_json()
                self.seen.append(("healthz", (health["partners"], health["mobility_rows"])))
                views, _ = self.callbacks.call(
                    f"{ids.TIER_PYRAMID}.figure", {f"{ids.URL}.search": ""}, [f"{ids.URL}.search"]
                )
                self.seen.append(("partner count", int(views["response"][ids.PARTNER_COUNT]["children"])))
            except Exception as error:
                self.errors.append(f"{type(error).__name__}: {error}")
            time.sleep(0.02)  # a visitor's pace between requests (the store checks the files on requests)

    def latest(self, kind: str):
        return next((value for seen_kind, value in reversed(self.seen) if seen_kind == kind), None)

    def wait_for(self, answers: int, seconds: float = 30.0) -> None:
        """Until the observer has recorded `answers` more answers than now."""
        target, deadline = len(self.seen) + answers, time.monotonic() + seconds
        while len(self.seen) < target:
            assert time.monotonic() < deadline, f"no {answers} answers within {seconds:.0f} s: {self.errors[-3:]}"
            time.sleep(0.02)  # polling the observer thread: it has nothing to wait on

    def stop(self) -> None:
        self.stopping.set()
        self.join(timeout=10)


def replace_atomically(path: Path, text: str) -> None:
    new = path.with_name(path.name + ".new")
    new.write_text(text, encoding="utf-8")
    os.replace(new, path)


def rewrite_in_two_halves(path: Path, text: str, pause: float = 1.0) -> None:
    """What a slow copy or a chunked save does: the file sits half-written (cut mid-line) for a while."""
    data = text.encode("utf-8")
    with open(path, "wb") as handle:
        handle.write(data[: len(data) // 2])
        handle.flush()
        os.fsync(handle.fileno())
        time.sleep(pause)  # the file itself must sit half-written on disk for a while: real time, not a clock
        handle.write(data[len(data) // 2 :])


@pytest.mark.parametrize("replace", [replace_atomically, rewrite_in_two_halves], ids=["atomic", "two halves"])
def test_a_replaced_data_file_is_served_whole_and_without_a_restart(tmp_path, replace):
    data_dir = copy_sample(tmp_path / "data")
    settings = Settings(data_dir=data_dir, geocode_cache=str(data_dir / ".geocache.json"))
    # A store that looks at the files on (nearly) every request, so the half-written file is seen.
    store = DatasetStore(settings, check_seconds=0.1)
    app = create_app(settings, store=store)
    old_health = app.server.test_client().get("/healthz").get_json()
    old = (old_health["partners"], old_health["mobility_rows"])
    lines = (data_dir / "partners.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    new_text = "".join(lines[:-30])  # 30 partners fewer; their mobility rows become rejected ones

    observer = Observer(app)
    observer.start()
    try:
        observer.wait_for(10)  # the old data seen being served before the file changes
        replace(data_dir / "partners.csv", new_text)
        deadline = time.monotonic() + 30
        while observer.latest("partner count") != old[0] - 30 or observer.latest("healthz")[0] != old[0] - 30:
            assert time.monotonic() < deadline, f"the new file was not picked up within 30 s: {observer.seen[-4:]}"
            time.sleep(0.1)  # polling the observer thread's answers
        observer.wait_for(10)  # and the new data still served whole afterwards
    finally:
        observer.stop()

    assert observer.errors == []
    health = {value for kind, value in observer.seen if kind == "healthz"}
    counts = {value for kind, value in observer.seen if kind == "partner count"}
    new = next(value for value in health if value != old)
    assert new[0] == old[0] - 30 and new[1] < old[1]
    assert health == {old, new}, "only the old or the new data, never a half-read file"
    assert counts == {old[0], new[0]}
    assert store.version == 2, "one reload: the half-written file was never loaded as a dataset"
