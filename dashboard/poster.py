"""A printable summary of one filter: map, tier pyramid, mobility trend and key figures in one PNG.

The figure is built from the dashboard's own figure functions, placed side by side in one plotly figure,
its map the SVG geo map (figures/geo_map): kaleido answers "Error 525: Map error." for the dashboard's MapLibre
map (WebGL, and a style read from the running app; docs/decisions/0013-map-renderer.md),
and rendered by kaleido in the system's Chromium. Offline by construction: plotly.js and the world outlines
are local files, MathJax (which kaleido otherwise loads from a CDN) is switched off, Chromium's proxy points
at a closed local port so any stray request fails at once, and a missing browser is an error, never a download.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

import plotly

from dashboard import stats
from dashboard.config import default_assets_dir
from dashboard.exports import filter_description, label
from dashboard.figures import get_theme, mobility_trend, tier_pyramid
from dashboard.figures.escaping import escape
from dashboard.figures.geo_map import geo_map
from dashboard.figures.graph_config import graph_config
from dashboard.figures.theme import Theme
from dashboard.filters import FilterState, View, apply
from dashboard.i18n import number, text
from dashboard.model import PARTICIPANTS, Dataset

A4_LANDSCAPE_300DPI = (3508, 2480)
# Every size below is in layout pixels of an A4 page 1754 wide; the PNG is that page scaled to the asked width,
# so a smaller poster is the same picture, smaller.
PAGE_WIDTH = 1754
POSTER_FONT_SIZE = 22
BROWSER_CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# A port nothing listens on: with Chromium's proxy pointed here, any request for the web fails immediately.
NO_NETWORK_PROXY = "http://127.0.0.1:9"
RENDER_TIMEOUT_S = 120


class PosterError(RuntimeError):
    """The poster could not be rendered; the message says why and what to do."""


# -- the figure ---------------------------------------------------------------------------------

# Regions of the page as (x0, x1, y0, y1) paper fractions; the page has no margins, these leave them.
HEADER = (0.0, 1.0, 0.885, 1.0)
# The map rows are as tall as a world map of that width needs: plotly centres a map in a taller box.
WORLD = (0.025, 0.585, 0.475, 0.835)
EUROPE = (0.605, 0.975, 0.475, 0.835)
FULL_MAP = (0.025, 0.975, 0.475, 0.835)
FIGURES = (0.025, 0.215, 0.03, 0.385)
PYRAMID = (0.22, 0.515, 0.06, 0.375)
TREND = (0.565, 0.975, 0.075, 0.31)
SECTION_Y = 0.395


def poster_spec(
    dataset: Dataset,
    state: FilterState,
    *,
    aspect: float = A4_LANDSCAPE_300DPI[0] / A4_LANDSCAPE_300DPI[1],
    language: str = "en",
    theme: Theme | str = "light",
    day: date | None = None,
    topojson_url: str | None = None,
    view: View | None = None,
) -> dict:
    """The whole poster as one plotly figure spec (data, layout, config) on a page PAGE_WIDTH layout pixels wide.

    `aspect` is width / height of the page; render_png scales the page to the pixels asked for.
    Without a region filter the world map gets a Europe inset, where most partners crowd together.
    """
    base = get_theme(theme) if isinstance(theme, str) else theme
    # Lines and points a print of the trend keeps, at the poster's type size.
    look = replace(base, font_size=POSTER_FONT_SIZE, trend_line_width=4, trend_marker_size=11)
    view = view or apply(state, dataset)
    institution = dataset.institution
    data: list[dict] = []
    annotations: list[dict] = []
    shapes: list[dict] = [
        dict(
            type="rect",
            xref="paper",
            yref="paper",
            x0=0,
            x1=1,
            y0=HEADER[2],
            y1=1,
            fillcolor=look.text if base.name == "light" else look.surface,
            line=dict(width=0),
            layer="below",
        )
    ]
    layout: dict = {}

    inset = not state.regions and bool((view.partners["region"] == "Europe").any())
    main = WORLD if inset else FULL_MAP
    maps = [("geo", main, state.regions or None, True)] + ([("geo2", EUROPE, "Europe", False)] if inset else [])
    for geo_id, box, region, with_legend in maps:
        figure = geo_map(view.partners, home=institution, theme=look, region=region, language=language).to_plotly_json()
        for trace in figure["data"]:
            trace = {**trace, "geo": geo_id}
            if not with_legend:
                trace["showlegend"] = False
            data.append(trace)
        layout[geo_id] = {
            **figure["layout"]["geo"],
            "domain": dict(x=list(box[:2]), y=list(box[2:])),
            "showocean": False,
            "showlakes": False,
            "bgcolor": "rgba(0,0,0,0)",
            "countrywidth": 0.8,
            "coastlinewidth": 0.8,
        }
    layout["legend"] = dict(
        orientation="h",
        x=main[0],
        y=main[2] - 0.012,
        xanchor="left",
        yanchor="top",
        font=dict(size=POSTER_FONT_SIZE - 1, color=look.text),
        bgcolor="rgba(0,0,0,0)",
        itemsizing="constant",
        traceorder="normal",
    )
    regions = ", ".join(label("regions", r, language) for r in state.regions)
    map_title = text("poster.map_region", language, regions=regions) if state.regions else text("poster.map", language)
    annotations.append(_section(escape(map_title), main[0], main[3] + 0.01, look))
    if inset:
        annotations.append(_section(text("poster.europe", language), EUROPE[0], main[3] + 0.01, look))

    # The pyramid on the first cartesian axes (its shapes refer to x and y).
    pyramid = tier_pyramid(view.tier_counts, theme=look, selected=state.tiers, language=language).to_plotly_json()
    for trace in pyramid["data"]:
        trace = {**trace, "xaxis": "x", "yaxis": "y", "hoverinfo": "skip"}
        trace["textfont"] = {**trace.get("textfont", {}), "size": POSTER_FONT_SIZE - 1}
        data.append(trace)
    shapes.extend(pyramid["layout"].get("shapes", []))
    # automargin off everywhere: the page has no margins to grow, and a grown one shifts every region.
    layout["xaxis"] = {**pyramid["layout"]["xaxis"], "domain": list(PYRAMID[:2]), "anchor": "y", "automargin": False}
    layout["yaxis"] = {**pyramid["layout"]["yaxis"], "domain": list(PYRAMID[2:]), "anchor": "x", "automargin": False}
    annotations.append(_section(text("poster.tiers", language), PYRAMID[0], SECTION_Y, look))

    # The trend on the second axes, with its own legend above it.
    if view.years and stats.headline_counts(view)["mobilities"]:
        trend = mobility_trend(
            stats.mobility_by_year(view.totals, view.years), theme=look, language=language
        ).to_plotly_json()
        outgoing = {text(f"trend.outgoing.{p}", language) for p in PARTICIPANTS}
        for trace in trend["data"]:
            legend = "legend2" if trace.get("name") in outgoing else "legend3"
            data.append(
                {
                    **trace,
                    "xaxis": "x2",
                    "yaxis": "y2",
                    "legend": legend,
                }
            )
        ticks = dict(size=POSTER_FONT_SIZE - 3, color=look.muted)
        layout["xaxis2"] = {
            **trend["layout"]["xaxis"],
            "domain": list(TREND[:2]),
            "anchor": "y2",
            "tickfont": ticks,
            "automargin": False,
            "range": [-0.5, len(view.years) - 0.5],
        }
        layout["yaxis2"] = {
            **trend["layout"]["yaxis"],
            "domain": list(TREND[2:]),
            "anchor": "x2",
            "nticks": 5,
            "tickfont": ticks,
            "gridcolor": look.grid,
            "tickformat": ",",
            "automargin": False,
        }
        # Outgoing on one row and incoming on the next: one row would run off the page at poster font sizes.
        # (Two legends rather than entrywidth: plotly.js 4.1 lays out every legend wrong when one sets it.)
        for name, y in (("legend2", TREND[3] + 0.036), ("legend3", TREND[3] + 0.006)):
            layout[name] = dict(
                orientation="h",
                x=TREND[0],
                y=y,
                xanchor="left",
                yanchor="bottom",
                font=dict(size=POSTER_FONT_SIZE - 2, color=look.text),
                bgcolor="rgba(0,0,0,0)",
            )
    else:
        annotations.append(
            _text(
                text("empty.mobility", language),
                (TREND[0] + TREND[1]) / 2,
                (TREND[2] + TREND[3]) / 2,
                size=POSTER_FONT_SIZE,
                color=look.muted,
                xanchor="center",
                yanchor="middle",
            )
        )
    annotations.append(_section(text("poster.trend", language), TREND[0], SECTION_Y, look))

    annotations.append(_section(text("poster.figures", language), FIGURES[0], SECTION_Y, look))
    annotations.extend(_key_figures(view, language, look))
    annotations.extend(_header(institution.name, filter_description(state, language), language, look, day))
    home = escape(institution.short_name or institution.name)
    annotations.append(
        _text(
            text("poster.note", language, home=home),
            0.025,
            0.012,
            size=POSTER_FONT_SIZE - 5,
            color=look.muted,
            yanchor="bottom",
        )
    )

    layout.update(
        template=pyramid["layout"]["template"],
        width=PAGE_WIDTH,
        height=round(PAGE_WIDTH / aspect, 3),
        margin=dict(l=0, r=0, t=0, b=0, pad=0),
        paper_bgcolor=look.surface if base.name == "light" else look.background,
        plot_bgcolor="rgba(0,0,0,0)",
        font=dict(family=look.font_family, size=POSTER_FONT_SIZE, color=look.text),
        showlegend=True,
        shapes=shapes,
        annotations=annotations,
        hovermode=False,
    )
    # plotly.js reads the outlines from the config's topojsonURL: the local copy, never the CDN.
    config = graph_config(topojson_url or topojson_folder_url(), static=True)
    return {"data": data, "layout": layout, "config": config}


def _section(title: str, x: float, y: float, look: Theme) -> dict:
    return _text(title, x, y, size=POSTER_FONT_SIZE + 6, color=look.text, bold=True, yanchor="bottom")


def _text(
    value: str,
    x: float,
    y: float,
    *,
    size: int,
    color: str,
    bold: bool = False,
    xanchor: str = "left",
    yanchor: str = "top",
) -> dict:
    return dict(
        text=f"<b>{value}</b>" if bold else value,
        x=x,
        y=y,
        xref="paper",
        yref="paper",
        showarrow=False,
        xanchor=xanchor,
        yanchor=yanchor,
        align=xanchor if xanchor != "center" else "center",
        font=dict(size=size, color=color),
    )


def _header(name: str, description: str, language: str, look: Theme, day: date | None) -> list[dict]:
    on_band = "#ffffff" if look.name == "light" else look.text
    soft = "#d8dee6" if look.name == "light" else look.muted
    middle = (HEADER[2] + HEADER[3]) / 2
    day = day or date.today()
    return [
        _text(
            f"{escape(name)} \u00b7 {text('poster.heading', language)}",
            0.025,
            middle + 0.004,
            size=50,
            color=on_band,
            bold=True,
            yanchor="bottom",
        ),
        _text(escape(_shorten(description, 115)), 0.025, middle - 0.006, size=POSTER_FONT_SIZE + 5, color=soft),
        _text(
            text("poster.made", language, day=day.isoformat()),
            0.975,
            0.012,
            size=POSTER_FONT_SIZE - 5,
            color=look.muted,
            xanchor="right",
            yanchor="bottom",
        ),
    ]


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def _key_figures(view: View, language: str, look: Theme) -> list[dict]:
    counts = stats.headline_counts(view)
    years = ""
    if view.years:
        years = (
            view.years[0]
            if len(view.years) == 1
            else text("poster.years", language, start=view.years[0], end=view.years[-1])
        )
    items = [
        (counts["partners"], text("poster.partners", language), "", look.tiers["collaboration"]),
        (counts["countries"], text("poster.countries", language), "", look.tiers["mobility"]),
        (counts["mobilities"], text("poster.mobilities", language), years, look.tiers["strategic"]),
    ]
    annotations = []
    row = (FIGURES[3] - FIGURES[2]) / len(items)
    for index, (value, caption, detail, colour) in enumerate(items):
        top = FIGURES[3] - index * row
        annotations.append(_text(number(value, language), FIGURES[0], top, size=58, color=colour, bold=True))
        annotations.append(_text(caption, FIGURES[0], top - 0.056, size=POSTER_FONT_SIZE, color=look.text))
        if detail:
            annotations.append(_text(detail, FIGURES[0], top - 0.079, size=POSTER_FONT_SIZE - 5, color=look.muted))
    return annotations


# -- rendering ----------------------------------------------------------------------------------


def topojson_folder_url(assets_dir: Path | None = None) -> str:
    """file:// URL of the local world outlines (assets/topojson), ending in a slash as plotly.js expects."""
    folder = Path(assets_dir or default_assets_dir()) / "topojson"
    if not (folder / "world_110m.json").is_file():
        raise PosterError(
            f"the world outlines are missing: expected {folder / 'world_110m.json'}; "
            "reinstall Partner Atlas, or set PARTNER_ATLAS_ASSETS_DIR to a folder holding topojson/"
        )
    return folder.resolve().as_uri() + "/"


def find_browser(explicit: str | Path | None = None) -> str:
    """The Chromium or Chrome to render with: the given path, else the system's. Never downloads one."""
    if explicit:
        if Path(explicit).is_file():
            return str(explicit)
        raise PosterError(f"no browser at {explicit}: give the path of Chromium or Chrome")
    for candidate in BROWSER_CANDIDATES:
        found = candidate if Path(candidate).is_file() else shutil.which(candidate)
        if found:
            return str(found)
    raise PosterError(
        "no Chromium or Chrome found: install one (Debian/Ubuntu: apt install chromium) "
        "or pass --browser PATH; Partner Atlas never downloads a browser"
    )


def kaleido_page():
    """kaleido's page with local scripts only: plotly.js from the plotly package and no MathJax (a CDN script)."""
    from kaleido import PageGenerator

    return PageGenerator(plotly=plotly_bundle().as_uri(), mathjax=False)


def plotly_bundle() -> Path:
    """The plotly.js file inside the plotly package. kaleido loads a script by path, and plotly's public
    `plotly.offline.get_plotlyjs()` gives only its text, so this names plotly's package_data by path (as kaleido
    itself does); tests/unit/test_poster.py fails when that file stops being the bundle plotly serves."""
    return Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


def render_png(
    spec: dict, width: int, height: int, *, browser: str | Path | None = None, timeout: float = RENDER_TIMEOUT_S
) -> bytes:
    """PNG bytes of a figure spec at exactly width x height pixels (its layout scaled, not re-laid out)."""
    import kaleido

    spec = {"data": spec["data"], "layout": spec["layout"], "config": dict(spec.get("config") or {})}
    layout_width = spec["layout"].get("width") or PAGE_WIDTH
    scale = width / layout_width
    options = dict(format="png", width=layout_width, height=height / scale, scale=scale)
    try:
        return kaleido.calc_fig_sync(
            spec,
            opts=options,
            topojson=spec["config"].get("topojsonURL"),
            kopts=dict(
                path=find_browser(browser),
                page_generator=kaleido_page(),
                timeout=timeout,
                proxy_server=NO_NETWORK_PROXY,
            ),
        )
    except PosterError:
        raise
    except Exception as error:  # kaleido wraps browser and JavaScript failures in several exception types
        raise PosterError(f"rendering the poster failed in Chromium: {error}") from error


def render_poster(
    dataset: Dataset,
    state: FilterState,
    output: Path,
    *,
    width: int = A4_LANDSCAPE_300DPI[0],
    height: int = A4_LANDSCAPE_300DPI[1],
    language: str = "en",
    theme: str = "light",
    assets_dir: Path | None = None,
    browser: str | Path | None = None,
    day: date | None = None,
) -> Path:
    """Write the poster of `state` as a width x height PNG (A4 landscape at 300 dpi by default) and return its path."""
    if width < 200 or height < 150:
        raise PosterError(f"a poster of {width}x{height} pixels is too small to read: use at least 200x150")
    spec = poster_spec(
        dataset,
        state,
        aspect=width / height,
        language=language,
        theme=theme,
        day=day,
        topojson_url=topojson_folder_url(assets_dir),
    )
    png = render_png(spec, width, height, browser=browser)
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(png)
    return output
