"""What each chart shows, in words and as a table: the text alternative a screen reader reads and the
"show as table" toggle displays. Frames in (the same stats the figures draw), plain strings out; no Dash."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from dashboard.i18n import country_label, number, text, value_label
from dashboard.model import DIRECTIONS, PARTICIPANTS, TIERS

LISTED = 3  # names a "top" summary reads out; the table has them all


@dataclass(frozen=True)
class ChartText:
    summary: str  # one or two sentences
    header: tuple[str, ...] = ()  # the table's column names
    rows: tuple[tuple[str, ...], ...] = field(default=())  # its cells, numbers written for the language


def pyramid_text(tier_counts: dict[str, int], language: str = "en") -> ChartText:
    counts = {tier: int(tier_counts.get(tier, 0)) for tier in TIERS}
    if not any(counts.values()):
        return ChartText(text("empty.partners", language))
    summary = text("summary.pyramid", language, **{tier: number(count, language) for tier, count in counts.items()})
    rows = tuple((value_label("tier", tier, language), number(count, language)) for tier, count in counts.items())
    return ChartText(summary, (text("tier", language), text("count.partners", language)), rows)


def trend_text(by_year: pd.DataFrame, language: str = "en") -> ChartText:
    """The busiest series from its first to its last year ("Outgoing students rose from 690 in 2019-2020 to ...")."""
    years = list(dict.fromkeys(by_year["academic_year"].astype(str)))
    if not years:
        return ChartText(text("empty.years", language))
    table = (
        by_year.assign(academic_year=by_year["academic_year"].astype(str))
        .pivot_table(
            index="academic_year",
            columns=["direction", "participant"],
            values="count",
            aggfunc="sum",
            fill_value=0,
            observed=False,
        )
        .reindex(years, fill_value=0)
    )
    series = [(d, p) for d in DIRECTIONS for p in PARTICIPANTS]
    counts = {key: [int(table[key][year]) if key in table.columns else 0 for year in years] for key in series}
    busiest = max(series, key=lambda key: (sum(counts[key]), -series.index(key)))
    first, last = counts[busiest][0], counts[busiest][-1]
    name = text(f"trend.{busiest[0]}.{busiest[1]}", language)
    if len(years) == 1:
        summary = text("summary.trend.one", language, series=name, count=number(first, language), year=years[0])
    else:
        change = "rose" if last > first else "fell" if last < first else "same"
        summary = text(
            f"summary.trend.{change}",
            language,
            series=name,
            first=number(first, language),
            last=number(last, language),
            start=years[0],
            end=years[-1],
        )
    header = (text("detail.year", language), *(text(f"trend.{d}.{p}", language) for d, p in series))
    rows = tuple((year, *(number(counts[key][i], language) for key in series)) for i, year in enumerate(years))
    return ChartText(summary, header, rows)


def split_text(
    table: pd.DataFrame, category: str, label_prefix: str | None, language: str = "en", *, heading: str = ""
) -> ChartText:
    """Outgoing and incoming per duration or campus (stats.mobility_by_duration / _by_campus); `heading` names
    the first column."""
    if table.empty or not int(table["count"].sum()):
        return ChartText(text("empty.mobility", language))
    sums = table.pivot_table(
        index=category, columns="direction", values="count", aggfunc="sum", fill_value=0, observed=True
    )
    rows = []
    for value in sums.index:
        counts = [int(sums[d][value]) if d in sums.columns else 0 for d in DIRECTIONS]
        label = value_label(label_prefix, value, language) if label_prefix else str(value)
        rows.append((label, *(number(c, language) for c in counts)))
    summary = "; ".join(
        text("summary.split", language, category=label, outgoing=outgoing, incoming=incoming)
        for label, outgoing, incoming in rows
    )
    return ChartText(summary, (heading, *(text(f"direction.{d}", language) for d in DIRECTIONS)), tuple(rows))


def top_countries_text(top: pd.DataFrame, language: str = "en") -> ChartText:
    if top.empty:
        return ChartText(text("empty.partners", language))
    names = [country_label(code, language, name) for code, name in zip(top["country"], top["country_name"])]
    listed = ", ".join(f"{name} ({number(count, language)})" for name, count in zip(names[:LISTED], top["partners"]))
    rows = tuple(
        (name, number(p, language), number(m, language)) for name, p, m in zip(names, top["partners"], top["mobility"])
    )
    return ChartText(
        text("summary.top_countries", language, countries=listed),
        (text("col.country", language), text("count.partners", language), text("count.mobilities", language)),
        rows,
    )


def top_partners_text(top: pd.DataFrame, language: str = "en") -> ChartText:
    if top.empty:
        return ChartText(text("empty.mobility", language))
    listed = ", ".join(
        f"{name} ({number(count, language)})" for name, count in zip(top["name"][:LISTED], top["mobility"][:LISTED])
    )
    rows = tuple(
        (str(name), number(out, language), number(inc, language))
        for name, out, inc in zip(top["name"], top["outgoing"], top["incoming"])
    )
    return ChartText(
        text("summary.top_partners", language, partners=listed),
        (text("col.name", language), *(text(f"direction.{d}", language) for d in DIRECTIONS)),
        rows,
    )


def map_text(partners_shown: int, language: str = "en") -> ChartText:
    """The map's summary; the partner table below it is the map's table."""
    if not partners_shown:
        return ChartText(text("empty.partners", language))
    return ChartText(text("summary.map", language, count=partners_shown))
