"""The message catalogues: every language's .po translates every English message, none fuzzy, with the same
placeholders and tags; every key the code asks for exists; `make messages` keeps translations by key and marks
changed English fuzzy. A string missing from a catalogue fails here, not on a visitor's screen."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

from dashboard.countries import CONTINENT_NAMES
from dashboard.i18n import ENGLISH, LANGUAGES, country_label, language_name, text, value_label
from dashboard.i18n.catalogues import LOCALE_DIR, CatalogueError, po_path, read_catalogue
from dashboard.i18n.messages import template, update
from dashboard.model import ACTIVITIES, DIRECTIONS, DURATIONS, PARTICIPANTS, TIERS

SOURCES = Path(__file__).resolve().parents[2] / "dashboard"
TAG = re.compile(r"<[^>]+>")


def placeholders(message: str | tuple[str, ...]) -> set[str]:
    parts = message if isinstance(message, tuple) else (message,)
    return {name for part in parts for _, name, _, _ in string.Formatter().parse(part) if name is not None}


def tags(message: str | tuple[str, ...]) -> list[str]:
    return sorted(TAG.findall(message if isinstance(message, str) else message[-1]))


def catalogue_problems(catalogue: Catalog, language: str) -> list[str]:
    """Everything a translator still has to do in one .po, one line each (empty when it is complete)."""
    entries = {message.context: message for message in catalogue if message.id}
    problems = [f"{language}: missing {key!r}" for key in ENGLISH if key not in entries]
    for key, message in entries.items():
        if key not in ENGLISH:
            problems.append(f"{language}: {key!r} is not in english.py (run make messages)")
            continue
        english = ENGLISH[key]
        if message.id != english:
            problems.append(f"{language}: {key!r} translates old English (run make messages)")
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy:
            problems.append(f"{language}: {key!r} is fuzzy (check the translation, then clear the flag)")
        if not all(form and form.strip() for form in forms):
            problems.append(f"{language}: {key!r} is empty")
            continue
        for form in forms:
            if placeholders(form) - placeholders(english) or (
                not isinstance(english, tuple) and placeholders(form) != placeholders(english)
            ):
                problems.append(
                    f"{language}: {key!r} has placeholders {sorted(placeholders(form))}, "
                    f"English has {sorted(placeholders(english))}"
                )
            if sorted(TAG.findall(form)) != tags(english):
                problems.append(f"{language}: {key!r} has other HTML tags than English")
    return problems


@pytest.mark.parametrize("language", [code for code in LANGUAGES if code != "en"])
def test_every_language_translates_every_message_with_nothing_fuzzy(language):
    assert catalogue_problems(read_catalogue(po_path(language), language), language) == []


def test_the_languages_are_the_po_files():
    assert set(LANGUAGES) >= {"en", "nl", "fr", "de"}
    assert LANGUAGES[0] == "en"
    assert [language_name(code) for code in ("en", "nl", "fr", "de")] == [
        "English",
        "Nederlands",
        "Français",
        "Deutsch",
    ]


def test_the_committed_catalogues_are_up_to_date_with_english(tmp_path):
    """`make messages` would change nothing: the .pot and every .po already follow english.py."""
    copy = tmp_path / "locale"
    for path in LOCALE_DIR.rglob("*.po*"):
        target = copy / path.relative_to(LOCALE_DIR)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
    update(copy)
    changed = [
        str(path.relative_to(copy))
        for path in copy.rglob("*.po*")
        if path.read_bytes() != (LOCALE_DIR / path.relative_to(copy)).read_bytes()
    ]
    assert changed == [], "run `make messages` and commit the result"


def _po(tmp_path: Path, body: str) -> Path:
    path = po_path("nl", tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text(
        'msgid ""\nmsgstr ""\n"Language: nl\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n' + body,
        encoding="utf-8",
    )
    return path


def test_make_messages_keeps_translations_by_key_and_marks_changed_english_fuzzy(tmp_path):
    _po(
        tmp_path,
        'msgctxt "map"\nmsgid "World map"\nmsgstr "Wereldkaart"\n\n'
        'msgctxt "reset"\nmsgid "Clear all filters"\nmsgstr "Alles wissen"\n\n'
        'msgctxt "gone"\nmsgid "Old text"\nmsgstr "Oude tekst"\n',
    )
    update(tmp_path)
    problems = catalogue_problems(read_catalogue(po_path("nl", tmp_path), "nl"), "nl")
    assert "nl: 'reset' is fuzzy (check the translation, then clear the flag)" in problems
    assert "nl: 'tier' is empty" in problems
    assert not any("'map'" in p or "'gone'" in p for p in problems)
    assert len(template()) == len(ENGLISH)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('msgctxt "map"\nmsgid "World map"\nmsgstr "Kaart van {de wereld}"\n', "has placeholders ['de wereld']"),
        (
            'msgctxt "pyramid.meaning.mobility"\nmsgid "Mobility partners exchange students and staff"\nmsgstr "<b>x</b>"\n',
            "has other HTML tags",
        ),
        ('msgctxt "hover.partners"\nmsgid "{count} partners"\nmsgstr ""\n', "'hover.partners' is empty"),
    ],
)
def test_a_broken_translation_is_reported(tmp_path, body, expected):
    path = _po(tmp_path, body)
    problems = catalogue_problems(read_catalogue(path, "nl"), "nl")
    assert any(expected in problem for problem in problems), problems


def test_an_unreadable_po_file_names_the_file_and_line(tmp_path):
    path = _po(tmp_path, 'msgctxt "map"\nmsgid "World map"\nmsgstr ""\nWereldkaart"\n')
    with pytest.raises(CatalogueError, match=r"messages\.po, line \d+"):
        read_catalogue(path, "nl")


def _literal_keys() -> dict[str, list[tuple[str, str]]]:
    """Keys passed as a literal to text(...) anywhere in dashboard/, and the prefixes of f-string keys."""
    found: dict[str, list[tuple[str, str]]] = {"keys": [], "prefixes": []}
    for path in SOURCES.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if not (
                isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "text" and node.args
            ):
                continue
            first = node.args[0]
            where = f"{path.relative_to(SOURCES.parent)}:{node.lineno}"
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                found["keys"].append((first.value, where))
            elif isinstance(first, ast.JoinedStr) and first.values and isinstance(first.values[0], ast.Constant):
                found["prefixes"].append((first.values[0].value, where))
    return found


def test_every_key_the_code_asks_for_exists():
    found = _literal_keys()
    assert len(found["keys"]) > 100, "the scan should see the text(...) calls of the whole package"
    assert [f"{key} ({where})" for key, where in found["keys"] if key not in ENGLISH] == []
    assert [
        f"{prefix}... ({where})"
        for prefix, where in found["prefixes"]
        if not any(key.startswith(prefix) for key in ENGLISH)
    ] == []


@pytest.mark.parametrize(
    ("prefix", "values"),
    [
        ("tier", TIERS),
        ("activity", ACTIVITIES),
        ("participant", PARTICIPANTS),
        ("direction", DIRECTIONS),
        ("duration", DURATIONS),
        ("region", (*CONTINENT_NAMES.values(), "Unknown")),
        ("pyramid.meaning", TIERS),
        ("trend.outgoing", PARTICIPANTS),
        ("trend.incoming", PARTICIPANTS),
    ],
)
def test_every_value_of_the_data_model_has_a_label(prefix, values):
    assert [v for v in values if f"{prefix}.{v}" not in ENGLISH] == []


@pytest.mark.parametrize(
    ("language", "tier", "region", "country"),
    [
        ("en", "Strategic", "North America", "South Korea"),
        ("nl", "Strategisch", "Noord-Amerika", "Zuid-Korea"),
        ("fr", "Stratégique", "Amérique du Nord", "Corée du Sud"),
        ("de", "Strategisch", "Nordamerika", "Südkorea"),
    ],
)
def test_labels_and_country_names_follow_the_language(language, tier, region, country):
    assert value_label("tier", "strategic", language) == tier
    assert value_label("region", "North America", language) == region
    assert country_label("KR", language) == country


def test_unknown_values_and_languages_fall_back_instead_of_failing():
    assert value_label("region", "Atlantis", "nl") == "Atlantis"
    assert country_label("ZZ", "nl", "Zedland") == "Zedland"
    assert text("map", "xx") == "World map"


@pytest.mark.parametrize(
    ("language", "paging", "plotly"),
    [("nl", "Pagina", "nl"), ("fr", "Page", "fr"), ("de", "Seite", "de"), ("en", None, "en")],
)
def test_the_libraries_speak_the_page_language(language, paging, plotly):
    """ag-grid's paging words and plotly's toolbar locale come with the page; our wording of the empty table wins."""
    from dashboard.components.partner_table import table_locale
    from dashboard.config import default_assets_dir
    from dashboard.i18n.libraries import plotly_locale

    words = table_locale(language)
    assert words.get("page") == paging
    assert words["noRowsToShow"] == text("grid.no_rows", language)
    assert plotly_locale(language, default_assets_dir()) == plotly
    assert plotly_locale("xx", default_assets_dir()) == "en"
