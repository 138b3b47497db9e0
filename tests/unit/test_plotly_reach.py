"""The one private plotly keyword we use (figures/theme.unvalidated_figure): it must still skip validation and
still give the figure plotly's validated path gives."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from dashboard.figures.theme import unvalidated_figure

SPEC = {
    "data": [{"type": "bar", "x": ["a", "b"], "y": [3, 1], "marker": {"color": "#123456"}}],
    "layout": {"title": {"text": "Partners"}, "uirevision": "r"},
}


def test_an_unvalidated_figure_is_the_figure_plotly_validates():
    assert unvalidated_figure(SPEC).to_plotly_json() == go.Figure(SPEC).to_plotly_json()


def test_validation_is_really_skipped():
    out_of_range = {"data": [{"type": "bar", "opacity": 5}], "layout": {}}
    with pytest.raises(ValueError):
        go.Figure(out_of_range)
    assert unvalidated_figure(out_of_range).data[0].opacity == 5
