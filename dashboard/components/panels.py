"""Framed panels that hold one figure each, and the world map's panel with its layer switch."""

from __future__ import annotations

import dash_mantine_components as dmc
from dash import dcc, html

from dashboard import ids
from dashboard.i18n import text


def graph(graph_id: str, config: dict, class_name: str = "") -> html.Div:
    """An empty graph in a box that sets its height (a responsive graph fills its parent); the views callback
    draws it for the URL's filter on the first load."""
    return html.Div(
        dcc.Graph(
            id=graph_id,
            figure={"data": [], "layout": {"paper_bgcolor": "rgba(0,0,0,0)", "plot_bgcolor": "rgba(0,0,0,0)",
                                           "xaxis": {"visible": False}, "yaxis": {"visible": False}}},
            # A PNG from the mode bar is named after its panel rather than plotly's "newplot".
            config={**config, "toImageButtonOptions": {**config.get("toImageButtonOptions", {}), "filename": graph_id}},
            responsive=True,
            style={"height": "100%", "width": "100%"},
        ),
        className=f"atlas-graph {class_name}".strip(),
    )


def figure_panel(title: str, graph_id: str, config: dict, *, hint: str = "", class_name: str = "") -> html.Section:
    return html.Section(
        [
            html.Div([dmc.Text(title, fw=700, className="panel-title"),
                      dmc.Text(hint, size="xs", c="dimmed") if hint else None], className="panel-head"),
            graph(graph_id, config),
        ],
        className=f"atlas-panel {class_name}".strip(),
    )


def map_panel(config: dict, language: str = "en") -> html.Section:
    def segmented(component_id: str, options: tuple[str, ...], key_prefix: str, value: str, **kwargs) -> dmc.SegmentedControl:
        return dmc.SegmentedControl(
            id=component_id,
            data=[{"value": o, "label": text(f"{key_prefix}.{o}", language)} for o in options],
            value=value,
            size="xs",
            **kwargs,
        )

    return html.Section(
        [
            html.Div(
                [
                    dmc.Text(text("map", language), fw=700, className="panel-title"),
                    dmc.Group(
                        [
                            segmented(ids.MAP_LAYER, ("partners", "countries", "flows"), "layer", "partners"),
                            segmented(ids.MAP_METRIC, ("partners", "mobility"), "metric", "partners", disabled=True),
                            segmented(ids.MAP_DIRECTION, ("outgoing", "incoming"), "direction", "outgoing", disabled=True),
                        ],
                        gap="xs",
                    ),
                ],
                className="panel-head",
            ),
            graph(ids.WORLD_MAP, config, "map-graph"),
        ],
        className="atlas-panel atlas-map",
    )
