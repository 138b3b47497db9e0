"""The home institution from institution.toml: whatever the file holds that can be used, and a message for the rest.

A broken file never stops the app and never falls back in silence: each problem is a Problem in the file's
FileReport (file, line, what to fix, what is shown meanwhile), and every key that can be read is used.
"""

from __future__ import annotations

import codecs
import math
import re
import tomllib
from pathlib import Path
from typing import Any

from dashboard.importing import values as v
from dashboard.model import Institution
from dashboard.report import FileReport

MAX_BYTES = 1 << 20  # the file is a few lines; a megabyte is another file under this name
REQUIRED = ("name", "city", "country", "lat", "lon")
KNOWN = ("name", "short_name", "city", "country", "lat", "lon", "website", "networks", "hei_id")
EXAMPLES = {
    "name": 'name = "UC Leuven-Limburg"',
    "short_name": 'short_name = "UCLL"',
    "city": 'city = "Leuven"',
    "country": 'country = "BE"',
    "lat": "lat = 50.8796",
    "lon": "lon = 4.7009",
    "website": 'website = "https://www.ucll.be"',
    "networks": 'networks = ["EURASHE", "BUSINET"]',
    "hei_id": 'hei_id = "ucll.be"',
}
DEFAULT = Institution("Home institution", "Home", "", "", 0.0, 0.0)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_AT = re.compile(r"\(at line (\d+), column (\d+)\)")
_KEY_LINE = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_-]*)\s*=")


def load_institution(path: str | Path, fallback: Institution = DEFAULT) -> tuple[Institution, FileReport]:
    """The home institution and the file's report; `fallback` stands in for every value that cannot be used."""
    path = Path(path)
    report = FileReport(str(path), "institution")
    if not path.is_file():
        report.present = False
        report.warn(
            None,
            None,
            f"no institution.toml: the title says {fallback.name!r}; create it with name, "
            "short_name, city, country, lat and lon (see dashboard/sample_data/README.md)",
        )
        return fallback, report
    text = _decode(path, report, fallback)
    if text is None:
        return fallback, report
    data = _parse(text, report)
    return _institution(data, text, report, fallback), report


def _decode(path: Path, report: FileReport, fallback: Institution) -> str | None:
    size = path.stat().st_size
    if size > MAX_BYTES:
        report.fail(
            f"the file is {size:,} bytes; an institution.toml is a few lines: check that this is the right "
            f"file. The title says {fallback.name!r} until it is fixed"
        )
        return None
    raw = path.read_bytes()
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return _unicode_text(raw, encoding, report, fallback)
    if b"\x00" in raw:  # UTF-16 without a byte-order mark: every other byte of ASCII text is NUL
        encoding = "utf-16-le" if raw[1::2].count(0) > raw[0::2].count(0) else "utf-16-be"
        return _unicode_text(raw, encoding, report, fallback)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        report.warn(
            line,
            None,
            f"the file is not UTF-8 (byte 0x{raw[error.start]:02X} on line {line}): read it as "
            "Windows-1252 (Latin-1); check the accents of the names and save the file as UTF-8",
        )
        return raw.decode("cp1252", errors="replace")


def _unicode_text(raw: bytes, encoding: str, report: FileReport, fallback: Institution) -> str | None:
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError:
        text = ""
    if not text or sum(c.isprintable() or c.isspace() for c in text) < 0.95 * len(text):
        report.fail(
            "the file is not text (it holds NUL bytes): save institution.toml as plain text in UTF-8. "
            f"The title says {fallback.name!r} until it is fixed"
        )
        return None
    name = encoding.split("-")[0].upper() + "-" + encoding.split("-")[1]
    report.warn(
        None,
        None,
        f"the file is saved as {name}: read it, but TOML files are UTF-8; save it as UTF-8 "
        "(in Notepad: Save as, Encoding UTF-8) so other tools read it too",
    )
    return text.lstrip("\ufeff")


def _parse(text: str, report: FileReport) -> dict[str, Any]:
    """The file's keys; when it does not parse as a whole, the keys of the lines that parse on their own."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = _AT.search(str(error))
        line = int(found[1]) if found else None
        problem = (
            f"not valid TOML at line {line}, column {found[2]} ({_AT.sub('', str(error)).strip()})"
            if found
            else f"not valid TOML ({error})"
        )
        fix = "fix that line"
    except RecursionError:
        lines = text.splitlines() or [""]
        depth, line = max((row.count("[") + row.count("{"), number) for number, row in enumerate(lines, start=1))
        problem = f"values nested too deeply to read ({depth:,} levels of [ or {{ on line {line})"
        fix = 'an institution.toml holds plain values such as name = "...": remove the nesting'
    else:
        table = data.get("institution")
        return table if isinstance(table, dict) else data  # the keys at the top level or under [institution]
    data = _lines_that_parse(text)
    used = ", ".join(data) or "nothing"
    report.fail(f"{problem}; {fix}. Used what the other lines give: {used}", line=line)
    return data


def _lines_that_parse(text: str) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for row in text.splitlines():
        key = _KEY_LINE.match(row)
        if key and key[1] in KNOWN and key[1] not in data:
            try:
                data.update(tomllib.loads(row))
            except (tomllib.TOMLDecodeError, RecursionError):
                continue
    return data


def _institution(data: dict[str, Any], text: str, report: FileReport, fallback: Institution) -> Institution:
    lines: dict[str, int] = {}
    for number, row in enumerate(text.splitlines(), start=1):
        key = _KEY_LINE.match(row)
        if key:
            lines.setdefault(key[1], number)

    def warn(key: str, problem: str, meanwhile: str, value: object = None) -> None:
        shown = None if value is None else _short(value)
        report.warn(lines.get(key), None, f"{problem}; {meanwhile} until it is fixed", shown)

    unknown = [key for key in data if key not in KNOWN]
    if unknown:
        report.warn(
            None,
            None,
            f"ignored key(s) {', '.join(map(repr, unknown[:5]))}"
            f"{f' and {len(unknown) - 5} more' if len(unknown) > 5 else ''}: "
            f"the keys are {', '.join(KNOWN)}",
        )
    missing = [key for key in REQUIRED if key not in data]
    if missing and not report.errors:  # after a parse error, its message already lists what was read
        report.warn(
            None,
            None,
            f"missing key(s) {', '.join(missing)}; add them, e.g. " + ", ".join(EXAMPLES[key] for key in missing[:2]),
        )

    def text_of(key: str, meanwhile: str) -> str | None:
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            warn(key, f"{key} must be text in quotes, e.g. {EXAMPLES[key]}", meanwhile, value)
            return None
        if not value.strip():
            warn(key, f"{key} is empty: write it, e.g. {EXAMPLES[key]}", meanwhile)
            return None
        return value.strip()

    name = text_of("name", f"the title says {fallback.name!r}") or fallback.name
    short_name = text_of("short_name", "the name stands in for it") or (
        name if "name" in data and name != fallback.name else fallback.short_name
    )
    city = text_of("city", f"the city is {fallback.city or 'left out'}") or fallback.city
    country = fallback.country
    country_text = text_of("country", "no country is shown")
    if country_text:
        try:
            country = v.parse_country(country_text).iso2
        except v.Invalid as error:
            warn("country", str(error), "no country is shown", country_text)
    lat, lon = _coordinates(data, warn, fallback)
    website = ""
    if "website" in data:
        try:
            website = v.normalise_website(str(data["website"]).strip())
        except v.Invalid as error:
            warn("website", str(error), "no website is linked")
    # The Erasmus Without Paper id, matched in lower case against the IIAs' (dashboard/importing/iias.py).
    hei_id = (text_of("hei_id", "IIA files cannot tell which side is the home institution") or "").lower()
    return Institution(
        name=name,
        short_name=short_name,
        city=city,
        country=country,
        lat=lat,
        lon=lon,
        networks=_networks(data, warn),
        website=website,
        hei_id=hei_id,
    )


def _coordinates(data: dict[str, Any], warn, fallback: Institution) -> tuple[float, float]:
    meanwhile = f"the home institution is placed at {fallback.city or f'{fallback.lat:g}, {fallback.lon:g}'}"
    if "lat" not in data or "lon" not in data:
        return fallback.lat, fallback.lon
    lat, lon = data["lat"], data["lon"]
    if any(isinstance(value, (bool, list, dict)) for value in (lat, lon)):
        key = "lat" if isinstance(lat, (bool, list, dict)) else "lon"
        warn(key, f"{key} must be a number in decimal degrees, e.g. {EXAMPLES[key]}", meanwhile, data[key])
        return fallback.lat, fallback.lon
    try:
        placed = v.parse_coordinates(str(lat).strip(), str(lon).strip())
    except v.Invalid as error:
        key = error.field or "lat"
        warn(key, str(error), meanwhile)
        return fallback.lat, fallback.lon
    if placed is None or not all(math.isfinite(c) for c in placed):
        warn("lat", f"lat and lon are empty: write the coordinates, e.g. {EXAMPLES['lat']}", meanwhile)
        return fallback.lat, fallback.lon
    return placed


def _networks(data: dict[str, Any], warn) -> tuple[str, ...]:
    networks = data.get("networks", [])
    if isinstance(networks, str):
        networks = v.split_list(networks)
    if not isinstance(networks, (list, tuple)) or not all(isinstance(n, str) for n in networks):
        warn(
            "networks",
            f"networks must be a list of names, e.g. {EXAMPLES['networks']}",
            "no networks are listed",
            networks,
        )
        return ()
    return tuple(n.strip() for n in networks if n.strip())


def _short(value: object, limit: int = 80) -> str:
    shown = value if isinstance(value, str) else type(value).__name__ if isinstance(value, (list, dict)) else str(value)
    return shown if len(shown) <= limit else shown[: limit - 1] + "\u2026"
