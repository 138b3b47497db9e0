"""How wide a label draws, estimated without a browser, so a chart can be sent with margins that already fit its
axis labels.

plotly's automargin stays on as the safety net, but when the margins it computes differ from the figure's, it
draws the whole figure a second time; starting from margins that fit saves that pass (about half of a chart's
redraw after a filter change). The widths are DejaVu Sans's, the font system-ui falls back to on Linux and the
widest of the common interface fonts: elsewhere the estimate errs by a few pixels of spare room, never by a cut
label.
"""

from __future__ import annotations

import math
import unicodedata
from functools import lru_cache
from html import unescape

# Advance widths in em.
_WIDTHS = {
    " ": 0.318,
    "!": 0.401,
    '"': 0.460,
    "#": 0.838,
    "$": 0.636,
    "%": 0.950,
    "&": 0.780,
    "'": 0.275,
    "(": 0.390,
    ")": 0.390,
    "*": 0.500,
    "+": 0.838,
    ",": 0.318,
    "-": 0.361,
    ".": 0.318,
    "/": 0.337,
    ":": 0.337,
    ";": 0.337,
    "?": 0.531,
    "@": 1.0,
    "[": 0.390,
    "]": 0.390,
    "_": 0.500,
    "|": 0.337,
    "\u2026": 1.0,
    "\u2013": 0.500,
    "\u2014": 1.0,
    "\u00b7": 0.318,
    "A": 0.684,
    "B": 0.686,
    "C": 0.698,
    "D": 0.770,
    "E": 0.632,
    "F": 0.575,
    "G": 0.775,
    "H": 0.752,
    "I": 0.295,
    "J": 0.295,
    "K": 0.656,
    "L": 0.557,
    "M": 0.863,
    "N": 0.748,
    "O": 0.787,
    "P": 0.603,
    "Q": 0.787,
    "R": 0.695,
    "S": 0.635,
    "T": 0.611,
    "U": 0.732,
    "V": 0.684,
    "W": 0.989,
    "X": 0.685,
    "Y": 0.611,
    "Z": 0.685,
    "a": 0.613,
    "b": 0.635,
    "c": 0.550,
    "d": 0.635,
    "e": 0.615,
    "f": 0.352,
    "g": 0.635,
    "h": 0.634,
    "i": 0.278,
    "j": 0.278,
    "k": 0.579,
    "l": 0.278,
    "m": 0.974,
    "n": 0.634,
    "o": 0.612,
    "p": 0.635,
    "q": 0.635,
    "r": 0.411,
    "s": 0.521,
    "t": 0.392,
    "u": 0.634,
    "v": 0.592,
    "w": 0.818,
    "x": 0.592,
    "y": 0.592,
    "z": 0.525,
}
_DIGIT, _OTHER, _WIDE = 0.636, 0.70, 1.0
# What plotly adds between an axis's labels and the figure's edge (measured: 8 to 9 px). plotly redraws only when
# its margins differ by more than 1 px: within that, the chart keeps the look automargin alone gave it.
LABEL_PAD = 9


@lru_cache(maxsize=8192)
def _char_em(ch: str) -> float:
    if ch in _WIDTHS:
        return _WIDTHS[ch]
    if ch.isdigit():
        return _DIGIT
    base = unicodedata.normalize("NFKD", ch)[:1]  # an accented letter is as wide as its letter
    if base in _WIDTHS:
        return _WIDTHS[base]
    return _WIDE if unicodedata.east_asian_width(ch) in "WF" else _OTHER


def text_width(label: str, size: float) -> float:
    """Pixels `label` (plain text or HTML-escaped, as figures carry it) takes at font `size`."""
    return sum(_char_em(ch) for ch in unescape(str(label))) * size


def label_margin(labels, size: float) -> int:
    """The margin (pixels) beside an axis whose tick labels are `labels`."""
    widest = max((text_width(label, size) for label in labels), default=0.0)
    return math.ceil(widest) + LABEL_PAD if widest else 0


def tick_label(top: float) -> str:
    """The widest tick label plotly writes on a linear axis running from 0 to `top`: its digits, or
    thousands as "k" from 10,000 (plotly's default format)."""
    top = abs(float(top))
    if top >= 10_000:
        return f"{int(top // 1000)}k"
    return str(int(top)) if top >= 1 else "0.5"
