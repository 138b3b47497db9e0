"""The aggregates a dataset precomputes (Dataset.indexes) against numbers worked out by hand on a tiny table.

Three partners and seven mobility rows, small enough to add up on paper:

    row  year       partner  direction  participant  duration    campus   count
    1    2021-2022  A        outgoing   student      semester    Leuven   3
    2    2021-2022  A        outgoing   student      semester    Leuven   2    (same kind as row 1)
    3    2022-2023  A        incoming   staff        short_term  Limburg  4
    4    2022-2023  B        outgoing   student      short_term  Leuven   1
    5    2023-2024  B        incoming   student      semester    Limburg  6
    6    2023-2024  C        outgoing   staff        semester    Limburg  0
    7    2023-2024  ghost    outgoing   student      semester    Leuven   9    (not in the partner list)

A is strategic in the Netherlands (its agreement names Leuven), B a mobility partner in Finland, C a collaboration
partner in Kenya; B and C name no campus in their agreements.
"""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import stats
from dashboard.callbacks.views import render_views
from dashboard.components.partner_table import table_rows
from dashboard.filters import FilterState, apply
from dashboard.model import compact_mobility
from tests.factories import make_dataset, make_partner

ROWS = [
    ("2021-2022", "A", "outgoing", "student", "semester", "Leuven", 3),
    ("2021-2022", "A", "outgoing", "student", "semester", "Leuven", 2),
    ("2022-2023", "A", "incoming", "staff", "short_term", "Limburg", 4),
    ("2022-2023", "B", "outgoing", "student", "short_term", "Leuven", 1),
    ("2023-2024", "B", "incoming", "student", "semester", "Limburg", 6),
    ("2023-2024", "C", "outgoing", "staff", "semester", "Limburg", 0),
    ("2023-2024", "ghost", "outgoing", "student", "semester", "Leuven", 9),
]


@pytest.fixture(scope="module", params=["text columns", "categorical columns (as load_dataset keeps them)"])
def dataset(request):
    partners = [
        make_partner(
            partner_id="A",
            name="Alpha University",
            tier="strategic",
            country="NL",
            country_name="Netherlands",
            campuses=("Leuven",),
            agreement_start=2018,
            agreement_end=None,
        ),
        make_partner(
            partner_id="B",
            name="Beta College",
            tier="mobility",
            country="FI",
            country_name="Finland",
            campuses=(),
            agreement_start=2020,
            agreement_end=2024,
        ),
        make_partner(
            partner_id="C",
            name="Gamma Institute",
            tier="collaboration",
            country="KE",
            country_name="Kenya",
            region="Africa",
            campuses=(),
            agreement_start=2023,
            agreement_end=None,
        ),
    ]
    mobility = [
        {
            "academic_year": y,
            "year": int(y[:4]),
            "partner_id": p,
            "direction": d,
            "participant": w,
            "duration": u,
            "campus": c,
            "count": n,
        }
        for y, p, d, w, u, c, n in ROWS
    ]
    dataset = make_dataset(partners=partners, mobility=mobility)
    if request.param.startswith("categorical"):
        dataset.mobility = compact_mobility(dataset.mobility)
    return dataset


def volumes(view) -> dict[str, tuple[int, int, int]]:
    frame = view.partners.set_index("partner_id")
    return {pid: (int(r.volume), int(r.outgoing), int(r.incoming)) for pid, r in frame.iterrows()}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Unfiltered: A = 3 + 2 + 4 (out 5, in 4), B = 1 + 6 (out 1, in 6), C = 0; the ghost's 9 count nowhere.
        ("", {"A": (9, 5, 4), "B": (7, 1, 6), "C": (0, 0, 0)}),
        ("?direction=incoming", {"A": (4, 0, 4), "B": (6, 0, 6), "C": (0, 0, 0)}),
        ("?participant=staff", {"A": (4, 0, 4), "B": (0, 0, 0), "C": (0, 0, 0)}),
        # From 2022-2023: rows 3 to 6; every agreement overlaps (B ends in 2024, C starts in 2023).
        ("?from=2022-2023", {"A": (4, 0, 4), "B": (7, 1, 6), "C": (0, 0, 0)}),
        # Up to 2021-2022: only rows 1 and 2; C's agreement starts in 2023, so C drops out.
        ("?to=2021-2022", {"A": (5, 5, 0), "B": (0, 0, 0)}),
        # Leuven: A by its agreement, B by row 4; C has only Limburg mobility. Volumes count Leuven rows only.
        ("?campus=Leuven", {"A": (5, 5, 0), "B": (1, 1, 0)}),
        # Limburg: A (row 3), B (row 5) and C, whose one row counts 0 but still ties it to the campus.
        ("?campus=Limburg", {"A": (4, 0, 4), "B": (6, 0, 6), "C": (0, 0, 0)}),
        ("?country=FI&participant=student&direction=outgoing", {"B": (1, 1, 0)}),
        ("?tier=strategic,collaboration&from=2023-2024", {"A": (0, 0, 0), "C": (0, 0, 0)}),
    ],
)
def test_partner_volumes_are_the_rows_added_by_hand(dataset, query, expected):
    assert volumes(apply(FilterState.from_query(query, dataset), dataset)) == expected


def by_year(view) -> dict[tuple[str, str, str], int]:
    table = stats.mobility_by_year(view.totals, view.years)
    return {key: n for key, n in table.set_index(["academic_year", "direction", "participant"])["count"].items() if n}


def test_trend_per_year_direction_and_participant(dataset):
    view = apply(FilterState(), dataset)
    assert by_year(view) == {
        ("2021-2022", "outgoing", "student"): 5,
        ("2022-2023", "incoming", "staff"): 4,
        ("2022-2023", "outgoing", "student"): 1,
        ("2023-2024", "incoming", "student"): 6,
    }
    table = stats.mobility_by_year(view.totals, view.years)
    assert len(table) == 3 * 2 * 2  # every year, direction and participant listed, zeros included


def test_trend_of_one_partner_and_a_year_range(dataset):
    view = apply(FilterState.from_query("?tier=mobility&from=2023-2024", dataset), dataset)
    assert view.years == ("2023-2024",)
    assert by_year(view) == {("2023-2024", "incoming", "student"): 6}


@pytest.mark.parametrize(
    ("split", "column", "labels", "query", "expected"),
    [
        (
            stats.mobility_by_duration,
            "duration",
            ["semester", "short_term"],
            "",
            {
                ("semester", "outgoing"): 5,
                ("short_term", "incoming"): 4,
                ("short_term", "outgoing"): 1,
                ("semester", "incoming"): 6,
            },
        ),
        (
            stats.mobility_by_duration,
            "duration",
            ["semester", "short_term"],
            "?tier=mobility",
            {("short_term", "outgoing"): 1, ("semester", "incoming"): 6},
        ),
        (
            stats.mobility_by_duration,
            "duration",
            ["semester", "short_term"],
            "?participant=staff",
            {("short_term", "incoming"): 4},
        ),
        (
            stats.mobility_by_campus,
            "campus",
            ["Leuven", "Limburg"],
            "",
            {("Leuven", "outgoing"): 6, ("Limburg", "incoming"): 10},
        ),
        (
            stats.mobility_by_campus,
            "campus",
            ["Leuven", "Limburg"],
            "?tier=strategic",
            {("Leuven", "outgoing"): 5, ("Limburg", "incoming"): 4},
        ),
        (stats.mobility_by_campus, "campus", ["Leuven", "Limburg"], "?direction=outgoing", {("Leuven", "outgoing"): 6}),
    ],
)
def test_duration_and_campus_splits(dataset, split, column, labels, query, expected):
    table = split(apply(FilterState.from_query(query, dataset), dataset).totals)
    assert list(dict.fromkeys(table[column])) == labels
    assert {key: n for key, n in table.set_index([column, "direction"])["count"].items() if n} == expected


def test_the_filtered_rows_themselves_are_still_there(dataset):
    view = apply(FilterState.from_query("?direction=outgoing", dataset), dataset)
    assert sorted(view.mobility["count"].tolist()) == [0, 1, 2, 3]  # rows 1, 2, 4, 6: the ghost's row is not


def test_detail_panel_mobility_is_the_partners_rows_per_kind(dataset):
    rows = dataset.indexes.partner_kinds(0)  # A
    got = {(r.academic_year, r.direction, r.participant, r.duration, r.campus): r.count for r in rows.itertuples()}
    assert got == {
        ("2021-2022", "outgoing", "student", "semester", "Leuven"): 5,
        ("2022-2023", "incoming", "staff", "short_term", "Limburg"): 4,
    }


def test_the_table_loads_each_partners_unfiltered_mobility_and_a_filter_sends_only_what_differs(dataset):
    rows = table_rows(dataset.partners, volume=dataset.indexes.partner_total)
    assert [(row["partner_id"], row["volume"]) for row in rows] == [("A", 9), ("B", 7), ("C", 0)]
    assert render_views(dataset, "?country=FI,KE").rows == {"rows": [1, 2], "volume": None}
    assert render_views(dataset, "?direction=incoming").rows == {"rows": None, "volume": [4, 6, 0]}
    assert render_views(dataset, "?country=NL&to=2021-2022").rows == {"rows": [0], "volume": [5]}


def test_years_and_campuses_come_from_the_indexes(dataset):
    assert dataset.academic_years == ["2021-2022", "2022-2023", "2023-2024"]
    assert dataset.campus_groups == ["Leuven", "Limburg"]


def test_a_loaded_dataset_keeps_its_text_columns_compact(dataset):
    compact = compact_mobility(dataset.mobility)
    assert all(isinstance(compact[c].dtype, pd.CategoricalDtype) for c in ("academic_year", "partner_id", "campus"))
    assert compact["count"].tolist() == [3, 2, 4, 1, 6, 0, 9]


def test_replacing_a_frame_rebuilds_the_indexes():
    dataset = make_dataset(partners=[make_partner(partner_id="A")], mobility=[])
    assert FilterState.from_query("?country=NL", dataset).countries == ()
    dataset.partners = make_dataset(partners=[make_partner(partner_id="Z", country="NL")], mobility=[]).partners
    assert FilterState.from_query("?country=NL", dataset).countries == ("NL",)
    assert list(apply(FilterState(), dataset).partners["partner_id"]) == ["Z"]


@pytest.mark.parametrize(
    ("query", "partners", "countries", "mobilities", "trend_total"),
    [
        ("", 3, 3, 16, 16),
        ("?tier=strategic", 1, 1, 9, 9),
        ("?country=FI,KE", 2, 2, 7, 7),
        ("?region=Africa", 1, 1, 0, 0),
        ("?activity=research", 1, 1, 9, 9),  # nobody does research but A, strategic, takes part in everything
        ("?campus=Leuven", 2, 2, 6, 6),
        ("?from=2022-2023&to=2022-2023", 2, 2, 5, 5),  # C's agreement starts in 2023: out; rows 3 and 4
        ("?participant=student", 3, 3, 12, 12),
        ("?direction=incoming", 3, 3, 10, 10),
        ("?q=beta", 1, 1, 7, 7),
    ],
)
def test_every_filter_narrows_the_views(dataset, query, partners, countries, mobilities, trend_total):
    views = render_views(dataset, query)
    assert views.partner_count == str(partners)
    assert views.country_count == str(countries)
    assert views.mobility_count == str(mobilities)
    shown = views.rows["rows"]
    assert (len(dataset.partners) if shown is None else len(shown)) == partners
    assert sum(sum(trace.y) for trace in views.trend.data) == trend_total
    assert sum(sum(trace.x) for trace in views.duration.data) == mobilities
    assert sum(sum(trace.y) for trace in views.campus.data) == mobilities
