"""Privacy of every graph: no mode-bar button, link or dialog that sends a chart to another host, in the dashboard,
the presentation (its layout and the config its tour plays with) and the poster."""

from __future__ import annotations

import json
from datetime import date

import dash
import pytest
from dash import dcc

from dashboard.app import create_app
from dashboard.config import Settings
from dashboard.filters import FilterState
from dashboard.poster import poster_spec
from dashboard.present import ids as present_ids
from tests.factories import make_dataset

OFF = ("showSendToCloud", "showEditInChartStudio", "showLink", "sendData", "displaylogo")
CLOUD_BUTTONS = {"sendChartToCloud", "sendDataToCloud", "editInChartStudio"}


def assert_private(config: dict, where: str) -> None:
    for key in OFF:
        assert config.get(key) is False, f"{where}: {key} is {config.get(key)!r}; plotly.js turns it on by default"
    assert config.get("plotlyServerURL") == "", f"{where}: plotly.js's default server is cloud.plotly.com"
    hidden = config.get("displayModeBar") is False or config.get("staticPlot") is True
    assert hidden or set(config.get("modeBarButtonsToRemove", ())) >= CLOUD_BUTTONS, where
    assert not [value for value in config.values() if isinstance(value, str) and "plotly.com" in value], where


def graphs(node) -> list[dcc.Graph]:
    found = []
    if isinstance(node, (list, tuple)):
        for child in node:
            found += graphs(child)
    elif isinstance(node, dash.development.base_component.Component):
        if isinstance(node, dcc.Graph):
            found.append(node)
        for value in vars(node).values():
            if isinstance(value, (list, tuple, dash.development.base_component.Component)):
                found += graphs(value)
    return found


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    return create_app(Settings(data_dir=tmp_path_factory.mktemp("data")), dataset=make_dataset())


def test_every_graph_of_the_dashboard_offers_nothing_that_reaches_another_host(app):
    found = graphs(app.layout())
    assert len(found) >= 7, "the map and the six charts"
    for graph in found:
        assert_private(graph.config, graph.id)
        assert graph.config["toImageButtonOptions"]["filename"] == graph.id, "a PNG is named after its panel"


def test_the_presentation_graph_and_the_config_its_tour_plays_with_are_private(app):
    client = app.server.test_client()
    layout = client.get("/present/_dash-layout").get_json()
    configs = [
        node["props"]["config"]
        for node in _walk_json(layout)
        if node.get("type") == "Graph" and "config" in node.get("props", {})
    ]
    assert configs, "the presentation has its graph"
    # The tour's callback as the page asks for it: its outputs from the dependencies the page reads.
    tour_output = f"{present_ids.TOUR}.data"
    output = next(
        d["output"] for d in client.get("/present/_dash-dependencies").get_json() if tour_output in d["output"]
    )
    outputs = [item.rsplit(".", 1) for item in output.strip(".").split("...")]
    body = {
        "output": output,
        "outputs": [{"id": i, "property": p} for i, p in outputs],
        "inputs": [{"id": present_ids.URL, "property": "search", "value": ""}],
        "changedPropIds": [f"{present_ids.URL}.search"],
        "state": [],
    }
    response = client.post("/present/_dash-update-component", json=body)
    assert response.status_code == 200, response.data[:300]
    configs.append(json.loads(response.data)["response"][present_ids.TOUR]["data"]["config"])
    for config in configs:
        assert_private(config, "/present")
        assert config["displayModeBar"] is False


def _walk_json(node):
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk_json(value)
    elif isinstance(node, list):
        for item in node:
            yield from _walk_json(item)


def test_the_poster_is_a_static_picture_with_the_same_private_config():
    dataset = make_dataset()
    config = poster_spec(dataset, FilterState(), day=date(2025, 3, 1), topojson_url="file:///x/")["config"]
    assert_private(config, "poster")
    assert config["staticPlot"] is True
