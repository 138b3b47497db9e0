"""What each scene of the tour shows: its figure, a short kicker, its caption and a few large facts.

Pure: a Scene and the dataset in, plain data out (figures as plotly JSON dicts), so the whole tour can be sent to
the browser once and played there. Figures are built in a high-contrast dark theme (PRESENT_THEME) that asks the
figure builders for type readable from five metres, no font under MIN_FONT_PX at 1920x1080, and big markers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd

from dashboard import isced, stats
from dashboard.agreement_stats import partners_by_broad_field
from dashboard.figures.charts import mobility_trend
from dashboard.figures.fields import partners_by_field_bar
from dashboard.figures.geo import WORLD_LAT_RANGE
from dashboard.figures.geo_map import geo_map as world_map
from dashboard.figures.pyramid import tier_pyramid
from dashboard.figures.theme import get_theme
from dashboard.filters import FilterState, View, apply
from dashboard.i18n import country_label, number, text, value_label
from dashboard.model import Dataset
from dashboard.present.tour import Scene

MIN_FONT_PX = 24  # the smallest type a person reads from five metres on a 1920x1080 projector
BASE_FONT_PX = 30  # labels and annotations
PARTNER_WINDOW = (30.0, 12.5)  # half-width in degrees of longitude and latitude around a highlighted partner
DIMMED = 0.35  # opacity of the other partners while one is highlighted

# The dashboard's dark theme, pushed to higher contrast for washed-out projectors, with type and marks sized for a
# wall: markers sized for a laptop look like dust there, and a projector washes thin lines out.
PRESENT_THEME = replace(
    get_theme("dark"),
    name="present",
    text="#ffffff",
    muted="#d0d7e1",
    background="#05070b",
    surface="#0b0f16",
    grid="#3a4454",
    land="#253041",
    ocean="#05070b",
    country_border="#4f5d72",
    coastline="#6f7f96",
    hover_background="#111823",
    font_size=BASE_FONT_PX,
    tick_font_size=26,
    legend_font_size=28,
    hover_font_size=28,
    title_font_size=BASE_FONT_PX + 4,
    marker_scale=1.35,
    home_marker_size=34,
    trend_line_width=6,
    trend_marker_size=16,
)


@dataclass(frozen=True)
class Fact:
    value: str
    label: str


@dataclass(frozen=True)
class SceneView:
    """One scene as the browser plays it."""

    kind: str
    kicker: str  # a short line above the caption: "Strategic partner", "Europe"
    caption: str
    facts: tuple[Fact, ...]
    figure: dict[str, Any]  # plotly JSON: {"data": [...], "layout": {...}}

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "kicker": self.kicker,
            "caption": self.caption,
            "facts": [{"value": f.value, "label": f.label} for f in self.facts],
            "figure": self.figure,
        }


def build_tour(scenes: tuple[Scene, ...] | list[Scene], dataset: Dataset, language: str = "en") -> list[SceneView]:
    """Every scene of the tour, in order; the figures of the whole network are computed once."""
    everything = apply(FilterState(), dataset)
    return [build_scene(scene, dataset, language, everything) for scene in scenes]


def build_scene(scene: Scene, dataset: Dataset, language: str = "en", everything: View | None = None) -> SceneView:
    everything = everything if everything is not None else apply(FilterState(), dataset)
    builder = _BUILDERS[scene.kind]
    kicker, default_caption, facts, figure = builder(scene, dataset, language, everything)
    figure = presentable(figure, uirevision=f"{scene.kind}:{scene.value}")
    return SceneView(scene.kind, kicker, scene.caption(language) or default_caption, tuple(facts), figure)


# -- the scenes -------------------------------------------------------------------------------------


def _network(scene: Scene, dataset: Dataset, language: str, everything: View):
    figure = _map(everything.partners, dataset, language)
    return (
        text("present.kicker.network", language),
        text("present.caption.network", language),
        _counts(everything, language),
        figure,
    )


def _tier(scene: Scene, dataset: Dataset, language: str, everything: View):
    view = apply(FilterState(tiers=(scene.value,)), dataset)
    figure = _map(view.partners, dataset, language)
    label = text(f"present.tier_partners.{scene.value}", language)
    return label, label, _counts(view, language), figure


def _partner(scene: Scene, dataset: Dataset, language: str, everything: View):
    partners = everything.partners
    row = partners[partners["partner_id"].astype(str) == scene.value].iloc[0]
    figure = _map(partners, dataset, language, selected_id=scene.value, region=str(row["region"]) or None)
    _dim_others(figure)
    _spotlight(figure, str(row["tier"]))
    if not (pd.isna(row["lat"]) or pd.isna(row["lon"])):
        _frame(figure, float(row["lat"]), float(row["lon"]))
    place = ", ".join(p for p in (str(row["city"] or ""), _country(row, language)) if p)
    kicker = text(f"present.tier_partner.{row['tier']}", language)
    facts = []
    start = pd.to_numeric(pd.Series([row["agreement_start"]]), errors="coerce").iloc[0]
    if not pd.isna(start):
        facts.append(Fact(str(int(start)), text("present.fact.since", language)))
    facts.append(Fact(number(row["outgoing"], language), text("present.fact.outgoing", language)))
    facts.append(Fact(number(row["incoming"], language), text("present.fact.incoming", language)))
    caption = (
        text("present.caption.partner", language, name=str(row["name"]), place=place) if place else str(row["name"])
    )
    return kicker, caption, facts, figure


def _region(scene: Scene, dataset: Dataset, language: str, everything: View):
    view = apply(FilterState(regions=(scene.value,)), dataset)
    figure = _map(view.partners, dataset, language, region=scene.value)
    region = value_label("region", scene.value, language)
    return (region, text("present.caption.region", language, region=region), _counts(view, language), figure)


def _pyramid(scene: Scene, dataset: Dataset, language: str, everything: View):
    figure = tier_pyramid(everything.tier_counts, theme=PRESENT_THEME, language=language)
    facts = [
        Fact(number(everything.tier_counts.get(t, 0), language), text(f"present.tier_partners.{t}", language))
        for t in ("strategic", "collaboration", "mobility")
    ]
    return (text("present.kicker.pyramid", language), text("present.caption.pyramid", language), facts, figure)


def _trend(scene: Scene, dataset: Dataset, language: str, everything: View):
    by_year = stats.mobility_by_year(everything.totals, stats.year_span(everything.years))
    figure = mobility_trend(by_year, theme=PRESENT_THEME, language=language)
    facts = []
    years = list(dict.fromkeys(by_year["academic_year"].astype(str)))
    if years:
        last = by_year[by_year["academic_year"].astype(str) == years[-1]]
        for direction in ("outgoing", "incoming"):
            count = int(last.loc[last["direction"] == direction, "count"].sum())
            # A non-breaking hyphen: "2024-2025" must not wrap at the hyphen.
            year = years[-1].replace("-", "\u2011")
            facts.append(Fact(number(count, language), text(f"present.fact.{direction}_year", language, year=year)))
    return (text("present.kicker.trend", language), text("present.caption.trend", language), facts, figure)


def _fields(scene: Scene, dataset: Dataset, language: str, everything: View):
    counts = partners_by_broad_field(dataset.agreements, everything.partners["partner_id"])
    figure = partners_by_field_bar(counts, theme=PRESENT_THEME, language=language)
    facts = [
        Fact(number(row.partners, language), isced.field_name(row.field, language))
        for row in counts.head(3).itertuples(index=False)
    ]
    return (text("present.kicker.fields", language), text("present.caption.fields", language), facts, figure)


_BUILDERS: dict[str, Callable] = {
    "network": _network,
    "tier": _tier,
    "partner": _partner,
    "region": _region,
    "pyramid": _pyramid,
    "trend": _trend,
    "fields": _fields,
}


# -- helpers ----------------------------------------------------------------------------------------


def _map(partners: pd.DataFrame, dataset: Dataset, language: str, **kwargs) -> dict:
    figure = world_map(partners, home=dataset.institution, theme=PRESENT_THEME, language=language, **kwargs)
    return figure.to_plotly_json()


def _dim_others(figure: dict) -> None:
    for trace in figure["data"]:
        if trace.get("customdata") is not None:
            trace.setdefault("marker", {})["opacity"] = DIMMED


def _spotlight(figure: dict, tier: str) -> None:
    """The highlighted partner in full colour inside a white ring, its name in bold with a shadow that keeps it
    legible over coastlines and other markers."""
    theme = PRESENT_THEME
    for position, trace in enumerate(figure["data"]):
        if trace.get("mode") != "markers+text":
            continue
        ring = trace["marker"]
        size = float(ring["size"])  # one ring, sized by geo_map for the theme's marker scale
        ring.update(color="#ffffff", line={"width": 4})
        trace["textfont"] = {
            **trace.get("textfont", {}),
            "size": BASE_FONT_PX + 4,
            "color": theme.text,
            "weight": "bold",
            "shadow": "auto",
        }
        partner = {key: trace[key] for key in ("type", "lat", "lon")}
        partner.update(
            mode="markers",
            showlegend=False,
            hoverinfo="skip",
            marker={
                "symbol": theme.tier_symbols.get(tier, "circle"),
                "size": max(size - 14, 14),
                "color": theme.tiers.get(tier, theme.highlight),
                "line": {"width": 2, "color": theme.surface},
            },
        )
        figure["data"].insert(position, partner)
        return


def _frame(figure: dict, lat: float, lon: float) -> None:
    """Zoom the map to a window around one place, keeping inside the drawn world."""
    half_lon, half_lat = PARTNER_WINDOW
    low, high = WORLD_LAT_RANGE
    lat_range = [max(low, lat - half_lat), min(high, lat + half_lat)]
    geo = figure["layout"].setdefault("geo", {})
    geo["lonaxis"] = {**geo.get("lonaxis", {}), "range": [lon - half_lon, lon + half_lon]}
    geo["lataxis"] = {**geo.get("lataxis", {}), "range": lat_range}
    geo["resolution"] = 50


def _counts(view: View, language: str) -> list[Fact]:
    counts = stats.headline_counts(view)
    return [
        Fact(number(counts["partners"], language), text("present.fact.partners", language)),
        Fact(number(counts["countries"], language), text("present.fact.countries", language)),
        Fact(number(counts["mobilities"], language), text("present.fact.mobilities", language)),
    ]


def _country(row: pd.Series, language: str) -> str:
    return country_label(str(row["country"]), language, str(row["country_name"] or ""))


# -- making any figure presentable ------------------------------------------------------------------


def presentable(figure, *, uirevision: str) -> dict:
    """The figure as plotly JSON with no mode bar, no dragging, and its own uirevision (its sizes come from
    PRESENT_THEME, which built it).

    A scene's own uirevision makes plotly apply its zoom even when the previous scene had the same view name.
    """
    figure = figure if isinstance(figure, dict) else figure.to_plotly_json()
    layout = figure.setdefault("layout", {})
    layout["uirevision"] = uirevision
    if "geo" in layout:
        layout["geo"]["uirevision"] = uirevision
    layout["dragmode"] = False
    return figure
