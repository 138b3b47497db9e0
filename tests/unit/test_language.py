"""The page's language: ?lang= and the header switch, kept in the URL beside the filters, in <html lang>, in the
layout, the figures, the chips and the downloads."""

from __future__ import annotations

import base64
import io
import re

import pandas as pd
import pytest
from dash import no_update
from openpyxl import load_workbook

from bench.dash_requests import CallbackClient
from dashboard import ids
from dashboard.app import create_app
from dashboard.callbacks.downloads import partner_download
from dashboard.callbacks.filters import controls_for, sync_filters
from dashboard.callbacks.views import render_map, render_views
from dashboard.components.language import language_from_query, language_in, language_links, with_language
from dashboard.config import Settings
from dashboard.filters import FilterState
from tests.factories import make_dataset, make_partner

HTML_LANG = re.compile(r"<html[^>]*\blang=\"([a-z]+)\"")


@pytest.fixture(scope="module")
def dataset():
    return make_dataset()


@pytest.fixture(scope="module")
def app(dataset):
    return create_app(Settings(), dataset=dataset)


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("?lang=nl", "nl"),
        ("?tier=strategic&lang=FR", "fr"),
        ("?lang=nl-BE", "nl"),
        ("?lang=de", "de"),
        ("?lang=es", None),
        ("?lang=", None),
        ("", None),
        (None, None),
        ("?lang=nl&lang=fr", "fr"),
        ("?lang=%ZZ", None),
    ],
)
def test_the_language_a_query_asks_for(search, expected):
    assert language_in(search) == expected
    assert language_from_query(search, "en") == (expected or "en")


def test_the_filter_state_ignores_the_language():
    dataset = make_dataset()
    assert FilterState.from_query("?lang=nl&tier=strategic", dataset) == FilterState.from_query(
        "?tier=strategic", dataset
    )
    assert FilterState.from_query("?lang=nl", dataset).is_empty()


@pytest.mark.parametrize(
    ("query", "language", "expected"),
    [
        ("?tier=strategic&country=FI,NL", "nl", "?tier=strategic&country=FI,NL&lang=nl"),
        ("", "fr", "?lang=fr"),
        ("?tier=strategic", None, "?tier=strategic"),
    ],
)
def test_with_language_appends_it_to_a_filter_query(query, language, expected):
    assert with_language(query, language) == expected


def test_the_language_links_keep_the_filters():
    links = language_links("?tier=strategic&country=FI,NL&lang=nl")
    assert links == {
        "en": "?tier=strategic&country=FI,NL&lang=en",
        "nl": "?tier=strategic&country=FI,NL&lang=nl",
        "fr": "?tier=strategic&country=FI,NL&lang=fr",
        "de": "?tier=strategic&country=FI,NL&lang=de",
    }
    assert language_links(None)["nl"] == "?lang=nl"


@pytest.mark.parametrize(
    ("trigger", "value", "control", "expected"),
    [
        (ids.FILTER_TIER, ["strategic"], ids.FILTER_TIER, "?tier=strategic&lang=nl"),
        (ids.RESET, 1, None, "?lang=nl"),
    ],
)
def test_a_filter_change_keeps_the_language_in_the_url(dataset, trigger, value, control, expected):
    controls = controls_for(FilterState(), dataset)
    if control:
        controls[control] = value
    url, _controls = sync_filters(dataset, "?lang=nl&country=FI", trigger, value, controls)
    assert url == expected


def test_the_sync_callback_points_the_language_links_at_the_new_filters(app):
    client = CallbackClient(app)
    values = {"url.search": "?lang=nl", f"{ids.FILTER_TIER}.value": ["mobility"]}
    response, _ = client.call("url.search", values, [f"{ids.FILTER_TIER}.value"])
    outputs = response["response"]
    assert outputs["url"]["search"] == "?tier=mobility&lang=nl"
    assert outputs[ids.language_link("fr")]["href"] == "?tier=mobility&lang=fr"


@pytest.mark.parametrize(
    ("path", "headers", "expected"),
    [
        ("/", {}, "en"),
        ("/?lang=nl", {}, "nl"),
        ("/?tier=strategic&lang=fr", {}, "fr"),
        ("/?lang=xx", {}, "en"),
    ],
)
def test_the_served_page_says_its_language_in_html_lang(app, path, headers, expected):
    page = app.server.test_client().get(path, headers=headers).get_data(as_text=True)
    assert HTML_LANG.findall(page) == [expected]


def test_a_dutch_default_in_the_settings_serves_dutch(dataset):
    app = create_app(Settings(language="nl"), dataset=dataset)
    client = app.server.test_client()
    assert HTML_LANG.findall(client.get("/").get_data(as_text=True)) == ["nl"]
    assert "Wereldkaart" in client.get("/_dash-layout").get_data(as_text=True)
    assert "World map" in client.get("/_dash-layout?lang=en").get_data(as_text=True)


@pytest.mark.parametrize(
    ("query", "headers", "present", "absent"),
    [
        ("", {}, ["World map", "Download the partners in this filter as CSV", "South Korea"], ["Wereldkaart"]),
        ("?lang=nl", {}, ["Wereldkaart", "Filters wissen", "Zuid-Korea", "Noord-Amerika", "Akkoord"], ["World map"]),
        ("?lang=fr", {}, ["Carte du monde", "Corée du Sud", "Années académiques (de)"], ["World map"]),
        # Without atlas.js's parameter, the page that asked for the layout decides (when a Referer is sent).
        ("", {"Referer": "http://localhost/?tier=strategic&lang=nl"}, ["Wereldkaart"], ["World map"]),
    ],
)
def test_the_layout_is_built_in_the_language_of_the_page(app, query, headers, present, absent):
    layout = app.server.test_client().get("/_dash-layout" + query, headers=headers).get_data(as_text=True)
    assert [word for word in present if word not in layout] == []
    assert [word for word in absent if word in layout] == []


def test_dutch_views_chips_and_captions(dataset):
    views = render_views(dataset, "?tier=strategic&country=FI&from=2022-2023&lang=nl", language="nl")
    labels = [chip.children for chip in views.chips]
    assert labels == ["Strategisch", "Finland", "Vanaf 2022-2023"]
    pyramid = views.pyramid.to_plotly_json()
    assert "Strategisch" in pyramid["data"][0]["text"][0]
    assert "Klik om op dit niveau te filteren" in pyramid["data"][0]["hovertemplate"]
    assert views.trend.layout.title.text.startswith("Mobiliteit per academiejaar \u00b7 niveau: strategisch")
    assert {trace.name for trace in views.trend.data} >= {"Uitgaande studenten", "Inkomend personeel"}


@pytest.mark.parametrize("figure", ["pyramid", "trend", "duration", "campus", "top_countries", "top_partners"])
def test_every_chart_is_titled_with_its_filter(dataset, figure):
    views = render_views(dataset, "?tier=strategic&q=<b>x</b>", language="en")
    title = getattr(views, figure).layout.title.text
    assert "tier: strategic" in title and "&lt;b&gt;x&lt;/b&gt;" in title and "<b>x" not in title


def test_the_map_speaks_the_language_and_says_its_filter(dataset):
    figure = render_map(dataset, "?region=Asia", language="nl")
    assert figure.layout.title.text == "Wereldkaart \u00b7 regio: Azië"
    cards = [str(row[2]) for trace in figure.data if trace.customdata is not None for row in trace.customdata]
    assert "Seoul, Zuid-Korea" in cards
    hover = " ".join(str(trace.hovertemplate) for trace in figure.data)
    assert "Mobiliteit:" in hover and "Mobility:" not in hover
    names = " | ".join(str(trace.name) for trace in render_map(dataset, "", language="nl").data)
    assert all(name in names for name in ("Strategisch", "UCLL (thuis)", "Open: alleen het land is bekend")), names


def _decoded(download: dict) -> bytes:
    return base64.b64decode(download["content"]) if download.get("base64") else download["content"].encode()


@pytest.mark.parametrize(
    ("language", "delimiter", "header"),
    [
        ("en", ",", "Partner,City,Country"),
        ("nl", ";", "Partner;Stad;Land"),
        ("fr", ";", "Partenaire;Ville;Pays"),
    ],
)
def test_the_csv_download_has_the_filtered_partners_in_the_language(dataset, language, delimiter, header):
    search = "?tier=strategic&country=FI,NL"
    download = partner_download(dataset, search, ids.DOWNLOAD_CSV, language)
    assert download["filename"] == "partners_tier-strategic_country-FI-NL.csv"
    data = _decoded(download).decode("utf-8-sig")
    assert data.startswith(header)
    table = pd.read_csv(io.StringIO(data), sep=delimiter, dtype=str)
    assert len(table) == 2  # Hanze (NL) and Turku (FI)


def test_the_xlsx_download_is_titled_and_stores_formulas_as_text():
    hostile = make_dataset(
        partners=[
            make_partner(partner_id="H1", name='=HYPERLINK("http://evil","x")'),
            make_partner(partner_id="H2", name="@SUM(A1)", city="+cmd"),
        ]
    )
    download = partner_download(hostile, "?lang=nl", ids.DOWNLOAD_XLSX, "nl")
    assert download["filename"] == "partners.xlsx"
    workbook = load_workbook(io.BytesIO(_decoded(download)))
    sheet = workbook.active
    assert workbook.properties.title == "UCLL-partners - alle partners"
    assert [cell.value for cell in sheet[1]][:3] == ["Partner", "Stad", "Land"]
    names = sorted(row[0] for row in sheet.iter_rows(min_row=2, values_only=True))
    assert names == ['=HYPERLINK("http://evil","x")', "@SUM(A1)"]  # as typed, stored as text
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert all(cell.number_format == "@" for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str))


def test_no_button_no_download(dataset):
    assert partner_download(dataset, "", None, "en") is no_update


def test_a_dutch_page_shows_the_key_figures_in_the_offices_dutch_wording(sample_data_dir):
    from dashboard.components.cards import key_figure_cards
    from dashboard.importing import load_key_figures

    figures, _ = load_key_figures(sample_data_dir / "key_figures.csv")
    labels = {
        lang: [str(card.children[1].children) for card in key_figure_cards(figures, lang)] for lang in ("en", "nl")
    }
    assert labels["en"][0] == "Teaching staff engaged in research"
    assert labels["nl"][0] == "Lesgevers betrokken bij onderzoek"
