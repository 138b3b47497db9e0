"""Every view of one filter state: the figures, the table, the live counts and the chips."""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go
from dash import Patch

from dashboard import ids, stats
from dashboard.components.cards import chip_list
from dashboard.components.chart_text import chart_table
from dashboard.components.partner_table import table_filter
from dashboard.i18n import number, text
from dashboard.exports import filter_description
from dashboard.figures import charts
from dashboard.figures import text_alternatives as alt
from dashboard.figures.pyramid import tier_pyramid
from dashboard.figures.theme import Theme, get_theme, with_caption
from dashboard.figures.world_map import world_map
from dashboard.filters import FilterState, View, apply
from dashboard.model import Dataset


def theme_name(dark: bool | None) -> str:
    return "dark" if dark else "light"


@dataclass(frozen=True)
class Views:
    """What the views callback sends, in its output order."""

    pyramid: go.Figure
    trend: go.Figure
    duration: go.Figure
    campus: go.Figure
    top_countries: go.Figure
    top_partners: go.Figure
    rows: dict[str, list[int] | None]  # table_filter: which rows the table shows, with what volume
    partner_count: str
    country_count: str
    mobility_count: str
    chips: list
    texts: dict[str, alt.ChartText]  # graph id -> its text alternative (ids.CHARTS)

    def outputs(self) -> tuple:
        return (self.pyramid, self.trend, self.duration, self.campus, self.top_countries, self.top_partners,
                self.rows, self.partner_count, self.country_count, self.mobility_count, self.chips,
                *(self.texts[graph_id].summary for graph_id in ids.CHARTS),
                *(chart_table(self.texts[graph_id]) for graph_id in ids.TABLED_CHARTS))


# Characters per caption line: the trend and the map are wide panels, the other charts narrow ones.
WIDE_CAPTION, NARROW_CAPTION = 110, 55


def captioned(figure: go.Figure, panel_key: str, state: FilterState, theme: Theme, language: str, *,
              overlay: bool = False, width: int = NARROW_CAPTION) -> go.Figure:
    """The figure titled with its panel's name and the filter it shows, which a PNG download keeps."""
    caption = text("caption", language, panel=text(panel_key, language), filter=filter_description(state, language))
    return with_caption(figure, caption, theme, overlay=overlay, width=width)


def render_views(dataset: Dataset, search: str | None, dark: bool | None = False, language: str = "en") -> Views:
    state = FilterState.from_query(search, dataset)
    view = apply(state, dataset)
    theme = get_theme(theme_name(dark))
    counts = stats.headline_counts(view)
    by_year = stats.mobility_by_year(view.totals, view.years)
    by_duration, by_campus = stats.mobility_by_duration(view.totals), stats.mobility_by_campus(view.totals)
    top_countries = stats.top_countries(view.partners, view.totals)
    top_partners = stats.top_partners(view.partners, view.totals)

    def caption(figure: go.Figure, panel_key: str, width: int = NARROW_CAPTION) -> go.Figure:
        return captioned(figure, panel_key, state, theme, language, width=width)

    return Views(
        pyramid=caption(tier_pyramid(view.tier_counts, theme=theme, selected=state.tiers, language=language),
                        "pyramid"),
        trend=caption(charts.mobility_trend(by_year, theme, language), "trend", WIDE_CAPTION),
        duration=caption(charts.duration_split(by_duration, theme, language), "duration"),
        campus=caption(charts.campus_split(by_campus, theme, language), "by_campus"),
        top_countries=caption(charts.top_countries_bar(top_countries, theme, language=language), "top_countries"),
        top_partners=caption(charts.top_partners_bar(top_partners, theme, language), "top_partners"),
        rows=table_filter(view.partners, view.positions, dataset.indexes.partner_total),
        # The issue fixes this element's text to be exactly the number: no thousands separator.
        partner_count=str(len(view.partners)),
        country_count=number(counts["countries"], language),
        mobility_count=number(counts["mobilities"], language),
        chips=chip_list(state.chips(language), language),
        texts={
            ids.WORLD_MAP: alt.map_text(int(view.partners["lat"].notna().sum()), language),
            ids.TIER_PYRAMID: alt.pyramid_text(view.tier_counts, language),
            ids.MOBILITY_TREND: alt.trend_text(by_year, language),
            ids.DURATION_SPLIT: alt.split_text(by_duration, "duration", "duration", language),
            ids.CAMPUS_SPLIT: alt.split_text(by_campus, "campus", None, language),
            ids.TOP_COUNTRIES: alt.top_countries_text(top_countries, language),
            ids.TOP_PARTNERS: alt.top_partners_text(top_partners, language),
        },
    )


def map_region(state: FilterState) -> str | None:
    """The region the map zooms to: only when exactly one is selected."""
    return state.regions[0] if len(state.regions) == 1 else None


def render_map(
    dataset: Dataset,
    search: str | None,
    layer: str = "partners",
    country_metric: str = "partners",
    flow_direction: str = "outgoing",
    dark: bool | None = False,
    selected_id: str | None = None,
    view: View | None = None,
    language: str = "en",
) -> go.Figure:
    state = FilterState.from_query(search, dataset)
    view = view or apply(state, dataset)
    theme = get_theme(theme_name(dark))
    figure = world_map(
        view.partners,
        layer=layer if layer in {"partners", "countries", "flows"} else "partners",
        home=dataset.institution,
        theme=theme,
        selected_id=selected_id,
        region=map_region(state),
        country_metric=country_metric if country_metric in {"partners", "mobility"} else "partners",
        flow_direction=flow_direction if flow_direction in {"outgoing", "incoming"} else "outgoing",
        language=language,
    )
    return with_selection_slot(captioned(figure, "map", state, theme, language, overlay=True, width=WIDE_CAPTION))


SELECTION_TRACE = "Selected"


def with_selection_slot(figure: go.Figure) -> go.Figure:
    """The figure with its selection ring at a fixed index (an empty trace when nothing is selected), so
    picking another partner sends that one trace (a Patch) instead of the whole map."""
    if any(trace.name == SELECTION_TRACE for trace in figure.data):
        return figure
    figure.add_trace(go.Scattergeo(lat=[], lon=[], mode="markers", name=SELECTION_TRACE, showlegend=False,
                                   hoverinfo="skip"))
    traces = figure.data
    if len(traces) > 1:
        # Before the home marker, which world_map always draws last.
        figure.data = (*traces[:-2], traces[-1], traces[-2])
    return figure


def selection_patch(figure: go.Figure) -> Patch:
    """Only the selection ring of a map figure built by render_map."""
    index = next(i for i, trace in enumerate(figure.data) if trace.name == SELECTION_TRACE)
    patch = Patch()
    patch["data"][index] = figure.data[index].to_plotly_json()
    return patch
