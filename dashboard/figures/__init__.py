"""Figure builders: frames in, plotly figures out; nothing here knows about Dash."""

from dashboard.figures.charts import (
    campus_split,
    duration_split,
    mobility_trend,
    top_countries_bar,
    top_partners_bar,
)
from dashboard.figures.pyramid import tier_pyramid
from dashboard.figures.theme import Theme, get_theme
from dashboard.figures.world_map import world_map

__all__ = [
    "Theme",
    "campus_split",
    "duration_split",
    "get_theme",
    "mobility_trend",
    "tier_pyramid",
    "top_countries_bar",
    "top_partners_bar",
    "world_map",
]
