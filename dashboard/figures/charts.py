"""The mobility charts: trend per academic year, semester against short-term, campuses, top countries and partners.

Inputs are the tables of dashboard.stats; names from the data are escaped (plotly renders HTML in labels).
"""

from __future__ import annotations

import textwrap
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.escaping import escape
from dashboard.figures.label_width import label_margin, tick_label
from dashboard.figures.theme import Theme, get_theme, make_figure
from dashboard.i18n import country_label, number, separators, text, value_label
from dashboard.model import DIRECTIONS, PARTICIPANTS

PARTICIPANT_DASH = {"student": "solid", "staff": "dot"}
MAX_LABEL = 26  # characters of a partner name on an axis (room for the bars on a phone); the hover has them all
EMPTY_LINE = 48  # characters per line of what an empty chart says to loosen


def _theme(theme: Theme | str) -> Theme:
    return get_theme(theme) if isinstance(theme, str) else theme


def _figure(
    traces: list[dict], theme: Theme, *, revision: str, language: str, empty: str | None = None, **layout
) -> go.Figure:
    """make_figure in the language's number format, or the same axes hidden behind a short message when there
    is nothing to show."""
    layout["separators"] = separators(language)
    if empty:
        layout["annotations"] = [
            dict(
                text=empty,
                showarrow=False,
                xref="paper",
                yref="paper",
                x=0.5,
                y=0.5,
                font=dict(size=theme.font_size, color=theme.muted),
            )
        ]
        layout["xaxis"] = {**layout.get("xaxis", {}), "visible": False}
        layout["yaxis"] = {**layout.get("yaxis", {}), "visible": False}
    return make_figure(traces, theme, revision=revision, **layout)


def _margins(theme: Theme, left: list[str], **sides) -> dict:
    """Margins that already fit the labels beside the y axis (`left`; see label_width), so plotly's automargin
    finds nothing to add and draws the chart once instead of twice."""
    return {**sides, "l": max(label_margin(left, theme.tick_font_size), 8)}  # the template's tick font


def _short(text: str) -> str:
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1].rstrip() + "\u2026"


def _room_for_labels(values) -> list[float]:
    """A value-axis range with space after the longest bar for its label outside."""
    top = max([float(v) for v in values] or [0.0])
    return [0.0, top * 1.28 if top > 0 else 1.0]


def _legend_top(theme: Theme) -> dict:
    return dict(orientation="h", x=0, y=1.02, xanchor="left", yanchor="bottom", font=dict(size=theme.legend_font_size))


def _empty(key: str, language: str, loosen: str) -> str:
    """The message of a chart with nothing to show, and what to loosen (FilterState.loosen_hint) under it."""
    message = text(key, language)
    # Wrapped to the narrowest chart: plotly draws an annotation on one line unless told where to break it.
    return "<br>".join([message, *(escape(line) for line in textwrap.wrap(loosen, EMPTY_LINE))])


def mobility_trend(
    by_year: pd.DataFrame, theme: Theme | str = "light", language: str = "en", loosen: str = ""
) -> go.Figure:
    """Outgoing and incoming per academic year, students solid and staff dotted (from stats.mobility_by_year).

    A series with no mobility in any year (staff when the filter asks for students) is left out rather than drawn
    as a flat line at zero; with no mobility at all the chart says so, and what to loosen (`loosen`).
    """
    theme = _theme(theme)
    traces = []
    years = list(dict.fromkeys(by_year["academic_year"].astype(str)))
    for direction in DIRECTIONS:
        for participant in PARTICIPANTS:
            rows = by_year[(by_year["direction"] == direction) & (by_year["participant"] == participant)]
            counts = rows.set_index(rows["academic_year"].astype(str))["count"].reindex(years, fill_value=0)
            if not counts.any():
                continue
            name = text(f"trend.{direction}.{participant}", language)
            traces.append(
                dict(
                    type="scatter",
                    x=years,
                    y=counts.astype(int).tolist(),
                    customdata=years,  # a click on a point filters by its academic year
                    name=name,
                    mode="lines+markers",
                    line=dict(
                        color=theme.directions[direction],
                        width=theme.trend_line_width,
                        dash=PARTICIPANT_DASH[participant],
                    ),
                    marker=dict(
                        size=theme.trend_marker_size, symbol="circle" if participant == "student" else "diamond"
                    ),
                    hovertemplate=text(
                        "trend.hover", language, count="%{y:,}", series=escape(name.lower()), year="%{x}"
                    )
                    + "<extra></extra>",
                )
            )
    if traces:
        # One hover box per year ("x unified"): the click hint once, under the last series.
        hint = f"<br><i>{escape(text('hover.click_year', language))}</i><extra></extra>"
        traces[-1]["hovertemplate"] = traces[-1]["hovertemplate"].replace("<extra></extra>", hint)
    empty = _empty("empty.years", language, loosen) if not years else None
    if years and not traces:
        empty = _empty("empty.mobility", language, loosen)
    # plotly puts the legend's items in rows as they fit: on a phone one per row, never over each other.
    legend = _legend_top(theme)
    top = max([max(t["y"]) for t in traces if t["y"]] or [0]) * 1.05
    margin = _margins(theme, [tick_label(top)], t=67) if traces else {}
    return _figure(
        traces,
        theme,
        revision="mobility-trend",
        language=language,
        legend=legend,
        hovermode="x unified",
        margin=margin,
        xaxis=dict(type="category", title=None),
        yaxis=dict(title=None, rangemode="tozero"),
        empty=empty,
    )


def _grouped_bars(
    table: pd.DataFrame,
    category: str,
    label_prefix: str | None,
    theme: Theme,
    *,
    revision: str,
    horizontal: bool,
    language: str,
    click_hint: str,
    loosen: str,
) -> go.Figure:
    """Outgoing and incoming bars per category. A direction with no mobility at all gets no bars (nor a legend
    entry), a bar of 0 no "0" beside it; with no mobility at all the chart says so, and what to loosen."""
    traces = []
    categories = list(dict.fromkeys(table[category].astype(str)))
    shown = [escape(value_label(label_prefix, c, language) if label_prefix else c) for c in categories]
    for direction in DIRECTIONS:
        rows = table[table["direction"] == direction]
        counts = rows.set_index(rows[category].astype(str))["count"].reindex(categories, fill_value=0).astype(int)
        values = counts.tolist()
        if not any(values):
            continue
        traces.append(
            dict(
                type="bar",
                x=values if horizontal else shown,
                y=shown if horizontal else values,
                orientation="h" if horizontal else "v",
                name=text(f"direction.{direction}", language),
                marker=dict(color=theme.directions[direction]),
                customdata=categories,  # a click on a bar filters by what it shows (a campus, a length of stay)
                text=[number(v, language) if v else "" for v in values],
                textposition="outside",
                cliponaxis=False,
                hovertemplate=text(
                    "bars.hover",
                    language,
                    category=f"%{{{'y' if horizontal else 'x'}}}",
                    count=f"%{{{'x' if horizontal else 'y'}:,}}",
                    direction=text(f"direction.{direction}", language).lower(),
                )
                + f"<br><i>{escape(click_hint)}</i><extra></extra>",
            )
        )
    value_axis: dict[str, Any] = dict(title=None, showgrid=True, range=_room_for_labels(table["count"]))
    category_axis = dict(title=None, type="category", showgrid=False)
    if horizontal:
        category_axis["autorange"] = "reversed"
    total = int(table["count"].sum()) if len(table) else 0
    margin = {}
    if total:
        margin = _margins(theme, shown if horizontal else [tick_label(value_axis["range"][1])])
    return _figure(
        traces,
        theme,
        revision=revision,
        language=language,
        barmode="group",
        bargap=0.25,
        legend=_legend_top(theme),
        margin=margin,
        xaxis=value_axis if horizontal else category_axis,
        yaxis=category_axis if horizontal else value_axis,
        empty=None if total else _empty("empty.mobility", language, loosen),
    )


def duration_split(
    by_duration: pd.DataFrame, theme: Theme | str = "light", language: str = "en", loosen: str = ""
) -> go.Figure:
    """Semester against short-term mobility, outgoing and incoming (from stats.mobility_by_duration)."""
    return _grouped_bars(
        by_duration,
        "duration",
        "duration",
        _theme(theme),
        revision="duration-split",
        horizontal=True,
        language=language,
        click_hint=text("hover.click_duration", language),
        loosen=loosen,
    )


def campus_split(
    by_campus: pd.DataFrame, theme: Theme | str = "light", language: str = "en", loosen: str = ""
) -> go.Figure:
    """Mobility per home campus, outgoing and incoming (from stats.mobility_by_campus); campus names as in the data."""
    return _grouped_bars(
        by_campus,
        "campus",
        None,
        _theme(theme),
        revision="campus-split",
        horizontal=False,
        language=language,
        click_hint=text("hover.click_campus", language),
        loosen=loosen,
    )


def top_countries_bar(
    df: pd.DataFrame, theme: Theme | str = "light", metric: str = "partners", language: str = "en", loosen: str = ""
) -> go.Figure:
    """Countries as horizontal bars, largest on top; customdata[0] is the ISO-2 code (a click filters)."""
    theme = _theme(theme)
    metric = metric if metric in ("partners", "mobility") else "partners"
    names = [
        escape(country_label(str(code), language, str(name or code)))
        for code, name in zip(df["country"], df["country_name"])
    ]
    values = df[metric].astype(int).tolist()
    bars = dict(
        type="bar",
        orientation="h",
        x=values,
        y=df["country"].astype(str).tolist(),
        marker=dict(color=theme.tiers["collaboration"]),
        text=[number(v, language) for v in values],
        textposition="outside",
        cliponaxis=False,
        customdata=np.array(
            list(zip(df["country"].astype(str), names, df["partners"].astype(int), df["mobility"].astype(int))),
            dtype=object,
        ).reshape(-1, 4),
        hovertemplate="<b>%{customdata[1]}</b><br>"
        + text("hover.partners", language, count="%{customdata[2]:,}")
        + "<br>"
        + text("hover.mobilities", language, count="%{customdata[3]:,}")
        + "<br><i>"
        + text("hover.click_country", language)
        + "</i><extra></extra>",
    )
    margin = _margins(theme, names) if len(df) else {}
    return _figure(
        [bars],
        theme,
        revision="top-countries",
        language=language,
        showlegend=False,
        bargap=0.3,
        margin=margin,
        xaxis=dict(title=None, range=_room_for_labels(values)),
        yaxis=dict(
            title=None,
            type="category",
            autorange="reversed",
            tickmode="array",
            tickvals=df["country"].astype(str).tolist(),
            ticktext=names,
        ),
        empty=None if len(df) else _empty("empty.partners", language, loosen),
    )


def top_partners_bar(
    df: pd.DataFrame, theme: Theme | str = "light", language: str = "en", loosen: str = ""
) -> go.Figure:
    """Partners with the most mobility, coloured by tier; customdata[0] is the partner_id (a click selects)."""
    theme = _theme(theme)
    ids = df["partner_id"].astype(str).tolist()
    names = [escape(str(n)) for n in df["name"]]
    tiers = df["tier"].astype(str).tolist()
    values = df["mobility"].astype(int).tolist()
    bars = dict(
        type="bar",
        orientation="h",
        x=values,
        y=ids,  # ids, not names: two partners may share a name
        marker=dict(color=[theme.tiers.get(t, theme.muted) for t in tiers]),
        text=[number(v, language) for v in values],
        textposition="outside",
        cliponaxis=False,
        customdata=np.array(
            list(
                zip(
                    ids,
                    names,
                    [value_label("tier", t, language) for t in tiers],
                    [
                        escape(country_label(str(code), language, str(name or code)))
                        for code, name in zip(df["country"], df["country_name"])
                    ],
                    df["outgoing"].astype(int),
                    df["incoming"].astype(int),
                )
            ),
            dtype=object,
        ).reshape(-1, 6),
        hovertemplate="<b>%{customdata[1]}</b><br>"
        + text("hover.tier_partner", language, tier="%{customdata[2]}")
        + ", %{customdata[3]}<br>"
        + text("hover.out_in", language, outgoing="%{customdata[4]:,}", incoming="%{customdata[5]:,}")
        + "<extra></extra>",
    )
    labels = [escape(_short(str(n))) for n in df["name"]]
    margin = _margins(theme, labels) if len(df) else {}
    return _figure(
        [bars],
        theme,
        revision="top-partners",
        language=language,
        showlegend=False,
        bargap=0.3,
        margin=margin,
        # Few ticks: the narrow value axis beside long names keeps its numbers level and apart.
        xaxis=dict(title=None, range=_room_for_labels(values), nticks=4),
        yaxis=dict(title=None, type="category", autorange="reversed", tickmode="array", tickvals=ids, ticktext=labels),
        empty=None if len(df) else _empty("empty.mobility", language, loosen),
    )
