"""The ISCED-F 2013 fields of education and training: broad (2 digits), narrow (3) and detailed (4), named in
English (UNESCO's ISCED-F 2013 document), Dutch and French (the project's own translations; docs/agreements.md).

The catalogue ships in the package (dashboard/catalogues/isced_f_2013.csv) and is read once.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from dashboard.folding import fold

LANGUAGES = ("en", "nl", "fr")
LEVELS = {2: "broad", 3: "narrow", 4: "detailed"}


@dataclass(frozen=True)
class Field:
    code: str
    names: dict[str, str]

    @property
    def level(self) -> str:
        return LEVELS[len(self.code)]


@lru_cache(maxsize=1)
def catalogue() -> dict[str, Field]:
    """Every field by code, broad fields first within their branch (the file's order)."""
    data = resources.files("dashboard").joinpath("catalogues/isced_f_2013.csv").read_text(encoding="utf-8")
    return {
        row["code"]: Field(row["code"], {lang: row[lang] for lang in LANGUAGES})
        for row in csv.DictReader(io.StringIO(data))
    }


@lru_cache(maxsize=1)
def _by_name() -> dict[str, str]:
    """Folded names in every language -> the most detailed code with that name ("Law" is 0421, not 042)."""
    names: dict[str, str] = {}
    for code, field in catalogue().items():
        for name in field.names.values():
            names[fold(name)] = code
    return names


def is_field(code: str) -> bool:
    return code in catalogue()


def field_name(code: str, language: str = "en") -> str:
    """The field's name in `language` (English when not translated); the code itself when unknown."""
    field = catalogue().get(code)
    if field is None:
        return code
    return field.names.get(language) or field.names["en"]


def code_for_name(name: str) -> str | None:
    return _by_name().get(fold(name))


def broad_fields() -> list[str]:
    return [code for code in catalogue() if len(code) == 2]


def broad_of(code: str) -> str:
    return code[:2]


def covers(agreement_code: str, wanted: str) -> bool:
    """Whether an agreement on `agreement_code` concerns the field `wanted`, at any depth.

    "04" wanted takes every business field (0413 among them); an agreement on all of "091" (health)
    concerns "0913" (nursing) as well, since it names no narrower field.
    """
    return agreement_code.startswith(wanted) or wanted.startswith(agreement_code)
