"""The tier pyramid: strategic on top and narrowest, counts shown, a click carries the tier."""

from __future__ import annotations

import re

import plotly.graph_objects as go
import pytest

from dashboard.figures import tier_pyramid

COUNTS = {"strategic": 3, "collaboration": 12, "mobility": 1234}


def _widths(fig) -> dict[str, float]:
    """Tier -> widest x extent of its drawn trapezoid."""
    widths = {}
    for tier, shape in zip(("strategic", "collaboration", "mobility"), fig.layout.shapes):
        xs = [float(x) for x in re.findall(r"(-?\d+\.\d+),", shape.path)]
        widths[tier] = max(xs) - min(xs)
    return widths


def test_strategic_is_on_top_and_narrowest():
    fig = tier_pyramid(COUNTS, theme="light")
    bars = fig.data[0]
    tiers = [row[0] for row in bars.customdata]
    depth = dict(zip(tiers, bars.y))
    low, high = fig.layout.yaxis.range
    assert low > high  # depth grows downwards on screen
    assert depth["strategic"] < depth["collaboration"] < depth["mobility"]
    widths = _widths(fig)
    assert widths["strategic"] < widths["collaboration"] < widths["mobility"]


def test_counts_are_shown_and_clicks_carry_the_tier():
    fig = tier_pyramid(COUNTS, theme="light")
    bars = fig.data[0]
    assert [row[0] for row in bars.customdata] == ["strategic", "collaboration", "mobility"]
    for text, count in zip(bars.text, ("3", "12", "1,234")):
        assert f"<b>{count}</b>" in text
    assert "every activity below" in bars.customdata[0][2]
    assert "%{customdata[2]}" in bars.hovertemplate


def test_missing_tiers_count_zero():
    bars = tier_pyramid({"mobility": 2}, theme="light").data[0]
    assert [row[1] for row in bars.customdata] == [0, 0, 2]


def test_selection_dims_the_other_tiers_and_outlines_the_chosen_one():
    fig = tier_pyramid(COUNTS, theme="light", selected=("collaboration",))
    opacity = {t: s.opacity for t, s in zip(("strategic", "collaboration", "mobility"), fig.layout.shapes)}
    assert opacity["collaboration"] == 1.0 and opacity["strategic"] < 1.0 and opacity["mobility"] < 1.0
    assert fig.layout.shapes[1].line.width > 0 and fig.layout.shapes[0].line.width == 0
    unselected = tier_pyramid(COUNTS, theme="light")
    assert all(s.opacity == 1.0 for s in unselected.layout.shapes)


def test_dark_theme_changes_colours_and_stays_readable():
    light, dark = tier_pyramid(COUNTS, theme="light"), tier_pyramid(COUNTS, theme="dark")
    assert light.layout.shapes[0].fillcolor != dark.layout.shapes[0].fillcolor
    assert light.data[0].textfont.color != dark.data[0].textfont.color
    assert light.layout.template.layout.font.color != dark.layout.template.layout.font.color


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_figure_is_valid_plotly_and_has_a_uirevision(theme):
    fig = tier_pyramid(COUNTS, theme=theme, selected=("strategic",))
    go.Figure(fig.to_dict())
    assert fig.layout.uirevision
