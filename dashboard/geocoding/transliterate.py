"""Greek and Cyrillic city names in Latin letters, as the gazetteer spells them ("Θεσσαλονίκη" -> "Thessaloniki").

The gazetteer index keeps Latin-script names only (names.keep_latin_names), so a field typed in Greek or Cyrillic
finds nothing as written. These tables follow the usual romanisations: ELOT 743 for Greek; for Cyrillic, the
national systems of Bulgaria (щ sht, ъ a), Ukraine (г h, и y) and Serbia and North Macedonia (the Latin alphabet
they print beside the Cyrillic), else the common Russian one. Typo tolerance absorbs the rest.
"""

from __future__ import annotations

import re
import unicodedata

_GREEK_PAIRS = {"ου": "ou", "αι": "ai", "ει": "ei", "οι": "oi", "μπ": "mp", "ντ": "nt", "γκ": "gk", "γγ": "ng"}
_GREEK = dict(
    zip(
        "αβγδεζηθικλμνξοπρσςτυφχψω",
        [
            "a",
            "v",
            "g",
            "d",
            "e",
            "z",
            "i",
            "th",
            "i",
            "k",
            "l",
            "m",
            "n",
            "x",
            "o",
            "p",
            "r",
            "s",
            "s",
            "t",
            "y",
            "f",
            "ch",
            "ps",
            "o",
        ],
    )
)
_VOICELESS = set("κπτχφθσξψ")
_CYRILLIC = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ё": "e",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "y",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "yu",
    "я": "ya",
    "і": "i",
    "ї": "i",
    "є": "ye",
    "ґ": "g",
    "ђ": "dj",
    "ј": "j",
    "љ": "lj",
    "њ": "nj",
    "ћ": "c",
    "џ": "dz",
    "ѓ": "gj",
    "ќ": "kj",
    "ѕ": "dz",
}
_BY_COUNTRY = {
    "BG": {"щ": "sht", "ъ": "a", "х": "h", "ц": "ts", "ю": "yu", "я": "ya"},
    "UA": {"г": "h", "и": "y", "х": "kh", "ї": "i"},
    "RS": {"ж": "z", "ч": "c", "ш": "s", "ц": "c", "х": "h"},
    "ME": {"ж": "z", "ч": "c", "ш": "s", "ц": "c", "х": "h"},
    "BA": {"ж": "z", "ч": "c", "ш": "s", "ц": "c", "х": "h"},
    "MK": {"ж": "z", "ч": "c", "ш": "s", "ц": "c", "х": "h"},
}
_OTHER_SCRIPT = re.compile("[\u0370-\u03ff\u1f00-\u1fff\u0400-\u04ff]")


def has_greek_or_cyrillic(text: str) -> bool:
    return bool(_OTHER_SCRIPT.search(text))


def to_latin(text: str, country: str = "") -> str:
    """The text with Greek and Cyrillic letters written in Latin ones (lower case); other characters kept."""
    plain = "".join(ch for ch in unicodedata.normalize("NFD", text.lower()) if not unicodedata.combining(ch))
    cyrillic = {**_CYRILLIC, **_BY_COUNTRY.get(country, {})}
    out = []
    i = 0
    while i < len(plain):
        pair = plain[i : i + 2]
        if pair in ("αυ", "ευ"):
            following = plain[i + 2 : i + 3]
            out.append(pair[0].replace("α", "a").replace("ε", "e") + ("f" if following in _VOICELESS else "v"))
            i += 2
        elif pair in _GREEK_PAIRS:
            out.append(_GREEK_PAIRS[pair])
            i += 2
        else:
            ch = plain[i]
            out.append(_GREEK.get(ch) or cyrillic.get(ch, ch))
            i += 1
    return "".join(out)
