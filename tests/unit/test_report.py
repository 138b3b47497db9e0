"""The import report stays readable whatever the file holds: long lists become one short line."""

from dashboard.cli import main
from dashboard.importing import load_partners


def test_thousands_of_unknown_columns_are_one_short_warning(tmp_path):
    extra = [f"extra column {n}" for n in range(3000)]
    (tmp_path / "partners.csv").write_text(",".join(["name", "city", "country", "tier", *extra]) + "\n"
                                           + ",".join(["Hanze", "Groningen", "NL", "strategic", *("x" * 3000)]) + "\n",
                                           encoding="utf-8")
    frame, report = load_partners(tmp_path / "partners.csv")
    assert len(frame) == 1
    (warning,) = [str(p) for p in report.warnings if "ignored column" in p.message]
    assert len(warning) < 300
    assert "'extra column 0'" in warning and "and 2995 more" in warning


def test_missing_columns_name_a_few_of_thousands_found(tmp_path, capsys):
    header = ["name", "city", "country", *(f"c{n}" for n in range(5000))]  # no tier
    (tmp_path / "partners.csv").write_text(",".join(header) + "\nHanze,Groningen,NL" + ",x" * 5000 + "\n",
                                           encoding="utf-8")
    assert main(["validate", str(tmp_path / "partners.csv")]) == 1
    out = capsys.readouterr().out
    assert "missing required column(s) tier" in out and "name, city, country, c0" in out and "and 4991 more" in out
    assert max(len(line) for line in out.splitlines()) < 1000
