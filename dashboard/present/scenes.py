"""What each scene of the tour shows: its figure, a short kicker, its caption and a few large facts.

Pure: a Scene and the dataset in, plain data out (figures as plotly JSON dicts), so the whole tour can be sent to
the browser once and played there. Figures use a high-contrast dark theme with type readable from five metres:
no font in any figure under MIN_FONT_PX at 1920x1080.
"""

from __future__ import annotations

import base64
import copy
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from dashboard import isced, stats
from dashboard.agreement_stats import partners_by_broad_field
from dashboard.figures.charts import mobility_trend
from dashboard.figures.fields import partners_by_field_bar
from dashboard.figures.geo import WORLD_LAT_RANGE
from dashboard.figures.geo_map import geo_map as world_map
from dashboard.figures.pyramid import tier_pyramid
from dashboard.figures.theme import HOME_SYMBOL, get_theme
from dashboard.filters import FilterState, View, apply
from dashboard.i18n import country_label, number, text, value_label
from dashboard.model import Dataset
from dashboard.present.tour import Scene

MIN_FONT_PX = 24  # the smallest type a person reads from five metres on a 1920x1080 projector
BASE_FONT_PX = 30  # labels, hover text and legend
TICK_FONT_PX = 26
MARKER_SCALE = 1.35  # markers sized for a laptop look like dust on a wall
HOME_MARKER_PX = 34
TREND_LINE_PX, TREND_MARKER_PX = 6, 16  # lines a projector does not wash out
PARTNER_WINDOW = (30.0, 12.5)  # half-width in degrees of longitude and latitude around a highlighted partner
DIMMED = 0.35  # opacity of the other partners while one is highlighted

# The dashboard's dark theme, pushed to higher contrast for washed-out projectors.
PRESENT_THEME = replace(
    get_theme("dark"),
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
)
FONT_KEYS = {"font", "tickfont", "textfont", "insidetextfont", "outsidetextfont", "grouptitlefont"}
_INLINE_SIZE = re.compile(r"font-size:\s*(\d+(?:\.\d+)?)px")


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
    figure = mobility_trend(by_year, theme=PRESENT_THEME, language=language).to_plotly_json()
    for trace in figure["data"]:
        trace.setdefault("line", {})["width"] = TREND_LINE_PX
        trace.setdefault("marker", {})["size"] = TREND_MARKER_PX
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
    figure = figure.to_plotly_json()
    for trace in figure["data"]:
        marker = trace.get("marker") or {}
        if trace.get("customdata") is not None and "size" in marker:
            marker["size"] = np.round(_numbers(marker["size"]) * MARKER_SCALE).astype(np.uint8)
        elif marker.get("symbol") == HOME_SYMBOL:
            marker["size"] = HOME_MARKER_PX
    return figure


def _numbers(value: Any) -> np.ndarray:
    """A plotly number array as numpy, whether a list, an array or plotly's base64 typed-array form."""
    if isinstance(value, dict) and "bdata" in value:
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"])).astype(float)
    return np.asarray(value, dtype=float)


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
        size = float(np.atleast_1d(_numbers(ring.get("size", 30)))[0]) * MARKER_SCALE
        ring.update(size=size, color="#ffffff", line={"width": 4})
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
    """The figure as plotly JSON with projector type sizes, no mode bar, no dragging, and its own uirevision.

    A scene's own uirevision makes plotly apply its zoom even when the previous scene had the same view name.
    """
    figure = figure if isinstance(figure, dict) else figure.to_plotly_json()
    layout = figure.setdefault("layout", {})
    layout["template"] = _present_template()
    layout["uirevision"] = uirevision
    if "geo" in layout:
        layout["geo"]["uirevision"] = uirevision
    layout["dragmode"] = False
    layout["font"] = {**layout.get("font", {}), "size": BASE_FONT_PX}
    layout["hoverlabel"] = {**layout.get("hoverlabel", {}), "font": {"size": BASE_FONT_PX - 2}}
    if isinstance(layout.get("legend"), dict):
        layout["legend"]["font"] = {**layout["legend"].get("font", {}), "size": BASE_FONT_PX - 2}
    for axis in ("xaxis", "yaxis"):
        if axis in layout:
            layout[axis] = {**layout[axis], "tickfont": {**layout[axis].get("tickfont", {}), "size": TICK_FONT_PX}}
    raise_fonts(figure, MIN_FONT_PX)
    return figure


@lru_cache(maxsize=1)
def _template_json() -> dict:
    template = copy.deepcopy(PRESENT_THEME.template.to_plotly_json())
    layout = template.setdefault("layout", {})
    layout["font"] = {**layout.get("font", {}), "size": BASE_FONT_PX, "color": PRESENT_THEME.text}
    for axis in ("xaxis", "yaxis"):
        if axis in layout:
            layout[axis]["tickfont"] = {
                **layout[axis].get("tickfont", {}),
                "size": TICK_FONT_PX,
                "color": PRESENT_THEME.muted,
            }
            layout[axis]["gridcolor"] = PRESENT_THEME.grid
    layout["hoverlabel"] = {**layout.get("hoverlabel", {}), "bgcolor": PRESENT_THEME.hover_background}
    raise_fonts(template, MIN_FONT_PX)
    return template


def _present_template() -> dict:
    return copy.deepcopy(_template_json())


def raise_fonts(node: Any, minimum: float) -> None:
    """Every font size in a plotly JSON tree (template included), and any inline CSS font-size in its text,
    raised to at least `minimum`."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in FONT_KEYS and isinstance(value, dict):
                size = value.get("size")
                if isinstance(size, (int, float)) and size < minimum:
                    value["size"] = minimum
                elif isinstance(size, (list, tuple)):
                    value["size"] = [max(minimum, s) for s in size]
            if isinstance(value, str) and "font-size" in value:
                node[key] = _raise_inline(value, minimum)
            elif isinstance(value, (list, tuple)) and value and isinstance(value[0], str):
                node[key] = [_raise_inline(v, minimum) if isinstance(v, str) else v for v in value]
            else:
                raise_fonts(value, minimum)
    elif isinstance(node, (list, tuple)):
        for item in node:
            raise_fonts(item, minimum)


def _raise_inline(value: str, minimum: float) -> str:
    return _INLINE_SIZE.sub(lambda m: f"font-size:{max(float(m.group(1)), minimum):g}px", value)


def font_sizes(node: Any) -> list[float]:
    """Every font size a plotly JSON tree sets (for tests: the smallest must be readable)."""
    found: list[float] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in FONT_KEYS and isinstance(value, dict) and "size" in value:
                size = value["size"]
                found.extend(size if isinstance(size, (list, tuple)) else [size])
            if isinstance(value, str):
                found.extend(float(m) for m in _INLINE_SIZE.findall(value))
            else:
                found.extend(font_sizes(value))
    elif isinstance(node, (list, tuple)):
        for item in node:
            found.extend(font_sizes(item))
    return found
