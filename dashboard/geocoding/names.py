"""Place names as partner lists write them, reduced to the keys the gazetteer index is built on.

A city field from a real export carries postal noise ("PARIS CEDEX 05", "Praha 3", "Aarhus N", "75005 Paris"),
provinces ("Baza (Granada)", "Vigo - Pontevedra"), abbreviations ("St Brieuc") and characters lost to a code page
("Wroc?aw"). These functions turn it into ordered lookup keys: whole-field keys first (trusted), then parts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import ftfy

from dashboard.folding import WILDCARD, fold

_NON_LATIN_LINE = re.compile("(?m)^.*[^\\n\\x00-\u024f\u1e00-\u1eff\u2018-\u201f].*$")
_AIRPORT_CODE = re.compile("(?m)^[A-Z]{3,4}$")


def keep_latin_names(joined: str) -> str:
    """Blank the lines (names) written in other scripts, and airport codes ("BRU"), keeping line positions."""
    return _AIRPORT_CODE.sub("", _NON_LATIN_LINE.sub("", joined))


def compact(key: str) -> str:
    return key.replace(" ", "")


def repair(text: str) -> str:
    """Undo mojibake ("ZÃ¼rich") and mark letters lost to a code page ("R?ga") as wildcards."""
    text = str(text).replace("\u00a0", " ")
    if any(ord(ch) > 127 for ch in text):
        text = ftfy.fix_text(text)
    return re.sub(r"(?<=\w)\?|\?(?=\w)", WILDCARD, text)


# Words that name no place on their own: articles and prepositions inside names.
STOPWORDS = frozenset(
    [
        "a",
        "al",
        "am",
        "an",
        "and",
        "as",
        "au",
        "aux",
        "bei",
        "d",
        "da",
        "das",
        "de",
        "dei",
        "del",
        "della",
        "der",
        "des",
        "di",
        "do",
        "dos",
        "du",
        "e",
        "el",
        "en",
        "et",
        "i",
        "im",
        "in",
        "l",
        "la",
        "las",
        "le",
        "les",
        "lo",
        "los",
        "na",
        "nad",
        "ob",
        "of",
        "op",
        "pod",
        "s",
        "sur",
        "sous",
        "the",
        "u",
        "und",
        "upon",
        "van",
        "von",
        "y",
        "z",
        "zu",
    ]
)
# Postal and administrative words that are never part of the place's name.
_NOISE_WORDS = frozenset(["cedex", "cdx", "arrondissement", "arr", "bp", "cs"])
_ROMAN = frozenset(
    [
        "i",
        "ii",
        "iii",
        "iv",
        "v",
        "vi",
        "vii",
        "viii",
        "ix",
        "x",
        "xi",
        "xii",
        "xiii",
        "xiv",
        "xv",
        "xvi",
        "xvii",
        "xviii",
        "xix",
        "xx",
    ]
)
# Words after which the rest of the field is a campus or site, not the city ("Leuven - Campus Proximus").
_SITE_WORDS = frozenset(["campus", "site"])
_SAINT_FORMS = {
    "st": ("saint", "sankt", "sant", "san", "santo"),
    "ste": ("sainte",),
    "sta": ("santa",),
    "sto": ("santo",),
}
# Exonyms and local names geonames lacks as alternate names: (folded name, country) -> folded gazetteer name.
EXONYMS: dict[tuple[str, str], str] = {
    ("rijsel", "FR"): "lille",
    ("wenen", "AT"): "vienna",
    ("keulen", "DE"): "cologne",
    ("aken", "DE"): "aachen",
    ("luik", "BE"): "liege",
    ("bergen", "BE"): "mons",
    ("doornik", "BE"): "tournai",
    ("namen", "BE"): "namur",
    ("bergen op zoom", "NL"): "bergen op zoom",
}

_BRACKETS = re.compile(r"\([^)]*\)?|\[[^\]]*\]?")
_DUTCH_POSTCODE = re.compile(r"\b\d{4}\s?[A-Z]{2}\b")
_POSTAL_BOX = re.compile(r"\b(?:B\.?P\.?|CS)\s*\d+\b", re.IGNORECASE)
# Separators between a town and its province or district: " - ", ",", "/", ";".
_SEPARATORS = re.compile(r"\s+[-\u2013\u2014]\s*|\s*[-\u2013\u2014]\s+|\s*[,/;|]\s*")


def _clean_words(key: str) -> list[str]:
    words: list[str] = []
    for word in key.split():
        if word in _SITE_WORDS and words:
            break
        if word in _NOISE_WORDS or any(ch.isdigit() for ch in word):
            continue
        words.append(word)
    while len(words) > 1 and words[-1] in _ROMAN:
        words.pop()
    return words


def _saint_variants(words: list[str]) -> list[str]:
    variants = [" ".join(words)]
    for short, longs in _SAINT_FORMS.items():
        if short in words:
            for long in longs:
                variants.append(" ".join(long if w == short else w for w in words))
    return variants


def _with_short_tail_dropped(words: list[str]) -> list[str]:
    """ "aarhus n", "odense c", "cernobbio co", "ede gld": a district letter or a province abbreviation."""
    if len(words) > 1 and len(words[-1]) <= 3 and words[-1] not in STOPWORDS:
        return words[:-1]
    return []


@dataclass(frozen=True)
class CityQuery:
    """The lookup keys of one city field, most trusted first."""

    whole: tuple[str, ...]  # the whole field without postal noise, with its spelling variants
    pieces: tuple[str, ...] = ()  # the pieces between separators ("Vigo" and "Pontevedra" of "Vigo - Pontevedra")
    runs: tuple[str, ...] = ()  # shorter runs of words, longest first ("Tallinn" of "HARJU MAAKOND TALLINN")


_SAINT_WORDS = frozenset({"saint", "sainte", "sankt", "san", "santa", "sant", "santo", "st", "ste", "sta"})


def _runs(
    words: list[str], max_size: int, *, skip_saints: bool = False, banned: frozenset = frozenset(), min_letters: int = 3
) -> list[str]:
    """Runs of consecutive words, longest first, that could name a place on their own."""
    grams = []
    for size in range(min(max_size, len(words)), 0, -1):
        for start in range(len(words) - size + 1):
            gram = words[start : start + size]
            if gram[0] in STOPWORDS or gram[-1] in STOPWORDS or any(w in banned for w in gram):
                continue
            if skip_saints and gram[0] in _SAINT_WORDS:
                continue
            if sum(len(w) for w in gram) < min_letters:
                continue
            grams.append(" ".join(gram))
    return grams


def _unique(items) -> tuple[str, ...]:
    return tuple(dict.fromkeys(item for item in items if item))


@lru_cache(maxsize=65536)
def parse_city(raw: str) -> CityQuery:
    """Split a city field into whole-field keys, separated pieces and runs of words, without postal noise."""
    text = repair(raw or "")
    text = _POSTAL_BOX.sub(" ", _DUTCH_POSTCODE.sub(" ", text))
    bracketed = [m.group(0).strip("()[] ") for m in _BRACKETS.finditer(text)]
    text = _BRACKETS.sub(" ", text)
    whole_words = _clean_words(fold(text))
    whole = _spellings(whole_words)
    pieces: list[list[str]] = []
    for piece in _SEPARATORS.split(text):
        words = fold(piece).split()
        if words and words[0] in _SITE_WORDS:
            break
        if _clean_words(" ".join(words)):
            pieces.append(_clean_words(" ".join(words)))
    separated = [key for piece in pieces for key in _spellings(piece)] if len(pieces) > 1 else []
    separated += [" ".join(_clean_words(fold(b))) for b in bracketed]
    runs = [run for piece in pieces or [whole_words] for run in _runs(piece, len(piece) - 1)]
    seen = set(whole)
    pieces_keys = tuple(k for k in _unique(separated) if k not in seen)
    seen |= set(pieces_keys)
    return CityQuery(whole=_unique(whole), pieces=pieces_keys, runs=tuple(k for k in _unique(runs) if k not in seen))


def _spellings(words: list[str]) -> list[str]:
    if not words:
        return []
    tail = _with_short_tail_dropped(words)
    return _saint_variants(words) + (_saint_variants(tail) if tail else [])


def is_saint_run(key: str) -> bool:
    """ "san vicente", "saint barthelemy": a run that names one of a hundred towns unless more follows."""
    return key.split(" ", 1)[0] in _SAINT_WORDS


_CODE = re.compile(r"^\s*([A-Z]{1,3})\s+([A-Z][A-Z\-.']*?)\s*\d*\s*$")
_CODE_GLUED = re.compile(r"^\s*(IRL|LUX)([A-Z][A-Z\-.']*?)\s*\d*\s*$")


@dataclass(frozen=True)
class CodeCity:
    """The city part of an Erasmus code: "NL ROTTERD03" -> key "rotterd"; "F CHALO-S01" -> segments chalo, s."""

    key: str  # folded, without spaces or hyphens
    segments: tuple[str, ...]  # the hyphen-separated pieces: each starts a word of the city's name, in order


@lru_cache(maxsize=65536)
def code_city(code: str | None) -> CodeCity | None:
    if not code:
        return None
    text = str(code).replace("\u00a0", " ").upper()
    match = _CODE.match(text) or _CODE_GLUED.match(text)
    if not match:
        return None
    key = compact(fold(match.group(2)))
    segments = tuple(s for s in (compact(fold(piece)) for piece in re.split(r"[-.']", match.group(2))) if s)
    return CodeCity(key=key, segments=segments) if len(key) >= 3 else None


def saint_forms(word: str) -> tuple[str, ...]:
    """ "st" -> saint, sankt, sant, san, santo (and "st" itself): how codes and fields abbreviate saints."""
    return (word, *_SAINT_FORMS.get(word, ()))


# Words of institution names that are never the city the institution is in.
INSTITUTION_WORDS = frozenset(
    [
        "university",
        "universiteit",
        "universitat",
        "universitaet",
        "universidad",
        "universidade",
        "universita",
        "universite",
        "uniwersytet",
        "univerzita",
        "univerzitet",
        "universitet",
        "yliopisto",
        "egyetem",
        "college",
        "hochschule",
        "fachhochschule",
        "school",
        "schule",
        "academy",
        "akademie",
        "akademia",
        "academie",
        "academia",
        "institute",
        "instituto",
        "institut",
        "istituto",
        "politecnico",
        "polytechnic",
        "politechnika",
        "escola",
        "escuela",
        "ecole",
        "lycee",
        "hogeschool",
        "hogescholen",
        "national",
        "nationale",
        "international",
        "technical",
        "technische",
        "technology",
        "technologie",
        "applied",
        "sciences",
        "science",
        "wissenschaften",
        "arts",
        "art",
        "music",
        "musik",
        "business",
        "management",
        "state",
        "free",
        "catholic",
        "katholieke",
        "open",
        "royal",
        "medical",
        "medicine",
        "centre",
        "center",
        "centro",
        "foundation",
        "fondazione",
        "fundacion",
        "stichting",
        "gmbh",
        "sa",
        "srl",
        "ltd",
        "ag",
        "private",
        "public",
        "higher",
        "education",
        "studies",
        "research",
        "conservatory",
        "conservatoire",
        "conservatorio",
        "design",
        "campus",
        "faculty",
        "faculte",
    ]
)


@lru_cache(maxsize=65536)
def name_city_keys(name: str) -> tuple[str, ...]:
    """Runs of words in an institution's name that may be its city ("Universiteit Utrecht" -> "utrecht")."""
    words = [w for w in fold(repair(name or "")).split() if not any(ch.isdigit() for ch in w)]
    return _unique(_runs(words, 4, skip_saints=True, banned=INSTITUTION_WORDS, min_letters=4))
