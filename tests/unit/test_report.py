"""The import report stays readable whatever the file holds: long lists become one short line."""

from dashboard.cli import main
from dashboard.importing import load_partners


def test_thousands_of_unknown_columns_are_one_short_warning(tmp_path):
    extra = [f"extra column {n}" for n in range(3000)]
    (tmp_path / "partners.csv").write_text(
        ",".join(["name", "city", "country", "tier", *extra])
        + "\n"
        + ",".join(["Hanze", "Groningen", "NL", "strategic", *("x" * 3000)])
        + "\n",
        encoding="utf-8",
    )
    frame, report = load_partners(tmp_path / "partners.csv")
    assert len(frame) == 1
    (warning,) = [str(p) for p in report.warnings if "ignored column" in p.message]
    assert len(warning) < 300
    assert "'extra column 0'" in warning and "and 2995 more" in warning


def test_missing_columns_name_a_few_of_thousands_found(tmp_path, capsys):
    header = ["name", "city", "country", *(f"c{n}" for n in range(5000))]  # no tier
    (tmp_path / "partners.csv").write_text(
        ",".join(header) + "\nHanze,Groningen,NL" + ",x" * 5000 + "\n", encoding="utf-8"
    )
    assert main(["validate", str(tmp_path / "partners.csv")]) == 1
    out = capsys.readouterr().out
    assert "missing required column(s) tier" in out and "name, city, country, c0" in out and "and 4991 more" in out
    assert max(len(line) for line in out.splitlines()) < 1000


# --- which replacements of the data files are refused (report.replacement_problems) -----------------------------

import pytest  # noqa: E402

from dashboard.report import FileReport, ImportReport, replacement_problems  # noqa: E402


def partners(read=10, loaded=10, *, present=True, error=None, rejected_lines=()):
    report = FileReport("/srv/data/partners.csv", "partners", rows_read=read, rows_loaded=loaded, present=present)
    for line in rejected_lines:
        report.reject(line, "tier", "tier is empty")
    if error:
        report.fail(error)
    return ImportReport([report])


SOUND = partners()


@pytest.mark.parametrize(
    "served, candidate, changed, refused_because",
    [
        (SOUND, partners(present=False), None, "partners.csv was removed"),
        (SOUND, partners(0, 0, error="file is empty"), None, "partners.csv cannot be read: file is empty"),
        (
            SOUND,
            partners(6, 5, rejected_lines=[7]),
            {"partners.csv"},
            "loads 5 row(s) fewer than the data shown and rejects 1 more: is it cut off or half-written?",
        ),
        (SOUND, partners(5, 5), {"partners.csv"}, None),  # rows taken out: an edit
        (SOUND, partners(12, 11, rejected_lines=[4]), {"partners.csv"}, None),  # more loaded than before
        (SOUND, partners(6, 5, rejected_lines=[7]), {"mobility.csv"}, None),  # unchanged file: its partners went
        (partners(0, 0, error="binary"), partners(present=False), None, None),  # nothing good to keep
        (partners(present=False), partners(0, 0, error="binary"), None, None),
    ],
)
def test_a_replacement_is_refused_only_when_good_data_would_be_lost(served, candidate, changed, refused_because):
    problems = replacement_problems(served, candidate, changed)
    if refused_because is None:
        assert problems == []
    else:
        assert len(problems) == 1 and refused_because in problems[0].message
