"""In Dutch, French and German nothing on the page is English: every text comes from the catalogues or from
plotly's and ag-grid's own locales, numbers included."""

from __future__ import annotations

import re
import string

import pytest

from dashboard.i18n import ENGLISH, text
from tests.browser.helpers import drawn, open_drawer

pytestmark = pytest.mark.browser

TAG = re.compile(r"<[^>]+>")
# Everything the page says: visible text, the SVG text of the charts, and what assistive technology reads.
PAGE_TEXT_JS = """
() => {
  // Key figures are data, shown as the office wrote them (key_figures.csv), not catalogue texts.
  document.querySelectorAll(".atlas-card.key-figure, .present-kf").forEach((card) => { card.style.display = "none"; });
  const parts = [document.body.innerText, document.title];
  document.querySelectorAll("svg text").forEach((node) => parts.push(node.textContent));
  for (const name of ["aria-label", "title", "placeholder", "alt", "aria-valuetext", "data-title"]) {
    document.querySelectorAll(`[${name}]`).forEach((node) => parts.push(node.getAttribute(name)));
  }
  document.querySelectorAll(".visually-hidden, .chart-table-box").forEach((node) => parts.push(node.textContent));
  return parts.join("\\n");
}
"""


def english_fragments(language: str) -> dict[str, str]:
    """Pieces of the English catalogue a page in `language` must not show: the parts between placeholders and
    tags, two words or more, that the language's own translation of the key does not contain."""
    fragments = {}
    for key, english in ENGLISH.items():
        forms = english if isinstance(english, tuple) else (english,)
        translated = text(key, language, count=2) if isinstance(english, tuple) else text(key, language)
        for form in forms:
            for literal, *_ in string.Formatter().parse(form):
                for piece in TAG.split(literal or ""):
                    piece = piece.strip(' .,:;·–-()\u201c\u201d"')
                    if len(piece.split()) >= 2 and len(piece) >= 8 and piece not in translated:
                        fragments[piece] = key
    return fragments


def test_the_scan_would_see_english():
    fragments = english_fragments("nl")
    assert fragments["Reset filters"] == "reset" and fragments["Skip to the results"] == "skip_to_results"
    assert "Erasmus code" in fragments and "partners" not in fragments  # one word: Dutch says "partners" too


@pytest.mark.parametrize("language", ["nl", "fr", "de"])
def test_a_page_in_another_language_shows_no_english(live_app, open_page, language):
    page = open_page(live_app.url + f"/?lang={language}&tier=strategic,collaboration&from=2021-2022")
    drawn(page, live_app.dataset, "?tier=strategic,collaboration&from=2021-2022")
    page.wait_for_function("() => document.querySelector('.year-slider [role=slider]').hasAttribute('aria-valuetext')")
    open_drawer(page)
    shown = page.evaluate(PAGE_TEXT_JS)
    found = {piece: key for piece, key in english_fragments(language).items() if piece in shown}
    assert found == {}


@pytest.mark.parametrize("path", ["/accessibility", "/data/", "/health", "/present/"])
@pytest.mark.parametrize("language", ["nl", "fr", "de"])
def test_the_other_pages_show_no_english(live_app, open_page, path, language):
    page = open_page(live_app.url + f"{path}?lang={language}")
    page.wait_for_load_state("networkidle")
    page.wait_for_function("() => document.querySelector('main') && !document.querySelector('._dash-loading')")
    if path == "/present/":
        page.wait_for_selector("#present-root[data-state=playing]", timeout=20_000)
    assert page.evaluate("document.documentElement.lang") == language
    shown = page.evaluate(PAGE_TEXT_JS)
    assert {piece: key for piece, key in english_fragments(language).items() if piece in shown} == {}


@pytest.mark.parametrize(
    ("language", "download", "of"),
    [
        ("nl", "Dowload de plot als een PNG-bestand", " van "),  # [sic], plotly.js-locales
        ("fr", "Télécharger le graphique en fichier PNG", " de "),
        ("de", "Graphen als PNG herunterladen", " von "),
    ],
)
def test_plotly_and_ag_grid_speak_the_page_language(live_app, open_page, language, download, of):
    page = open_page(live_app.url + f"/?lang={language}")
    drawn(page, live_app.dataset)
    titles = page.evaluate(
        "() => Array.from(document.querySelectorAll('.modebar-btn'), (b) => b.getAttribute('data-title'))"
    )
    assert download in titles and "Download plot as a PNG" not in titles
    paging = page.inner_text(".ag-paging-panel")
    assert of in paging and " of " not in paging, paging


def test_an_empty_table_says_so_in_the_language(live_app, open_page):
    page = open_page(live_app.url + "/?lang=de&query=no-such-partner")
    drawn(page, live_app.dataset, "?query=no-such-partner")
    table = page.locator(".atlas-table")
    page.wait_for_function(
        "() => document.querySelector('.atlas-table').innerText.includes('Keine Partner in diesem Filter')"
    )
    assert "No Matching Rows" not in table.inner_text() and "No Rows To Show" not in table.inner_text()
