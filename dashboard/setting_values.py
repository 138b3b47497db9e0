"""How a setting's value may be written (sizes, on/off, ports, seconds, choices) and the error when it does not parse.

Each parser takes the text of an environment variable and returns the value, or raises Unparsed saying what the
value should be and the forms accepted; Settings.from_env turns those into one SettingError naming every variable.
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Callable
from pathlib import Path


class SettingError(ValueError):
    """Settings whose environment variable does not parse; the message names each variable, its value and the
    forms accepted."""

    EXIT_STATUS = 2  # a usage error, as argparse's

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems

    def report(self) -> int:
        """Print one line per setting on stderr (no traceback) and return the exit status."""
        for problem in self.problems:
            print(f"partner-atlas: error: {problem}", file=sys.stderr)
        return self.EXIT_STATUS


class Unparsed(ValueError):
    """A value a parser does not accept: what it should be, and the forms accepted."""

    def __init__(self, what: str, forms: str) -> None:
        super().__init__(f"is not {what}: use {forms}")


# Decimal units as disks and browsers count them, binary ones as written; a bare K/M/G is binary, as in nginx's
# client_max_body_size 20m.
SIZE_UNITS = {
    "": 1,
    "b": 1,
    "kb": 10**3,
    "mb": 10**6,
    "gb": 10**9,
    "k": 2**10,
    "m": 2**20,
    "g": 2**30,
    "kib": 2**10,
    "mib": 2**20,
    "gib": 2**30,
}
_SIZE = re.compile(r"^(?P<number>\d+(?:[.,]\d+)?)\s*(?P<unit>[a-z]*)$", re.IGNORECASE)
SIZE_FORMS = "a number of bytes (20971520) or a number and a unit: 20MB, 20 MiB, 512 KB, 1.5GB, 20M"
TRUE_WORDS = ("true", "yes", "on", "1", "y", "ja", "oui", "waar", "vrai")
FALSE_WORDS = ("false", "no", "off", "0", "n", "nee", "non", "onwaar", "faux")
BOOL_FORMS = "on: " + ", ".join(TRUE_WORDS) + "; off: " + ", ".join(FALSE_WORDS)
PORT_FORMS = "a whole number from 1 to 65535, e.g. 8050"
SECONDS_FORMS = "a number above 0, e.g. 12, 7.5 or 7,5 (an s after it is fine: 12s)"
THEMES = ("light", "dark")


def parse_size(text: str) -> int:
    """Bytes from "20971520", "20MB", "20 MiB", "1.5 GB" or "20m"."""
    found = _SIZE.match(text.strip())
    unit = found and found["unit"].lower()
    if not found or unit not in SIZE_UNITS:
        raise Unparsed("a size", SIZE_FORMS)
    size = int(float(found["number"].replace(",", ".")) * SIZE_UNITS[unit])
    if size <= 0:
        raise Unparsed("a size above 0", SIZE_FORMS)
    return size


def parse_bool(text: str) -> bool:
    word = text.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise Unparsed("on or off", BOOL_FORMS)


def parse_port(text: str) -> int:
    word = text.strip()
    if not word.isdigit() or not 1 <= int(word) <= 65535:
        raise Unparsed("a port number", PORT_FORMS)
    return int(word)


def parse_seconds(text: str) -> float:
    word = re.sub(r"\s*(s|sec|seconds?)$", "", text.strip().lower())
    try:
        seconds = float(word.replace(",", "."))
    except ValueError:
        raise Unparsed("a number of seconds", SECONDS_FORMS) from None
    if not math.isfinite(seconds) or seconds <= 0:
        raise Unparsed("a number of seconds above 0", SECONDS_FORMS)
    return seconds


def parse_text(text: str) -> str:
    return text.strip()


def parse_path(text: str) -> Path:
    return Path(text.strip()).expanduser()


PREFIX_FORMS = "a path from the site's root that starts and ends with /, e.g. /atlas/ (/ when the app has the site)"


def parse_prefix(text: str) -> str:
    """The path the app answers under behind a reverse proxy: "/atlas" -> "/atlas/"."""
    path = text.strip()
    if not re.fullmatch(r"/([A-Za-z0-9._~-]+/?)*", path) or "//" in path or "/../" in path + "/":
        raise Unparsed("a path", PREFIX_FORMS)
    return path if path.endswith("/") else path + "/"


def one_of(choices: tuple[str, ...] | Callable[[], tuple[str, ...]], what: str) -> Callable[[str], str]:
    def parse(text: str) -> str:
        allowed = choices() if callable(choices) else choices
        word = text.strip().lower()
        if word not in allowed:
            raise Unparsed(what, "one of " + ", ".join(allowed))
        return word

    return parse


def converted_by(convert: Callable[[str], str], what: str, forms: str) -> Callable[[str], str]:
    """The value `convert` makes of the text; its ValueError becomes Unparsed(what, forms)."""

    def parse(text: str) -> str:
        try:
            return convert(text)
        except ValueError:
            raise Unparsed(what, forms) from None

    return parse
