"""Text folding: the one case-, accent- and punctuation-insensitive key every name match and search uses.

"Liège", "LIEGE" and "liege" fold alike; so do "Łódź" and "Lodz" (letters with no decomposition are written
in ASCII), and "Saint-Martin-d'Hères" and "saint martin d heres" (punctuation becomes one space).
"""

from __future__ import annotations

import re
import unicodedata

# Stands for one letter a Windows-1252 export replaced by "?" ("Gda?sk"); kept through folding.
WILDCARD = "\ue000"
# The combining marks of Latin, Greek and Cyrillic text, stripped after NFKD decomposition.
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
# Letters with no decomposition, so accent stripping leaves them; people write them as these ASCII letters.
_LETTERS = {
    "ł": "l",
    "ø": "o",
    "æ": "ae",
    "œ": "oe",
    "đ": "d",
    "ð": "d",
    "ı": "i",
    "þ": "th",
    "ħ": "h",
    "ŧ": "t",
    "ŀ": "l",
    "ĸ": "k",
    "ŋ": "n",
    "ʻ": " ",
    "ʼ": " ",
    "ß": "ss",  # casefold writes it so for fold; slug keeps case and needs it here
}
_PUNCTUATION = re.compile("[^\\w\\n\ue000]+")
_NOT_IN_SLUG = re.compile("[^A-Za-z0-9]+")


def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive key for matching names ("Liège" -> "liege")."""
    return fold_lines(text.replace("\n", " "))[0]


def slug(text: str) -> str:
    """ASCII letters and digits joined by hyphens, case kept: "Łódź (PL)" -> "lodz-PL"; for ids and file names."""
    plain = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    if not plain.isascii():
        plain = "".join(_LETTERS.get(ch.lower(), ch) for ch in plain)
    return _NOT_IN_SLUG.sub("-", plain).strip("-")


def fold_lines(joined: str) -> list[str]:
    """`fold` applied to each line of `joined`: the batch form, for the gazetteer's names.

    One pass over the whole text: the gazetteer holds over a million names, and a Python loop per name
    or per character would cost seconds at start-up.
    """
    if joined.isascii():
        joined = joined.lower().replace("_", " ")
    else:
        joined = _COMBINING.sub("", unicodedata.normalize("NFKD", joined)).casefold().replace("_", " ")
        for letter, ascii_letters in _LETTERS.items():
            if letter in joined:
                joined = joined.replace(letter, ascii_letters)
    # One character class, no alternation: the fastest form of [\W_]+ -> " " over megabytes.
    joined = _PUNCTUATION.sub(" ", joined).replace(" \n", "\n").replace("\n ", "\n").strip(" ")
    return joined.split("\n")
