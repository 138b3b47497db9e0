"""Command line: `partner-atlas run | validate | import-iias | import-erasmus | geocode | poster` (also `python -m dashboard`)."""

from __future__ import annotations

import argparse
import gc
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from dashboard.config import SettingError, Settings
from dashboard.i18n import LANGUAGES
from dashboard.logs import configure_logging
from dashboard.report import FileReport, ImportReport

GEOCODE_OUTPUT_COLUMNS = (
    "name",
    "city",
    "country",
    "erasmus_code",
    "tier",
    "partner_id",
    "activities",
    "networks",
    "website",
    "agreement_start",
    "agreement_end",
    "campuses",
    "street",
    "postcode",
    "lat",
    "lon",
    "geo_precision",
    "geo_source",
    "geo_note",
    "source_line",
    "rejected",
)

# `poster` filter options, named as the URL's query keys; each may repeat or hold comma-separated values.
POSTER_FILTERS = {
    "tier": "strategic, collaboration or mobility",
    "country": "ISO-2 code as in the data, e.g. FI",
    "region": "world region, e.g. Europe",
    "activity": "e.g. research, student_mobility",
    "campus": "home campus group, e.g. Leuven",
    "from": "first academic year, e.g. 2021-2022",
    "to": "last academic year, e.g. 2024-2025",
    "participant": "student or staff",
    "direction": "outgoing or incoming",
    "q": "words in the partner's name or city",
    "field": "ISCED-F field of an agreement at any depth, e.g. 0913 or 09",
    "level": "EQF level of an agreement, 5-8 or e.g. bachelor",
    "type": "mobility type of an agreement, e.g. student_studies or SMS",
    "valid": "academic year the agreements are in effect, e.g. 2024-2025",
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="partner-atlas",
        description="An offline world-map dashboard of a university's international partnerships.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = commands.add_parser("run", help="serve the dashboard")
    run.add_argument("--data-dir", type=Path, help="folder with partners.csv and friends (default: the sample data)")
    run.add_argument("--host", help="address to listen on (default 127.0.0.1)")
    run.add_argument("--port", type=int, help="port to listen on (default 8050, or $PORT)")
    run.add_argument("--debug", action="store_true", default=None, help="Dash debug mode: never on a public screen")
    run.add_argument("--online", action="store_true", default=None, help="ask Nominatim for places the gazetteer lacks")

    validate = commands.add_parser("validate", help="print the import report of files or data folders")
    validate.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="a data folder or partner/mobility files")
    validate.add_argument("--json", action="store_true", help="print the report as JSON")

    iias = commands.add_parser("import-iias", help="write the agreements of EWP IIA XML files into agreements.csv")
    iias.add_argument("files", nargs="+", type=Path, metavar="FILE.xml", help="iias-get-response documents (v6 or v7)")
    iias.add_argument(
        "--data-dir",
        type=Path,
        required=True,
        metavar="DIR",
        help="the data folder: its partners.csv and institution.toml match the hei-ids",
    )

    geocode = commands.add_parser("geocode", help="place every row of a partner list and write it as CSV")
    geocode.add_argument("input", type=Path, metavar="INPUT", help="a partner list (CSV, TSV or XLSX)")
    geocode.add_argument("--output", "-o", type=Path, required=True, metavar="OUT.csv")
    geocode.add_argument(
        "--online", action="store_true", help="ask Nominatim (1 request/s) for what the gazetteer lacks"
    )
    geocode.add_argument("--cache", type=Path, help="geocoding cache file (default: .geocache.json beside OUT.csv)")

    erasmus = commands.add_parser(
        "import-erasmus", help="build mobility.csv and partners.csv from the EC's Erasmus+ KA1 mobility files"
    )
    erasmus.add_argument(
        "files", nargs="+", type=Path, metavar="FILE", help="Erasmus+ KA1 mobility files (XLSX or CSV)"
    )
    erasmus.add_argument(
        "--institution",
        action="append",
        required=True,
        metavar="CODE[=CAMPUS]",
        help='our Erasmus code, e.g. "B LEUVEN18"; repeat for each; "=Limburg" gives its flows a campus group',
    )
    erasmus.add_argument(
        "--data-dir", type=Path, required=True, help="folder whose mobility.csv and partners.csv are written or updated"
    )

    poster = commands.add_parser("poster", help="render a PNG summary (map, tiers, key figures) of a filter, offline")
    poster.add_argument("--output", "-o", type=Path, required=True, metavar="OUT.png")
    poster.add_argument("--data-dir", type=Path, help="folder with partners.csv and friends (default: the sample data)")
    for option, help_text in POSTER_FILTERS.items():
        poster.add_argument(f"--{option}", action="append", metavar="VALUE", help=help_text)
    poster.add_argument("--lang", choices=LANGUAGES, help="language of the poster (default: the language setting)")
    poster.add_argument("--theme", choices=("light", "dark"), default="light", help="light for print (default), dark")
    poster.add_argument("--width", type=int, default=3508, help="pixels (default 3508: A4 landscape at 300 dpi)")
    poster.add_argument("--height", type=int, default=2480, help="pixels (default 2480)")
    poster.add_argument("--browser", type=Path, help="Chromium or Chrome to render with (default: the system's)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        configure_logging(Settings.from_env().log_level)
        if args.command == "run":
            return _run(args)
        if args.command == "validate":
            return _validation_command(args)
        if args.command == "import-iias":
            return _import_iias(args)
        if args.command == "import-erasmus":
            return _import_erasmus(args)
        if args.command == "poster":
            return _poster(args)
        return _geocode(args)
    except SettingError as error:
        return error.report()


def _run(args: argparse.Namespace) -> int:
    from dashboard.app import create_app

    settings = Settings.from_env(
        data_dir=args.data_dir, host=args.host, port=args.port, debug=args.debug, online=args.online
    )
    app = create_app(settings)  # loads the data folder and watches it, as under gunicorn
    # What start-up built (the dataset, the gazetteer's million index entries, the layout) lives as long as the
    # process: out of the collector's sight, no later collection walks it again (gunicorn's master does the same).
    gc.freeze()
    print(app.server.extensions["partner_atlas_store"].current().report.to_summary(), file=sys.stderr)
    print(
        f"Partner Atlas on http://{settings.host}:{settings.port}/  (Ctrl+C to stop; import report on /data/)",
        file=sys.stderr,
    )
    app.run(host=settings.host, port=settings.port, debug=settings.debug)
    return 0


def validation_report(paths: Sequence[Path], settings: Settings | None = None) -> ImportReport:
    """The import report of data folders and loose files, without geocoding (validation stays fast and offline)."""
    from dashboard.dataset import find_table, load_dataset
    from dashboard.importing import load_institution, load_mobility, load_partners
    from dashboard.model import PARTNER_COLUMNS, empty_frame

    settings = settings or Settings.from_env()
    report = ImportReport()
    for path in paths:
        if path.is_dir():
            dataset = load_dataset(settings.with_(data_dir=path), geocode=False)
            report.files += dataset.report.files
            if (path / "tour.csv").is_file():
                report.add(tour_report(path, dataset.partners, dataset.mobility))
            for unused in unused_files(path):
                kind = _header_kind(unused, settings)
                hint = (
                    f"its columns are those of {kind}: rename it {kind}{unused.suffix.lower()}"
                    if kind
                    else "rename the file if it is one of them"
                )
                report.add(FileReport(str(unused), "unknown", present=True)).warn(
                    None, None, f"not read: the app reads {', '.join(FOLDER_FILES)} from a data folder; {hint}"
                )
        elif not path.exists():
            report.add(FileReport(str(path), "unknown")).fail(f"{path} does not exist: check the path")
        elif path.suffix.lower() == ".toml":
            report.add(load_institution(path)[1])
        elif _loose_file_kind(path, settings) == "mobility":
            partners_path = find_table(path.parent, "partners")
            partners = load_partners(partners_path)[0] if partners_path else empty_frame(PARTNER_COLUMNS)
            if partners_path is None:
                report.add(FileReport(str(path), "mobility")).fail(
                    f"cannot check {path.name} without a partners.csv beside it to resolve partner references"
                )
                continue
            report.add(load_mobility(path, partners, max_bytes=settings.max_file_bytes)[1])
        else:
            report.add(load_partners(path, max_bytes=settings.max_file_bytes)[1])
    return report


FOLDER_FILES = ("partners", "mobility", "campuses", "key_figures", "agreements", "institution.toml", "tour.csv")
TABLE_STEMS = 5  # the first FOLDER_FILES are tables (.csv, .xlsx, ...); IIA XML sits in the iias/ subfolder


def unused_files(folder: Path) -> list[Path]:
    """Files of a data folder the app does not read (a misnamed export is the usual reason a view stays empty)."""
    from dashboard.dataset import TABLE_SUFFIXES

    known = {f"{stem}{suffix}" for stem in FOLDER_FILES[:TABLE_STEMS] for suffix in TABLE_SUFFIXES} | set(
        FOLDER_FILES[TABLE_STEMS:]
    )
    ignored = (".md", ".py")  # notes and the scripts that generate a sample
    return [
        p
        for p in sorted(folder.iterdir())
        if p.is_file() and not p.name.startswith(".") and p.name not in known and p.suffix.lower() not in ignored
    ]


def _header_kind(path: Path, settings: Settings) -> str | None:
    from dashboard.importing.kinds import file_kind

    return file_kind(path, max_bytes=settings.max_file_bytes)


def _loose_file_kind(path: Path, settings: Settings) -> str:
    """What a file given by itself holds: its header decides, its name only when the header says nothing."""
    kind = _header_kind(path, settings)
    return kind or ("mobility" if "mobil" in path.name.lower() else "partners")


def tour_report(data_dir: Path, partners, mobility) -> FileReport:
    """The presentation tour checked against the partners it names, as one more file of the report."""
    from dashboard.dataset import fallback_institution
    from dashboard.model import CAMPUS_COLUMNS, KEY_FIGURE_COLUMNS, Dataset, empty_frame
    from dashboard.present.tour import load_tour

    campuses = empty_frame(CAMPUS_COLUMNS)
    dataset = Dataset(fallback_institution(campuses), partners, mobility, campuses, empty_frame(KEY_FIGURE_COLUMNS))
    tour = load_tour(data_dir, dataset)
    file_report = FileReport(str(data_dir / "tour.csv"), "tour")
    file_report.rows_read = len(tour.rejected) + (0 if tour.is_default else len(tour.scenes))
    file_report.rows_loaded = file_report.rows_read - len(tour.rejected)
    file_report.rejected, file_report.warnings, file_report.errors = (
        list(tour.rejected),
        list(tour.warnings),
        list(tour.errors),
    )
    return file_report


def _validation_command(args: argparse.Namespace) -> int:
    report = validation_report(args.paths)
    if args.json:
        print(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(report.to_text())
    return 0 if report.ok else 1


def _import_iias(args: argparse.Namespace) -> int:
    """Read the XML, report every condition skipped and why, write what was usable into DIR/agreements.csv."""
    from dashboard.dataset import fallback_institution, find_table
    from dashboard.importing import load_institution, load_partners
    from dashboard.importing.iias_files import partner_hei_ids, read_iia_files, update_agreements_csv
    from dashboard.model import CAMPUS_COLUMNS, empty_frame

    settings = Settings.from_env()
    partners_path = find_table(args.data_dir, "partners")
    if partners_path is None:
        print(
            f"ERROR no partners.csv (or .xlsx) in {args.data_dir}: the IIAs' partners are matched against it",
            file=sys.stderr,
        )
        return 1
    partners, _ = load_partners(partners_path, max_bytes=settings.max_file_bytes)
    institution, institution_report = load_institution(
        args.data_dir / "institution.toml", fallback_institution(empty_frame(CAMPUS_COLUMNS))
    )
    for problem in (*institution_report.errors, *institution_report.warnings):
        print(f"WARNING {problem}", file=sys.stderr)
    hei_ids = partner_hei_ids(partners_path, partners, settings.max_file_bytes)
    records, reports = read_iia_files(args.files, institution, partners, hei_ids, settings.max_file_bytes)
    report = ImportReport(reports)
    print(report.to_text(), file=sys.stderr)
    if not records:
        print("Nothing to write: no condition could be read (see above).", file=sys.stderr)
        return 1
    try:
        path, kept, written = update_agreements_csv(args.data_dir, records, partners, settings.max_file_bytes)
    except ValueError as error:
        print(f"ERROR {error}", file=sys.stderr)
        return 1
    print(
        f"Wrote {path}: {written} condition(s) from the XML, {kept} other row(s) kept; "
        f"{report.rows_rejected} condition(s) skipped.",
        file=sys.stderr,
    )
    return 1 if any(f.errors for f in report.files) else 0


def _geocode(args: argparse.Namespace) -> int:
    from dashboard.geocoding import geocode_partners
    from dashboard.importing import read_partner_rows

    settings = Settings.from_env()
    rows, file_report = read_partner_rows(args.input, max_bytes=settings.max_file_bytes, require_tier=False)
    if file_report.errors:
        for problem in file_report.errors:
            print(f"ERROR {problem}", file=sys.stderr)
        return 1
    # Beside the output: the input may sit on a read-only share, the output folder is writable by definition.
    cache = args.cache or args.output.resolve().parent / ".geocache.json"
    placed, warnings = geocode_partners(
        rows,
        online=args.online,
        cache_path=cache,
        user_agent=settings.user_agent,
        progress=sys.stderr.isatty(),
    )
    out = placed.copy()
    for column in ("activities", "networks", "campuses"):
        if column in out:
            out[column] = out[column].map(lambda v: ";".join(v) if isinstance(v, tuple) else (v or ""))
    columns = [c for c in GEOCODE_OUTPUT_COLUMNS if c in out.columns]
    args.output.parent.mkdir(parents=True, exist_ok=True)
    out[columns].to_csv(args.output, index=False, encoding="utf-8")
    counts = out["geo_precision"].value_counts()
    summary = ", ".join(f"{counts.get(p, 0)} {p}" for p in ("manual", "address", "city", "country", "unresolved"))
    print(f"Wrote {len(out)} rows (of {file_report.rows_read} read) to {args.output}: {summary}", file=sys.stderr)
    for warning in warnings[:20]:
        print(f"WARNING {warning}", file=sys.stderr)
    if len(warnings) > 20:
        print(f"... and {len(warnings) - 20} more warnings", file=sys.stderr)
    return 0


def _import_erasmus(args: argparse.Namespace) -> int:
    from dashboard.importing.erasmus import read_erasmus
    from dashboard.importing.erasmus_write import WriteError, summary, write_import

    result = read_erasmus(args.files, args.institution, progress=sys.stderr.isatty())
    written = None
    if result.flows:
        try:
            written = write_import(result, args.data_dir)
        except WriteError as error:
            result.errors.append(str(error))
    print("\n".join(summary(result, written, args.data_dir)), file=sys.stderr)
    return 1 if result.errors or written is None or written.check else 0


def poster_state(args: argparse.Namespace, dataset) -> tuple:
    """The FilterState the poster options ask for, and a warning for each value the data does not know."""
    from urllib.parse import urlencode

    from dashboard.filters import QUERY_KEYS, FilterState

    fields = {key: field for field, key in QUERY_KEYS.items()}
    pairs = [(key, value) for key in POSTER_FILTERS for value in (getattr(args, key) or ())]
    state = FilterState.from_query(urlencode(pairs), dataset)
    warnings = []
    for key, value in pairs:
        for item in value.split(",") if key != "q" else (value,):
            if item.strip() and not getattr(FilterState.from_query(urlencode([(key, item)]), dataset), fields[key]):
                warnings.append(f"--{key} {item}: not found in the data, ignored ({POSTER_FILTERS[key]})")
    return state, warnings


def _poster(args: argparse.Namespace) -> int:
    from dashboard.dataset import load_dataset
    from dashboard.exports import export_title
    from dashboard.poster import PosterError, render_poster

    settings = Settings.from_env(data_dir=args.data_dir)
    dataset = load_dataset(settings)
    if not dataset.report.ok:
        print(dataset.report.to_text(), file=sys.stderr)
    state, warnings = poster_state(args, dataset)
    for warning in warnings:
        print(f"WARNING {warning}", file=sys.stderr)
    language = args.lang or settings.language
    try:
        output = render_poster(
            dataset,
            state,
            args.output,
            width=args.width,
            height=args.height,
            language=language,
            theme=args.theme,
            assets_dir=settings.assets_dir,
            browser=args.browser,
        )
    except PosterError as error:
        print(f"ERROR {error}", file=sys.stderr)
        return 1
    print(f"Wrote {output} ({args.width}x{args.height}): {export_title(state, dataset, language)}", file=sys.stderr)
    return 0
