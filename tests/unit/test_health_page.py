"""/health served by the app: the lists follow the dashboard's filters, link to the partner's panel and download."""

from __future__ import annotations

import io
from urllib.parse import parse_qs, urlsplit

import pytest
from openpyxl import load_workbook

from dashboard.app import create_app
from dashboard.config import Settings
from tests.agreement_factories import make_agreement, with_agreements

AGREEMENTS = [
    make_agreement(partner_id="P01", fields=("0913",), last_year=2023),  # the reference year: ends within 12 months
    make_agreement(partner_id="P02", fields=("0413",), last_year=2024),  # within 24 months
    make_agreement(partner_id="P04", fields=("0913",), last_year=2027),
    make_agreement(partner_id="P07", fields=("0913",), last_year=2023, status="terminated"),
]


@pytest.fixture(scope="module")
def client():
    app = create_app(Settings(), dataset=with_agreements(AGREEMENTS))
    return app.server.test_client()


def _partner_links(html: str, section: str) -> list[str]:
    part = html.split(f'id="health-{section}"', 1)[1].split("</section>", 1)[0]
    return [chunk.split('"', 1)[0].replace("&amp;", "&") for chunk in part.split('class="health-partner" href="')[1:]]


def test_expiring_agreements_are_listed_and_link_to_the_partners_panel_with_the_filters(client):
    html = client.get("/health?field=09&lang=nl").get_data(as_text=True)
    assert '<html lang="nl">' in html and "Overeenkomsten die binnen 12 maanden aflopen" in html
    links = _partner_links(html, "expiring12")
    assert len(links) == 1  # P07 is terminated, P02 is outside the field filter
    query = parse_qs(urlsplit(links[0]).query)
    assert urlsplit(links[0]).path == "/" and query["partner"] == ["P01"] and query["field"] == ["09"]
    assert query["lang"] == ["nl"]
    assert [parse_qs(urlsplit(link).query)["partner"] for link in _partner_links(html, "expiring24")] == [["P01"]]


def test_a_picked_reference_year_moves_the_window(client):
    html = client.get("/health?ref=2024").get_data(as_text=True)
    assert [parse_qs(urlsplit(link).query)["partner"] for link in _partner_links(html, "expiring12")] == [["P02"]]
    assert '<option value="2024" selected>' in html


def test_each_list_downloads_as_csv_and_xlsx_named_after_the_filter(client):
    response = client.get("/health/expiring24.csv?field=09")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert 'filename="health-expiring24_field-09.csv"' in response.headers["Content-Disposition"]
    rows = response.get_data().decode("utf-8-sig").splitlines()
    assert rows[0].startswith("Partner,Country,Direction") and "Hanze University of Applied Sciences" in rows[1]
    workbook = load_workbook(io.BytesIO(client.get("/health/quiet.xlsx?lang=fr").get_data()))
    assert workbook.active.cell(1, 1).value == "Partenaire"
    assert client.get("/health/nothing.csv").status_code == 404


def test_partner_names_are_escaped(tmp_path):
    from tests.factories import default_partners

    partners = default_partners()
    partners[0]["name"] = "<script>alert(1)</script> University"
    app = create_app(Settings(), dataset=with_agreements(AGREEMENTS, partners=partners))
    html = app.server.test_client().get("/health").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; University" in html


def test_the_dashboard_opens_the_partner_a_health_link_names():
    from dashboard import ids
    from dashboard.callbacks.selection import select_partner

    dataset = with_agreements(AGREEMENTS)
    partner, opened, title, _, _ = select_partner(dataset, ids.URL, "?field=09&partner=P04&lang=nl", None, "nl")
    assert (partner, opened, title) == ("P04", True, "University of Groningen")
    assert select_partner(dataset, ids.URL, "?field=09", None, "en")[1] is not True
