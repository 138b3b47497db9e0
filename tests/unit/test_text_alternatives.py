"""Each chart's text alternative: a sentence a screen reader reads, and the numbers its table shows."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import ids, stats
from dashboard.callbacks.views import render_views
from dashboard.figures import text_alternatives as alt
from dashboard.filters import FilterState, apply
from tests.factories import make_dataset


def by_year(rows):
    return pd.DataFrame(rows, columns=["academic_year", "direction", "participant", "count"])


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Outgoing students rose from 690 in 2019-2020 to 1,010 in 2024-2025"),
        ("nl", "Uitgaande studenten: gestegen van 690 in 2019-2020 tot 1.010 in 2024-2025"),
        ("de", "Ausgehende Studierende: gestiegen von 690 im Jahr 2019-2020 auf 1.010 im Jahr 2024-2025"),
    ],
)
def test_the_trend_says_how_the_busiest_series_changed(language, expected):
    table = by_year(
        [
            ("2019-2020", "outgoing", "student", 690),
            ("2019-2020", "incoming", "staff", 40),
            ("2024-2025", "outgoing", "student", 1010),
            ("2024-2025", "incoming", "staff", 50),
        ]
    )
    result = alt.trend_text(table, language)
    assert result.summary == expected
    assert [row[0] for row in result.rows] == ["2019-2020", "2024-2025"]
    assert len(result.header) == 5 and all(len(row) == 5 for row in result.rows)


@pytest.mark.parametrize(("counts", "word"), [((50, 20), "fell"), ((20, 20), "stayed at")])
def test_the_trend_says_fell_or_stayed(counts, word):
    table = by_year([("2021-2022", "incoming", "staff", counts[0]), ("2022-2023", "incoming", "staff", counts[1])])
    assert word in alt.trend_text(table).summary


def test_every_chart_has_a_summary_and_a_table_in_the_current_filter():
    dataset = make_dataset()
    views = render_views(dataset, "?country=FI", language="en")
    view = apply(FilterState.from_query("?country=FI", dataset), dataset)
    assert set(views.texts) == set(ids.CHARTS)
    assert views.texts[ids.TIER_PYRAMID].summary == "1 strategic, 0 collaboration and 1 mobility partners"
    assert views.texts[ids.WORLD_MAP].summary.startswith(f"{len(view.partners)} partners on the map")
    top = stats.top_countries(view.partners, view.mobility)
    assert views.texts[ids.TOP_COUNTRIES].summary.startswith(f"Most partners in {top['country_name'].iloc[0]} (")
    assert all(views.texts[graph_id].rows for graph_id in ids.TABLED_CHARTS)


def test_an_empty_filter_says_so_instead_of_an_empty_table():
    views = render_views(make_dataset(), "?query=zzzzzz", language="fr")
    assert views.texts[ids.TIER_PYRAMID].summary == "Aucun partenaire dans ce filtre"
    assert not views.texts[ids.TOP_PARTNERS].rows
