"""/data/: the import report as the office reads it, in the page's language, and as a CSV download."""

import csv
import io
import json

import pandas as pd
import pytest

from dashboard.app import create_app
from dashboard.components.detail_panel import partner_detail
from dashboard.config import Settings
from tests.factories import make_partner

PARTNERS = (
    "name,city,country,tier,colour\n"
    "Hanze,Groningen,NL,strategic,blue\n"
    "Somewhere <b>bold</b>,Qqqqxyz,FI,mobility,red\n"
    "Galaxy College,Leeds,GB,galaxy,green\n"
)


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    folder = tmp_path_factory.mktemp("data")
    (folder / "partners.csv").write_text(PARTNERS, encoding="utf-8")
    app = create_app(Settings(data_dir=folder, geocode_cache=str(folder / "cache.json")))
    return app.server.test_client()


def test_the_data_page_accounts_for_every_file_row_and_placement(client):
    page = client.get("/data/").get_data(as_text=True)
    partners_row = (
        '<tr data-file="partners.csv"><th scope="row">partners.csv</th>\n      <td>3</td><td>2</td><td>1</td>'
    )
    assert partners_row in page
    assert "not in the data folder" in page  # mobility.csv and friends
    # the rejected row with its line and column, and the warnings (unknown column, a place only in its country)
    assert "<td>4</td><td>tier</td>" in page and "galaxy" in page
    assert "ignored column(s) the partner list does not use: &#39;colour&#39;" in page
    assert 'data-precision="country">\n      <th scope="row">Country only</th><td>1</td>' in page
    assert "Partners not placed at city level (1)" in page
    assert "Somewhere &lt;b&gt;bold&lt;/b&gt;" in page and "<b>bold</b>" not in page  # a name is text, not markup


def test_the_data_page_speaks_the_language_of_the_link(client):
    page = client.get("/data/?lang=nl").get_data(as_text=True)
    assert '<html lang="nl">' in page and '<h1 class="atlas-title">Gegevens en importrapport</h1>' in page
    assert "Partners niet op stadsniveau geplaatst (1)" in page and 'href="/?lang=nl"' in page
    assert "Lignes rejetées et avertissements" in client.get("/data?lang=fr").get_data(as_text=True)


def test_the_report_downloads_as_csv_with_the_same_lines(client):
    response = client.get("/data/report.csv")
    assert response.headers["Content-Disposition"].startswith('attachment; filename="partner-atlas-import-report-')
    rows = list(csv.DictReader(io.StringIO(response.get_data().decode("utf-8-sig"))))
    assert {"Kind", "File", "Line", "Column", "Reason", "Value"} == set(rows[0])
    rejected = [r for r in rows if r["Kind"] == "rejected"]
    assert [(r["File"], r["Line"], r["Column"]) for r in rejected] == [("partners.csv", "4", "tier")]
    placed = [r for r in rows if r["Kind"] == "placement"]
    assert [(r["Line"], r["Value"], r["Reason"]) for r in placed] == [("3", "Somewhere <b>bold</b>", "Country only")]
    assert any(r["Kind"] == "warning" and "colour" in r["Reason"] for r in rows)


def test_the_dashboard_header_links_to_the_data_page_in_its_language(client):
    links = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("type") == "A":
                links.append((node["props"].get("href"), node["props"].get("children")))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(client.get("/_dash-layout?lang=fr").get_json())
    assert ("data/?lang=fr", "Données") in links  # relative: it holds under any path prefix


def test_a_broken_institution_file_at_start_up_shows_on_every_page_never_silently(tmp_path):
    (tmp_path / "partners.csv").write_text(PARTNERS, encoding="utf-8")
    (tmp_path / "institution.toml").write_text('name = "UCLL\ncity = "Leuven"\n', encoding="utf-8")
    client = create_app(Settings(data_dir=tmp_path, geocode_cache=str(tmp_path / "cache.json"))).server.test_client()
    health = client.get("/healthz").get_json()
    assert health["status"] == "degraded" and health["reason"] == "some data files could not be read"
    assert health["problems"][0]["file"] == "institution.toml" and "not valid TOML" in health["problems"][0]["message"]
    for page in ("/_dash-layout", "/present/_dash-layout", "/data/"):
        body = client.get(page).get_data(as_text=True)
        assert "Some data files could not be read" in body and "institution.toml" in body and "not valid TOML" in body


@pytest.fixture(scope="module")
def interpreted(tmp_path_factory):
    """A partner whose city field holds a postal code: the geocoder finds Gent only after removing it."""
    folder = tmp_path_factory.mktemp("messy")
    (folder / "partners.csv").write_text(
        "name,city,country,tier\nGhent University,Gent9000,BE,strategic\nHanze,Groningen,NL,mobility\n",
        encoding="utf-8",
    )
    return create_app(Settings(data_dir=folder, geocode_cache=str(folder / "cache.json"))).server.test_client()


def test_a_place_the_geocoder_had_to_interpret_is_listed_with_how_it_was_read(interpreted):
    page = interpreted.get("/data/").get_data(as_text=True)
    assert "Places the geocoder had to interpret (1)" in page
    notes = page[page.index('id="data-notes-table"') :]
    assert "<td>Ghent University</td>\n      <td>Gent9000</td><td>Belgium</td><td>postal code removed</td>" in notes
    assert "Hanze" not in notes  # found as written: nothing to check
    assert "Plaatsen die de geocoder moest interpreteren (1)" in interpreted.get("/data/?lang=nl").get_data(
        as_text=True
    )
    rows = list(csv.DictReader(io.StringIO(interpreted.get("/data/report.csv").get_data().decode("utf-8-sig"))))
    placed = [(r["Line"], r["Value"], r["Reason"]) for r in rows if r["Kind"] == "placement"]
    assert placed == [("2", "Ghent University", "How the place was read: postal code removed")]


def test_the_detail_panel_says_how_the_partners_place_was_read():
    def shown(partner: dict, language: str = "en") -> str:
        body = partner_detail(pd.Series(partner), pd.DataFrame(), language)
        return json.dumps(body, default=lambda c: c.to_plotly_json(), ensure_ascii=False)

    assert "How its place was read: postal code removed" in shown(make_partner(geo_note="postal code removed"))
    assert "Zo werd de plaats gelezen: postal code removed" in shown(make_partner(geo_note="postal code removed"), "nl")
    for plain in (make_partner(geo_note=""), make_partner(geo_note=float("nan")), make_partner()):
        assert "How its place was read" not in shown(plain)
