"""The presentation page on the dashboard's server: its address and redirects, its language, its security policy,
and the one response that carries the whole tour."""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import re

import pytest
from plotly.io.json import to_json_plotly

from dashboard.app import create_app
from dashboard.config import Settings
from dashboard.present import ids
from dashboard.present.callbacks import IDLE_SECONDS, Timing, presentation, timing
from dashboard.present.tour import default_tour
from tests.factories import make_dataset

OUTPUTS = [
    (ids.TOUR, "data"),
    (ids.NAME, "children"),
    (ids.SUBTITLE, "children"),
    (ids.KEY_FIGURES_TITLE, "children"),
    (ids.KEY_FIGURES, "children"),
    (ids.KEYS_HINT, "children"),
    (ids.QR, "children"),
]


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("data")  # no tour.csv: the default tour
    return create_app(Settings(data_dir=data_dir, scene_seconds=9), dataset=make_dataset()).server.test_client()


@pytest.mark.parametrize(
    ("url", "location"),
    [
        ("/present", "/present/"),
        ("/present?lang=nl&seconds=2", "/present/?lang=nl&seconds=2"),
        ("/?mode=present", "/present/"),
        ("/?mode=present&lang=nl", "/present/?lang=nl"),
    ],
)
def test_present_and_mode_present_lead_to_the_presentation(client, url, location):
    response = client.get(url)
    assert response.status_code in (301, 302, 308)
    assert response.headers["Location"] == location


def test_the_dashboard_itself_is_still_at_the_root(client):
    response = client.get("/?tier=strategic")
    assert response.status_code == 200
    assert "/assets/atlas.js" in response.get_data(as_text=True)


def test_the_page_says_its_language_and_loads_only_the_presentation_assets(client):
    page = client.get("/present/?lang=nl").get_data(as_text=True)
    assert '<html lang="nl">' in page
    assert "<title>UCLL-partners: presentatie</title>" in page
    assert re.search(r'src="/present/assets/present\.js\?', page)
    assert re.search(r'href="/present/assets/present\.css\?', page)
    assert "atlas.js" not in page and "app.css" not in page  # the dashboard's own wiring and styles stay out


def test_every_inline_script_of_the_page_is_allowed_by_its_hash_and_nothing_else_is(client):
    response = client.get("/present/")
    policy = response.headers["Content-Security-Policy"]
    script_src = next(d for d in policy.split("; ") if d.startswith("script-src "))
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    page = re.sub(r"<!--.*?-->", "", response.get_data(as_text=True), flags=re.S)  # Dash's note for old IE
    inline = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>(.*?)</script>", page, re.S)
    assert inline
    for script in inline:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in script_src


def test_the_layout_has_no_filter_controls_only_the_presentation_frame(client):
    layout = client.get("/present/_dash-layout").get_json()
    found = []

    def walk(node):
        if isinstance(node, dict):
            if "type" in node and "props" in node:
                found.append((node["namespace"], node["type"], node["props"].get("id")))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(layout)
    assert all(str(i).startswith("present-") for _, _, i in found if i)
    assert {t for _, t, _ in found} <= {
        "Div",
        "Header",
        "Main",
        "Aside",
        "Footer",
        "Section",
        "H1",
        "H2",
        "P",
        "Span",
        "Figure",
        "Location",
        "Store",
        "Graph",
        "Interval",
    }  # Interval: the data banner's
    assert sum(1 for _, t, _ in found if t == "Graph") == 1  # every scene is drawn into the same graph


def test_one_response_carries_the_whole_tour_compressed(client):
    body = {
        "output": ".." + "...".join(f"{i}.{p}" for i, p in OUTPUTS) + "..",
        "outputs": [{"id": i, "property": p} for i, p in OUTPUTS],
        "inputs": [{"id": ids.URL, "property": "search", "value": "?lang=nl&seconds=0.5"}],
        "changedPropIds": [f"{ids.URL}.search"],
        "state": [],
    }
    response = client.post("/present/_dash-update-component", json=body, headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers.get("Content-Encoding") == "gzip"
    result = json.loads(gzip.decompress(response.data))["response"]
    tour = result[ids.TOUR]["data"]
    assert tour["lang"] == "nl" and tour["seconds"] == 0.5 and tour["idle"] == IDLE_SECONDS
    assert [s["kind"] for s in tour["scenes"]] == [s.kind for s in default_tour(make_dataset()).scenes]
    assert tour["config"]["topojsonURL"] == "/assets/topojson/"
    assert result[ids.SUBTITLE]["children"] == "Internationale partnerschappen"


@pytest.mark.parametrize(
    ("search", "seconds", "idle"),
    [
        ("", 9.0, IDLE_SECONDS),
        ("?seconds=0.2&idle=1.5", 0.2, 1.5),
        ("?seconds=0", 0.05, IDLE_SECONDS),  # too fast to see: the shortest allowed
        ("?seconds=nan&idle=inf", 9.0, IDLE_SECONDS),
        ("?seconds=soon&idle=-3", 9.0, 0.05),
        ("?SECONDS=30", 30.0, IDLE_SECONDS),
    ],
)
def test_scene_and_idle_times_come_from_the_address_or_the_settings(search, seconds, idle):
    assert timing(search, 9.0) == Timing(seconds, idle)


@pytest.mark.parametrize(
    ("search", "home", "resumes"),
    [
        ("", "/", "Resumes by itself after 60 s without input"),
        ("?lang=nl&idle=5", "/?lang=nl", "Gaat vanzelf verder na 5 s zonder invoer"),
    ],
)
def test_esc_goes_home_in_the_same_language(search, home, resumes):
    dataset = make_dataset()
    page = presentation(dataset, Settings(), search, tour=default_tour(dataset))
    assert page["tour"]["home"] == home
    assert page["tour"]["resumes"] == resumes
    assert page["name"] == "UC Leuven-Limburg"


def test_the_key_figures_are_the_first_rows_of_key_figures_csv_with_their_units():
    dataset = make_dataset()  # "Partner institutions" 250, "Outgoing students" 900 per year
    page = presentation(dataset, Settings(), "", tour=default_tour(dataset))
    shown = json.loads(to_json_plotly(page["key_figures"]))
    texts = [_texts(item) for item in shown]
    assert texts == [["250", "Partner institutions"], ["900", " per year", "Outgoing students"]]


def _texts(node) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, list):
        return [t for child in node for t in _texts(child)]
    if isinstance(node, dict):
        return _texts(node.get("props", {}).get("children", []))
    return []


def test_the_presentation_shows_the_public_address_as_a_qr_code_only_when_one_is_set():
    from dashboard.present.callbacks import presentation

    dataset = make_dataset()
    assert presentation(dataset, Settings(), "?lang=nl")["qr"] == []
    items = presentation(dataset, Settings(public_url="https://www.ucll.be/partners"), "?lang=nl")["qr"]
    image, caption = items
    assert image.src.startswith("data:image/svg+xml") and image.alt == "QR-code die https://www.ucll.be/partners opent"
    assert "https://www.ucll.be/partners" in [child.children for child in caption.children]
