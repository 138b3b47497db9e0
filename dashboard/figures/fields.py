"""Partners per broad field of study (ISCED-F 2013), as horizontal bars named in the page's language."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard import isced
from dashboard.figures.escaping import escape
from dashboard.figures.label_width import label_margin
from dashboard.figures.theme import Theme, get_theme, make_figure
from dashboard.i18n import number, separators, text


def partners_by_field_bar(counts: pd.DataFrame, theme: Theme | str = "light", language: str = "en") -> go.Figure:
    """counts: (field, partners) from agreement_stats.partners_by_broad_field; the largest field on top."""
    theme = get_theme(theme) if isinstance(theme, str) else theme
    codes = counts["field"].astype(str).tolist()
    names = [escape(isced.field_name(code, language)) for code in codes]
    values = counts["partners"].astype(int).tolist()
    bars = dict(
        type="bar",
        orientation="h",
        x=values,
        y=codes,
        marker=dict(color=theme.tiers["strategic"]),
        text=[number(v, language) for v in values],
        textposition="outside",
        cliponaxis=False,
        customdata=[[code, name] for code, name in zip(codes, names, strict=True)],
        hovertemplate="<b>%{customdata[0]} %{customdata[1]}</b><br>"
        + text("hover.partners", language, count="%{x:,}")
        + "<extra></extra>",
    )
    top = max(values, default=0)
    return make_figure(
        [bars],
        theme,
        revision="fields",
        separators=separators(language),
        showlegend=False,
        bargap=0.3,
        margin={"l": max(label_margin(names, theme.tick_font_size), 8)},
        xaxis=dict(title=None, range=[0, top * 1.25 if top else 1]),
        yaxis=dict(title=None, type="category", autorange="reversed", tickmode="array", tickvals=codes, ticktext=names),
    )
