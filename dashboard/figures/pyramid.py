"""The tier pyramid: strategic at the narrow top, mobility at the wide base, each with its partner count.

The widths are fixed (the shape says "pyramid", the numbers say how many): a tier with few partners must
not become a sliver nobody can click.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import plotly.graph_objects as go

from dashboard.figures.theme import Theme, get_theme, make_figure
from dashboard.i18n import number, separators, text
from dashboard.model import TIERS

# Half-width of the pyramid at depth t (0 = apex, 3 = base): a truncated triangle, so the top tier stays wide
# enough for its label and its count.
APEX, SLOPE, GAP = 0.28, 0.44, 0.07


def _half_width(depth: float) -> float:
    return APEX + SLOPE * depth


def tier_pyramid(
    tier_counts: Mapping[str, int], *, theme: Theme | str = "light", selected: Iterable[str] = (), language: str = "en"
) -> go.Figure:
    """Three trapezoids, strategic on top; an invisible bar over each carries hover, click and customdata=tier.

    The hover explains the cumulative meaning (pyramid.meaning.* in the catalogue): every tier takes part in
    everything below it.
    """
    theme = get_theme(theme) if isinstance(theme, str) else theme
    names = {t: text(f"tier.{t}", language) for t in TIERS}
    selected = set(selected)
    tiers = list(TIERS)
    counts = [int(tier_counts.get(t, 0)) for t in tiers]
    active = [not selected or t in selected for t in tiers]
    shapes = []
    for depth, (tier, lit) in enumerate(zip(tiers, active)):
        top, bottom = depth + GAP / 2, depth + 1 - GAP / 2
        a, b = _half_width(top), _half_width(bottom)
        shapes.append(
            dict(
                type="path",
                layer="below",
                xref="x",
                yref="y",
                path=f"M {-a:.3f},{top:.3f} L {a:.3f},{top:.3f} L {b:.3f},{bottom:.3f} L {-b:.3f},{bottom:.3f} Z",
                fillcolor=theme.tiers[tier],
                opacity=1.0 if lit else 0.3,
                line=dict(
                    color=theme.text if tier in selected else theme.tiers[tier], width=3 if tier in selected else 0
                ),
            )
        )
    middle = [_half_width(d + 0.5) for d in range(len(tiers))]
    bars = dict(
        type="bar",
        orientation="h",
        y=[d + 0.5 for d in range(len(tiers))],
        x=[2 * w for w in middle],
        base=[-w for w in middle],
        width=1 - GAP,
        marker=dict(color="rgba(0,0,0,0)", line=dict(width=0)),
        text=[
            f"<b>{names[t]}</b><br><span style='font-size:{theme.font_size + 10}px'><b>{number(c, language)}</b></span>"
            for t, c in zip(tiers, counts)
        ],
        textposition="inside",
        insidetextanchor="middle",
        textangle=0,  # never turned on its side: a long name ("Strategisch") shrinks a little instead
        textfont=dict(size=theme.font_size + 1, color=[theme.on_tier if lit else theme.text for lit in active]),
        customdata=[[t, c, text(f"pyramid.meaning.{t}", language), names[t].lower()] for t, c in zip(tiers, counts)],
        hovertemplate="<b>"
        + text("pyramid.hover", language, count="%{customdata[1]:,}", tier="%{customdata[3]}")
        + "</b><br>%{customdata[2]}<br><i>"
        + text("pyramid.click", language)
        + "</i><extra></extra>",
        cliponaxis=False,
        showlegend=False,
    )
    limit = _half_width(len(tiers)) + 0.05
    return make_figure(
        [bars],
        theme,
        revision="tier-pyramid",
        shapes=shapes,
        showlegend=False,
        margin=dict(l=4, r=4, t=4, b=4),
        xaxis=dict(visible=False, range=[-limit, limit], fixedrange=True),
        # Depth grows downwards: the first tier (strategic) is the apex.
        yaxis=dict(visible=False, range=[len(tiers) + 0.02, -0.02], fixedrange=True),
        clickmode="event",
        dragmode=False,
        separators=separators(language),
        hovermode="closest",
    )
