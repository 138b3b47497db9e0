"""/accessibility: the statement in every language, on the EU model's sections, with the institution escaped."""

from __future__ import annotations

import re

import pytest

from dashboard.app import create_app
from dashboard.config import Settings
from dashboard.i18n import LANGUAGES, text
from tests.factories import HOME, make_dataset

SECTIONS = (
    "a11y.status.title",
    "a11y.limits.title",
    "a11y.preparation.title",
    "a11y.feedback.title",
    "a11y.enforcement.title",
)


@pytest.fixture(scope="module")
def client():
    institution = HOME.__class__(**{**HOME.__dict__, "name": "<b>Hogeschool & Co</b>"})
    return create_app(Settings(), dataset=make_dataset(institution=institution)).server.test_client()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_statement_is_served_in_each_language_with_every_section(client, language):
    response = client.get(f"/accessibility?lang={language}")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f'<html lang="{language}">' in page
    assert re.findall(r"<h2>(.*?)</h2>", page) == [text(key, language).replace("'", "&#39;") for key in SECTIONS]
    assert "WCAG" in page and "2.1" in page and "EN 301 549" in page
    assert "&lt;b&gt;Hogeschool &amp; Co&lt;/b&gt;" in page and "<b>Hogeschool" not in page
    assert 'href="https://www.ucll.be"' in page
    assert "<script" not in page


def test_an_unknown_language_gets_the_default_one(client):
    assert '<html lang="en">' in client.get("/accessibility?lang=xx").get_data(as_text=True)


def test_the_test_only_axe_core_is_never_served(client):
    """axe-core lives in tests/browser/vendor for the browser tests; visitors never get it."""
    from dashboard.config import default_assets_dir

    assert not list(default_assets_dir().rglob("axe*"))
    assert client.get("/assets/axe.min.js").status_code == 404
