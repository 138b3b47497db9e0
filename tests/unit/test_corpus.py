"""The broken and hostile input corpus: every file gives exactly the outcome tests/corpus/manifest.toml records.

Each file is read, never raises, accounts for every row (read = loaded + rejected), and every problem says
file, line and column where a row is at fault. Large files are generated into tmp_path at test time.
"""

from __future__ import annotations

import importlib.util
import time
import tomllib
from pathlib import Path

import pytest

from dashboard.config import Settings
from dashboard.importing import load_mobility, load_partners

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
MANIFEST = tomllib.loads((CORPUS / "manifest.toml").read_text(encoding="utf-8"))["case"]
BIG_ROWS = 100_000


@pytest.fixture(scope="module")
def reference_partners():
    partners, report = load_partners(CORPUS / "reference_partners.csv")
    assert report.ok, report.rejected
    return partners


def load(case: dict, reference_partners):
    path = CORPUS / case["file"]
    if case["file"].startswith("mobility/"):
        return path, *load_mobility(path, reference_partners)
    return path, *load_partners(path)


@pytest.mark.parametrize("case", MANIFEST, ids=[c["file"] for c in MANIFEST])
def test_each_corpus_file_gives_its_recorded_outcome(case, reference_partners):
    path, frame, report = load(case, reference_partners)

    assert (report.rows_read, report.rows_loaded) == (case["read"], case["loaded"])
    assert report.rows_read == report.rows_loaded + len(report.rejected) and report.accounted
    assert len(frame) == report.rows_loaded
    found = (
        [("error", p) for p in report.errors]
        + [("rejected", p) for p in report.rejected]
        + [("warning", p) for p in report.warnings]
    )
    expected = [tuple(p) for p in case["problems"]]
    assert [(kind, p.line or 0, p.column or "") for kind, p in found] == [e[:3] for e in expected]
    for (kind, problem), (_, _, _, phrase) in zip(found, expected):
        assert phrase in problem.message, f"{kind} {problem} should say {phrase!r}"
        assert problem.file == str(path)
    if "names" in case:
        assert frame["name"].tolist() == case["names"]
    if "flows" in case:
        assert frame[["academic_year", "partner_id", "campus", "count"]].values.tolist() == case["flows"]


@pytest.mark.parametrize("case", MANIFEST, ids=[c["file"] for c in MANIFEST])
def test_every_problem_says_where_and_what_to_do(case, reference_partners):
    path, _, report = load(case, reference_partners)

    for problem in report.rejected:
        assert problem.line is not None, f"a rejected row needs its line: {problem}"
    for problem in (*report.errors, *report.rejected, *report.warnings):
        text = str(problem)
        assert text.startswith(str(path)) and ": " in problem.message
        if problem.line is not None:
            assert f"line {problem.line}" in text
        if problem.column:
            assert f"column '{problem.column}'" in text


def test_the_corpus_is_complete_small_and_documented():
    files = sorted(
        p.relative_to(CORPUS).as_posix() for folder in ("partners", "mobility") for p in (CORPUS / folder).iterdir()
    )
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")

    assert len(files) >= 30
    assert files == sorted(c["file"] for c in MANIFEST), "every corpus file needs a manifest entry, and back"
    assert [f for f in files if (CORPUS / f).stat().st_size > 50_000] == []
    assert [f for f in files if f"`{f}`" not in readme] == [], "README.md must list every file"


HOSTILE_NAMES = (
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    '=HYPERLINK("http://evil","x")',
    "+cmd|' /C calc'!A0",
    "@SUM(1)",
    "-2+3",
    "جامعة القاهرة",
    "האוניברסיטה העברית בירושלים",
    "🎓 Emoji Academy 🌍",
)


def test_hostile_names_are_loaded_as_text_unchanged(reference_partners):
    partners = [load_partners(CORPUS / "partners" / f)[0] for f in ("html_js.csv", "formulas.csv", "rtl_emoji.csv")]
    names = {name for frame in partners for name in frame["name"]}

    assert set(HOSTILE_NAMES) <= names


def write_big_partner_list(path: Path, rows: int) -> None:
    countries = ("BE", "NL", "Duitsland", "France", "ES", "FI", "Italia", "PL", "PT", "SE")
    tiers = ("strategic", "samenwerking", "3")
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("partner_id;name;city;country;tier;erasmus_code;activities;agreement_start;agreement_end;website\n")
        for i in range(rows):
            out.write(
                f"p{i};University of Applied Sciences number {i};City {i % 997};{countries[i % 10]};"
                f"{tiers[i % 3]};;student_mobility, onderzoek;{2010 + i % 10};{2025 + i % 5};"
                f"www.partner{i}.edu\n"
            )


def test_a_100000_row_partner_list_and_mobility_file_import_completely(tmp_path):
    partners_path, mobility_path = tmp_path / "partners.csv", tmp_path / "mobility.csv"
    write_big_partner_list(partners_path, BIG_ROWS)
    with mobility_path.open("w", encoding="utf-8", newline="") as out:
        out.write("academic_year,partner_id,direction,participant,duration,campus,count\n")
        for i in range(BIG_ROWS):
            out.write(f"{2015 + i % 9}-{2016 + i % 9},p{i},outgoing,student,semester,Leuven,{i % 40}\n")

    # The times are printed for the curious; the speed itself is measured in bench/, not asserted here.
    started, cpu_started = time.perf_counter(), time.process_time()
    partners, partners_report = load_partners(partners_path)
    partners_wall, partners_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    started, cpu_started = time.perf_counter(), time.process_time()
    flows, flows_report = load_mobility(mobility_path, partners)
    flows_wall, flows_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    print(
        f"\n100,000 partners in {partners_seconds:.2f} s CPU ({partners_wall:.2f} s wall), "
        f"100,000 flows in {flows_seconds:.2f} s CPU ({flows_wall:.2f} s wall)"
    )

    assert (partners_report.rows_read, partners_report.rows_loaded, len(partners)) == (BIG_ROWS,) * 3
    assert (flows_report.rows_read, flows_report.rows_loaded, len(flows)) == (BIG_ROWS,) * 3
    assert partners_report.ok and flows_report.ok
    assert partners["partner_id"].is_unique and partners.loc[BIG_ROWS - 1, "source_line"] == BIG_ROWS + 1


@pytest.mark.parametrize(
    "load_file", [load_partners, lambda path, **kw: load_mobility(path, None, **kw)], ids=["partners", "mobility"]
)
def test_a_file_above_the_configured_size_limit_is_rejected_naming_the_limit_and_the_setting(tmp_path, load_file):
    settings = Settings.from_env({"PARTNER_ATLAS_MAX_FILE_BYTES": str(2**20)}, data_dir=tmp_path)
    path = tmp_path / "partners.csv"
    write_big_partner_list(path, 12_000)  # about 1.3 MB
    assert path.stat().st_size > settings.max_file_bytes

    frame, report = load_file(path, max_bytes=settings.max_file_bytes)

    assert frame.empty and report.rows_read == 0 and len(report.errors) == 1
    message = report.errors[0].message
    assert "larger than the limit of 1.0 MB (1,048,576 bytes)" in message
    assert "PARTNER_ATLAS_MAX_FILE_BYTES" in message


def test_a_quote_that_swallows_more_than_a_csv_cell_can_hold_does_not_crash_and_loses_no_row(tmp_path):
    path = tmp_path / "partners.csv"
    rows = [f"Partner {i},Gent,BE,mobility" for i in range(12_000)]  # ~330,000 characters after the quote
    path.write_text(
        "name,city,country,tier\n" + '"Open quote,Gent,BE,mobility\n' + "\n".join(rows) + "\n", encoding="utf-8"
    )

    partners, report = load_partners(path)

    assert report.rows_read == 12_001 and report.rows_loaded == 12_000 and report.accounted
    assert [(p.line, p.column) for p in report.rejected] == [(2, None)]
    assert "quote is probably not closed" in report.rejected[0].message


def test_the_dataset_keeps_the_valid_rows_of_a_hostile_partner_list(tmp_path):
    try:
        from dashboard.dataset import load_dataset
    except ImportError as error:
        pytest.skip(f"the geocoding package is not importable yet ({error}): load_dataset cannot run")
    hostile = (CORPUS / "partners" / "html_js.csv").read_text(encoding="utf-8").splitlines()
    broken = ["Bad Row;Gent;Atlantis;mobility;", "#REF!;Gent;BE;mobility;", '"Open quote;Gent;BE;mobility;']
    (tmp_path / "partners.csv").write_text("\n".join([*hostile, *broken]) + "\n", encoding="utf-8")
    (tmp_path / "mobility.csv").write_text(
        "academic_year,name,direction,participant,duration,campus,count\n"
        "2023-2024,<script>alert(1)</script>,outgoing,student,semester,Leuven,3\n"
        "2023-2024,<img src=x onerror=alert(1)>,incoming,staff,short_term,Limburg,1\n",
        encoding="utf-8",
    )

    dataset = load_dataset(Settings(data_dir=tmp_path))

    partners_report = next(f for f in dataset.report.files if f.kind == "partners")
    assert (partners_report.rows_read, partners_report.rows_loaded, len(partners_report.rejected)) == (11, 8, 3)
    assert {"<img src=x onerror=alert(1)>", "<script>alert(1)</script>"} <= set(dataset.partners["name"])
    assert dataset.mobility["count"].tolist() == [3, 1]
    assert all(f.accounted for f in dataset.report.files)


def test_the_committed_files_are_what_make_corpus_writes():
    spec = importlib.util.spec_from_file_location("make_corpus", CORPUS / "make_corpus.py")
    make_corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_corpus)
    written = {f"partners/{name}": data for name, data in make_corpus.partner_files().items()}
    written |= {f"mobility/{name}": data for name, data in make_corpus.mobility_files().items()}

    assert [f for f, data in written.items() if (CORPUS / f).read_bytes() != data] == []
    assert (CORPUS / "reference_partners.csv").read_bytes() == make_corpus.REFERENCE_PARTNERS
