"""Every view of one filter state: the figures, the table, the live counts and the chips."""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go
from dash import Patch

from dashboard import stats
from dashboard.components.cards import chip_list, format_number
from dashboard.components.partner_table import table_filter
from dashboard.figures import charts
from dashboard.figures.pyramid import tier_pyramid
from dashboard.figures.theme import get_theme
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
    rows: dict[str, list[int]]  # table_filter: which rows the table shows
    partner_count: str
    country_count: str
    mobility_count: str
    chips: list

    def outputs(self) -> tuple:
        return (self.pyramid, self.trend, self.duration, self.campus, self.top_countries, self.top_partners,
                self.rows, self.partner_count, self.country_count, self.mobility_count, self.chips)


def render_views(dataset: Dataset, search: str | None, dark: bool | None = False, language: str = "en") -> Views:
    state = FilterState.from_query(search, dataset)
    view = apply(state, dataset)
    theme = get_theme(theme_name(dark))
    counts = stats.headline_counts(view)
    return Views(
        pyramid=tier_pyramid(view.tier_counts, theme=theme, selected=state.tiers),
        trend=charts.mobility_trend(stats.mobility_by_year(view.mobility, view.years), theme),
        duration=charts.duration_split(stats.mobility_by_duration(view.mobility), theme),
        campus=charts.campus_split(stats.mobility_by_campus(view.mobility), theme),
        top_countries=charts.top_countries_bar(stats.top_countries(view.partners, view.mobility), theme),
        top_partners=charts.top_partners_bar(stats.top_partners(view.partners, view.mobility), theme),
        rows=table_filter(view.partners, dataset.partners),
        # The issue fixes this element's text to be exactly the number: no thousands separator.
        partner_count=str(len(view.partners)),
        country_count=format_number(counts["countries"]),
        mobility_count=format_number(counts["mobilities"]),
        chips=chip_list(state.chips(), language),
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
) -> go.Figure:
    state = FilterState.from_query(search, dataset)
    view = view or apply(state, dataset)
    figure = world_map(
        view.partners,
        layer=layer if layer in {"partners", "countries", "flows"} else "partners",
        home=dataset.institution,
        theme=get_theme(theme_name(dark)),
        selected_id=selected_id,
        region=map_region(state),
        country_metric=country_metric if country_metric in {"partners", "mobility"} else "partners",
        flow_direction=flow_direction if flow_direction in {"outgoing", "incoming"} else "outgoing",
    )
    return with_selection_slot(figure)


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
