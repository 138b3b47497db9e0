"""Framed panels that hold one figure each, and the world map's panel with its layer switch."""

from __future__ import annotations

import dash_mantine_components as dmc
from dash import dcc, html

from dashboard import ids
from dashboard.components.attributes import attributes
from dashboard.figures.graph_config import for_download
from dashboard.i18n import text


def graph(
    graph_id: str, config: dcc.Graph.Config, class_name: str = "", *, label: str = "", keys: bool = False
) -> html.Div:
    """An empty graph in a box that sets its height (a responsive graph fills its parent); the views callback
    draws it for the URL's filter on the first load.

    The box is the chart for keyboards and screen readers: focusable, named `label`, described by its summary
    (kept up to date by the views callback); assets/atlas.js keeps the toolbar out of the tab order until then.
    With `keys`, the arrow keys move between the chart's elements and Enter clicks the one highlighted
    (assets/atlas-chart-keys.js), which the page's hidden hint (ids.CHART_KEYS_HINT) explains.
    """
    described = [ids.chart_summary(graph_id), *([ids.CHART_KEYS_HINT] if keys else [])]
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
        className=" ".join(("atlas-graph", *(["atlas-chart-keys"] if keys else []), class_name)).strip(),
        role="figure",
        tabIndex="0",
        **attributes({"aria-label": label, "aria-describedby": " ".join(described), "data-chart": graph_id}),
    )


def chart_keys(language: str) -> list:
    """The hint the keyboard-driven charts are described by, and the live region that reads the element the
    arrow keys reached (assets/atlas-chart-keys.js writes it)."""
    return [
        html.P(text("chart.keys", language), id=ids.CHART_KEYS_HINT, className="visually-hidden"),
        html.Div(
            id=ids.CHART_ANNOUNCE,
            className="visually-hidden",
            role="status",
            **attributes({"aria-live": "polite", "data-position": text("chart.position", language)}),
        ),
    ]


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
            graph(graph_id, config, label=title, keys=True),
        ],
        className=f"atlas-panel {class_name}".strip(),
    )


def map_panel(config: dcc.Graph.Config, language: str = "en", home_name: str = "") -> html.Section:
    """The map with its layer switch, quick views, a text summary (its text alternative) and a link to the
    partner table, the map's list for keyboards and screen readers. Wheel zoom is on; atlas.js lets the page
    scroll over the map unless the map has focus or Ctrl is held, and one finger on a touch screen too (two
    fingers move the map until a tap into it)."""

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
            # Says so when the filter leaves the map no partner (filled by the views callback, not the map's).
            html.Div(id=ids.MAP_EMPTY, className="atlas-map-empty", role="status"),
            graph(ids.WORLD_MAP, {**config, "scrollZoom": True}, "map-graph", label=text("map.aria", language)),
            html.Div(id=ids.MAP_SIZE_LEGEND, className="atlas-size-legend"),
            html.P(id=ids.MAP_SUMMARY, className="atlas-map-summary", **attributes({"aria-hidden": "true"})),
            html.P(text("map.scroll_hint", language), className="atlas-map-hint"),
            html.P(text("map.touch_hint", language), className="atlas-map-touch-hint"),
            dcc.Store(id=ids.MAP_SIZE, data=None),
            dcc.Store(id=ids.MAP_ADDRESS, data=None),
            dcc.Store(id=ids.MAP_UPDATE, data=None),
            dcc.Store(id=ids.MAP_CARDS_TOKEN, data=None),
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
