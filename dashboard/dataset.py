"""Load the whole dataset from a data folder: import, validate, geocode, once at start-up."""

from __future__ import annotations

from pathlib import Path

from dashboard.config import Settings
from dashboard.geocoding import geocode_partners
from dashboard.importing import (
    load_campuses,
    load_institution,
    load_key_figures,
    load_mobility,
    load_partners,
)
from dashboard.model import (
    CAMPUS_COLUMNS,
    KEY_FIGURE_COLUMNS,
    MOBILITY_COLUMNS,
    PARTNER_COLUMNS,
    Dataset,
    Institution,
    empty_frame,
)
from dashboard.report import FileReport, ImportReport

TABLE_SUFFIXES = (".csv", ".xlsx", ".tsv", ".txt")


def find_table(data_dir: Path, stem: str) -> Path | None:
    """data/partners.csv, or .xlsx/.tsv/.txt when that is what the office exported."""
    for suffix in TABLE_SUFFIXES:
        candidate = data_dir / f"{stem}{suffix}"
        if candidate.is_file():
            return candidate
    return None


def _missing(report: ImportReport, data_dir: Path, stem: str, required: bool) -> None:
    file_report = report.add(FileReport(str(data_dir / f"{stem}.csv"), stem))
    message = f"no {stem}.csv (or .xlsx) in {data_dir}"
    if required:
        file_report.fail(message + ": the map needs a partner list; see data/README.md for its columns")
    else:
        file_report.warn(None, None, message + "; that part of the dashboard stays empty")


def fallback_institution(campuses) -> Institution:
    """Used when institution.toml is absent: placed at the first campus so flows still have a start."""
    if len(campuses):
        first = campuses.iloc[0]
        return Institution("Home institution", "Home", str(first["city"]), "", float(first["lat"]), float(first["lon"]))
    return Institution("Home institution", "Home", "", "", 0.0, 0.0)


def load_dataset(settings: Settings) -> Dataset:
    """Everything in settings.data_dir, with an ImportReport that accounts for every row."""
    data_dir = Path(settings.data_dir)
    report = ImportReport()
    partners_path = find_table(data_dir, "partners")
    if partners_path is None:
        _missing(report, data_dir, "partners", required=True)
        partners = empty_frame(PARTNER_COLUMNS)
    else:
        partners, partners_report = load_partners(partners_path, max_bytes=settings.max_file_bytes)
        report.add(partners_report)
        partners, geo_warnings = geocode_partners(
            partners,
            online=settings.online,
            cache_path=settings.cache_path,
            user_agent=settings.user_agent,
        )
        for warning in geo_warnings:
            partners_report.warn(None, None, warning)

    mobility_path = find_table(data_dir, "mobility")
    if mobility_path is None:
        _missing(report, data_dir, "mobility", required=False)
        mobility = empty_frame(MOBILITY_COLUMNS)
    else:
        mobility, mobility_report = load_mobility(mobility_path, partners, max_bytes=settings.max_file_bytes)
        report.add(mobility_report)

    campuses_path = find_table(data_dir, "campuses")
    if campuses_path is None:
        _missing(report, data_dir, "campuses", required=False)
        campuses = empty_frame(CAMPUS_COLUMNS)
    else:
        campuses, campuses_report = load_campuses(campuses_path)
        report.add(campuses_report)

    figures_path = find_table(data_dir, "key_figures")
    if figures_path is None:
        _missing(report, data_dir, "key_figures", required=False)
        key_figures = empty_frame(KEY_FIGURE_COLUMNS)
    else:
        key_figures, figures_report = load_key_figures(figures_path)
        report.add(figures_report)

    institution_path = data_dir / "institution.toml"
    if institution_path.is_file():
        institution = load_institution(institution_path)
    else:
        report.add(FileReport(str(institution_path), "institution")).warn(None, None, "no institution.toml: the home institution is shown as 'Home institution'")
        institution = fallback_institution(campuses)

    return Dataset(
        institution=institution,
        partners=partners,
        mobility=mobility,
        campuses=campuses,
        key_figures=key_figures,
        report=report,
    )
