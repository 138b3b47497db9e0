"""Every option of Partner Atlas in one place: its default, its environment variable and its help text.

The command line, the app factory and the README all read this table; a test fails when an option is
missing from the README.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from dashboard.origins import parse_origins, parse_public_url
from dashboard.paths import ASSETS_DIR, SAMPLE_DATA_DIR, default_geocode_cache
from dashboard.setting_values import (
    THEMES,
    SettingError,
    Unparsed,
    converted_by,
    one_of,
    parse_bool,
    parse_path,
    parse_port,
    parse_prefix,
    parse_seconds,
    parse_size,
    parse_text,
)

PACKAGE_DIR = Path(__file__).resolve().parent


def default_data_dir() -> Path:
    return SAMPLE_DATA_DIR


def default_assets_dir() -> Path:
    return ASSETS_DIR


# The interface languages: English and each with a catalogue in dashboard/i18n/locale (read here by path, since
# settings sit below i18n; a test keeps this equal to dashboard.i18n.LANGUAGES).
LOCALE_DIR = PACKAGE_DIR / "i18n" / "locale"
LANGUAGES = (
    "en",
    *sorted(
        path.parents[1].name for path in LOCALE_DIR.glob("*/LC_MESSAGES/messages.po") if path.parents[1].name != "en"
    ),
)


@dataclass(frozen=True)
class Option:
    name: str
    env: str
    help: str
    parse: Callable[[str], Any] = parse_text


_PUBLIC_URL = converted_by(
    parse_public_url, "a web address", "a full address, e.g. https://www.example.edu/international/partners"
)
_ORIGINS = converted_by(
    lambda text: ", ".join(parse_origins(text)),
    "a list of web origins",
    "origins as scheme://host[:port], separated by commas, e.g. https://www.example.edu",
)

OPTIONS: tuple[Option, ...] = (
    Option(
        "data_dir",
        "PARTNER_ATLAS_DATA_DIR",
        "Folder with partners.csv, mobility.csv, campuses.csv, key_figures.csv and institution.toml.",
        parse_path,
    ),
    Option(
        "assets_dir",
        "PARTNER_ATLAS_ASSETS_DIR",
        "Folder of static files the app serves (styles, map outlines).",
        parse_path,
    ),
    Option("host", "PARTNER_ATLAS_HOST", "Address the server listens on.", parse_text),
    Option("port", "PORT", "Port the server listens on.", parse_port),
    Option(
        "debug", "PARTNER_ATLAS_DEBUG", "Dash debug mode (never on a public screen: it shows stack traces).", parse_bool
    ),
    Option(
        "online",
        "PARTNER_ATLAS_ONLINE",
        "Allow the online Nominatim geocoder for places the offline gazetteer cannot find.",
        parse_bool,
    ),
    Option(
        "user_agent", "PARTNER_ATLAS_USER_AGENT", "User agent sent to Nominatim when --online is given.", parse_text
    ),
    Option(
        "geocode_cache",
        "PARTNER_ATLAS_GEOCODE_CACHE",
        "Geocoding cache file; empty means <data_dir>/.geocache.json when the data folder is writable (and not the "
        "bundled sample), else .geocache.json in the user's cache directory (~/.cache/partner-atlas on Linux).",
        parse_text,
    ),
    Option(
        "max_file_bytes",
        "PARTNER_ATLAS_MAX_FILE_BYTES",
        "Largest input file accepted (20971520, 20MB, 20 MiB); larger files are rejected with a message.",
        parse_size,
    ),
    Option(
        "max_request_bytes",
        "PARTNER_ATLAS_MAX_REQUEST_BYTES",
        "Largest request body the server accepts (e.g. 10 MiB); a larger one gets 413 without being read.",
        parse_size,
    ),
    Option(
        "language",
        "PARTNER_ATLAS_LANGUAGE",
        "Default interface language (en, nl, fr or any other with a catalogue in dashboard/i18n/locale).",
        one_of(LANGUAGES, "a language of the interface"),
    ),
    Option("theme", "PARTNER_ATLAS_THEME", "Default colour scheme (light or dark).", one_of(THEMES, "a colour scheme")),
    Option(
        "scene_seconds",
        "PARTNER_ATLAS_SCENE_SECONDS",
        "Seconds each scene of the presentation tour lasts.",
        parse_seconds,
    ),
    Option(
        "log_level",
        "PARTNER_ATLAS_LOG_LEVEL",
        "How much the app logs: debug, info, warning or error.",
        one_of(("debug", "info", "warning", "error"), "a log level"),
    ),
    Option(
        "url_prefix",
        "DASH_URL_BASE_PATHNAME",
        "Path the app answers under behind a reverse proxy (/atlas/); every page, callback and asset moves under it.",
        parse_prefix,
    ),
    Option(
        "public_url",
        "PARTNER_ATLAS_PUBLIC_URL",
        "Public address the presentation's QR code points at (e.g. the website's page with the embedded map); "
        "empty: no QR code.",
        _PUBLIC_URL,
    ),
    Option(
        "public_figures",
        "PARTNER_ATLAS_PUBLIC_FIGURES",
        "Key figures (labels of key_figures.csv, comma-separated) the public pages /destinations and /embed "
        "show; empty: none.",
        parse_text,
    ),
    Option(
        "frame_ancestors",
        "PARTNER_ATLAS_FRAME_ANCESTORS",
        "Origins allowed to embed the app in a frame (https://www.example.edu, comma-separated); empty: none.",
        _ORIGINS,
    ),
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
    public_figures: str = ""

    @property
    def cache_path(self) -> Path:
        return Path(self.geocode_cache) if self.geocode_cache else default_geocode_cache(self.data_dir)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
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
                problems.append(f"{option.env}={raw!r} {error}")
        if problems:
            raise SettingError(problems)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def with_(self, **changes: Any) -> Settings:
        return replace(self, **changes)


assert {o.name for o in OPTIONS} == {f.name for f in fields(Settings)}, "every setting needs an Option entry"
