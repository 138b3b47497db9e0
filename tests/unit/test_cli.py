"""The command line as a user runs it: exit codes, what it prints, what it writes."""

import json
import subprocess
import sys

import pandas as pd
import pytest

from dashboard.cli import main


def test_validate_the_sample_reports_every_row_and_nothing_rejected(sample_data_dir, capsys):
    assert main(["validate", str(sample_data_dir)]) == 0
    out = capsys.readouterr().out
    partners = len(pd.read_csv(sample_data_dir / "partners.csv"))
    assert f"{partners} rows read = {partners} loaded + 0 rejected" in out


def test_validate_exits_1_and_names_line_and_column_of_a_bad_row(tmp_path, capsys):
    bad = tmp_path / "partners.csv"
    bad.write_text("name,country,tier\nHanze UAS,NL,strategic\nSomewhere,NL,galaxy\n", encoding="utf-8")
    assert main(["validate", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "line 3" in out and "'tier'" in out and "galaxy" in out
    assert "3 rows read" not in out  # the header is not a row
    assert "2 rows read = 1 loaded + 1 rejected" in out


def test_validate_json_is_machine_readable(tmp_path, capsys):
    bad = tmp_path / "partners.csv"
    bad.write_text("name,country,tier\n,NL,strategic\n", encoding="utf-8")
    assert main(["validate", "--json", str(bad)]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["rows_read"] == 1 and report["rows_rejected"] == 1
    assert report["files"][0]["rejected"][0]["line"] == 2


def test_validate_a_missing_path_says_so(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "nope.csv")]) == 1
    assert "does not exist" in capsys.readouterr().out


def test_geocode_writes_one_row_per_input_row_in_input_order(tmp_path):
    source = tmp_path / "export.csv"
    source.write_text(
        "Instelling;Stad;Land\n"
        "Hanzehogeschool Groningen;Groningen;Nederland\n"
        "Nowhere Institute;Qwxzyville;Belgium\n"
        "Universidade de Lisboa;LISBOA;PT\n"
        "Mystery College;;Atlantis\n",
        encoding="cp1252",
    )
    out = tmp_path / "placed.csv"
    assert main(["geocode", str(source), "--output", str(out)]) == 0
    placed = pd.read_csv(out, keep_default_na=False)
    assert placed["name"].tolist() == [
        "Hanzehogeschool Groningen",
        "Nowhere Institute",
        "Universidade de Lisboa",
        "Mystery College",
    ]
    assert placed["geo_precision"].tolist() == ["city", "country", "city", "unresolved"]
    groningen = placed.iloc[0]
    assert abs(float(groningen["lat"]) - 53.22) < 0.1 and abs(float(groningen["lon"]) - 6.57) < 0.1
    assert placed.iloc[3]["lat"] == "" and placed.iloc[3]["lon"] == ""
    assert {"lat", "lon", "geo_precision", "geo_source", "country", "city", "erasmus_code"} <= set(placed.columns)


def test_module_entry_point_prints_help():
    result = subprocess.run([sys.executable, "-m", "dashboard", "--help"], capture_output=True, text=True)
    assert result.returncode == 0
    for command in ("run", "validate", "geocode"):
        assert command in result.stdout


@pytest.mark.parametrize("argv", [["geocode", "x.csv"], ["frobnicate"], []])
def test_bad_usage_exits_2_with_a_message(argv, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    assert "usage: partner-atlas" in capsys.readouterr().err


def test_validate_checks_the_presentation_tour_against_the_partners(tmp_path, sample_data_dir, capsys):
    import shutil

    for name in ("partners.csv", "tour.csv"):
        shutil.copy(sample_data_dir / name, tmp_path / name)
    with (tmp_path / "tour.csv").open("a", encoding="utf-8") as tour:
        tour.write("99,partner,no-such-partner,Hello,Hallo\n")
    assert main(["validate", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    line = len((tmp_path / "tour.csv").read_text(encoding="utf-8").splitlines())  # the row appended last
    assert f"tour.csv, line {line}, column 'value'" in out and "no-such-partner" in out


@pytest.mark.parametrize("language", ["en", "nl", "fr"])
def test_the_poster_command_takes_every_language_the_page_speaks(language):
    from dashboard.cli import _parser

    assert _parser().parse_args(["poster", "-o", "p.png", "--lang", language]).lang == language


def test_validate_a_folder_checks_institution_toml_and_names_files_it_does_not_read(tmp_path, sample_data_dir, capsys):
    for name in ("partners.csv", "campuses.csv"):
        (tmp_path / name).write_bytes((sample_data_dir / name).read_bytes())
    (tmp_path / "institution.toml").write_text('name = "UCLL\n', encoding="utf-8")
    (tmp_path / "Mobiliteit 2024.xlsx").write_bytes(b"")
    assert main(["validate", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "institution.toml, line 1: not valid TOML" in out
    assert "Mobiliteit 2024.xlsx: not read" in out
    assert main(["validate", str(tmp_path / "institution.toml")]) == 1
    assert "not valid TOML" in capsys.readouterr().out


MOBILITY_EXPORT = (
    "academic_year,partner_id,direction,participant,duration,campus,count\n"
    "2023-2024,hanze,outgoing,student,semester,Leuven,3\n"
    "2023-2024,nobody,outgoing,student,semester,Leuven,1\n"
)


@pytest.mark.parametrize("name", ["export (3).csv", "partners_backup.csv", "Flows.txt", "mobility.csv"])
def test_validate_checks_a_mobility_export_as_mobility_whatever_its_file_name(tmp_path, capsys, name):
    (tmp_path / "partners.csv").write_text(
        "partner_id,name,city,country,tier\nhanze,Hanze UAS,Groningen,NL,1\n", encoding="utf-8"
    )
    (tmp_path / name).write_text(MOBILITY_EXPORT, encoding="utf-8")

    assert main(["validate", "--json", str(tmp_path / name)]) == 1

    report = json.loads(capsys.readouterr().out)
    (checked,) = report["files"]
    assert checked["kind"] == "mobility" and (checked["rows_read"], checked["rows_loaded"]) == (2, 1)
    assert "no partner with id 'nobody'" in checked["rejected"][0]["message"]


def test_validate_checks_a_partner_list_named_mobility_as_a_partner_list(tmp_path, capsys):
    (tmp_path / "mobility_partners.csv").write_text(
        "name;city;country;tier\nHanze UAS;Groningen;NL;1\n", encoding="utf-8"
    )

    assert main(["validate", "--json", str(tmp_path / "mobility_partners.csv")]) == 0

    assert json.loads(capsys.readouterr().out)["files"][0]["kind"] == "partners"


def test_validate_a_folder_says_which_file_a_misnamed_export_should_be(tmp_path, capsys):
    (tmp_path / "partners.csv").write_text(
        "partner_id,name,city,country,tier\nhanze,Hanze UAS,Groningen,NL,1\n", encoding="utf-8"
    )
    (tmp_path / "export (3).csv").write_text(MOBILITY_EXPORT, encoding="utf-8")
    main(["validate", str(tmp_path)])
    out = capsys.readouterr().out
    assert "export (3).csv" in out and "rename it mobility.csv" in out
