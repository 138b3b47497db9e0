"""The one look every figure shares: a colour-blind-safe palette (Okabe-Ito), system fonts, light and dark.

Tiers differ in hue AND marker symbol so they stay apart in grey-scale, on a washed-out projector and for
people with any common colour-vision deficiency.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field, fields
from functools import cache

import plotly.graph_objects as go

from dashboard.figures.escaping import escape

# System fonts only: the dashboard runs offline and fetches nothing.
FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif'
BASE_FONT_SIZE = 16
CAPTION_FONT_SIZE = 12
CAPTION_LINE_HEIGHT = 16  # pixels the bottom margin grows by per caption line
# Open variants ("-open") mark partners placed only at country level.
TIER_SYMBOLS = {"strategic": "diamond", "collaboration": "square", "mobility": "circle"}
HOME_SYMBOL = "star"


@dataclass(frozen=True)
class Theme:
    name: str
    text: str  # titles, labels
    muted: str  # axis ticks, secondary text
    background: str  # page background the app may use around the figures
    surface: str  # card background; figures themselves are transparent on it
    grid: str
    land: str
    ocean: str
    country_border: str
    coastline: str
    tiers: dict[str, str]
    directions: dict[str, str]
    home: str
    highlight: str  # the selected partner's ring
    flow_opacity: float
    sequential: tuple[tuple[float, str], ...]  # choropleth colour scale, light to strong
    hover_background: str
    on_tier: str  # text drawn on a tier colour (the pyramid's labels)
    font_family: str = FONT_FAMILY
    # Type and mark sizes in pixels. The defaults are the dashboard's; the presentation (present/scenes.py) asks
    # for projector sizes by giving its own, and every builder reads them from the theme it is given.
    font_size: int = BASE_FONT_SIZE  # labels, annotations, the selected partner's name
    tick_font_size: int = BASE_FONT_SIZE - 2  # axis tick labels
    legend_font_size: int = BASE_FONT_SIZE - 1
    hover_font_size: int = BASE_FONT_SIZE - 1  # hover cards
    title_font_size: int = BASE_FONT_SIZE + 4
    marker_scale: float = 1.0  # the map's partner markers and selection ring, times their mobility-sized diameter
    home_marker_size: int = 22  # the home institution's star on the map
    trend_line_width: float = 3  # the mobility trend's lines
    trend_marker_size: int = 8  # the mobility trend's points
    tier_symbols: dict[str, str] = field(default_factory=lambda: dict(TIER_SYMBOLS))

    def __hash__(self) -> int:
        # The generated hash fails on the dict fields; a hash lets each theme's template be built once (_template).
        return hash(tuple(tuple(sorted(v.items())) if isinstance(v, dict) else v for v in _values(self)))

    @property
    def template(self) -> go.layout.Template:
        return _template(self)


def _values(theme: Theme) -> list:
    return [getattr(theme, f.name) for f in fields(theme)]


LIGHT = Theme(
    name="light",
    text="#1f2933",
    muted="#52606d",
    background="#f7f8fa",
    surface="#ffffff",
    grid="#e4e7eb",
    land="#efece6",
    ocean="#e6eef5",
    country_border="#c3c7cc",
    coastline="#a9b4bf",
    # Okabe-Ito hues, darkened so text on them and they on white pass WCAG AA (tests/unit/test_contrast.py)
    tiers={"strategic": "#B35000", "collaboration": "#0072B2", "mobility": "#00785A"},
    directions={"outgoing": "#B86E00", "incoming": "#3A9AD9"},  # Okabe-Ito orange darkened to 4:1 on white
    home="#1f2933",
    highlight="#CC79A7",
    flow_opacity=0.55,
    sequential=((0.0, "#deebf7"), (0.5, "#6baed6"), (1.0, "#08306b")),
    hover_background="#ffffff",
    on_tier="#ffffff",
)
DARK = Theme(
    name="dark",
    text="#e8eaed",
    muted="#a7b1bd",
    background="#15191f",
    surface="#1d232b",
    grid="#333b46",
    land="#2a313b",
    ocean="#161b22",
    country_border="#4a5463",
    coastline="#5b6776",
    tiers={"strategic": "#F28C4B", "collaboration": "#56B4E9", "mobility": "#7FD47F"},  # apart for tritan eyes too
    directions={"outgoing": "#F0B429", "incoming": "#56B4E9"},
    home="#f5f5f5",
    highlight="#E88BC4",
    flow_opacity=0.6,
    sequential=((0.0, "#1e4f7d"), (0.5, "#3f8fd0"), (1.0, "#cdeaff")),
    hover_background="#232a33",
    on_tier="#10141a",
)
THEMES = {"light": LIGHT, "dark": DARK}


def get_theme(name: str | None = "light") -> Theme:
    """The named theme; anything but "dark" gives the light one (the default)."""
    return THEMES.get((name or "light").lower(), LIGHT)


@cache
def _template_dict(theme: Theme) -> dict:
    return _template(theme).to_plotly_json()


@cache
def _template(theme: Theme) -> go.layout.Template:
    axis = dict(
        gridcolor=theme.grid,
        linecolor=theme.grid,
        zeroline=False,
        automargin=True,
        tickfont=dict(color=theme.muted, size=theme.tick_font_size),
        title=dict(font=dict(color=theme.muted)),
    )
    return go.layout.Template(
        layout=dict(
            font=dict(family=theme.font_family, size=theme.font_size, color=theme.text),
            title=dict(font=dict(size=theme.title_font_size, color=theme.text), x=0, xanchor="left"),
            paper_bgcolor="rgba(0,0,0,0)",
            plot_bgcolor="rgba(0,0,0,0)",
            colorway=[
                theme.tiers["collaboration"],
                theme.tiers["strategic"],
                theme.tiers["mobility"],
                theme.directions["outgoing"],
                theme.highlight,
                theme.muted,
            ],
            hoverlabel=dict(
                bgcolor=theme.hover_background,
                bordercolor=theme.grid,
                font=dict(family=theme.font_family, size=theme.hover_font_size, color=theme.text),
                align="left",
            ),
            legend=dict(
                font=dict(size=theme.legend_font_size, color=theme.text), bgcolor="rgba(0,0,0,0)", itemsizing="constant"
            ),
            xaxis=axis,
            yaxis=axis,
            margin=dict(l=8, r=8, t=48, b=8),
            hovermode="closest",
        )
    )


def make_figure(traces: list[dict], theme: Theme, *, revision: str, **layout) -> go.Figure:
    """A figure from plain trace dicts with the theme's template and a uirevision (zoom survives refilters)."""
    layout = {"template": _template_dict(theme), "uirevision": revision, **layout}
    return unvalidated_figure({"data": traces, "layout": layout})


def unvalidated_figure(spec: dict) -> go.Figure:
    """go.Figure without plotly's per-property validation, through its private `_validate` keyword: plotly has
    no public switch, and validating takes the 10x views callback from 45-59 ms to 53-220 ms median
    (bench/callbacks.py, docs in bench/README.md). The unit tests re-validate every figure instead
    (tests/unit/test_figures_*); tests/unit/test_plotly_reach.py fails when plotly drops the keyword."""
    return go.Figure(spec, _validate=False)


def with_caption(figure: go.Figure, caption: str, theme: Theme, *, overlay: bool = False, width: int = 60) -> go.Figure:
    """The figure with a small title saying what it shows (the panel and the filter): a PNG exported from the
    mode bar keeps it, so a slide says which filter it shows.

    `caption` is plain text (escaped here), wrapped at about `width` characters so a long filter stays inside
    a narrow chart. Charts get it below the plot in a taller bottom margin; the map (`overlay`) over its
    top-left corner, the Arctic ocean, since the map has no margin to spare.
    """
    lines = [escape(line) for line in textwrap.wrap(caption, width)] or [""]
    font = dict(size=CAPTION_FONT_SIZE, color=theme.muted)
    if overlay:
        figure.layout.title = dict(
            text="<br>".join(lines),
            font=font,
            x=0.01,
            xanchor="left",
            xref="paper",
            y=0.99,
            yanchor="top",
            yref="container",
            automargin=False,
        )
        return figure
    bottom = figure.layout.margin.b
    if bottom is None:
        bottom = _template_dict(theme)["layout"]["margin"]["b"]
    # From the figure's left edge, not the plot's: long axis labels (top partners) push the plot far right.
    # plotly puts the FIRST line's baseline at a bottom-anchored title's y: the padding lifts the others in.
    figure.layout.title = dict(
        text="<br>".join(lines),
        font=font,
        x=0,
        xanchor="left",
        xref="container",
        y=0,
        yanchor="bottom",
        yref="container",
        automargin=False,
        pad=dict(b=5 + CAPTION_LINE_HEIGHT * (len(lines) - 1), l=8),
    )
    figure.layout.margin.b = bottom + CAPTION_LINE_HEIGHT * len(lines) + 8
    return figure
