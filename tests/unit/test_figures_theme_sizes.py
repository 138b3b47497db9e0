"""Type and mark sizes come from the theme a figure is built with: a theme that asks for big sizes (as the
presentation's does) gets them in every figure, and the dashboard's light and dark themes keep the sizes they had."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from dashboard.figures.charts import mobility_trend
from dashboard.figures.fields import partners_by_field_bar
from dashboard.figures.geo_map import geo_map
from dashboard.figures.pyramid import tier_pyramid
from dashboard.figures.theme import DARK, LIGHT
from dashboard.filters import FilterState, apply
from dashboard.stats import mobility_by_year
from tests.factories import make_dataset, make_partner, mobility_row

# The light theme's name and colours with every size changed: the template must follow the sizes, not the name.
BIG = replace(
    LIGHT,
    font_size=40,
    tick_font_size=33,
    legend_font_size=35,
    hover_font_size=37,
    title_font_size=44,
    marker_scale=2.0,
    home_marker_size=50,
    trend_line_width=9,
    trend_marker_size=21,
)
# Partners A, B, C with 0, 36 and 100 mobilities: diameters 9 + 21 * sqrt(share) px (9, 21.6, 30) on the dashboard.
DATASET = make_dataset(
    partners=[make_partner(partner_id=p, lat=10.0 * i, lon=10.0 * i) for i, p in enumerate("ABC")],
    mobility=[mobility_row("2022-2023", partner="B", count=36), mobility_row("2023-2024", partner="C", count=100)],
)
PARTNERS = apply(FilterState(), DATASET).partners


def template_sizes(figure) -> dict[str, float]:
    layout = figure.layout.template.layout
    return {
        "font": layout.font.size,
        "ticks": layout.xaxis.tickfont.size,
        "legend": layout.legend.font.size,
        "hover": layout.hoverlabel.font.size,
        "title": layout.title.font.size,
    }


def map_sizes(theme, selected_id=None) -> dict[str, object]:
    figure = geo_map(PARTNERS, home=DATASET.institution, theme=theme, selected_id=selected_id)
    partners = next(t for t in figure.data if t.customdata is not None)
    home = next(t for t in figure.data if t.marker.symbol == "star")
    ring = [t.marker.size for t in figure.data if t.mode == "markers+text"]
    return {
        "markers": {row[0]: int(size) for row, size in zip(partners.customdata, partners.marker.size)},
        "home": home.marker.size,
        "ring": ring,
        "legend": figure.layout.legend.font.size,
        **template_sizes(figure),
    }


@pytest.mark.parametrize(
    ("theme", "expected"),
    [
        (
            LIGHT,
            {"markers": {"A": 9, "B": 22, "C": 30}, "home": 22, "ring": [44.0], "legend": 15}
            | {"font": 16, "ticks": 14, "hover": 15, "title": 20},
        ),
        (
            DARK,
            {"markers": {"A": 9, "B": 22, "C": 30}, "home": 22, "ring": [44.0], "legend": 15}
            | {"font": 16, "ticks": 14, "hover": 15, "title": 20},
        ),
        (
            BIG,
            # Twice the diameters (18, 43.2, 60), the ring twice (30 + 14) px.
            {"markers": {"A": 18, "B": 43, "C": 60}, "home": 50, "ring": [88.0], "legend": 35}
            | {"font": 40, "ticks": 33, "hover": 37, "title": 44},
        ),
    ],
    ids=["light", "dark", "big"],
)
def test_the_map_takes_its_marker_and_type_sizes_from_the_theme(theme, expected):
    assert map_sizes(theme, selected_id="C") == expected


@pytest.mark.parametrize(("theme", "line", "point", "legend"), [(LIGHT, 3, 8, 15), (DARK, 3, 8, 15), (BIG, 9, 21, 35)])
def test_the_trend_takes_its_line_point_and_legend_sizes_from_the_theme(theme, line, point, legend):
    figure = mobility_trend(mobility_by_year(DATASET.mobility), theme=theme)
    assert figure.data, "the trend drew its lines"
    assert {(t.line.width, t.marker.size) for t in figure.data} == {(line, point)}
    assert figure.layout.legend.font.size == legend


def test_big_tick_labels_get_a_wider_margin_beside_the_trend_and_the_field_bars():
    counts = pd.DataFrame({"field": ["02", "04"], "partners": [12, 3]})
    for build in (
        lambda theme: mobility_trend(mobility_by_year(DATASET.mobility), theme=theme),
        lambda theme: partners_by_field_bar(counts, theme=theme),
    ):
        light, big = build(LIGHT), build(BIG)
        assert (template_sizes(light)["ticks"], template_sizes(big)["ticks"]) == (14, 33)
        # The labels beside the y axis are measured in the theme's tick font: 33 px ones need more room.
        assert big.layout.margin.l > light.layout.margin.l * 1.5


@pytest.mark.parametrize(("theme", "label", "count"), [(LIGHT, 17, "26px"), (BIG, 41, "50px")])
def test_the_pyramid_labels_and_their_counts_grow_with_the_theme(theme, label, count):
    figure = tier_pyramid({"strategic": 3, "collaboration": 5, "mobility": 9}, theme=theme)
    bars = figure.data[0]
    assert bars.textfont.size == label
    assert all(f"font-size:{count}" in line for line in bars.text)
    assert template_sizes(figure)["font"] == theme.font_size
