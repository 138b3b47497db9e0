"""The home institution's own files: campuses.csv, key_figures.csv and institution.toml."""

from __future__ import annotations

import math
import tomllib
from pathlib import Path

import pandas as pd

from dashboard.importing import values as v
from dashboard.importing.headers import header_score, match_headers, missing_columns_message
from dashboard.importing.partners import DEFAULT_MAX_BYTES
from dashboard.importing.reading import read_table
from dashboard.model import CAMPUS_COLUMNS, KEY_FIGURE_COLUMNS, KEY_FIGURE_TRANSLATIONS, Institution, empty_frame
from dashboard.report import FileReport, name_a_few


def load_campuses(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[pd.DataFrame, FileReport]:
    """The home campuses (campus, group, city, lat, lon); a missing file gives an empty frame and a warning."""
    report = FileReport(str(path), "campuses")
    records = []
    for row, cell, written in _rows(path, report, "campuses", ("campus",), max_bytes):
        if not cell("campus"):
            report.reject(row.line, written("campus"), "campus is empty: name the campus")
            continue
        try:
            placed = v.parse_coordinates(cell("lat"), cell("lon"))
        except v.Invalid as error:
            report.reject(row.line, written(error.field or "lat"), str(error), cell(error.field or "lat"))
            continue
        lat, lon = placed or (math.nan, math.nan)
        # A campus without a group stands for itself in the campus filter.
        records.append({"campus": cell("campus"), "group": cell("group") or cell("campus"),
                        "city": cell("city"), "lat": lat, "lon": lon})
        report.rows_loaded += 1
    frame = pd.DataFrame.from_records(records, columns=CAMPUS_COLUMNS) if records else empty_frame(CAMPUS_COLUMNS)
    for coordinate in ("lat", "lon"):
        frame[coordinate] = frame[coordinate].astype("float64")
    return frame, report


def load_key_figures(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[pd.DataFrame, FileReport]:
    """Headline figures (label, value, unit, source), values kept as written ("1,700", "10")."""
    report = FileReport(str(path), "key_figures")
    records = []
    for row, cell, written in _rows(path, report, "key_figures", ("label", "value"), max_bytes):
        for name in ("label", "value"):
            if not cell(name):
                report.reject(row.line, written(name), f"{name} is empty: every key figure needs a label and a value")
                break
        else:
            records.append({name: cell(name) for name in KEY_FIGURE_COLUMNS + KEY_FIGURE_TRANSLATIONS})
            report.rows_loaded += 1
    columns = KEY_FIGURE_COLUMNS + KEY_FIGURE_TRANSLATIONS
    frame = pd.DataFrame.from_records(records, columns=columns) if records else empty_frame(columns)
    return frame, report


def _rows(path: str | Path, report: FileReport, kind: str, required: tuple[str, ...], max_bytes: int):
    """(row, cell(name), written(name)) for every data row, counting rows_read; nothing for a bad file."""
    if not Path(path).exists():
        report.warn(None, None, f"{Path(path).name} not found: continuing without {kind.replace('_', ' ')}")
        return
    table = read_table(path, report, max_bytes=max_bytes, header_score=header_score(kind))
    if table is None:
        return
    columns = match_headers(table.header, kind)
    missing = [name for name in required if name not in columns]
    if missing:
        report.fail(missing_columns_message(kind, table.header, missing), line=table.header_line)
        return
    if columns.unknown:
        report.warn(table.header_line, None,
                    "ignored column(s): " + name_a_few(columns.unknown))
    for row in table.rows:
        report.rows_read += 1
        if row.problem or row.overflow:
            report.reject(row.line, None, row.problem or "the row has more cells than the header: a stray "
                          "delimiter or an unclosed quote shifts the columns; fix the row", row.overflow or None)
            continue
        yield (
            row,
            lambda name, cells=row.cells: cells[columns.positions[name]] if name in columns else "",
            lambda name: columns.written.get(name),
        )


def load_institution(path: str | Path) -> Institution:
    """The home institution from institution.toml; raises ValueError naming the file and what to fix."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise ValueError(f"{path}: file not found; create it with name, short_name, city, country, lat, lon") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ValueError(f"{path}: not valid TOML ({error}); fix the line it names") from None
    data = data.get("institution", data)  # the keys may sit at the top level or under [institution]
    missing = [k for k in ("name", "city", "country", "lat", "lon") if k not in data]
    if missing:
        raise ValueError(f"{path}: missing key(s) {', '.join(missing)}; add them, e.g. city = \"Leuven\"")
    try:
        country = v.parse_country(str(data["country"])).iso2
        lat, lon = v.parse_coordinates(str(data["lat"]), str(data["lon"])) or (math.nan, math.nan)
        website = v.normalise_website(str(data.get("website", "")).strip())
    except v.Invalid as error:
        raise ValueError(f"{path}: {error}") from None
    networks = data.get("networks", [])
    if isinstance(networks, str):
        networks = v.split_list(networks)
    if not isinstance(networks, (list, tuple)) or not all(isinstance(n, str) for n in networks):
        raise ValueError(f"{path}: networks must be a list of names, e.g. networks = [\"EURASHE\", \"BUSINET\"]")
    return Institution(
        name=str(data["name"]).strip(),
        short_name=str(data.get("short_name", data["name"])).strip(),
        city=str(data["city"]).strip(),
        country=country,
        lat=lat,
        lon=lon,
        networks=tuple(n.strip() for n in networks if n.strip()),
        website=website,
        hei_id=str(data.get("hei_id", "")).strip().lower(),
    )
