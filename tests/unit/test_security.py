"""The security headers on every kind of response, and no stack trace ever sent to the browser."""

from __future__ import annotations

import base64
import hashlib
import json
import re

import pytest

from bench.dash_requests import CallbackClient
from dashboard import ids
from dashboard.app import create_app
from dashboard.config import Settings
from tests.factories import make_dataset

MAP = f"{ids.MAP_UPDATE}.data"  # the map callback, addressed by its first output
VIEWS = f"{ids.TIER_PYRAMID}.figure"
MAP_VALUES = {
    f"{ids.URL}.search": "?tier=strategic",
    f"{ids.MAP_LAYER}.value": "partners",
    f"{ids.MAP_METRIC}.value": "partners",
    f"{ids.MAP_DIRECTION}.value": "outgoing",
}
# What a traceback or a server path looks like when it leaks into a response.
LEAKS = re.compile(r"Traceback|File \"|\.py\b|site-packages|/work/|/home/|/usr/|line \d+|Error:|Exception", re.I)


@pytest.fixture(scope="module")
def app():
    return create_app(Settings(), dataset=make_dataset())


@pytest.fixture(scope="module")
def callbacks(app) -> CallbackClient:
    return CallbackClient(app)


def directives(policy: str) -> dict[str, list[str]]:
    out = {}
    for part in policy.split(";"):
        name, *values = part.split()
        out[name] = values
    return out


def component_suite_url(client) -> str:
    page = client.get("/").get_data(as_text=True)
    return re.search(r'src="(/_dash-component-suites/[^"]+\.js[^"]*)"', page).group(1)


def callback_response(callbacks: CallbackClient, first_output: str, values: dict):
    payload = callbacks.payload(first_output, values, [f"{ids.URL}.search"])
    return callbacks.client.post("/_dash-update-component", data=json.dumps(payload), content_type="application/json")


REQUESTS = {
    "page": lambda c: c.client.get("/"),
    "asset": lambda c: c.client.get("/assets/app.css"),
    "component suite": lambda c: c.client.get(component_suite_url(c.client)),
    "layout": lambda c: c.client.get("/_dash-layout"),
    "dependencies": lambda c: c.client.get("/_dash-dependencies"),
    "map callback": lambda c: callback_response(c, MAP, MAP_VALUES),
    "views callback": lambda c: callback_response(c, VIEWS, {f"{ids.URL}.search": "?region=Europe"}),
    "health": lambda c: c.client.get("/healthz"),
    "not found": lambda c: c.client.get("/assets/no-such-file.css"),
}


@pytest.mark.parametrize("kind", REQUESTS)
def test_every_response_carries_a_strict_policy_and_the_hardening_headers(callbacks, kind):
    with REQUESTS[kind](callbacks) as response:
        assert response.status_code == (404 if kind == "not found" else 200), response.data[:200]
        if kind.endswith("callback"):
            assert response.get_json()["response"], "a real callback answer, not an error"
        headers = response.headers
    policy = headers["Content-Security-Policy"]
    found = directives(policy)
    assert not re.search(r"https?:|//|\*|wss?:", policy), f"an external origin in the policy: {policy}"
    assert found["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in found["script-src"] and "'unsafe-eval'" not in found["script-src"]
    assert found["frame-ancestors"] == ["'none'"]
    assert found["object-src"] == ["'none'"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"


def inline_scripts(page: str) -> list[str]:
    """The page's inline scripts a browser runs (JSON data islands are not scripts)."""
    page = re.sub(r"<!--.*?-->", "", page, flags=re.S)  # Dash's IE warning sits in a conditional comment
    scripts = re.findall(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", page, flags=re.S)
    return [body for attrs, body in scripts if "src=" not in attrs and "application/json" not in attrs]


def test_the_policy_lists_the_hash_of_every_inline_script_even_when_a_health_check_came_first():
    # A load balancer's /healthz is often a worker's first request: the policy must still cover the page.
    client = create_app(Settings(), dataset=make_dataset()).server.test_client()
    assert client.get("/healthz").status_code == 200
    response = client.get("/")
    allowed = directives(response.headers["Content-Security-Policy"])["script-src"]
    scripts = inline_scripts(response.get_data(as_text=True))
    assert scripts, "Dash's page has its renderer start-up inline"
    for script in scripts:
        digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in allowed, script[:120]


def test_debug_is_off_and_dev_tools_are_not_served(app, callbacks):
    assert Settings.from_env({}).debug is False
    assert app.server.debug is False and not app.server.config.get("PROPAGATE_EXCEPTIONS")
    page = callbacks.client.get("/").get_data(as_text=True)
    config = json.loads(
        re.search(r'<script id="_dash-config" type="application/json">(.*?)</script>', page, flags=re.S).group(1)
    )
    assert config.get("ui") is False and config.get("props_check") is False


MALFORMED_POSTS = {
    "not JSON": "{this is not json",
    "JSON without an output": "{}",
    "an output that does not exist": json.dumps(
        {
            "output": "nope.children",
            "outputs": {"id": "nope", "property": "children"},
            "inputs": [],
            "changedPropIds": [],
        }
    ),
    "a list instead of an object": "[1, 2, 3]",
}


@pytest.mark.parametrize("body", MALFORMED_POSTS.values(), ids=MALFORMED_POSTS.keys())
def test_a_malformed_callback_post_gets_a_plain_error_without_a_traceback(callbacks, body, caplog):
    response = callbacks.client.post("/_dash-update-component", data=body, content_type="application/json")
    assert 400 <= response.status_code < 600
    text = response.get_data(as_text=True)
    assert not LEAKS.search(text), text
    assert "Content-Security-Policy" in response.headers


# Values a tampered page could send: each makes the callback raise inside our code.
HOSTILE_VALUES = {
    "a number as the URL query": (MAP, {**MAP_VALUES, f"{ids.URL}.search": 12345}),
    "a list as the URL query": (VIEWS, {f"{ids.URL}.search": ["?tier=strategic"]}),
    # (an object as the map layer is ignored now: the map falls back to its partners layer)
    "an object as the country metric": (MAP, {**MAP_VALUES, f"{ids.MAP_METRIC}.value": {"$ne": 1}}),
}


@pytest.mark.parametrize("first_output, values", HOSTILE_VALUES.values(), ids=HOSTILE_VALUES.keys())
def test_a_callback_that_raises_answers_500_and_logs_the_traceback_only_on_the_server(
    callbacks, first_output, values, caplog
):
    response = callback_response(callbacks, first_output, values)
    assert response.status_code == 500
    text = response.get_data(as_text=True)
    assert "Internal Server Error" in text and not LEAKS.search(text.replace("Internal Server Error", "")), text
    assert "Traceback" in caplog.text, "the server log keeps the traceback for whoever runs the app"


@pytest.mark.parametrize(
    "path, status",
    [
        ("/assets/no-such-file.css", 404),
        ("/assets/../pyproject.toml", 404),
        ("/assets/%2e%2e/pyproject.toml", 404),
        ("/_dash-component-suites/dash/no-such-file.js", 404),
        ("/_dash-component-suites/no_such_package/x.js", 404),
        ("/_dash-component-suites/dash/../../pyproject.toml", 404),
        ("/present/_dash-component-suites/dash/no-such-file.js", 404),
        ("/present/_dash-component-suites/no_such_package/x.js", 404),
    ],
)
def test_a_missing_file_says_nothing_about_the_server(callbacks, path, status, caplog):
    response = callbacks.client.get(path)
    assert response.status_code == status
    text = response.get_data(as_text=True)
    assert not LEAKS.search(text.replace("Internal Server Error", "")), text
    assert "partner-atlas" not in text, "a file outside assets/ was served"
    assert "Traceback" not in caplog.text, "a probe for a file that is not there is no server error"
