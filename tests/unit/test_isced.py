"""The ISCED-F 2013 catalogue shipped in the package: complete hierarchy, names in three languages, depth matching."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from dashboard import isced


def test_every_field_has_its_parents_and_a_name_in_every_language():
    fields = isced.catalogue()
    assert len([c for c in fields if len(c) == 2]) == 12  # 00-10 and 99 (field unknown)
    for code, field in fields.items():
        assert len(code) in (2, 3, 4) and code.isdigit()
        assert len(code) == 2 or code[:-1] in fields, f"{code} has no parent"
        assert all(field.names[language].strip() for language in isced.LANGUAGES), code


@pytest.mark.parametrize(
    "code, language, name",
    [
        ("0913", "en", "Nursing and midwifery"),
        ("0913", "nl", "Verpleeg- en vroedkunde"),
        ("0913", "fr", "Soins infirmiers et obstétrique"),
        ("0113", "en", "Teacher training without subject specialisation"),
        ("0923", "en", "Social work and counselling"),
        ("0613", "en", "Software and applications development and analysis"),
        ("0914", "en", "Medical diagnostic and treatment technology"),
        ("04", "en", "Business, administration and law"),
        ("1234", "en", "1234"),  # unknown: the code itself
    ],
)
def test_names(code, language, name):
    assert isced.field_name(code, language) == name


@pytest.mark.parametrize(
    "agreement, wanted, covered",
    [
        ("0913", "09", True),
        ("0913", "091", True),
        ("0913", "0913", True),
        ("091", "0913", True),
        ("09", "0913", True),
        ("0923", "0913", False),
        ("0413", "09", False),
        ("0413", "04", True),
    ],
)
def test_a_field_covers_every_depth_of_its_branch(agreement, wanted, covered):
    assert isced.covers(agreement, wanted) is covered


def test_the_catalogue_is_package_data():
    pyproject = tomllib.loads((Path(__file__).resolve().parents[2] / "pyproject.toml").read_text(encoding="utf-8"))
    assert "catalogues/*.csv" in pyproject["tool"]["setuptools"]["package-data"]["dashboard"]
