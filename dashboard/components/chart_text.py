"""A chart's text alternative as page elements: the table its "show as table" toggle opens."""

from __future__ import annotations

from dash import html

from dashboard.figures.text_alternatives import ChartText


def chart_table(alternative: ChartText) -> html.Table | str:
    """The chart's numbers as a plain table (row headers first), or its summary when it has no numbers."""
    if not alternative.rows:
        return alternative.summary
    head = html.Thead(html.Tr([html.Th(name, scope="col") for name in alternative.header]))
    body = html.Tbody(
        [html.Tr([html.Th(row[0], scope="row"), *(html.Td(cell) for cell in row[1:])]) for row in alternative.rows]
    )
    return html.Table([html.Caption(alternative.summary), head, body], className="chart-table")
