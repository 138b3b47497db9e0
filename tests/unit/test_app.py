"""The app factory and the page it builds: served locally, offline by construction, every wired id on the page."""

from __future__ import annotations

import dataclasses
import importlib
import json
import re

import dash
import pytest

from dashboard import ids
from dashboard.app import create_app
from dashboard.config import Settings
from tests.factories import HOME, make_dataset

FIXED_IDS = (ids.WORLD_MAP, ids.TIER_PYRAMID, ids.PARTNER_TABLE, ids.PARTNER_COUNT)


def page(app):
    """The layout a browser gets: the app builds it per page load from the current dataset."""
    return app.layout() if callable(app.layout) else app.layout


@pytest.fixture(scope="module")
def app():
    return create_app(Settings(), dataset=make_dataset())


@pytest.fixture(scope="module")
def client(app):
    return app.server.test_client()


def layout_components(app: dash.Dash) -> list:
    found = []

    def walk(component) -> None:
        if isinstance(component, (list, tuple)):
            for child in component:
                walk(child)
            return
        if not isinstance(component, dash.development.base_component.Component):
            return
        found.append(component)
        for name in ("children", "title", "label", "rightSection", "leftSection"):
            walk(getattr(component, name, None))

    walk(page(app))
    return found


def test_importing_the_app_module_builds_nothing():
    module = importlib.import_module("dashboard.app")
    assert not [
        name
        for name, value in vars(module).items()
        if isinstance(value, (dash.Dash, dict, list)) and not name.startswith("__")
    ]


def test_title_names_the_institution(app, client):
    assert app.title == "UCLL Partner Atlas"
    assert "<title>UCLL Partner Atlas</title>" in client.get("/").get_data(as_text=True)


@pytest.mark.parametrize(("query", "language"), [("", "en"), ("?lang=nl", "nl"), ("?lang=fr&tier=strategic", "fr")])
def test_the_page_says_the_language_its_query_asks_for(client, query, language):
    page = client.get("/" + query).get_data(as_text=True)
    assert page.count("<html") == 1 and f'<html lang="{language}">' in page


def test_a_hostile_institution_name_reaches_the_title_as_text():
    hostile = dataclasses.replace(HOME, short_name="</title><script>alert(1)</script>")
    page = create_app(Settings(), dataset=make_dataset(institution=hostile)).server.test_client().get("/?lang=fr")
    html = page.get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; Partner Atlas</title>" in html


def test_page_loads_nothing_from_another_origin(client):
    page = client.get("/").get_data(as_text=True)
    urls = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert urls and all(url.startswith("/") and not url.startswith("//") for url in urls), urls
    assert "unpkg" not in page and "cdn" not in page.lower()
    with client.get("/assets/app.css") as css:
        assert "@import" not in css.get_data(as_text=True) and "url(" not in css.get_data(as_text=True)


def test_fixed_ids_are_on_the_page_exactly_once(app):
    component_ids = [c.id for c in layout_components(app) if getattr(c, "id", None) is not None]
    for fixed in FIXED_IDS:
        assert component_ids.count(fixed) == 1, fixed


def test_every_callback_id_is_on_the_page(app, client):
    on_page = {c.id for c in layout_components(app) if isinstance(getattr(c, "id", None), str)}
    dependencies = client.get("/_dash-dependencies").get_json()
    wired = set()
    for dep in dependencies:
        for spec in dep["inputs"] + dep["state"]:
            wired.add(spec["id"])
        wired.update(part.rsplit(".", 1)[0] for part in dep["output"].strip(".").split("..."))
    wired = {i for i in wired if not i.startswith("{")}  # pattern-matching chips appear with the filters
    assert wired - on_page == set()


def test_every_graph_reads_map_outlines_from_our_assets(app, client):
    graphs = [c for c in layout_components(app) if isinstance(c, dash.dcc.Graph)]
    assert {g.id for g in graphs} >= {ids.WORLD_MAP, ids.TIER_PYRAMID, ids.MOBILITY_TREND, ids.TOP_PARTNERS}
    for graph in graphs:
        assert graph.config["topojsonURL"] == "/assets/topojson/"
        assert graph.config["displaylogo"] is False
        # Twice the screen size, named after the panel.
        assert graph.config["toImageButtonOptions"] == {"scale": 2, "filename": graph.id}
    with client.get("/assets/topojson/world_110m.json") as outlines:
        assert outlines.status_code == 200 and json.loads(outlines.data)["type"] == "Topology"


def test_table_never_renders_data_as_html(app):
    grid = next(c for c in layout_components(app) if getattr(c, "id", None) == ids.PARTNER_TABLE)
    renderers = {col.get("cellRenderer") for col in grid.columnDefs}
    # Our own renderers (assets/dashAgGridComponentFunctions.js) put data in the page as text only.
    assert renderers <= {None, "WebsiteLink", "TierBadge", "PartnerCard"}
    assert not getattr(grid, "dangerously_allow_code", False)


def test_without_a_dataset_the_factory_loads_the_settings_data_dir(monkeypatch, tmp_path):
    seen = []

    def fake_load(settings):
        seen.append(settings)
        return make_dataset()

    monkeypatch.setattr("dashboard.dataset.load_dataset", fake_load)
    settings = Settings(data_dir=tmp_path)
    create_app(settings)
    assert seen == [settings]


@pytest.mark.parametrize("theme, scheme", [("light", "light"), ("dark", "dark")])
def test_default_colour_scheme_comes_from_settings(theme, scheme):
    app = create_app(Settings(theme=theme), dataset=make_dataset())
    assert page(app).forceColorScheme == scheme


def test_debug_is_off_by_default(app):
    assert Settings().debug is False
    assert app.server.debug is False
