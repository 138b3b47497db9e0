"""The tier pyramid: strategic at the narrow top, mobility at the wide base, each with its partner count.

The widths are fixed (the shape says "pyramid", the numbers say how many): a tier with few partners must
not become a sliver nobody can click.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import plotly.graph_objects as go

from dashboard.figures.theme import TIER_LABELS, Theme, apply_layout, get_theme
from dashboard.model import TIERS

WIDTHS = {"strategic": 1.0, "collaboration": 2.0, "mobility": 3.0}
# Why each tier sits where it does: every tier takes part in everything below it.
MEANING = {
    "strategic": "Strategic partners take part in every activity below:<br>"
                 "research, benchmarking, joint degrees, and student and staff mobility",
    "collaboration": "Collaboration partners go beyond exchange:<br>"
                     "research, benchmarking or joint degrees, plus mobility",
    "mobility": "Mobility partners exchange students and staff",
}


def tier_pyramid(tier_counts: Mapping[str, int], *, theme: Theme | str = "light",
                 selected: Iterable[str] = ()) -> go.Figure:
    """One centred bar per tier, strategic on top; customdata carries the tier so a click can filter."""
    theme = get_theme(theme) if isinstance(theme, str) else theme
    selected = set(selected)
    tiers = list(TIERS)
    counts = [int(tier_counts.get(t, 0)) for t in tiers]
    widths = [WIDTHS[t] for t in tiers]
    opacity = [1.0 if not selected or t in selected else 0.35 for t in tiers]
    outline = [theme.text if t in selected else theme.surface for t in tiers]
    labels = [TIER_LABELS[t] for t in tiers]
    fig = go.Figure(go.Bar(
        orientation="h",
        y=labels,
        x=widths,
        base=[-w / 2 for w in widths],
        width=0.92,
        marker=dict(color=[theme.tiers[t] for t in tiers], opacity=opacity, line=dict(color=outline, width=2)),
        text=[f"<b>{label}</b>  {count:,}" for label, count in zip(labels, counts)],
        textposition="inside",
        insidetextanchor="middle",
        textfont=dict(size=theme.font_size + 2, color="#ffffff"),
        customdata=[[t, count, MEANING[t]] for t, count in zip(tiers, counts)],
        hovertemplate="<b>%{customdata[1]:,} %{y} partners</b><br>%{customdata[2]}"
                      "<br><i>Click to filter by this tier</i><extra></extra>",
        cliponaxis=False,
    ))
    return apply_layout(
        fig, theme, revision="tier-pyramid",
        showlegend=False,
        bargap=0.06,
        margin=dict(l=4, r=4, t=4, b=4),
        xaxis=dict(visible=False, range=[-1.55, 1.55], fixedrange=True),
        # Categories run bottom-up by default: reverse so the first tier (strategic) is on top.
        yaxis=dict(visible=False, categoryorder="array", categoryarray=labels, autorange="reversed", fixedrange=True),
        clickmode="event",
        dragmode=False,
    )
