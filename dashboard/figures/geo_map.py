"""The SVG world map (plotly geo), kept for the poster, which kaleido renders without WebGL: partners as markers, countries as a choropleth, or flows as great-circle arcs.

Every string that comes from the data is HTML-escaped before it reaches a hover card: plotly renders
a subset of HTML there, and partner names come from files anyone can edit.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Self

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pycountry

from dashboard.figures.escaping import escape
from dashboard.figures.geo import (
    REGION_RING_SCALE,
    WORLD_LAT_RANGE,
    great_circle_paths,
    region_window,
    spread_rings,
)
from dashboard.figures.theme import HOME_SYMBOL, Theme, get_theme, make_figure
from dashboard.i18n import country_label, number, separators, text, value_label
from dashboard.model import TIERS, Institution

MIN_MARKER = 9  # zero-volume partners stay big enough to hover and click
MAX_MARKER = 30
# Arcs wider for more mobility: (share of the largest flow, line width), on a square-root scale.
FLOW_WIDTHS = ((0.0, 1.0), (0.34, 2.4), (0.67, 4.2))


def geo_map(
    partners: pd.DataFrame,
    *,
    layer: str = "partners",
    home: Institution,
    theme: Theme | str = "light",
    selected_id: str | None = None,
    region: str | tuple[str, ...] | None = None,
    country_metric: str = "partners",
    flow_direction: str = "outgoing",
    language: str = "en",
) -> go.Figure:
    """The map figure for the filtered partners (a View's partners: PARTNER_COLUMNS + volume/outgoing/incoming)."""
    theme = get_theme(theme) if isinstance(theme, str) else theme
    traces: list[dict] = []
    placed = partners[partners["lat"].notna() & partners["lon"].notna()]
    # A region zoom shows places about four times closer: a tighter ring keeps partners by their city.
    ring_scale = REGION_RING_SCALE if region_window(region) else 1.0
    if layer == "countries":
        traces.append(_choropleth(partners, theme, country_metric, language))
    elif layer == "flows":
        direction = flow_direction if flow_direction in ("outgoing", "incoming") else "outgoing"
        volume = _column(placed, direction)
        lat, lon = spread_rings(
            placed["lat"].to_numpy(), placed["lon"].to_numpy(), placed["partner_id"].to_numpy(), scale=ring_scale
        )
        traces.extend(_flow_traces(placed, volume, home, theme, direction, language))
        traces.extend(_partner_traces(placed, lat, lon, volume, theme, legend=False, flow=direction, language=language))
    else:
        volume = _column(placed, "volume")
        lat, lon = spread_rings(
            placed["lat"].to_numpy(), placed["lon"].to_numpy(), placed["partner_id"].to_numpy(), scale=ring_scale
        )
        traces.extend(_partner_traces(placed, lat, lon, volume, theme, legend=True, language=language))
        traces.extend(_selection_trace(placed, lat, lon, volume, selected_id, theme))
    traces.append(_home_trace(home, theme, language))
    return make_figure(traces, theme, separators=separators(language), **_layout(theme, region))


def _column(frame: pd.DataFrame, name: str) -> np.ndarray:
    if name in frame:
        return pd.to_numeric(frame[name], errors="coerce").fillna(0).to_numpy(dtype=float)
    return np.zeros(len(frame))


def marker_sizes(
    volume: np.ndarray, scale: float = 1.0, *, smallest: float = MIN_MARKER, largest: float = MAX_MARKER
) -> np.ndarray:
    """Marker diameters in whole pixels: area grows with volume (square-root scale), from `smallest` (no
    mobility) to `largest` (the most shown); all `scale` times that (the theme's marker_scale)."""
    volume = np.clip(np.asarray(volume, dtype=float), 0, None)
    top = volume.max() if len(volume) and volume.max() > 0 else 1.0
    return np.round((smallest + (largest - smallest) * np.sqrt(volume / top)) * scale).astype(np.uint8)


def _coordinates(values: np.ndarray) -> np.ndarray:
    """Degrees rounded to 4 decimals (11 m) as float32: plotly sends numpy arrays as packed binary,
    so 4 bytes a number instead of 8 keep a 1,000-partner map well under the response budget."""
    return np.round(np.asarray(values, dtype=np.float64), 4).astype(np.float32)


# -- partners -------------------------------------------------------------------------------------


def _partner_traces(
    placed, lat, lon, volume, theme: Theme, *, legend: bool, flow: str | None = None, language: str = "en"
) -> list[dict]:
    """One trace per tier and placing (exact or country level): no per-point style arrays to send.

    Under the flows layer (`flow` = direction) the cards are short: the arcs already weigh on the response.
    """
    sizes = marker_sizes(volume, theme.marker_scale)
    tier = placed["tier"].to_numpy(dtype=object)
    country_level = (placed["geo_precision"] == "country").to_numpy()
    cards = hover_fields(placed, language)
    if flow:
        cards = cards[:, [0, 1, 2, 5 if flow == "outgoing" else 6]]
    traces: list[dict] = []
    # Mobility first, strategic last: plotly draws later traces on top.
    for rank, name in reversed(list(enumerate(TIERS, start=1))):
        if legend:
            traces.append(_legend_entry(name, rank, theme, language))
        symbol, colour = theme.tier_symbols[name], theme.tiers[name]
        label = text(f"tier.{name}", language)
        tier_line = text("hover.tier_partner", language, tier=label)
        for hollow in (False, True):
            mask = (tier == name) & (country_level == hollow)
            if not mask.any():
                continue
            # Big markers first inside a trace, so small ones stay on top and clickable.
            order = np.flatnonzero(mask)[np.argsort(-sizes[mask], kind="stable")]
            marker = dict(
                size=sizes[order],
                color=colour,
                opacity=0.92,
                symbol=f"{symbol}-open" if hollow else symbol,
                line=dict(width=2.2, color=colour) if hollow else dict(width=1, color=theme.surface),
            )
            traces.append(
                dict(
                    type="scattergeo",
                    lat=_coordinates(lat[order]),
                    lon=_coordinates(lon[order]),
                    mode="markers",
                    name=label,
                    legendgroup=name,
                    showlegend=False,
                    marker=marker,
                    customdata=cards[order],
                    hovertemplate=(
                        f"<b>%{{customdata[1]}}</b><br>%{{customdata[2]}}<br>{tier_line}<br>"
                        + text(
                            "hover.flow",
                            language,
                            count="%{customdata[3]:,}",
                            direction=text(f"direction.{flow}", language).lower(),
                        )
                        + "<extra></extra>"
                    )
                    if flow
                    else (
                        "<b>%{customdata[1]}</b><br>%{customdata[2]}"
                        + (f"<br><i>{text('hover.country_level', language)}</i>" if hollow else "")
                        + f"<br>{tier_line}<br>%{{customdata[3]}}<br>"
                        + text("hover.agreement", language, years="%{customdata[4]}")
                        + "<br>"
                        + text("hover.mobility", language, outgoing="%{customdata[5]:,}", incoming="%{customdata[6]:,}")
                        + "<extra></extra>"
                    ),
                )
            )
    if legend and country_level.any():
        traces.append(
            dict(
                type="scattergeo",
                lat=[None],
                lon=[None],
                mode="markers",
                name=text("legend.country_level", language),
                legendrank=4,
                marker=dict(symbol="circle-open", size=12, color=theme.muted, line=dict(width=2)),
                hoverinfo="skip",
            )
        )
    return traces


def _legend_entry(tier: str, rank: int, theme: Theme, language: str) -> dict:
    """A fixed legend item per tier: data traces vary in size and split exact from country-level places."""
    return dict(
        type="scattergeo",
        lat=[None],
        lon=[None],
        mode="markers",
        name=text(f"tier.{tier}", language),
        legendgroup=tier,
        legendrank=rank,
        marker=dict(
            symbol=theme.tier_symbols[tier], size=13, color=theme.tiers[tier], line=dict(width=1, color=theme.surface)
        ),
        hoverinfo="skip",
    )


def shared_cards(cards: np.ndarray) -> np.ndarray:
    """`cards` (hover-card fields, all str or int, so immutable) as an array that plotly's deep copies share.

    plotly deep-copies every trace's properties when it builds a figure and again when it serialises it, element by
    element for an object array, and has no public switch for it; the public alternative, a fixed-width string
    array, measured slower still (docs/decisions/0019-figure-sizes-from-the-theme-and-shared-hover-cards.md). So
    the one reach into plotly's copying is here, through Python's copy protocol: a deep copy of the array is a
    shallow one. tests/unit/test_plotly_copies.py fails when plotly stops copying (then this can go) or the
    sharing stops.
    """
    return cards.view(_SharedCards)


class _SharedCards(np.ndarray):
    def __deepcopy__(self, memo: dict[int, Any] | None = None, /) -> Self:
        return self.copy()


def hover_fields(placed: pd.DataFrame, language: str = "en") -> np.ndarray:
    """Per partner: id, name, place, activities, agreement, outgoing, incoming (strings escaped)."""
    start = pd.to_numeric(placed["agreement_start"], errors="coerce").fillna(-1).astype(int).tolist()
    end = pd.to_numeric(placed["agreement_end"], errors="coerce").fillna(-1).astype(int).tolist()
    static = [
        _card(
            str(pid),
            str(name),
            str(city or ""),
            country_label(str(code or ""), language, str(country or "")),
            tuple(acts) if len(acts) else (),
            s,
            e,
            language,
        )
        for pid, name, city, code, country, acts, s, e in zip(
            # Python lists: iterating the Series boxes every value through pandas (5 ms at 1,200 partners).
            *(
                placed[column].tolist()
                for column in ("partner_id", "name", "city", "country", "country_name", "activities")
            ),
            start,
            end,
        )
    ]
    cards = np.empty((len(placed), 7), dtype=object)
    if len(placed):
        cards[:, :5] = np.array(static, dtype=object).reshape(-1, 5)
    cards[:, 5] = _column(placed, "outgoing").astype(int)
    cards[:, 6] = _column(placed, "incoming").astype(int)
    if "outgoing" not in placed and "incoming" not in placed:
        cards[:, 5] = _column(placed, "volume").astype(int)
    return shared_cards(cards)


@lru_cache(maxsize=16384)
def _card(
    pid: str, name: str, city: str, country: str, activities: tuple, start: int, end: int, language: str = "en"
) -> tuple[str, ...]:
    """The parts of a hover card that do not depend on the filter (cached: formatting 1,000 cards costs)."""
    place = escape(", ".join(p for p in (city, country) if p))
    listed = ", ".join(value_label("activity", a, language).lower() for a in activities)
    return (
        pid,
        escape(name),
        place,
        escape(_sentence(listed)) if listed else text("hover.no_activities", language),
        _agreement(start if start >= 0 else None, end if end >= 0 else None, language),
    )


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _agreement(start: int | None, end: int | None, language: str = "en") -> str:
    if start is None and end is None:
        return text("agreement.unknown", language)
    if end is None:
        return text("agreement.since", language, start=start)
    if start is None:
        return text("agreement.until", language, end=end)
    return f"{start}\u2013{end}"


def _selection_trace(placed, lat, lon, volume, selected_id, theme: Theme) -> list[dict]:
    if not selected_id:
        return []
    hit = np.flatnonzero(placed["partner_id"].astype(str).to_numpy() == str(selected_id))
    if not len(hit):
        return []
    i = hit[0]
    size = (float(marker_sizes(volume)[i]) + 14) * theme.marker_scale
    return [
        dict(
            type="scattergeo",
            lat=[round(float(lat[i]), 4)],
            lon=[round(float(lon[i]), 4)],
            mode="markers+text",
            showlegend=False,
            name="Selected",
            text=[escape(str(placed["name"].iloc[i]))],
            textposition="top center",
            textfont=dict(size=theme.font_size, color=theme.text),
            marker=dict(symbol="circle-open", size=size, color=theme.highlight, line=dict(width=3)),
            hoverinfo="skip",
        )
    ]


def _home_trace(home: Institution, theme: Theme, language: str = "en") -> dict:
    name = escape(home.short_name or home.name)
    return dict(
        type="scattergeo",
        lat=[round(home.lat, 4)],
        lon=[round(home.lon, 4)],
        mode="markers",
        name=text("legend.home", language, name=name),
        legendrank=0,
        marker=dict(
            symbol=HOME_SYMBOL, size=theme.home_marker_size, color=theme.home, line=dict(width=1.5, color=theme.surface)
        ),
        hovertemplate=f"<b>{escape(home.name)}</b><br>{escape(home.city)} \u00b7 {text('hover.home', language)}"
        "<extra></extra>",
    )


# -- countries ------------------------------------------------------------------------------------


@lru_cache(maxsize=512)
def iso3(iso2: str) -> str | None:
    if iso2 == "XK":
        return "XKX"
    country = pycountry.countries.get(alpha_2=str(iso2).upper())
    return country.alpha_3 if country else None


def choropleth_rows(partners: pd.DataFrame, metric: str, language: str = "en") -> tuple[pd.DataFrame, np.ndarray, str]:
    """(one row per country with iso3/partners/mobility, hover customdata, the metric's title): both maps' choropleth."""
    by_country = (
        partners.assign(volume=_column(partners, "volume"))
        .groupby("country", sort=True)
        .agg(name=("country_name", "first"), partners=("partner_id", "size"), mobility=("volume", "sum"))
        .reset_index()
    )
    by_country["iso3"] = [iso3(c) for c in by_country["country"]]
    by_country = by_country[by_country["iso3"].notna()]
    metric = metric if metric in ("partners", "mobility") else "partners"
    customdata = np.array(
        list(
            zip(
                by_country["country"],
                [
                    escape(country_label(str(c), language, str(n or c)))
                    for c, n in zip(by_country["country"], by_country["name"])
                ],
                by_country["partners"].astype(int),
                by_country["mobility"].astype(int),
            )
        ),
        dtype=object,
    ).reshape(-1, 4)
    return by_country, customdata, text(f"metric.{metric}", language)


def _choropleth(partners: pd.DataFrame, theme: Theme, metric: str, language: str = "en") -> dict:
    by_country, customdata, title = choropleth_rows(partners, metric, language)
    metric = metric if metric in ("partners", "mobility") else "partners"
    return dict(
        type="choropleth",
        locations=by_country["iso3"].tolist(),
        locationmode="ISO-3",
        z=by_country[metric].astype(int).tolist(),
        colorscale=[list(stop) for stop in theme.sequential],
        customdata=customdata,
        marker=dict(line=dict(color=theme.country_border, width=0.6)),
        **choropleth_legend(title, theme, language, by_country[metric].astype(int).tolist()),
    )


def choropleth_legend(title: str, theme: Theme, language: str, z: list[int]) -> dict:
    """The countries layer's colour range, colour bar and hover card, alike on the SVG map and on MapLibre's.

    The range runs from 0 (plotly ignores a zmin without a zmax, and one partner per country read "0.6 to 1.4")
    in whole steps of 1, 2 or 5 times a power of ten: counts of partners and mobilities have no fractions.
    """
    top = max([1, *z])
    step = next(s * 10**k for k in range(12) for s in (1, 2, 5) if s * 10**k * 5 >= top)
    return dict(
        zmin=0,
        zmax=top,
        colorbar=dict(
            title=dict(text=title, font=dict(color=theme.text)),
            thickness=14,
            len=0.55,
            x=0.99,
            outlinewidth=0,
            tickfont=dict(color=theme.muted),
            tick0=0,
            dtick=step,
        ),
        hovertemplate=(
            "<b>%{customdata[1]}</b><br>"
            + text("hover.partners", language, count="%{customdata[2]}")
            + "<br>"
            + text("hover.mobilities_in_filter", language, count="%{customdata[3]:,}")
            + "<extra></extra>"
        ),
        name=title,
        showlegend=False,
    )


# -- flows ----------------------------------------------------------------------------------------


def _flow_traces(placed, volume, home: Institution, theme: Theme, direction: str, language: str = "en") -> list[dict]:
    """Arcs from home to each place with mobility, wider for more; partners in one city share one arc."""
    flows = (
        pd.DataFrame(
            {"lat": placed["lat"].round(3).to_numpy(), "lon": placed["lon"].round(3).to_numpy(), "volume": volume}
        )
        .query("volume > 0")
        .groupby(["lat", "lon"], as_index=False, sort=True)["volume"]
        .sum()
    )
    if flows.empty:
        return []
    amount = flows["volume"].to_numpy()
    share = np.sqrt(amount / amount.max())
    traces = []
    bounds = [*[low for low, _ in FLOW_WIDTHS[1:]], np.inf]
    for (low, width), high in zip(FLOW_WIDTHS, bounds):
        mask = (share >= low) & (share < high)
        if not mask.any():
            continue
        arc_lat, arc_lon = great_circle_paths(
            (home.lat, home.lon), flows["lat"].to_numpy()[mask], flows["lon"].to_numpy()[mask]
        )
        smallest, largest = int(amount[mask].min()), int(amount[mask].max())
        span = (
            number(smallest, language)
            if smallest == largest
            else f"{number(smallest, language)}\u2013{number(largest, language)}"
        )
        traces.append(
            dict(
                type="scattergeo",
                lat=arc_lat,
                lon=arc_lon,
                mode="lines",
                name=f"{text(f'direction.{direction}', language)}: {span}",
                legendgroup="flows",
                line=dict(width=width, color=theme.directions[direction]),
                opacity=theme.flow_opacity,
                hoverinfo="skip",
                connectgaps=False,
            )
        )
    return traces


# -- layout ---------------------------------------------------------------------------------------


def _layout(theme: Theme, region) -> dict:
    window = region_window(region)
    lon_range, lat_range = window if window else ((-180.0, 180.0), WORLD_LAT_RANGE)
    revision = (
        "world"
        if window is None
        else "region:" + ",".join(sorted(region if not isinstance(region, str) else (region,)))
    )
    fine = window is not None and lon_range[1] - lon_range[0] <= 90
    return dict(
        revision=revision,
        margin=dict(l=0, r=0, t=0, b=0),
        legend=dict(
            orientation="h",
            x=0.01,
            y=0.01,
            xanchor="left",
            yanchor="bottom",
            traceorder="normal",
            bgcolor=_translucent(theme.surface),
            font=dict(size=theme.legend_font_size),
        ),
        clickmode="event",
        dragmode="pan",
        geo=dict(
            projection=dict(type="natural earth"),
            fitbounds=False,
            resolution=50 if fine else 110,
            lonaxis=dict(range=list(lon_range)),
            lataxis=dict(range=list(lat_range)),
            showland=True,
            landcolor=theme.land,
            showocean=True,
            oceancolor=theme.ocean,
            showlakes=True,
            lakecolor=theme.ocean,
            showcountries=True,
            countrycolor=theme.country_border,
            countrywidth=0.6,
            showcoastlines=True,
            coastlinecolor=theme.coastline,
            coastlinewidth=0.6,
            showframe=False,
            bgcolor="rgba(0,0,0,0)",
            uirevision=revision,
        ),
    )


def _translucent(hex_colour: str, alpha: float = 0.8) -> str:
    value = hex_colour.lstrip("#")
    r, g, b = (int(value[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"
