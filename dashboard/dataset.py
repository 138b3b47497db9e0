"""Load the whole dataset from a data folder: import, validate, geocode, once at start-up."""

from __future__ import annotations

from pathlib import Path

from dashboard.config import Settings
from dashboard.geocoding import geocode_partners
from dashboard.importing import (
    load_agreements,
    load_campuses,
    load_institution,
    load_key_figures,
    load_mobility,
    load_partners,
)
from dashboard.importing.iias_files import with_iia_folder
from dashboard.model import (
    AGREEMENT_COLUMNS,
    CAMPUS_COLUMNS,
    KEY_FIGURE_COLUMNS,
    MOBILITY_COLUMNS,
    PARTNER_COLUMNS,
    Dataset,
    Institution,
    compact_mobility,
    empty_frame,
)
from dashboard.report import FileReport, ImportReport

TABLE_SUFFIXES = (".csv", ".xlsx", ".tsv", ".txt", ".xlsm", ".xls", ".ods")  # see importing/reading.py


def find_table(data_dir: Path, stem: str) -> Path | None:
    """data/partners.csv, or .xlsx/.tsv/.txt/.xls/.ods when that is what the office exported."""
    for suffix in TABLE_SUFFIXES:
        candidate = data_dir / f"{stem}{suffix}"
        if candidate.is_file():
            return candidate
    return None


def _load_table(report: ImportReport, data_dir: Path, stem: str, load, columns: tuple[str, ...], required: bool):
    """One table of the data folder through its loader, or an empty frame and a message when the file is absent."""
    path = find_table(data_dir, stem)
    if path is not None:
        frame, file_report = load(path)
        report.add(file_report)
        return frame
    file_report = report.add(FileReport(str(data_dir / f"{stem}.csv"), stem, present=False))
    message = f"no {stem}.csv (or .xlsx) in {data_dir}"
    if required:
        file_report.fail(
            message + ": the map needs a partner list; see dashboard/sample_data/README.md for its columns"
        )
    else:
        file_report.warn(None, None, message + "; that part of the dashboard stays empty")
    return empty_frame(columns)


def _institution(report: ImportReport, path: Path, campuses) -> Institution:
    """institution.toml as one more file of the report: every value it cannot give taken from fallback_institution,
    and each problem in the report (a file that does not parse is an error there), never a silent fallback."""
    institution, file_report = load_institution(path, fallback_institution(campuses))
    report.add(file_report)
    return institution


def fallback_institution(campuses) -> Institution:
    """Used when institution.toml is absent: placed at the first campus so flows still have a start."""
    if len(campuses):
        first = campuses.iloc[0]
        return Institution("Home institution", "Home", str(first["city"]), "", float(first["lat"]), float(first["lon"]))
    return Institution("Home institution", "Home", "", "", 0.0, 0.0)


def load_dataset(settings: Settings, *, geocode: bool = True) -> Dataset:
    """Everything in settings.data_dir, with an ImportReport that accounts for every row.

    geocode=False skips placing the partners (`validate`: fast, and offline whatever the settings say).
    """
    data_dir = Path(settings.data_dir)
    report = ImportReport()
    max_bytes = settings.max_file_bytes
    partners = _load_table(
        report, data_dir, "partners", lambda p: load_partners(p, max_bytes=max_bytes), PARTNER_COLUMNS, required=True
    )
    if geocode and len(partners):
        partners, geo_warnings = geocode_partners(
            partners, online=settings.online, cache_path=settings.cache_path, user_agent=settings.user_agent
        )
        for warning in geo_warnings:
            report.files[-1].warn(None, None, warning)
    mobility = _load_table(
        report,
        data_dir,
        "mobility",
        lambda p: load_mobility(p, partners, max_bytes=max_bytes),
        MOBILITY_COLUMNS,
        required=False,
    )
    mobility = compact_mobility(mobility)
    agreements = _load_table(
        report,
        data_dir,
        "agreements",
        lambda p: load_agreements(p, partners, max_bytes=max_bytes),
        AGREEMENT_COLUMNS,
        required=False,
    )
    # PARTNER_ATLAS_MAX_FILE_BYTES holds for every file the app reads, the small ones included.
    campuses = _load_table(
        report, data_dir, "campuses", lambda p: load_campuses(p, max_bytes=max_bytes), CAMPUS_COLUMNS, required=False
    )
    key_figures = _load_table(
        report,
        data_dir,
        "key_figures",
        lambda p: load_key_figures(p, max_bytes=max_bytes),
        KEY_FIGURE_COLUMNS,
        required=False,
    )
    institution = _institution(report, data_dir / "institution.toml", campuses)
    agreements, iia_reports = with_iia_folder(
        agreements, data_dir, institution, partners, find_table(data_dir, "partners"), max_bytes
    )
    for iia_report in iia_reports:
        report.add(iia_report)

    dataset = Dataset(
        institution=institution,
        partners=partners,
        mobility=mobility,
        campuses=campuses,
        key_figures=key_figures,
        report=report,
        agreements=agreements,
    )
    dataset.indexes  # built now, once: before the store swaps it in and before gunicorn forks its workers
    return dataset
