"""The world map as the public pages show it: hover cards with a partner's name and place only.

The dashboard's cards carry the tier, the agreement years and mobility counts of people, which stay staff-only;
the public pages (/destinations, /embed) draw the same figure (figures.world_map) and cut those from it, so the
map's own rewrites reach them too.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

PUBLIC_CARD = "<b>%{customdata[1]}</b><br>%{customdata[2]}<extra></extra>"
KEPT_FIELDS = 3  # world_map's hover fields: id, name, place, then staff-only ones
STAFF_COLUMNS = ["volume", "outgoing", "incoming"]  # a View's counts of people


def public_partners(partners: pd.DataFrame) -> pd.DataFrame:
    """A View's partners without the counts of people (markers then all take the same size)."""
    return partners.drop(columns=STAFF_COLUMNS, errors="ignore")


def public_hover(figure: go.Figure) -> go.Figure:
    """The figure with every partner trace's hover card cut to id, name and place (what is sent, not only shown)."""
    for trace in figure.data:
        custom = getattr(trace, "customdata", None)
        if custom is None or not len(custom):
            continue
        cards = np.asarray(custom, dtype=object)
        if cards.ndim == 2 and cards.shape[1] >= KEPT_FIELDS:
            trace.customdata = cards[:, :KEPT_FIELDS]
            trace.hovertemplate = PUBLIC_CARD
    return figure
