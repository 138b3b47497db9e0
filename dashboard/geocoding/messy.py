"""City fields as thousands of people type them into Erasmus+ forms, rewritten into what the gazetteer knows.

Each rewrite says what it did (the row's geo_note): "Gent9000" -> "Gent" (postal code removed), "MadridMadrid"
-> "Madrid" (doubled name), "Bergenno" -> "Bergen" (country code removed), "Tampereen yliopisto" -> the stem
"tamper" of the one word that is not an institution word. The geocoder tries them only when the field as written
found nothing, so fields that already placed well are never touched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from dashboard.geocoding.names import INSTITUTION_WORDS, STOPWORDS, compact, fold, repair
from dashboard.geocoding.transliterate import has_greek_or_cyrillic, to_latin


@dataclass(frozen=True)
class Rewrite:
    text: str  # a city field to look up again
    note: str  # what was done, for the row's geo_note


_GLUED_DIGITS = re.compile(r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])")
_CAMEL = re.compile(
    r"(?<=[a-z\u00df-\u00ff])(?=[A-Z\u00c0-\u00de][a-z\u00df-\u00ff])"
    r"|(?<=[a-z\u00df-\u00ff])(?=[A-Z]{2,3}$)"
)  # "MadridMadrid", "BolognaBO"
_PIC = re.compile(r"(?<!\d)\d{9}(?!\d)")
_URL = re.compile(r"(?:https?://)?(?:www\.)?((?:[a-z0-9-]+\.)+[a-z]{2,6})(?:/\S*)?", re.IGNORECASE)
_CEDEX = re.compile(r"\bcedex\b", re.IGNORECASE)
# Words of web addresses that name no place: "uni-wien.ac.at" is read as "wien".
_WEB_WORDS = frozenset(["www", "http", "https", "ac", "edu", "com", "org", "net", "uni", "univ", "info", "eu"])


@lru_cache(maxsize=65536)
def rewrites(raw: str, country: str) -> tuple[Rewrite, ...]:
    """Other readings of a city field, most faithful first (each differs from the field as written)."""
    text = repair(raw or "").strip()
    found: list[Rewrite] = []
    if not text:
        return ()

    def add(candidate: str, note: str) -> None:
        candidate = candidate.strip(" ,;-")
        if candidate and fold(candidate) != fold(text) and all(r.text != candidate for r in found):
            found.append(Rewrite(candidate, note))

    if has_greek_or_cyrillic(text):
        script = "Greek" if re.search("[\u0370-\u03ff\u1f00-\u1fff]", text) else "Cyrillic"
        add(to_latin(text, country), f"transliterated from {script}")
    unlayered = _undo_mojibake(raw or "")
    if unlayered:
        add(unlayered, "mojibake repaired")
    if _PIC.search(text):
        add(_PIC.sub(" ", text), "PIC (registration number) removed")
    url = _URL.fullmatch(text) or (_URL.search(text) if "www." in text.lower() or "://" in text else None)
    if url:
        words = [w for w in re.split(r"[.\-]", url.group(1).lower()) if w not in _WEB_WORDS and len(w) > 2]
        for word in words[:-1] or words:
            add(word, f"city read from the web address {url.group(0)!r}")
    glued = _GLUED_DIGITS.sub(" ", _CAMEL.sub(" ", text))
    key = compact(fold(glued))
    half = len(key) // 2
    if len(key) >= 6 and len(key) % 2 == 0 and key[:half] == key[half:]:
        add(_first_half(glued), "doubled name written once")
    words = fold(glued).split()
    if len(words) >= 2 and len(set(words)) == 1:
        add(words[0], "doubled name written once")
    if glued != text:
        digits = re.findall(r"\d+", text)
        notes = []
        if sum(map(len, digits)) >= 4:  # "9000", "1050", "50-370", "1649-004"
            notes.append("postal code removed")
        elif digits:
            notes.append("number after the name removed")
        if _CEDEX.search(glued):
            notes.append("CEDEX removed")
        add(glued, ", ".join(notes) or "run-together words split")
    suffix = country.lower()
    if len(key) > len(suffix) + 3 and key.endswith(suffix) and not any(ch.isdigit() for ch in key):
        add(key[: -len(suffix)], f"country code {country} removed from the end")
    return tuple(found)


_MOJIBAKE_LEADS = re.compile("[\u00c2-\u00c5\u00d0\u00d1\u00c3]")


def _undo_mojibake(text: str) -> str:
    """UTF-8 read as Windows-1252 or Latin-1, once or in layers ("BraÅŸov", "MÃƒÂ¼nchen"), where ftfy declines."""
    changed = text
    for _ in range(3):
        if not _MOJIBAKE_LEADS.search(changed):
            break
        for encoding in ("cp1252", "latin-1"):
            try:
                changed = changed.encode(encoding).decode("utf-8")
                break
            except (UnicodeEncodeError, UnicodeDecodeError):
                continue
        else:
            break
    return changed if changed != text else ""


def _first_half(text: str) -> str:
    letters = [ch for ch in text if ch.isalpha()]
    return "".join(letters[: len(letters) // 2])


# Endings of a city's name inflected in the local language: the Finnish genitive (Tampereen, Helsingin,
# Turun), Polish, Czech and Slovak adjectives (Warszawski, Krakowska, Brněnská), Hungarian (Budapesti,
# Debreceni), German and Dutch (Münchner, Leuvense), Italian and Spanish adjectives are too varied and are left.
_INFLECTIONS = (
    "skiego",
    "skie",
    "ski",
    "ska",
    "sky",
    "ske",
    "kiego",
    "ki",
    "aus",
    "iin",
    "een",
    "in",
    "en",
    "an",
    "n",
    "i",
    "er",
    "se",
    "os",
)
MIN_STEM = 4


@lru_cache(maxsize=65536)
def organisation_words(raw: str) -> tuple[str, ...]:
    """The folded words of an institution's name typed as the city, without the institution words."""
    words = fold(_URL.sub(" ", _PIC.sub(" ", repair(raw or "")))).split()
    if not any(w in INSTITUTION_WORDS or w in LOCAL_INSTITUTION_WORDS for w in words):
        return ()
    return tuple(
        w
        for w in words
        if w not in INSTITUTION_WORDS
        and w not in LOCAL_INSTITUTION_WORDS
        and w not in STOPWORDS
        and len(w) >= MIN_STEM
        and not any(ch.isdigit() for ch in w)
    )


def stems(word: str) -> tuple[str, ...]:
    """Prefixes a city's name may start with, for a word that may be the city inflected ("tampereen" -> "tamper")."""
    found = []
    for ending in _INFLECTIONS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            found.append(word[: len(word) - len(ending)])
    return tuple(dict.fromkeys(found))


# Institution words in the languages of the programme countries beyond names.py's list.
LOCAL_INSTITUTION_WORDS = frozenset(
    [
        "yliopisto",
        "ammattikorkeakoulu",
        "korkeakoulu",
        "uniwersytet",
        "politechnika",
        "akademia",
        "szkola",
        "wyzsza",
        "panstwowa",
        "vysoka",
        "skola",
        "univerzita",
        "univerza",
        "sveuciliste",
        "universitatea",
        "universiteti",
        "egyetem",
        "foiskola",
        "fõiskola",
        "ollscoil",
        "hochschule",
        "fachhochschule",
        "universiteit",
        "hogeschool",
        "haute",
        "ecole",
        "superieure",
        "ecole",
        "universite",
        "universitat",
        "universidade",
        "universidad",
        "universita",
        "universitet",
        "hogskola",
        "hogskolen",
        "hogskolan",
        "hochschule",
        "panepistimio",
        "technologiko",
        "ekpaideftiko",
        "idryma",
        "tei",
        "kolegium",
        "tudomanyegyetem",
        "universitetas",
        "kolegija",
        "ulikool",
        "kolledz",
        "universiteit",
        "universitetet",
        "hogskole",
    ]
)


_CAPS_GAP = re.compile(r"(?<=[A-Za-z])(?=[A-Z][a-z])")
LOST_LETTERS_PER_GAP = 2  # "ü" -> "u" loses one letter; "ø" written "oe" or "ß" written "ss" two


def lost_letters_pattern(raw: str) -> tuple[re.Pattern, int, int] | None:
    """A pattern of the folded names "ZRich" or "LDZ" may have lost letters from, and the key lengths to scan.

    Only a field whose case shows the loss is tried: a capital inside one word, followed by a small letter
    ("ZRich", "KBenhavn", "JyvSkyl"), or one word of two to four capitals ("LDZ", every letter between lost).
    """
    text = raw.strip()
    if not text.isascii() or " " in text or not text.isalpha():
        return None
    if 2 <= len(text) <= 4 and text.isupper():
        parts = list(text.lower())
    elif _CAPS_GAP.search(text):
        parts = _CAPS_GAP.split(text)
        parts = [p.lower() for p in parts]
    else:
        return None
    gaps = len(parts) - 1
    # A letter lost at the very end leaves no capital behind ("JyvSkyl" for Jyväskylä): one more may follow.
    regex = re.compile(f"[a-z]{{0,{LOST_LETTERS_PER_GAP}}}".join(map(re.escape, parts)) + "[a-z]?")
    letters = sum(map(len, parts))
    return regex, letters + 1, letters + gaps * LOST_LETTERS_PER_GAP + 1


ALL_INSTITUTION_WORDS = INSTITUTION_WORDS | LOCAL_INSTITUTION_WORDS
