"""Hostile text in every text field of every data file (institution.toml, partners, mobility, campuses, key figures,
tour) never becomes markup in what the server sends: every route's HTML is checked for injected elements and
attributes, and the title shows the hostile names as text. The poster's plotly text is checked the same way."""

from __future__ import annotations

import csv
import json
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from dashboard.app import create_app
from dashboard.config import Settings
from dashboard.filters import FilterState
from dashboard.poster import poster_spec


def hostile(field: str) -> str:
    """Closes a title, a quoted attribute and a tag, then refreshes the page away, loads an image and runs a script."""
    return (
        f'{field}</title><meta http-equiv="refresh" content="0;url=https://evil.example/{field}">'
        f'"\'><img src=x onerror="alert(1)"><script>window.__pwned="{field}"</script><base href="//evil.example/">'
    )


INSTITUTION_FIELDS = ("name", "short_name", "city")
PARTNER_TEXT = ("partner_id", "name", "city", "erasmus_code", "networks", "street", "postcode")
CAMPUS_TEXT = ("campus", "group", "city")
KEY_FIGURE_TEXT = ("label", "value", "unit", "source", "label_nl", "unit_nl", "label_fr", "unit_fr")


def write_csv(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def toml_string(text: str) -> str:
    return json.dumps(text)  # a JSON string is a valid TOML basic string


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "institution.toml").write_text(
        "\n".join(
            [
                *(f"{key} = {toml_string(hostile('institution.' + key))}" for key in INSTITUTION_FIELDS),
                'country = "BE"',
                "lat = 50.88",
                "lon = 4.70",
                f"networks = [{toml_string(hostile('institution.networks'))}]",
                f"website = {toml_string('https://www.example.edu/?q=' + hostile('institution.website'))}",
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    partners = []
    for n, (country, lat, lon) in enumerate((("BE", 51.05, 3.72), ("FI", 60.45, 22.27))):
        row = {field: hostile(f"partner{n}.{field}") for field in PARTNER_TEXT}
        row.update(
            country=country,
            tier="strategic",
            lat=lat,
            lon=lon,
            activities="student_mobility",
            website="https://example.edu/?q=" + hostile(f"partner{n}.website"),
            agreement_start="2020",
            campuses=hostile("campus.group"),
        )
        partners.append(row)
    write_csv(folder / "partners.csv", partners)
    write_csv(
        folder / "campuses.csv", [{**{f: hostile(f"campus.{f}") for f in CAMPUS_TEXT}, "lat": 50.88, "lon": 4.70}]
    )
    write_csv(folder / "key_figures.csv", [{f: hostile(f"key_figure.{f}") for f in KEY_FIGURE_TEXT}])
    write_csv(
        folder / "mobility.csv",
        [
            {
                "academic_year": "2023-2024",
                "partner_id": partners[0]["partner_id"],
                "direction": "outgoing",
                "participant": "student",
                "duration": "semester",
                "campus": hostile("campus.group"),
                "count": 3,
            }
        ],
    )
    write_csv(
        folder / "agreements.csv",
        [
            {
                "agreement_id": hostile("agreement.agreement_id"),
                "partner_id": partners[0]["partner_id"],
                "department": hostile("agreement.department"),
                "mobility_type": "student_studies",
                "direction": "outgoing",
                "fields": "0923",
                "levels": "6",
                "places": 2,
                "months_per_year": 10,
                "days_per_year": "",
                "languages": "en:B2",
                "first_year": "2021-2022",
                "last_year": "2024-2025",
                "status": "in_effect",
                "blended": "no",
            }
        ],
    )
    write_csv(
        folder / "tour.csv",
        [
            {
                "scene": 1,
                "kind": "network",
                "value": "",
                "caption_en": hostile("tour.caption_en"),
                "caption_nl": hostile("tour.caption_nl"),
            },
            {
                "scene": 2,
                "kind": "partner",
                "value": partners[0]["partner_id"],
                "caption_en": hostile("tour.en2"),
                "caption_nl": hostile("tour.nl2"),
            },
        ],
    )
    return folder


@pytest.fixture(scope="module")
def app(data_dir):
    return create_app(Settings(data_dir=data_dir, geocode_cache=str(data_dir / "cache.json")))


@pytest.fixture(scope="module")
def dataset(app):
    return app.server.extensions["partner_atlas_store"].current()


def test_the_hostile_values_are_loaded_so_the_pages_really_carry_them(dataset):
    assert len(dataset.partners) == 2, dataset.report.to_text()
    assert dataset.institution.short_name == hostile("institution.short_name"), dataset.report.to_text()
    assert len(dataset.key_figures) == 1 and len(dataset.campuses) == 1, dataset.report.to_text()
    assert len(dataset.agreements) == 1, dataset.report.to_text()


class Elements(HTMLParser):
    """Every element and attribute of a page, and its title as a browser reads it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.title = ""
        self._in: list[str] = []
        self.scripts: list[tuple[str, str]] = []  # (type, text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in.append(tag)
        if tag == "script":
            self.scripts.append((dict(attrs).get("type") or "text/javascript", ""))

    def handle_endtag(self, tag):
        if tag in self._in:
            del self._in[len(self._in) - 1 - self._in[::-1].index(tag) :]

    def handle_data(self, data):
        if self._in and self._in[-1] == "title":
            self.title += data
        if self._in and self._in[-1] == "script":
            kind, text = self.scripts[-1]
            self.scripts[-1] = (kind, text + data)


def pages(app) -> list[str]:
    """Every GET route without parameters, each language, and the catch-all with a hostile path."""
    routes = sorted(
        {rule.rule for rule in app.server.url_map.iter_rules() if "GET" in rule.methods and not rule.arguments}
    )
    return [
        *routes,
        "/?lang=nl",
        "/?lang=fr",
        "/present/?lang=nl",
        "/present/?lang=fr",
        "/" + hostile("path").replace("#", ""),
        "/assets/" + hostile("asset").replace("#", ""),
    ]


def assert_no_injection(html_text: str, where: str) -> Elements:
    page = Elements()
    page.feed(html_text)
    for tag, attrs in page.tags:
        assert not (
            tag == "meta"
            and "http-equiv" in {k.lower() for k in attrs}
            and attrs.get("http-equiv", "").lower() == "refresh"
        ), f"{where}: a meta refresh: {attrs}"
        assert tag not in ("img", "base", "iframe", "object", "embed"), f"{where}: an injected <{tag} {attrs}>"
        assert not [name for name in attrs if name.lower().startswith("on")], f"{where}: a handler on <{tag}>"
    for kind, text in page.scripts:
        if kind == "application/json":  # a data island (Dash's config and first layout): data, if it stays JSON
            assert "<" not in text and json.loads(text) is not None, f"{where}: markup inside a JSON island"
        else:
            assert "__pwned" not in text, f"{where}: a hostile value inside a script"
    return page


def test_every_route_serves_the_hostile_values_as_text_only(app, dataset):
    client = app.server.test_client()
    checked = []
    for url in pages(app):
        response = client.get(url)
        if response.status_code in (301, 302, 308):
            response = client.get(response.headers["Location"])
        mimetype = response.mimetype
        if mimetype == "text/html":
            page = assert_no_injection(response.get_data(as_text=True), url)
            checked.append(url)
            if response.status_code == 200 and response.request.path in ("/", "/present/"):
                # The title shows the institution's hostile short name, literally, as text.
                assert hostile("institution.short_name") in page.title, f"{url}: title {page.title!r}"
        else:
            assert mimetype in (
                "application/json",
                "text/plain",
                "text/csv",
                "image/x-icon",
                "application/octet-stream",
                "text/javascript",
                "application/javascript",
                "text/css",
            ), (url, mimetype)
            assert response.headers.get("X-Content-Type-Options") == "nosniff", url
    assert {"/", "/present/"} <= set(checked), checked
    # The server-rendered report pages list the hostile names: as text.
    routes = {rule.rule.rstrip("/") for rule in app.server.url_map.iter_rules()}
    for url, name in (("/data/", "institution.short_name"), ("/health", "partner0.name")):
        if url.rstrip("/") in routes:
            assert f"{name}&lt;/title&gt;" in client.get(url).get_data(as_text=True), f"{url} shows {name} escaped"


def test_the_dashboard_and_the_presentation_title_is_escaped_in_the_source(app):
    client = app.server.test_client()
    for url in ("/", "/present/"):
        source = client.get(url).get_data(as_text=True)
        title = source[source.index("<title>") : source.index("</title>") + len("</title>")]
        assert "&lt;/title&gt;&lt;meta http-equiv=" in title and "<meta" not in title, title


def poster_texts(spec: dict) -> list[str]:
    layout = spec["layout"]
    texts = [a.get("text", "") for a in layout.get("annotations", [])]
    texts += [str((layout.get(key) or {}).get("text", "")) for key in layout if key.startswith(("title", "xaxis"))]
    for trace in spec["data"]:
        for key in ("text", "hovertext", "name"):
            value = trace.get(key)
            texts += [str(v) for v in value] if isinstance(value, (list, tuple)) else [str(value or "")]
    return texts


def test_the_poster_shows_the_hostile_names_as_text(dataset):
    spec = poster_spec(dataset, FilterState(), day=date(2025, 3, 1), topojson_url="file:///x/")
    spec = json.loads(json.dumps(spec, default=str))
    texts = poster_texts(spec)
    assert any("institution.name" in t for t in texts), "the poster names the institution"
    for text in texts:
        # plotly's pseudo-HTML allows a few tags of our own (<b>, <br>, <i>, <span style>): none of the data's.
        assert "<meta" not in text and "<img" not in text and "<script" not in text, text
