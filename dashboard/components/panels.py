"""Framed panels that hold one figure each, and the world map's panel with its layer switch."""

from __future__ import annotations

import dash_mantine_components as dmc
from dash import dcc, html

from dashboard import ids
from dashboard.components.attributes import attributes
from dashboard.figures.graph_config import for_download
from dashboard.i18n import text


def graph(graph_id: str, config: dcc.Graph.Config, class_name: str = "", *, label: str = "") -> html.Div:
    """An empty graph in a box that sets its height (a responsive graph fills its parent); the views callback
    draws it for the URL's filter on the first load.

    The box is the chart for keyboards and screen readers: focusable, named `label`, described by its summary
    (kept up to date by the views callback); assets/atlas.js keeps the toolbar out of the tab order until then.
    """
    return html.Div(
        [
            dcc.Graph(
                id=graph_id,
                figure={
                    "data": [],
                    "layout": {
                        "paper_bgcolor": "rgba(0,0,0,0)",
                        "plot_bgcolor": "rgba(0,0,0,0)",
                        "xaxis": {"visible": False},
                        "yaxis": {"visible": False},
                    },
                },
                # A PNG from the mode bar is named after its panel rather than plotly's "newplot".
                config=for_download(config, graph_id),
                responsive=True,
                style={"height": "100%", "width": "100%"},
            ),
            html.P(id=ids.chart_summary(graph_id), className="visually-hidden"),
        ],
        className=f"atlas-graph {class_name}".strip(),
        role="figure",
        tabIndex="0",
        **attributes({"aria-label": label, "aria-describedby": ids.chart_summary(graph_id), "data-chart": graph_id}),
    )


def table_toggle(graph_id: str, language: str) -> html.Details:
    """ "Show as table": the chart's numbers (filled by the views callback), over the chart while open."""
    return html.Details(
        [
            html.Summary(text("chart.show_table", language)),
            # focusable: a long table scrolls, and a keyboard must be able to scroll it
            html.Div(id=ids.chart_table(graph_id), className="chart-table-box", tabIndex="0"),
        ],
        className="chart-table-toggle",
    )


def figure_panel(
    title: str, graph_id: str, config: dcc.Graph.Config, *, hint: str = "", class_name: str = "", language: str = "en"
) -> html.Section:
    return html.Section(
        [
            html.Div(
                [
                    html.Div(
                        [
                            dmc.Text(title, fw=700, className="panel-title"),
                            dmc.Text(hint, size="xs", c="dimmed") if hint else None,
                        ]
                    ),
                    table_toggle(graph_id, language),
                ],
                className="panel-head",
            ),
            graph(graph_id, config, label=title),
        ],
        className=f"atlas-panel {class_name}".strip(),
    )


def map_panel(config: dcc.Graph.Config, language: str = "en", home_name: str = "") -> html.Section:
    """The map with its layer switch, quick views, a text summary (its text alternative) and a link to the
    partner table, the map's list for keyboards and screen readers. Wheel zoom is on; atlas.js lets the page
    scroll over the map unless the map has focus or Ctrl is held."""

    def segmented(
        component_id: str, options: tuple[str, ...], key_prefix: str, value: str, **kwargs
    ) -> dmc.SegmentedControl:
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
                            segmented(
                                ids.MAP_DIRECTION, ("outgoing", "incoming"), "direction", "outgoing", disabled=True
                            ),
                        ],
                        gap="xs",
                    ),
                ],
                className="panel-head",
            ),
            html.Div(
                [
                    dmc.Group(
                        [
                            dmc.Button(
                                text(f"map.view.{name}", language, name=home_name),
                                id=ids.map_view_button(name),
                                size="compact-xs",
                                variant="default",
                            )
                            for name in ids.QUICK_VIEWS
                        ],
                        gap=4,
                        attributes={"role": "group"},
                        **{"aria-label": text("map.views", language)},
                    ),
                    html.A(
                        text("map.list_link", language),
                        id=ids.MAP_LIST_LINK,
                        href=f"#{ids.TABLE_ANCHOR}",
                        className="atlas-map-list-link",
                        accessKey="l",
                    ),
                ],
                className="atlas-map-tools",
            ),
            # The box is focusable and named, its summary read from the hidden text the views callback writes
            # (graph); the visible summary below says the same for everyone else.
            graph(ids.WORLD_MAP, {**config, "scrollZoom": True}, "map-graph", label=text("map.aria", language)),
            html.Div(id=ids.MAP_SIZE_LEGEND, className="atlas-size-legend"),
            html.P(id=ids.MAP_SUMMARY, className="atlas-map-summary", **attributes({"aria-hidden": "true"})),
            html.P(text("map.scroll_hint", language), className="atlas-map-hint"),
            dcc.Store(id=ids.MAP_SIZE, data=None),
            dcc.Store(id=ids.MAP_ADDRESS, data=None),
        ],
        className="atlas-panel atlas-map",
    )


def size_legend(steps: list[tuple[int, int]], language: str = "en") -> list:
    """What marker size means: a circle of each legend size with its mobilities (figures.world_map.size_legend)."""
    if not steps:
        return []
    top = max(diameter for _, diameter in steps)
    items = [
        html.Span(
            [
                html.Span(className="atlas-size-dot", style={"width": f"{d}px", "height": f"{d}px"}),
                text("legend.size_step", language, count=count),
            ],
            className="atlas-size-item",
            style={"minHeight": f"{top}px"},
        )
        for count, d in steps
    ]
    return [html.Span(text("legend.size_title", language), className="atlas-size-title"), *items]
