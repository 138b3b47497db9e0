"""Agreements on the sample data: the field filter in every view, the detail panel's agreements, /health's
expiring list and its links to the partner's panel. Expected values are read from the CSV files directly."""

from __future__ import annotations

import csv

import pytest
from playwright.sync_api import expect

from dashboard import ids
from tests.browser.helpers import assert_views_show
from tests.helpers import SAMPLE

pytestmark = pytest.mark.browser


def rows(name: str) -> list[dict[str, str]]:
    with (SAMPLE / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def partners_with_field(code: str) -> set[str]:
    """Partners with an agreement naming the field, a field inside it or a wider field containing it."""
    return {
        row["partner_id"]
        for row in rows("agreements.csv")
        if any(f.startswith(code) or code.startswith(f) for f in row["fields"].split(";") if f)
    }


def tier_counts(partner_ids: set[str]) -> dict[str, int]:
    """How many of these partners partners.csv puts in each tier."""
    tiers = {"strategic": 0, "collaboration": 0, "mobility": 0}
    for row in rows("partners.csv"):
        if row["partner_id"] in partner_ids:
            tiers[row["tier"]] += 1
    return tiers


def test_the_nursing_filter_shows_only_partners_with_a_nursing_agreement_in_every_view(sample_app, open_page, page_log):
    nursing = partners_with_field("0913")
    assert 0 < len(nursing) < len(rows("partners.csv"))
    page = open_page(sample_app.url + "/?field=0913")
    assert_views_show(page, nursing, tier_counts(nursing))
    expect(page.locator(".filter-chip", has_text="0913 Nursing and midwifery")).to_have_count(1)
    # The top-partners chart only names partners of the filter.
    bars = page.evaluate(
        "id => document.querySelector(`#${id} .js-plotly-plot`)._fullData[0].customdata"
        ".map(c => String(Array.isArray(c) ? c[0] : c))",
        ids.TOP_PARTNERS,
    )
    assert bars and set(bars) <= nursing
    # The header's health link carries the filter to /health.
    expect(page.locator(f"#{ids.HEALTH_LINK}")).to_have_attribute(
        "href", "health?field=0913"
    )  # relative: it holds under a path prefix
    assert page_log.errors == []


def test_the_detail_panel_lists_the_partners_agreements(sample_app, open_page):
    partner = next(p for p in rows("partners.csv") if p["tier"] == "strategic")
    conditions = [row for row in rows("agreements.csv") if row["partner_id"] == partner["partner_id"]]
    page = open_page(sample_app.url + f"/?partner={partner['partner_id']}")
    title = page.locator(".atlas-detail .mantine-Drawer-title")
    expect(title).to_have_text(partner["name"], timeout=30_000)  # the sample page takes a while on a busy machine
    expect(page.locator(f"#{ids.DETAIL_BODY} .atlas-agreement")).to_have_count(len(conditions))
    body = page.locator(f"#{ids.DETAIL_BODY}").inner_text()
    assert "We send (outgoing)" in body and "We receive (incoming)" in body


def test_health_lists_the_expiring_agreements_and_links_open_the_right_partner(sample_app, open_page):
    latest = max(int(row["academic_year"][:4]) for row in rows("mobility.csv"))
    ending = [
        row for row in rows("agreements.csv") if row["last_year"][:4] == str(latest) and row["status"] != "terminated"
    ]
    assert ending, "the sample has agreements ending in its latest academic year"
    page = open_page(sample_app.url + "/?tier=mobility")
    page.locator(f"#{ids.HEALTH_LINK}").click()
    page.wait_for_url("**/health?tier=mobility")
    mobility_tier = {p["partner_id"] for p in rows("partners.csv") if p["tier"] == "mobility"}
    expected = [row for row in ending if row["partner_id"] in mobility_tier]
    links = page.locator("#health-expiring12 a.health-partner")
    expect(links).to_have_count(len(expected), timeout=30_000)
    names = {p["partner_id"]: p["name"] for p in rows("partners.csv")}
    assert sorted(links.all_inner_texts()) == sorted(names[row["partner_id"]] for row in expected)

    first = links.first
    name = first.inner_text()
    first.click()
    expect(page.locator(".atlas-detail .mantine-Drawer-title")).to_have_text(name, timeout=30_000)
    assert "tier=mobility" in page.evaluate("() => window.location.search")  # the filter came back with it


@pytest.fixture(scope="module")
def small_app():
    from tests.agreement_factories import make_agreement, with_agreements
    from tests.browser.helpers import serve

    dataset = with_agreements(
        [
            make_agreement(partner_id="P01", fields=("0913",), levels=(6,)),
            make_agreement(partner_id="P02", fields=("0913",), levels=(7,), mobility_type="staff_teaching"),
            make_agreement(partner_id="P05", fields=("0413",), levels=(6,)),
        ]
    )
    yield from serve(dataset)


def test_the_agreement_controls_write_the_url_and_every_view_follows(small_app, open_page):
    from tests.browser.page_state import wait_for_search

    page = open_page(small_app.url + "/")
    assert_views_show(page, {f"P0{n}" for n in range(1, 10)}, {"strategic": 3, "collaboration": 3, "mobility": 3})
    page.click(f"#{ids.FILTER_FIELD}")
    page.fill(f"#{ids.FILTER_FIELD}", "nursing")
    page.get_by_role("option", name="0913 Nursing and midwifery", exact=True).click()
    page.keyboard.press("Escape")
    wait_for_search(page, "?field=0913")
    assert_views_show(page, {"P01", "P02"}, {"strategic": 2, "collaboration": 0, "mobility": 0})
    page.locator(".atlas-agreement-filters label", has_text="Bachelor (EQF 6)").click()
    wait_for_search(page, "?field=0913&level=6")
    assert_views_show(page, {"P01"}, {"strategic": 1, "collaboration": 0, "mobility": 0})
    page.locator(".filter-chip", has_text="0913 Nursing and midwifery").click()  # the chip removes the field
    wait_for_search(page, "?level=6")
    assert_views_show(
        page, {"P01", "P05"}, {"strategic": 1, "collaboration": 1, "mobility": 0}
    )  # P05: a bachelor agreement in business
