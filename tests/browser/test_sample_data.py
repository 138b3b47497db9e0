"""The dashboard on the bundled sample (dashboard/sample_data): the numbers the page shows are the numbers of the
files, read here from its partners.csv directly."""

from __future__ import annotations

import csv

import pytest

from tests.browser.helpers import assert_views_show
from tests.helpers import SAMPLE

pytestmark = pytest.mark.browser
TIERS = ("strategic", "collaboration", "mobility")


def partners_in_files(countries: tuple[str, ...] = (), years: tuple[int, int] | None = None) -> list[dict[str, str]]:
    """The rows of partners.csv in these countries whose agreement (an empty end is open) overlaps these years."""
    with (SAMPLE / "partners.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    if countries:
        rows = [row for row in rows if row["country"] in countries]
    if years:
        first, last = years
        rows = [
            row
            for row in rows
            if (not row["agreement_start"] or int(row["agreement_start"]) <= last)
            and (not row["agreement_end"] or int(row["agreement_end"]) >= first)
        ]
    return rows


@pytest.mark.parametrize(
    "search, countries, years, tiers",
    [
        ("", (), None, TIERS),
        ("?tier=strategic&country=DE,FR,NL", ("DE", "FR", "NL"), None, ("strategic",)),
        ("?country=FI,NL&from=2021-2022&to=2023-2024", ("FI", "NL"), (2021, 2023), TIERS),
    ],
)
def test_sample_views_agree_with_the_files(sample_app, open_page, page_log, search, countries, years, tiers):
    rows = partners_in_files(countries, years)  # the pyramid counts every tier: the tier filter is left out
    counts = {tier: sum(row["tier"] == tier for row in rows) for tier in TIERS}
    shown_ids = {row["partner_id"] for row in rows if row["tier"] in tiers}
    assert shown_ids, "the case shows some partners"
    page = open_page(sample_app.url + "/" + search)
    assert_views_show(page, shown_ids, counts)
    assert page_log.errors == []
