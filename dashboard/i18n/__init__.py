"""Every interface string and number of Partner Atlas, in the page's language.

    text(key, language, **values)   the message for key (english.py) translated by locale/<language>/.../messages.po,
                                    {placeholders} filled; a (singular, plural) message picks its form by `count`
    number(value, language)         1,010 / 1.010 / 1 010: the one number format (Babel), also percent() and figure()
    value_label(prefix, value, ...) the label of a data value ("tier.strategic"), the value itself when none exists
    country_label(iso2, language)   the country's name in the language (pycountry's translations)
    language_name(code)             the language's own name for itself ("Deutsch"), from CLDR

A language is spoken when it has a .po file: adding locale/de/LC_MESSAGES/messages.po adds German everywhere.
This package imports nothing above it (settings, countries): the core and the Dash layer both use it.
"""

from __future__ import annotations

from functools import lru_cache

from dashboard.i18n.catalogues import DEFAULT_LANGUAGE, translated_languages, translations
from dashboard.i18n.english import ENGLISH
from dashboard.i18n.numbers import figure, key_figure, locale_of, number, percent, separators

LANGUAGES: tuple[str, ...] = (DEFAULT_LANGUAGE, *(code for code in translated_languages() if code != DEFAULT_LANGUAGE))

__all__ = [
    "DEFAULT_LANGUAGE",
    "ENGLISH",
    "LANGUAGES",
    "country_label",
    "figure",
    "has_text",
    "key_figure",
    "language_name",
    "language_or_default",
    "number",
    "percent",
    "separators",
    "text",
    "value_label",
]


def language_or_default(language: object, default: str = DEFAULT_LANGUAGE) -> str:
    """`language` when a catalogue speaks it ("NL" and "nl-BE" count as "nl"), else `default`."""
    code = str(language or "").strip().lower().replace("_", "-").split("-")[0]
    return code if code in LANGUAGES else (default if default in LANGUAGES else DEFAULT_LANGUAGE)


def has_text(key: str) -> bool:
    return key in ENGLISH


def text(key: str, language: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """The string for key in language (English when the language lacks it), with {placeholders} filled.

    For a plural message, `count` (a number) picks the form and is written with number().
    """
    english = ENGLISH[key]
    found = translations(language)
    if isinstance(english, tuple):
        count = values.get("count", 0)
        template = found.npgettext(key, english[0], english[1], round(float(count)))  # type: ignore[arg-type]
        values["count"] = number(count, language)
    else:
        template = found.pgettext(key, english)
    return template.format(**values) if values else template


def value_label(prefix: str, value: object, language: str = DEFAULT_LANGUAGE) -> str:
    """The catalogue's name for a data value ("tier.strategic", "region.Europe"), or the value itself when the
    catalogue has none (a campus, a region nobody translated)."""
    key = f"{prefix}.{value}"
    return text(key, language) if key in ENGLISH else str(value)


@lru_cache(maxsize=16)
def language_name(code: str) -> str:
    """The language's name in itself, capitalised as a menu item ("English", "Nederlands", "Français")."""
    name = locale_of(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]


@lru_cache(maxsize=4096)
def country_label(iso2: str, language: str = DEFAULT_LANGUAGE, fallback: str = "") -> str:
    """The country's name in `language` (pycountry's translations); `fallback` (or the code) for unknown codes.

    Cached: the map's hover cards ask for it once per partner on every filter change.
    """
    from dashboard.countries import country_name

    code = str(iso2 or "").strip().upper()
    if not code:
        return fallback
    name = country_name(code, language)
    return fallback if name == code and fallback else name
