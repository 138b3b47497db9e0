"""The mobility charts: trend per academic year, semester against short-term, campuses, top countries and partners.

Inputs are the tables of dashboard.stats; names from the data are escaped (plotly renders HTML in labels).
"""

from __future__ import annotations

from html import escape

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.theme import TIER_LABELS, Theme, get_theme, make_figure
from dashboard.model import DIRECTIONS

DIRECTION_LABELS = {"outgoing": "Outgoing", "incoming": "Incoming"}
PARTICIPANT_LABELS = {"student": "students", "staff": "staff"}
PARTICIPANT_DASH = {"student": "solid", "staff": "dot"}
DURATION_LABELS = {"semester": "Semester", "short_term": "Short-term"}
MAX_LABEL = 34  # characters of a partner name on an axis; the hover has the full name


def _theme(theme: Theme | str) -> Theme:
    return get_theme(theme) if isinstance(theme, str) else theme


def _figure(traces: list[dict], theme: Theme, *, revision: str, empty: str | None = None, **layout) -> go.Figure:
    """make_figure, or the same axes hidden behind a short message when there is nothing to show."""
    if empty:
        layout["annotations"] = [dict(text=empty, showarrow=False, xref="paper", yref="paper", x=0.5, y=0.5,
                                      font=dict(size=theme.font_size, color=theme.muted))]
        layout["xaxis"] = {**layout.get("xaxis", {}), "visible": False}
        layout["yaxis"] = {**layout.get("yaxis", {}), "visible": False}
    return make_figure(traces, theme, revision=revision, **layout)


def _short(text: str) -> str:
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1].rstrip() + "\u2026"


def _room_for_labels(values) -> list[float]:
    """A value-axis range with space after the longest bar for its label outside."""
    top = max([float(v) for v in values] or [0.0])
    return [0.0, top * 1.18 if top > 0 else 1.0]


def _legend_top(theme: Theme) -> dict:
    return dict(orientation="h", x=0, y=1.02, xanchor="left", yanchor="bottom", font=dict(size=theme.font_size - 1))


def mobility_trend(by_year: pd.DataFrame, theme: Theme | str = "light") -> go.Figure:
    """Outgoing and incoming per academic year, students solid and staff dotted (from stats.mobility_by_year)."""
    theme = _theme(theme)
    traces = []
    years = list(dict.fromkeys(by_year["academic_year"].astype(str)))
    for direction in DIRECTIONS:
        for participant, label in PARTICIPANT_LABELS.items():
            rows = by_year[(by_year["direction"] == direction) & (by_year["participant"] == participant)]
            counts = rows.set_index(rows["academic_year"].astype(str))["count"].reindex(years, fill_value=0)
            name = f"{DIRECTION_LABELS[direction]} {label}"
            traces.append(dict(
                type="scatter",
                x=years, y=counts.astype(int).tolist(), name=name, mode="lines+markers",
                line=dict(color=theme.directions[direction], width=3, dash=PARTICIPANT_DASH[participant]),
                marker=dict(size=8, symbol="circle" if participant == "student" else "diamond"),
                hovertemplate=f"%{{y:,}} {escape(name.lower())} in %{{x}}<extra></extra>",
            ))
    # Two legend columns: outgoing on the first row, incoming on the second, students then staff.
    legend = {**_legend_top(theme), "entrywidth": 0.5, "entrywidthmode": "fraction"}
    return _figure(traces, theme, revision="mobility-trend", legend=legend, hovermode="x unified",
                   xaxis=dict(type="category", title=None), yaxis=dict(title=None, rangemode="tozero"),
                   empty=None if years else "No academic years in this filter")


def _grouped_bars(table: pd.DataFrame, category: str, labels: dict[str, str], theme: Theme, *, revision: str,
                  horizontal: bool) -> go.Figure:
    traces = []
    categories = list(dict.fromkeys(table[category].astype(str)))
    shown = [escape(labels.get(c, c)) for c in categories]
    for direction in DIRECTIONS:
        rows = table[table["direction"] == direction]
        counts = rows.set_index(rows[category].astype(str))["count"].reindex(categories, fill_value=0).astype(int)
        values = counts.tolist()
        traces.append(dict(
            type="bar",
            x=values if horizontal else shown, y=shown if horizontal else values,
            orientation="h" if horizontal else "v", name=DIRECTION_LABELS[direction],
            marker=dict(color=theme.directions[direction]), text=[f"{v:,}" for v in values],
            textposition="outside", cliponaxis=False,
            hovertemplate=f"%{{{'y' if horizontal else 'x'}}}: %{{{'x' if horizontal else 'y'}:,}} "
                          f"{direction}<extra></extra>",
        ))
    value_axis = dict(title=None, showgrid=True, range=_room_for_labels(table["count"]))
    category_axis = dict(title=None, type="category", showgrid=False)
    if horizontal:
        category_axis["autorange"] = "reversed"
    total = int(table["count"].sum()) if len(table) else 0
    return _figure(traces, theme, revision=revision, barmode="group", bargap=0.25, legend=_legend_top(theme),
                   xaxis=value_axis if horizontal else category_axis, yaxis=category_axis if horizontal else value_axis,
                   empty=None if total else "No mobility in this filter")


def duration_split(by_duration: pd.DataFrame, theme: Theme | str = "light") -> go.Figure:
    """Semester against short-term mobility, outgoing and incoming (from stats.mobility_by_duration)."""
    return _grouped_bars(by_duration, "duration", DURATION_LABELS, _theme(theme), revision="duration-split",
                         horizontal=True)


def campus_split(by_campus: pd.DataFrame, theme: Theme | str = "light") -> go.Figure:
    """Mobility per home campus, outgoing and incoming (from stats.mobility_by_campus)."""
    return _grouped_bars(by_campus, "campus", {}, _theme(theme), revision="campus-split", horizontal=False)


def top_countries_bar(df: pd.DataFrame, theme: Theme | str = "light", metric: str = "partners") -> go.Figure:
    """Countries as horizontal bars, largest on top; customdata[0] is the ISO-2 code (a click filters)."""
    theme = _theme(theme)
    metric = metric if metric in ("partners", "mobility") else "partners"
    names = [escape(str(n)) for n in df["country_name"]]
    values = df[metric].astype(int).tolist()
    bars = dict(
        type="bar",
        orientation="h", x=values, y=df["country"].astype(str).tolist(),
        marker=dict(color=theme.tiers["collaboration"]), text=[f"{v:,}" for v in values], textposition="outside",
        cliponaxis=False,
        customdata=np.array(list(zip(df["country"].astype(str), names, df["partners"].astype(int),
                                     df["mobility"].astype(int))), dtype=object).reshape(-1, 4),
        hovertemplate="<b>%{customdata[1]}</b><br>%{customdata[2]:,} partners<br>%{customdata[3]:,} mobilities"
                      "<br><i>Click to filter by this country</i><extra></extra>",
    )
    return _figure([bars], theme, revision="top-countries", showlegend=False, bargap=0.3,
                   xaxis=dict(title=None, range=_room_for_labels(values)),
                   yaxis=dict(title=None, type="category", autorange="reversed", tickmode="array",
                              tickvals=df["country"].astype(str).tolist(), ticktext=names),
                   empty=None if len(df) else "No partners in this filter")


def top_partners_bar(df: pd.DataFrame, theme: Theme | str = "light") -> go.Figure:
    """Partners with the most mobility, coloured by tier; customdata[0] is the partner_id (a click selects)."""
    theme = _theme(theme)
    ids = df["partner_id"].astype(str).tolist()
    names = [escape(str(n)) for n in df["name"]]
    tiers = df["tier"].astype(str).tolist()
    values = df["mobility"].astype(int).tolist()
    bars = dict(
        type="bar",
        orientation="h", x=values, y=ids,  # ids, not names: two partners may share a name
        marker=dict(color=[theme.tiers.get(t, theme.muted) for t in tiers]),
        text=[f"{v:,}" for v in values], textposition="outside", cliponaxis=False,
        customdata=np.array(list(zip(ids, names, [TIER_LABELS.get(t, t) for t in tiers],
                                     [escape(str(c)) for c in df["country_name"]],
                                     df["outgoing"].astype(int), df["incoming"].astype(int))),
                            dtype=object).reshape(-1, 6),
        hovertemplate="<b>%{customdata[1]}</b><br>%{customdata[2]} partner, %{customdata[3]}<br>"
                      "%{customdata[4]:,} outgoing \u00b7 %{customdata[5]:,} incoming<extra></extra>",
    )
    return _figure([bars], theme, revision="top-partners", showlegend=False, bargap=0.3,
                   xaxis=dict(title=None, range=_room_for_labels(values)),
                   yaxis=dict(title=None, type="category", autorange="reversed", tickmode="array", tickvals=ids,
                              ticktext=[escape(_short(str(n))) for n in df["name"]]),
                   empty=None if len(df) else "No mobility in this filter")
