"""Aggregations for the charts and the headline cards."""

from __future__ import annotations

import pytest

from dashboard import stats
from dashboard.filters import FilterState, apply
from tests.factories import make_dataset, make_partner, mobility_frame
from tests.factories import mobility_row as _row


@pytest.fixture(scope="module")
def dataset():
    return make_dataset()


def test_by_year_lists_a_year_without_mobility_at_zero():
    mobility = mobility_frame([_row("2021-2022", count=4), _row("2023-2024", direction="incoming", count=2)])
    table = stats.mobility_by_year(mobility)
    assert list(dict.fromkeys(table["academic_year"])) == ["2021-2022", "2022-2023", "2023-2024"]
    assert len(table) == 3 * 2 * 2  # every year x direction x participant
    assert (
        table.set_index(["academic_year", "direction", "participant"])["count"].to_dict()[
            ("2022-2023", "outgoing", "student")
        ]
        == 0
    )
    assert int(table["count"].sum()) == 6


def test_by_year_keeps_the_dataset_years_of_a_filtered_view(dataset):
    # Nothing but one partner's staff in the filter: the three academic years still show.
    view = apply(FilterState.from_query("?participant=staff&q=turku", dataset), dataset)
    table = stats.mobility_by_year(view.mobility)
    assert list(dict.fromkeys(table["academic_year"])) == ["2021-2022", "2022-2023", "2023-2024"]
    staff_2022 = table.query("academic_year == '2022-2023' and participant == 'staff'")["count"]
    assert staff_2022.tolist() == [0, 0]
    assert int(table["count"].sum()) == 4  # Turku's incoming staff: 2 in 2021-2022 and 2 in 2023-2024


def test_by_year_follows_explicit_years(dataset):
    view = apply(FilterState(year_from="2022-2023"), dataset)
    table = stats.mobility_by_year(view.mobility, years=view.years)
    assert list(dict.fromkeys(table["academic_year"])) == ["2022-2023", "2023-2024"]


@pytest.mark.parametrize(
    ("function", "column", "expected"),
    [
        (
            stats.mobility_by_duration,
            "duration",
            {
                ("semester", "outgoing"): 3,
                ("semester", "incoming"): 2,
                ("short_term", "outgoing"): 1,
                ("short_term", "incoming"): 4,
            },
        ),
        (
            stats.mobility_by_campus,
            "campus",
            {
                ("Leuven", "outgoing"): 4,
                ("Leuven", "incoming"): 0,
                ("Limburg", "outgoing"): 0,
                ("Limburg", "incoming"): 6,
            },
        ),
    ],
)
def test_splits_are_complete_and_add_up(function, column, expected):
    mobility = mobility_frame(
        [
            _row("2021-2022", partner="A", duration="semester", campus="Leuven", count=3),
            _row("2022-2023", "incoming", "staff", partner="A", duration="short_term", campus="Limburg", count=4),
            _row("2022-2023", partner="B", duration="short_term", campus="Leuven", count=1),
            _row("2023-2024", "incoming", partner="B", duration="semester", campus="Limburg", count=2),
        ]
    )
    table = function(mobility)
    assert table.set_index([column, "direction"])["count"].to_dict() == expected


def test_campus_split_on_plain_frames_lists_campuses_present():
    mobility = mobility_frame([_row("2021-2022", campus="Limburg", count=0), _row("2021-2022", campus="Leuven")])
    assert stats.mobility_by_campus(mobility)["campus"].unique().tolist() == ["Leuven", "Limburg"]


def test_top_countries_by_partners_then_mobility(dataset):
    view = apply(FilterState(), dataset)
    table = stats.top_countries(view.partners, view.mobility, n=3)
    assert table["country"].tolist() == ["NL", "FI", "PT"]  # 2, 2 (less mobility), then the busiest single
    assert table["partners"].tolist() == [2, 2, 1]
    assert table.columns.tolist() == ["country", "country_name", "partners", "mobility"]
    by_mobility = stats.top_countries(view.partners, view.mobility, n=1, by="mobility")
    assert by_mobility["country"].tolist() == ["NL"]


def test_top_partners_by_mobility_without_zeroes():
    dataset = make_dataset(
        partners=[make_partner(partner_id=p, name=n) for p, n in (("A", "Alpha"), ("B", "Beta"), ("C", "Gamma"))],
        mobility=[
            _row("2022-2023", partner="A", count=2),
            _row("2022-2023", partner="B", count=5),
            _row("2022-2023", partner="B", direction="incoming", count=1),
            _row("2022-2023", partner="C", count=0),
        ],
    )
    view = apply(FilterState(), dataset)
    table = stats.top_partners(view.partners, view.mobility)
    assert table["partner_id"].tolist() == ["B", "A"]
    assert table[["mobility", "outgoing", "incoming"]].values.tolist() == [[6, 5, 1], [2, 2, 0]]
    # The same answer from plain partner rows without the View's volume columns.
    plain = stats.top_partners(dataset.partners, dataset.mobility)
    assert plain["partner_id"].tolist() == ["B", "A"]


def test_headline_counts(dataset):
    view = apply(FilterState.from_query("?region=Europe&direction=outgoing", dataset), dataset)
    counts = stats.headline_counts(view)
    assert counts == {
        "partners": 5,
        "countries": 3,
        # P01, P02, P04, P05 and P08 outgoing, added up from the factory's count formula over the three years.
        "mobilities": 50,
        # Each of the five has outgoing mobility (13, 6, 10, 15 and 6 by the factory's formula).
        "partners_with_mobility": 5,
        "countries_with_mobility": 3,
    }
