"""The message catalogue: every language has every string, with the same placeholders, and every key the code
asks for exists. A string missing from a catalogue fails here, not on a visitor's screen."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from dashboard.components.text import CATALOGUES, DEFAULT_LANGUAGE, LANGUAGES, country_label, text, value_label
from dashboard.countries import CONTINENT_NAMES
from dashboard.model import ACTIVITIES, DIRECTIONS, DURATIONS, PARTICIPANTS, TIERS

SOURCES = Path(__file__).resolve().parents[2] / "dashboard"
TAG = re.compile(r"<[^>]+>")


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def catalogue_problems(catalogues: dict[str, dict[str, str]]) -> list[str]:
    """Everything wrong with a set of catalogues, one line each (empty when they are complete)."""
    reference = catalogues[DEFAULT_LANGUAGE]
    problems = []
    for language, catalogue in catalogues.items():
        problems += [f"{language}: missing {key!r}" for key in sorted(set(reference) - set(catalogue))]
        problems += [f"{language}: {key!r} is not in {DEFAULT_LANGUAGE}" for key in sorted(set(catalogue) - set(reference))]
        for key, value in catalogue.items():
            if not isinstance(value, str) or not value.strip():
                problems.append(f"{language}: {key!r} is empty")
                continue
            if key in reference and placeholders(value) != placeholders(reference[key]):
                problems.append(f"{language}: {key!r} has placeholders {sorted(placeholders(value))}, "
                                f"{DEFAULT_LANGUAGE} has {sorted(placeholders(reference[key]))}")
            if key in reference and sorted(TAG.findall(value)) != sorted(TAG.findall(reference[key])):
                problems.append(f"{language}: {key!r} has other HTML tags than {DEFAULT_LANGUAGE}")
    return problems


def test_every_language_has_every_string_with_the_same_placeholders():
    assert catalogue_problems(CATALOGUES) == []
    assert set(LANGUAGES) >= {"en", "nl", "fr"}


@pytest.mark.parametrize(("change", "expected"), [
    (lambda c: c["nl"].pop("map"), "nl: missing 'map'"),
    (lambda c: c["fr"].update({"extra": "x"}), "fr: 'extra' is not in en"),
    (lambda c: c["nl"].update({"reset": " "}), "nl: 'reset' is empty"),
    (lambda c: c["fr"].update({"source": "Source : {bron}"}), "fr: 'source' has placeholders ['bron'], en has ['source']"),
    (lambda c: c["nl"].update({"pyramid.meaning.strategic": "zonder regeleinde"}), "nl: 'pyramid.meaning.strategic' has other HTML tags"),
])
def test_a_broken_catalogue_is_reported(change, expected):
    broken = {language: dict(catalogue) for language, catalogue in CATALOGUES.items()}
    change(broken)
    assert any(problem.startswith(expected) for problem in catalogue_problems(broken))


def _literal_keys() -> dict[str, list[str]]:
    """Keys passed as a literal to text(...) anywhere in dashboard/, and the prefixes of f-string keys."""
    found: dict[str, list[str]] = {"keys": [], "prefixes": []}
    for path in SOURCES.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "text"
                    and node.args):
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
    missing = [f"{key} ({where})" for key, where in found["keys"] if key not in CATALOGUES[DEFAULT_LANGUAGE]]
    assert missing == []
    orphans = [f"{prefix}... ({where})" for prefix, where in found["prefixes"]
               if not any(key.startswith(prefix) for key in CATALOGUES[DEFAULT_LANGUAGE])]
    assert orphans == []


@pytest.mark.parametrize(("prefix", "values"), [
    ("tier", TIERS), ("activity", ACTIVITIES), ("participant", PARTICIPANTS), ("direction", DIRECTIONS),
    ("duration", DURATIONS), ("region", (*CONTINENT_NAMES.values(), "Unknown")), ("language", LANGUAGES),
    ("pyramid.meaning", TIERS), ("trend.outgoing", PARTICIPANTS), ("trend.incoming", PARTICIPANTS),
])
def test_every_value_of_the_data_model_has_a_label(prefix, values):
    assert [v for v in values if f"{prefix}.{v}" not in CATALOGUES[DEFAULT_LANGUAGE]] == []


@pytest.mark.parametrize(("language", "tier", "region", "country"), [
    ("en", "Strategic", "North America", "South Korea"),
    ("nl", "Strategisch", "Noord-Amerika", "Zuid-Korea"),
    ("fr", "Stratégique", "Amérique du Nord", "Corée du Sud"),
])
def test_labels_and_country_names_follow_the_language(language, tier, region, country):
    assert value_label("tier", "strategic", language) == tier
    assert value_label("region", "North America", language) == region
    assert country_label("KR", language) == country


def test_unknown_values_and_languages_fall_back_instead_of_failing():
    assert value_label("region", "Atlantis", "nl") == "Atlantis"
    assert country_label("ZZ", "nl", "Zedland") == "Zedland"
    assert text("map", "xx") == "World map"
