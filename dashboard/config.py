"""Every option of Partner Atlas in one place: its default, its environment variable and its help text.

The command line, the app factory and the README all read this table; a test fails when an option is
missing from the README.
"""

from __future__ import annotations

import math
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Mapping

from dashboard.origins import OriginError, parse_origins, parse_public_url

PACKAGE_DIR = Path(__file__).resolve().parent
SOURCE_ROOT = PACKAGE_DIR.parent
# `pip install .` puts the sample data and the static files under <prefix>/share/partner-atlas.
INSTALLED_SHARE = Path(sys.prefix) / "share" / "partner-atlas"


def _first_existing(*candidates: Path) -> Path:
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return candidates[0]


def default_data_dir() -> Path:
    return _first_existing(SOURCE_ROOT / "data", INSTALLED_SHARE / "data")


def default_assets_dir() -> Path:
    return _first_existing(SOURCE_ROOT / "assets", INSTALLED_SHARE / "assets")


class SettingError(ValueError):
    """Settings whose environment variable does not parse; the message names each variable, its value and the
    forms accepted."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


class Unparsed(ValueError):
    """A value a parser does not accept; its message says which forms it does accept."""


# Decimal units as disks and browsers count them, binary ones as written; a bare K/M/G is binary, as in nginx's
# client_max_body_size 20m.
SIZE_UNITS = {"": 1, "b": 1, "kb": 10**3, "mb": 10**6, "gb": 10**9, "k": 2**10, "m": 2**20, "g": 2**30,
              "kib": 2**10, "mib": 2**20, "gib": 2**30}
_SIZE = re.compile(r"^(?P<number>\d+(?:[.,]\d+)?)\s*(?P<unit>[a-z]*)$", re.IGNORECASE)
SIZE_FORMS = "a number of bytes (20971520) or a number and a unit: 20MB, 20 MiB, 512 KB, 1.5GB, 20M"
TRUE_WORDS = ("true", "yes", "on", "1", "y", "ja", "oui", "waar", "vrai")
FALSE_WORDS = ("false", "no", "off", "0", "n", "nee", "non", "onwaar", "faux")
BOOL_FORMS = "on: " + ", ".join(TRUE_WORDS) + "; off: " + ", ".join(FALSE_WORDS)
PORT_FORMS = "a whole number from 1 to 65535, e.g. 8050"
SECONDS_FORMS = "a number of seconds above 0, e.g. 12, 7.5 or 7,5 (an s after it is fine: 12s)"
# English and every language with a catalogue: a new .po file under dashboard/i18n/locale adds its language.
# Settings sit below i18n, so they look at the files rather than import it (a test keeps the two lists equal).
LANGUAGES = ("en", *sorted(path.parents[1].name for path in
                           (PACKAGE_DIR / "i18n" / "locale").glob("*/LC_MESSAGES/messages.po") if path.parents[1].name != "en"))
THEMES = ("light", "dark")


def parse_size(text: str) -> int:
    """Bytes from "20971520", "20MB", "20 MiB", "1.5 GB" or "20m"."""
    found = _SIZE.match(text.strip())
    unit = found and found["unit"].lower()
    if not found or unit not in SIZE_UNITS:
        raise Unparsed(SIZE_FORMS)
    size = int(float(found["number"].replace(",", ".")) * SIZE_UNITS[unit])
    if size <= 0:
        raise Unparsed("a size above 0: " + SIZE_FORMS)
    return size


def parse_bool(text: str) -> bool:
    word = text.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise Unparsed(BOOL_FORMS)


def parse_port(text: str) -> int:
    word = text.strip()
    if not word.isdigit() or not 1 <= int(word) <= 65535:
        raise Unparsed(PORT_FORMS)
    return int(word)


def parse_seconds(text: str) -> float:
    word = re.sub(r"\s*(s|sec|seconds?)$", "", text.strip().lower())
    try:
        seconds = float(word.replace(",", "."))
    except ValueError:
        raise Unparsed(SECONDS_FORMS) from None
    if not math.isfinite(seconds) or seconds <= 0:
        raise Unparsed(SECONDS_FORMS)
    return seconds


def parse_text(text: str) -> str:
    return text.strip()


def parse_path(text: str) -> Path:
    return Path(text.strip()).expanduser()


def parse_address(text: str) -> str:
    try:
        return parse_public_url(text)
    except OriginError:
        raise Unparsed("a full web address, e.g. https://www.example.edu/international/partners") from None


def parse_origin_list(text: str) -> str:
    try:
        return ", ".join(parse_origins(text))
    except OriginError:
        raise Unparsed("origins as scheme://host[:port], comma-separated, e.g. https://www.example.edu") from None


PREFIX_FORMS = "a path from the site's root that starts and ends with /, e.g. /atlas/ (/ when the app has the site)"


def parse_prefix(text: str) -> str:
    """The path the app answers under behind a reverse proxy: "/atlas" -> "/atlas/"."""
    path = text.strip()
    if not re.fullmatch(r"/([A-Za-z0-9._~-]+/?)*", path) or "//" in path or "/../" in path + "/":
        raise Unparsed(PREFIX_FORMS)
    return path if path.endswith("/") else path + "/"


def one_of(choices: tuple[str, ...]) -> Callable[[str], str]:
    def parse(text: str) -> str:
        word = text.strip().lower()
        if word not in choices:
            raise Unparsed("one of " + ", ".join(choices))
        return word

    return parse


@dataclass(frozen=True)
class Option:
    name: str
    env: str
    help: str
    parse: Callable[[str], Any] = parse_text


OPTIONS: tuple[Option, ...] = (
    Option("data_dir", "PARTNER_ATLAS_DATA_DIR", "Folder with partners.csv, mobility.csv, campuses.csv, key_figures.csv and institution.toml.", parse_path),
    Option("assets_dir", "PARTNER_ATLAS_ASSETS_DIR", "Folder of static files the app serves (styles, map outlines).", parse_path),
    Option("host", "PARTNER_ATLAS_HOST", "Address the server listens on.", parse_text),
    Option("port", "PORT", "Port the server listens on.", parse_port),
    Option("debug", "PARTNER_ATLAS_DEBUG", "Dash debug mode (never on a public screen: it shows stack traces).", parse_bool),
    Option("online", "PARTNER_ATLAS_ONLINE", "Allow the online Nominatim geocoder for places the offline gazetteer cannot find.", parse_bool),
    Option("user_agent", "PARTNER_ATLAS_USER_AGENT", "User agent sent to Nominatim when --online is given.", parse_text),
    Option("geocode_cache", "PARTNER_ATLAS_GEOCODE_CACHE", "Geocoding cache file; empty means <data_dir>/.geocache.json.", parse_text),
    Option("max_file_bytes", "PARTNER_ATLAS_MAX_FILE_BYTES", "Largest input file accepted (20971520, 20MB, 20 MiB); larger files are rejected with a message.", parse_size),
    Option("max_request_bytes", "PARTNER_ATLAS_MAX_REQUEST_BYTES", "Largest request body the server accepts (e.g. 10 MiB); a larger one gets 413 without being read.", parse_size),
    Option("language", "PARTNER_ATLAS_LANGUAGE", "Default interface language (" + ", ".join(LANGUAGES) + ").", one_of(LANGUAGES)),
    Option("theme", "PARTNER_ATLAS_THEME", "Default colour scheme (light or dark).", one_of(THEMES)),
    Option("scene_seconds", "PARTNER_ATLAS_SCENE_SECONDS", "Seconds each scene of the presentation tour lasts.", parse_seconds),
    Option("log_level", "PARTNER_ATLAS_LOG_LEVEL", "How much the app logs: debug, info, warning or error.", one_of(("debug", "info", "warning", "error"))),
    Option("url_prefix", "DASH_URL_BASE_PATHNAME", "Path the app answers under behind a reverse proxy (/atlas/); every page, callback and asset moves under it.", parse_prefix),
    Option("public_url", "PARTNER_ATLAS_PUBLIC_URL", "Public address the presentation's QR code points at (e.g. the website's page with the embedded map); empty: no QR code.", parse_address),
    Option("frame_ancestors", "PARTNER_ATLAS_FRAME_ANCESTORS", "Origins allowed to embed the app in a frame (https://www.example.edu, comma-separated); empty: none.", parse_origin_list),
)


@dataclass(frozen=True)
class Settings:
    data_dir: Path = field(default_factory=default_data_dir)
    assets_dir: Path = field(default_factory=default_assets_dir)
    host: str = "127.0.0.1"
    port: int = 8050
    debug: bool = False
    online: bool = False
    user_agent: str = "partner-atlas/0.1 (international relations dashboard)"
    geocode_cache: str = ""
    max_file_bytes: int = 50 * 1024 * 1024
    max_request_bytes: int = 10 * 1024 * 1024
    language: str = "en"
    theme: str = "light"
    scene_seconds: float = 12.0
    log_level: str = "info"
    url_prefix: str = "/"
    public_url: str = ""
    frame_ancestors: str = ""

    @property
    def cache_path(self) -> Path:
        return Path(self.geocode_cache) if self.geocode_cache else Path(self.data_dir) / ".geocache.json"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> "Settings":
        """Defaults, then environment variables, then explicit overrides (from the command line).

        Raises SettingError naming every variable that does not parse, its value and the forms accepted.
        """
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        problems: list[str] = []
        for option in OPTIONS:
            raw = environ.get(option.env)
            if raw is None or raw.strip() == "":
                continue
            try:
                values[option.name] = option.parse(raw)
            except Unparsed as error:
                problems.append(f"{option.env}={raw!r} is not a valid {option.name.replace('_', ' ')}: use {error}")
        if problems:
            raise SettingError(problems)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def with_(self, **changes: Any) -> "Settings":
        return replace(self, **changes)


assert {o.name for o in OPTIONS} == {f.name for f in fields(Settings)}, "every setting needs an Option entry"
