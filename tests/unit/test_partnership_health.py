"""The /health computations on small hand-made tables: expiring agreements, utilisation, balance, quiet partners."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from dashboard import partnership_health as health
from dashboard.importing.agreements import agreements_frame
from tests.agreement_factories import make_agreement


def flows(*rows):
    """(partner, year, direction, participant, count) -> mobility rows."""
    return pd.DataFrame(
        [
            {
                "academic_year": f"{y}-{y + 1}",
                "year": y,
                "partner_id": p,
                "direction": d,
                "participant": s,
                "duration": "semester",
                "campus": "Leuven",
                "count": n,
            }
            for p, y, d, s, n in rows
        ]
    )


EMPTY_MOBILITY = flows().reindex(
    columns=["academic_year", "year", "partner_id", "direction", "participant", "duration", "campus", "count"]
)


def test_the_reference_year_is_the_latest_with_mobility_else_the_current_academic_year():
    mobility = flows(("A", 2022, "outgoing", "student", 1), ("A", 2024, "incoming", "staff", 2))
    assert health.reference_year(mobility) == 2024
    assert health.reference_year(EMPTY_MOBILITY, today=date(2026, 3, 1)) == 2025
    assert health.reference_year(EMPTY_MOBILITY, today=date(2026, 10, 1)) == 2026


AGREEMENTS = agreements_frame(
    [
        make_agreement(partner_id="A", last_year=2024),  # its last year is the reference year
        make_agreement(partner_id="B", last_year=2025, direction="incoming"),  # ends the year after
        make_agreement(partner_id="C", last_year=2026),  # later
        make_agreement(partner_id="D", last_year=2023),  # ended already
        make_agreement(partner_id="E", last_year=2024, status="terminated"),  # terminated: ended
        make_agreement(partner_id="F", last_year=None),  # no end
    ]
)


@pytest.mark.parametrize("months, partners", [(12, ["A"]), (24, ["A", "B"]), (36, ["A", "B", "C"])])
def test_expiring_agreements_within_12_and_24_months_of_the_reference_year(months, partners):
    assert health.expiring(AGREEMENTS, 2024, months)["partner_id"].tolist() == partners


def test_utilisation_compares_places_with_realised_mobility_per_partner_direction_and_year():
    agreements = agreements_frame(
        [
            make_agreement(partner_id="A", places=2, first_year=2022, last_year=2023),
            make_agreement(
                partner_id="A", places=1, first_year=2023, last_year=2023, mobility_type="student_traineeship"
            ),
            make_agreement(partner_id="A", places=3, mobility_type="staff_teaching", first_year=None, last_year=None),
            make_agreement(partner_id="B", places=4, direction="incoming", first_year=2023, last_year=None),
            make_agreement(partner_id="B", places=9, status="draft"),  # a draft offers nothing yet
            make_agreement(partner_id="B", places=None, direction="outgoing"),  # places not yet defined
        ]
    )
    mobility = flows(
        ("A", 2022, "outgoing", "student", 5),
        ("A", 2023, "outgoing", "student", 3),
        ("A", 2023, "outgoing", "staff", 1),
        ("B", 2023, "incoming", "student", 4),
        ("B", 2023, "outgoing", "student", 7),
    )
    table = health.utilisation(agreements, mobility, [2022, 2023])
    assert table.values.tolist() == [
        ["A", "outgoing", "staff", 2022, 3.0, 0, "unused"],
        ["A", "outgoing", "student", 2022, 2.0, 5, "over"],
        ["A", "outgoing", "staff", 2023, 3.0, 1, "ok"],
        ["A", "outgoing", "student", 2023, 3.0, 3, "ok"],  # 2 studies + 1 traineeship place
        ["B", "incoming", "student", 2023, 4.0, 4, "ok"],
    ]


def test_balance_is_incoming_minus_outgoing_most_unbalanced_first():
    mobility = flows(
        ("A", 2023, "outgoing", "student", 5),
        ("A", 2023, "incoming", "student", 1),
        ("B", 2023, "incoming", "staff", 7),
        ("C", 2022, "outgoing", "staff", 2),
        ("C", 2022, "incoming", "staff", 2),
    )
    assert health.balance(mobility, ["A", "B", "C", "D"]).values.tolist() == [
        ["B", 0, 7, 7],
        ["A", 5, 1, -4],
        ["C", 2, 2, 0],
        ["D", 0, 0, 0],
    ]


def test_quiet_partners_had_no_mobility_in_the_last_n_years_never_first():
    mobility = flows(
        ("A", 2024, "outgoing", "student", 1),
        ("B", 2022, "incoming", "staff", 3),
        ("C", 2020, "outgoing", "student", 2),
        ("C", 2024, "outgoing", "student", 0),
    )
    quiet = health.quiet_partners(mobility, ["A", "B", "C", "D"], reference=2024, years=2)
    assert [(p, None if pd.isna(y) else int(y)) for p, y in quiet.values.tolist()] == [
        ("D", None),
        ("C", 2020),
        ("B", 2022),
    ]
    assert health.quiet_partners(mobility, ["A", "B", "C", "D"], reference=2024, years=3)["partner_id"].tolist() == [
        "D",
        "C",
    ]


def test_agreements_in_view_keeps_the_filtered_partners_and_matching_agreements():
    from dashboard.filters import FilterState
    from tests.agreement_factories import with_agreements

    agreements = [
        make_agreement(partner_id="P01", fields=("0913",)),
        make_agreement(partner_id="P01", fields=("0413",)),
        make_agreement(partner_id="P02", fields=("0913",)),
    ]
    dataset = with_agreements(agreements)
    state = FilterState.from_query("field=09", dataset)
    shown = health.agreements_in_view(dataset.agreements, ["P01"], state)
    assert shown["fields"].tolist() == [("0913",)]
