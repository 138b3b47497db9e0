"""Numbers as each language writes them, through Babel (CLDR): the one formatter behind the cards, charts, hover
cards, presentation, poster and exports, so 1010 reads "1,010", "1.010", "1 010" or "1.010" everywhere alike."""

from __future__ import annotations

import math
import re
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.numbers import format_decimal, format_percent, get_decimal_symbol, get_group_symbol

DEFAULT_LANGUAGE = "en"
# A number as an office types it in a CSV: 1700, 1,700 or 1 700 (English grouping), 12.5; nothing else.
_WRITTEN_NUMBER = re.compile(r"-?(\d{1,3}([, \u00a0\u202f]\d{3})+|\d+)(\.\d+)?")


@lru_cache(maxsize=64)
def locale_of(language: str) -> Locale:
    """Babel's locale for a language code ("nl" -> nl_NL); English for a code CLDR does not know."""
    try:
        return Locale.parse(language or DEFAULT_LANGUAGE)
    except (UnknownLocaleError, ValueError, TypeError):
        return Locale.parse(DEFAULT_LANGUAGE)


def _finite(value: object) -> float:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0.0
    return number if math.isfinite(number) else 0.0


def number(value: object, language: str = DEFAULT_LANGUAGE, decimals: int = 0) -> str:
    """`value` rounded to `decimals` places with the language's digit grouping and decimal mark (blank or NaN -> 0)."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return format_decimal(round(_finite(value), decimals), format=pattern, locale=locale_of(language))


def percent(fraction: object, language: str = DEFAULT_LANGUAGE, decimals: int = 0) -> str:
    """A fraction (0.35) as the language writes a percentage ("35%", "35 %")."""
    locale = locale_of(language)
    pattern = locale.percent_formats[None].pattern  # the language's own spacing and sign position
    if decimals > 0:
        whole, _, rest = pattern.rpartition("0")
        pattern = f"{whole}0.{'0' * decimals}{rest}"
    return format_percent(_finite(fraction), format=pattern, locale=locale)


def figure(value: object, language: str = DEFAULT_LANGUAGE) -> str:
    """A key figure: whole numbers without decimals, anything else with one; text (e.g. "n/a") as written."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    return number(value, language, 0 if float(value).is_integer() else 1)


def as_number(value: object) -> object:
    """A key figure's value read as a number when it is one as written ("1,700" -> 1700.0); else unchanged."""
    if isinstance(value, str) and _WRITTEN_NUMBER.fullmatch(value.strip()):
        return float(re.sub(r"[, \u00a0\u202f]", "", value.strip()))
    return value


def key_figure(value: object, unit: str, language: str = DEFAULT_LANGUAGE) -> str:
    """A key figure's number ("1700" as written -> 1,700 / 1.700 / 1 700), with the percent sign placed as the
    language places it when the unit is "%"; text such as "over 100" stays as written."""
    value = as_number(value)
    if unit == "%" and isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        return percent(value / 100, language, 0 if float(value).is_integer() else 1)
    return figure(value, language)


def separators(language: str = DEFAULT_LANGUAGE) -> str:
    """Plotly's layout.separators for the language: its decimal mark, then its thousands separator."""
    locale = locale_of(language)
    return get_decimal_symbol(locale) + get_group_symbol(locale)
