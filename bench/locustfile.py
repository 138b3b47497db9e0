"""Locust users for the load test: each one changes filters as the page does, without a pause between changes.

Run through `python -m bench.load` (it starts gunicorn on loopback, writes the request bodies, runs locust headless
for a bounded time and adds the workers' memory to the report). Run by hand, it needs the bodies file and a bound:

    ATLAS_LOAD_BODIES=/tmp/bodies.json locust -f bench/locustfile.py --headless --host http://127.0.0.1:8050 \\
        --users 20 --spawn-rate 20 --run-time 30s

A filter change is the two POSTs the page sends for a new URL query -- the views callback and the map callback --
sent together as the browser does (two greenlets), and the change is over when both have answered.
"""

from __future__ import annotations

import json
import os
import random
from urllib.parse import urlsplit

import gevent
from locust import FastHttpUser, constant, events, task

BODIES_ENV = "ATLAS_LOAD_BODIES"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
HEADERS = {"Content-Type": "application/json", "Accept-Encoding": "gzip"}


@events.init.add_listener
def only_loopback_and_bounded(environment, **_) -> None:
    """Refuse to load anything but this machine, and to run without an end: a load test is never left running."""
    host = urlsplit(environment.host or "").hostname
    if host not in LOOPBACK:
        raise SystemExit(f"bench/locustfile.py drives loopback only (--host http://127.0.0.1:PORT), not {host!r}")
    options = environment.parsed_options
    if options is not None and not options.run_time:
        raise SystemExit("bench/locustfile.py needs --run-time (e.g. --run-time 60s): the load test is bounded")


def load_bodies() -> list[tuple[str, str]]:
    """The (views, map) POST bodies of the filter changes, written by bench.load from the server's dependencies."""
    path = os.environ.get(BODIES_ENV)
    if not path:
        raise SystemExit(f"set {BODIES_ENV} to the JSON file of request bodies (python -m bench.load writes it)")
    with open(path, encoding="utf-8") as handle:
        return [(views, map_) for views, map_ in json.load(handle)]


class FilterChanger(FastHttpUser):
    """One visitor clicking through filter states as fast as the server answers: the worst case for it."""

    wait_time = constant(0)
    bodies: list[tuple[str, str]] = []

    def on_start(self) -> None:
        if not FilterChanger.bodies:
            FilterChanger.bodies = load_bodies()
        self.rng = random.Random(id(self))

    def post(self, name: str, body: str) -> None:
        self.client.post("/_dash-update-component", data=body, headers=HEADERS, name=name)

    @task
    def change_filter(self) -> None:
        views, map_ = self.rng.choice(self.bodies)
        gevent.joinall([gevent.spawn(self.post, "views", views), gevent.spawn(self.post, "map", map_)])
