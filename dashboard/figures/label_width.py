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
    " ": .318, "!": .401, '"': .460, "#": .838, "$": .636, "%": .950, "&": .780, "'": .275, "(": .390, ")": .390,
    "*": .500, "+": .838, ",": .318, "-": .361, ".": .318, "/": .337, ":": .337, ";": .337, "?": .531, "@": 1.0,
    "[": .390, "]": .390, "_": .500, "|": .337, "\u2026": 1.0, "\u2013": .500, "\u2014": 1.0, "\u00b7": .318,
    "A": .684, "B": .686, "C": .698, "D": .770, "E": .632, "F": .575, "G": .775, "H": .752, "I": .295, "J": .295,
    "K": .656, "L": .557, "M": .863, "N": .748, "O": .787, "P": .603, "Q": .787, "R": .695, "S": .635, "T": .611,
    "U": .732, "V": .684, "W": .989, "X": .685, "Y": .611, "Z": .685,
    "a": .613, "b": .635, "c": .550, "d": .635, "e": .615, "f": .352, "g": .635, "h": .634, "i": .278, "j": .278,
    "k": .579, "l": .278, "m": .974, "n": .634, "o": .612, "p": .635, "q": .635, "r": .411, "s": .521, "t": .392,
    "u": .634, "v": .592, "w": .818, "x": .592, "y": .592, "z": .525,
}
_DIGIT, _OTHER, _WIDE = .636, .70, 1.0
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
