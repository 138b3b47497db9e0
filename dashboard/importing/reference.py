"""The home institution's own tables: campuses.csv and key_figures.csv (institution.toml: institution.py)."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from dashboard.importing import values as v
from dashboard.importing.checked_table import read_checked_table, row_problems
from dashboard.importing.partners import DEFAULT_MAX_BYTES
from dashboard.model import CAMPUS_COLUMNS, KEY_FIGURE_COLUMNS, KEY_FIGURE_TRANSLATIONS, empty_frame
from dashboard.report import FileReport


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
        records.append(
            {
                "campus": cell("campus"),
                "group": cell("group") or cell("campus"),
                "city": cell("city"),
                "lat": lat,
                "lon": lon,
            }
        )
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
    checked = read_checked_table(path, report, kind, required, max_bytes=max_bytes)
    if checked is None:
        return
    table, columns = checked
    for row in table.rows:
        report.rows_read += 1
        problems = row_problems(row, columns)
        if problems:
            report.reject(row.line, *problems[0])
            continue
        yield (
            row,
            lambda name, cells=row.cells: cells[columns.positions[name]] if name in columns else "",
            lambda name: columns.written.get(name),
        )
