"""The plotly.js config of every graph Partner Atlas draws: the dashboard's, the presentation's and the poster's.

Private by construction: plotly.js 4 adds a "Share chart" button to every mode bar by default, which opens a dialog
and then a window on Plotly Cloud (plotlyServerURL) with the chart's data; older versions offered "Edit in Chart
Studio" and a sendData link. Every such switch is off here, the cloud address is empty, and the buttons are removed
by name too, so no graph offers a control that reaches another host. The plotly logo (a link to plotly.com) is off.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Dash's typed names of the plotly.js config keys; the figures never import Dash to run
    from dash.dcc import Graph

# Mode-bar buttons that send the chart away, under each name plotly.js has used for them.
CLOUD_BUTTONS = ("sendChartToCloud", "sendDataToCloud", "editInChartStudio")
PRIVATE: Graph.Config = {
    "displaylogo": False,
    "showSendToCloud": False,
    "showEditInChartStudio": False,
    "showLink": False,
    "sendData": False,
    "linkText": "",
    "plotlyServerURL": "",
}
SELECTION_BUTTONS = ("lasso2d", "select2d")  # no callback reads a selection


def graph_config(
    topojson_url: str, *, kiosk: bool = False, static: bool = False, png_name: str | None = None
) -> Graph.Config:
    """The config for one graph.

    topojson_url: where plotly.js reads the map outlines (our assets, never its CDN).
    kiosk: no mode bar, no zoom on scroll or double click (the presentation on a projector).
    static: a picture, no interaction at all (the poster).
    png_name: file name of the mode bar's PNG download (plotly's default is "newplot"); exports are twice the size.
    """
    config: Graph.Config = {
        **PRIVATE,
        "topojsonURL": topojson_url,
        "modeBarButtonsToRemove": [*SELECTION_BUTTONS, *CLOUD_BUTTONS],
        "toImageButtonOptions": {"scale": 2, **({"filename": png_name} if png_name else {})},
    }
    if kiosk:
        config.update({"displayModeBar": False, "scrollZoom": False, "doubleClick": False, "responsive": True})
    if static:
        config.update({"staticPlot": True, "displayModeBar": False})
    return config


def for_download(config: Graph.Config, png_name: str) -> Graph.Config:
    """The same config with the PNG download named after its panel."""
    return {**config, "toImageButtonOptions": {**config.get("toImageButtonOptions", {}), "filename": png_name}}
