"""Every view of one filter state: the figures, the table, the live counts and the chips."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go
from dash import Patch, html

from dashboard import ids, stats
from dashboard.callbacks.map_update import places_for
from dashboard.components.cards import chip_list, count_hints
from dashboard.components.chart_text import chart_table
from dashboard.components.partner_table import table_filter
from dashboard.exports import export_filename, filter_description, mobility_description
from dashboard.figures import charts
from dashboard.figures import text_alternatives as alt
from dashboard.figures.geo import NOMINAL_MAP_PX, quick_view
from dashboard.figures.pyramid import tier_pyramid
from dashboard.figures.theme import Theme, get_theme, with_caption
from dashboard.figures.world_map import size_legend, world_map
from dashboard.filters import FilterState, View, apply
from dashboard.i18n import country_label, number, text
from dashboard.map_address import LAYERS, map_view
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
    count_hints: list[str]  # what the partner, country and mobility cards count (cards.count_hints)
    map_empty: list  # the message over the map when it shows no partner (map_empty), else []
    chips: list
    texts: dict[str, alt.ChartText]  # graph id -> its text alternative (ids.CHARTS)
    png_names: dict[str, str]  # graph id -> the file name of its PNG download, naming the filter (PNG_CHARTS)

    def outputs(self) -> tuple:
        return (
            self.pyramid,
            self.trend,
            self.duration,
            self.campus,
            self.top_countries,
            self.top_partners,
            self.rows,
            self.partner_count,
            self.country_count,
            self.mobility_count,
            *self.count_hints,
            self.map_empty,
            self.chips,
            *(self.texts[graph_id].summary for graph_id in ids.CHARTS),
            *(chart_table(self.texts[graph_id]) for graph_id in ids.TABLED_CHARTS),
        )


# The charts this callback draws, whose PNG downloads it names after the filter (the map's callback draws the map).
PNG_CHARTS = ids.CHARTS[1:]
# Characters per caption line: the map is a wide panel, the charts narrow ones, the pyramid beside the map the
# narrowest (about 280 px on a 1366x768 laptop).
WIDE_CAPTION, NARROW_CAPTION, PYRAMID_CAPTION = 110, 55, 40


def captioned(
    figure: go.Figure,
    panel_key: str,
    state: FilterState,
    theme: Theme,
    language: str,
    *,
    overlay: bool = False,
    width: int = NARROW_CAPTION,
) -> go.Figure:
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

    loosen = state.loosen_hint(language)  # what an empty view says to loosen

    return Views(
        pyramid=caption(
            tier_pyramid(view.tier_counts, theme=theme, selected=state.tiers, language=language),
            "pyramid",
            PYRAMID_CAPTION,
        ),
        # The trend is wide on a laptop but as narrow as the others on a phone: the same caption width.
        trend=caption(charts.mobility_trend(by_year, theme, language, loosen), "trend"),
        duration=caption(charts.duration_split(by_duration, theme, language, loosen), "duration"),
        campus=caption(charts.campus_split(by_campus, theme, language, loosen), "by_campus"),
        top_countries=caption(
            charts.top_countries_bar(top_countries, theme, language=language, loosen=loosen), "top_countries"
        ),
        top_partners=caption(charts.top_partners_bar(top_partners, theme, language, loosen), "top_partners"),
        map_empty=map_empty(view.partners, loosen, language),
        rows=table_filter(view.partners, view.positions, dataset.indexes.partner_total),
        # The issue fixes this element's text to be exactly the number: no thousands separator.
        partner_count=str(len(view.partners)),
        country_count=number(counts["countries"], language),
        mobility_count=number(counts["mobilities"], language),
        count_hints=count_hints(counts, state.picks_mobility(), mobility_description(state, language), language),
        chips=chip_list(state.chips(language), language),
        png_names={graph_id: export_filename(state, "", stem=graph_id) for graph_id in PNG_CHARTS},
        texts={
            # The map's own summary (how many partners in how many countries, the top ones); map_summary is
            # also shown under the map.
            ids.WORLD_MAP: alt.ChartText(map_summary(view.partners, language)),
            ids.TIER_PYRAMID: alt.pyramid_text(view.tier_counts, language),
            ids.MOBILITY_TREND: alt.trend_text(by_year, language),
            ids.DURATION_SPLIT: alt.split_text(
                by_duration, "duration", "duration", language, heading=text("chart.stay", language)
            ),
            ids.CAMPUS_SPLIT: alt.split_text(by_campus, "campus", None, language, heading=text("campus", language)),
            ids.TOP_COUNTRIES: alt.top_countries_text(top_countries, language),
            ids.TOP_PARTNERS: alt.top_partners_text(top_partners, language),
        },
    )


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
    size: tuple[int, int] | None = None,
    assets_url: str = "/assets/",
    compact: bool = False,
) -> go.Figure:
    """The map for the address: a `view=` in it wins, else a filter (or a selected partner) fits the map to
    the partners shown, else the world view. `compact`: the partners' hover cards and
    the flows' great circles left to the page (see world_map's `positions` and `compact_arcs`)."""
    state = FilterState.from_query(search, dataset)
    view = view or apply(state, dataset)
    theme = get_theme(theme_name(dark))
    every_lat, every_lon = places_for(dataset)
    figure = world_map(
        view.partners,
        layer=layer if layer in LAYERS else "partners",
        home=dataset.institution,
        theme=theme,
        selected_id=selected_id,
        country_metric=country_metric if country_metric in {"partners", "mobility"} else "partners",
        flow_direction=flow_direction if flow_direction in {"outgoing", "incoming"} else "outgoing",
        language=language,
        view=map_view(search),
        fit=not state.is_empty(),
        size=map_size(size),
        assets_url=assets_url,
        positions=view.positions if compact else None,
        compact_arcs=compact,
        places=(every_lat[view.positions], every_lon[view.positions]),
    )
    return captioned(figure, "map", state, theme, language, overlay=True, width=WIDE_CAPTION)


def map_size(size) -> tuple[int, int]:
    """The map's (width, height) the browser reported, or the nominal size when it sent nothing usable."""
    try:
        width, height = (int(v) for v in size)
    except (TypeError, ValueError):
        return NOMINAL_MAP_PX
    return (width, height) if 100 <= width <= 10_000 and 100 <= height <= 10_000 else NOMINAL_MAP_PX


def map_summary(partners, language: str = "en", top: int = 3) -> str:
    """The map's text alternative: how many partners in how many countries, the countries with most, and how many
    of the filter's partners have no place to be drawn."""
    placed = partners[partners["lat"].notna() & partners["lon"].notna()]
    on_map = alt.map_text(len(placed), language).summary  # "N partners on the map; the partner table lists them"
    if placed.empty:
        return text("empty.map_unplaced", language) if len(partners) else on_map
    counts = placed.groupby("country", sort=False).size().sort_values(ascending=False, kind="stable")
    names = dict(zip(placed["country"], placed["country_name"]))
    leaders = ", ".join(
        f"{country_label(str(code), language, str(names.get(code) or code))} ({n})"
        for code, n in counts.head(top).items()
    )
    summary = f"{on_map}. {text('map.summary', language, countries=number(len(counts), language), top=leaders)}"
    if len(placed) < len(partners):  # counted in the cards and listed in the table, but drawn nowhere: say so
        summary += " " + text("summary.map_unplaced", language, count=len(partners) - len(placed)) + "."
    return summary


def map_empty(partners, loosen: str, language: str = "en") -> list:
    """The message over the map when it shows no partner, and what to loosen; [] when it shows some.

    An element of its own beside the map (ids.MAP_EMPTY), filled by the views callback: the map's figure is the
    map callback's alone.
    """
    placed = partners["lat"].notna() & partners["lon"].notna()
    if placed.any():
        return []
    message = text("empty.map_unplaced" if len(partners) else "empty.map", language)
    return [html.Strong(message), *([html.Br(), loosen] if loosen else [])]


def map_size_steps(partners, layer: str, flow_direction: str) -> list[tuple[int, int]]:
    """The size legend's steps for the layer shown (none for the countries layer, which has no markers' sizes)."""
    if layer == "countries":
        return []
    column = flow_direction if layer == "flows" and flow_direction in ("outgoing", "incoming") else "volume"
    placed = partners[partners["lat"].notna() & partners["lon"].notna()]
    values = placed.get(column, [])
    return size_legend(np.asarray(values, dtype=float))


def quick_view_patch(dataset: Dataset, name: str, size) -> Patch:
    """The map moved to the World, Europe or home-surroundings view."""
    home = dataset.institution
    shown = quick_view(name, map_size(size), (home.lat, home.lon))
    patch = Patch()
    patch["layout"]["map"]["center"] = {"lat": shown.lat, "lon": shown.lon}
    patch["layout"]["map"]["zoom"] = shown.zoom
    return patch
