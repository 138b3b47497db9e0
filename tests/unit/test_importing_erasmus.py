"""import-erasmus: the Commission's KA1 columns and values, partner matching, and the update of a data folder."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from bench.erasmus_files import LAYOUTS, write_csv
from dashboard.cli import main
from dashboard.importing import load_mobility, load_partners
from dashboard.importing import values as v
from dashboard.importing.erasmus import read_erasmus
from dashboard.importing.erasmus_columns import (
    parse_academic_year,
    parse_country,
    parse_duration,
    parse_participant,
    parse_participants,
)

NEW = LAYOUTS["new"]


@pytest.mark.parametrize(
    ("profile", "activity", "expected"),
    [
        ("Learner", "Student mobility for studies between Programme Countries", "student"),
        ("Staff", "Staff mobility for teaching", "staff"),
        ("-", "Staff mobility for training between Programme Countries", "staff"),
        ("???", "Student mobility for traineeships", "student"),
        ("Accompanying Person", "-", "staff"),
    ],
)
def test_participant_from_profile_else_activity(profile, activity, expected):
    assert parse_participant(profile, activity) == expected


def test_unknown_participant_is_rejected_with_both_values():
    with pytest.raises(v.Invalid, match="Participant Profile '-', Activity '\\?\\?\\?'"):
        parse_participant("-", "???")


@pytest.mark.parametrize(
    ("days", "start", "end", "activity", "expected"),
    [
        ("60", "", "", "", "semester"),
        ("59", "", "", "", "short_term"),
        ("150.0", "", "", "", "semester"),
        ("-", "2021-09", "2022-01", "", "semester"),
        ("???", "2022-03", "2022-03", "", "short_term"),
        ("-", "-", "-", "Blended Intensive Programme", "short_term"),
    ],
)
def test_duration_semester_from_sixty_days(days, start, end, activity, expected):
    assert parse_duration(days, start, end, activity) == expected


@pytest.mark.parametrize(
    ("year", "start", "expected"),
    [
        ("2021-2022", "2022-03", "2021-2022"),
        ("2021-22", "", "2021-2022"),
        ("-", "2021-09", "2021-2022"),
        ("???", "2022-08", "2021-2022"),
        ("", "09/2022", "2022-2023"),
    ],
)
def test_academic_year_from_year_else_start_month(year, start, expected):
    assert parse_academic_year(year, start)[0] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("BE", "BE"), ("EL", "GR"), ("UK", "GB"), ("BE - Belgium", "BE"), ("EL - Greece", "GR"), ("-", ""), ("???", "")],
)
def test_country_code_or_code_and_name(text, expected):
    assert parse_country(text) == expected


@pytest.mark.parametrize("text", ["-", "???", ""])
def test_unknown_participants_cannot_be_counted(text):
    with pytest.raises(v.Invalid, match="unknown"):
        parse_participants(text)


def _row(
    number: int,
    sending: tuple[str, str, str, str],
    receiving: tuple[str, str, str, str],
    *,
    count: str = "1",
    days: str = "120",
    profile: str = "Learner",
    year: str = "2022-2023",
) -> tuple:
    return (
        f"P{number}",
        year,
        "2022-09",
        "2023-01",
        days,
        "Student mobility for studies",
        "Nursing and midwifery",
        "BE",
        "ISCED-6",
        "Female",
        profile,
        "No",
        "No",
        "No",
        "21",
        *sending,
        *receiving,
        count,
    )


OURS = ("BE", "Leuven", "UC Leuven-Limburg", "B LEUVEN18")
GRONINGEN = ("NL", "Groningen", "Hanze University of Applied Sciences", "NL GRONING03")
NEWCOMER = ("PT", "Porto", "Instituto Politécnico do Porto", "P PORTO05")
OTHERS = ("DE", "Aachen", "RWTH Aachen", "D AACHEN01")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "partners.csv").write_text(
        "partner_id,name,city,country,tier,erasmus_code\n"
        "hanze,Hanze University of Applied Sciences,Groningen,NL,strategic,NL GRONING03\n"
        "thomas-more,Thomas More,Mechelen,BE,collaboration,\n",
        encoding="utf-8",
    )
    (folder / "mobility.csv").write_text(
        "academic_year,partner_id,direction,participant,duration,campus,count\n"
        "2019-2020,hanze,outgoing,student,semester,,4\n"
        "2022-2023,hanze,outgoing,student,semester,,99\n",
        encoding="utf-8",
    )
    return folder


def test_import_sums_flows_matches_partners_and_keeps_other_years(tmp_path, data_dir, capsys):
    rows = [
        _row(1, OURS, GRONINGEN, count="2"),
        _row(2, OURS, GRONINGEN, count="3"),  # same key: summed with row 1
        _row(3, GRONINGEN, OURS, days="5", profile="Staff"),  # incoming staff, short-term
        _row(4, OURS, NEWCOMER),  # added as a new partner
        _row(5, OURS, ("BE", "Mechelen", "Thomas More", "-")),  # no code: matched by name and city
        _row(6, OTHERS, GRONINGEN),  # not ours
        _row(7, OURS, GRONINGEN, count="???"),  # rejected
    ]
    source = write_csv(tmp_path / "ka1.csv", NEW, rows)
    assert main(["import-erasmus", str(source), "--institution", "B LEUVEN18", "--data-dir", str(data_dir)]) == 0
    err = capsys.readouterr().err
    assert "7 rows read = 5 used + 1 not ours (skipped) + 1 rejected" in err
    assert "line 8, column 'Participants'" in err
    assert "ADDED    p-porto05: Instituto Politécnico do Porto (Porto, PT)" in err

    partners, partner_report = load_partners(data_dir / "partners.csv")
    mobility, mobility_report = load_mobility(data_dir / "mobility.csv", partners)
    assert partner_report.ok and mobility_report.ok
    assert partners.set_index("partner_id").loc["p-porto05", "tier"] == "mobility"
    flows = {
        (r.academic_year, r.partner_id, r.direction, r.participant, r.duration): r.count for r in mobility.itertuples()
    }
    assert flows == {
        ("2019-2020", "hanze", "outgoing", "student", "semester"): 4,  # another year: kept
        ("2022-2023", "hanze", "outgoing", "student", "semester"): 5,  # the year imported: replaced, 2 + 3
        ("2022-2023", "hanze", "incoming", "staff", "short_term"): 1,
        ("2022-2023", "p-porto05", "outgoing", "student", "semester"): 1,
        ("2022-2023", "thomas-more", "outgoing", "student", "semester"): 1,
    }


def test_importing_twice_gives_the_same_files(tmp_path, data_dir):
    source = write_csv(tmp_path / "ka1.csv", NEW, [_row(1, OURS, NEWCOMER, count="2")])
    arguments = ["import-erasmus", str(source), "--institution", "B LEUVEN18", "--data-dir", str(data_dir)]
    main(arguments)
    first = [(data_dir / name).read_text(encoding="utf-8") for name in ("partners.csv", "mobility.csv")]
    main(arguments)
    assert [(data_dir / name).read_text(encoding="utf-8") for name in ("partners.csv", "mobility.csv")] == first


def test_campus_group_per_institution_and_both_sides_ours_rejected(tmp_path):
    hasselt = ("BE", "Diepenbeek", "UC Leuven-Limburg", "B HASSELT20")
    source = write_csv(tmp_path / "ka1.csv", NEW, [_row(1, hasselt, GRONINGEN), _row(2, OURS, hasselt)])
    result = read_erasmus([source], ["B LEUVEN18=Leuven", "B HASSELT20=Limburg"])
    (sheet,) = result.sheets
    assert (sheet.used, sheet.not_ours, len(sheet.rejected)) == (1, 0, 1)
    assert "both the sending and the receiving organisation are ours" in sheet.rejected[0].message
    assert [key[-1] for key in result.flows] == ["Limburg"]


def test_old_layout_headers_are_accepted(tmp_path):
    old = LAYOUTS["old"]
    row = list(_row(1, OURS, GRONINGEN))
    row[15], row[19] = "BE - Belgium", "NL - Netherlands"
    result = read_erasmus([write_csv(tmp_path / "old.csv", old, [tuple(row)])], ["B LEUVEN18"])
    assert result.sheets[0].used == 1 and not result.errors
    assert next(iter(result.partners.values())).countries == {"NL": 1}


def test_file_without_the_commissions_columns_fails_with_a_message(tmp_path, capsys):
    path = tmp_path / "other.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([["name", "city"], ["A", "B"]])
    assert main(["import-erasmus", str(path), "--institution", "B LEUVEN18", "--data-dir", str(tmp_path / "d")]) == 1
    assert "no Erasmus+ header row" in capsys.readouterr().err
    assert not (tmp_path / "d").exists()


def test_fast_sheet_reader_reads_what_openpyxl_reads(tmp_path):
    import openpyxl

    from dashboard.importing.erasmus_xlsx import open_workbook, sheet_rows

    workbook = openpyxl.Workbook()  # the normal mode writes shared strings, as Excel does
    sheet = workbook.active
    sheet.title = "Mobilities"
    rows = [
        ["Sending City", "Participants", "Special Needs", "Note"],
        ["Gent & Brugge <B>", 3, True, None],
        [None, 2.5, False, "Zürich"],
        ["  spaced  ", 12, None, "x = 1"],
    ]
    for row in rows:
        sheet.append(row)
    sheet["D5"] = "far below"
    path = tmp_path / "book.xlsx"
    workbook.save(path)
    archive, parts, strings = open_workbook(path)
    with archive:
        read = dict(sheet_rows(archive, parts[0][1], strings))
    assert parts[0][0] == "Mobilities"
    assert read[2] == ["Gent & Brugge <B>", "3", "TRUE"]
    assert read[3] == ["", "2.5", "FALSE", "Zürich"]
    assert read[4][0] == "  spaced  " and read[4][3] == "x = 1"
    assert read[5] == ["", "", "", "far below"]


def test_rows_of_the_folder_that_do_not_load_are_named_after_the_import(tmp_path, capsys):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "partners.csv").write_text(
        "partner_id,name,city,country,tier\nhanze,Hanze,Groningen,NL,strategic\n", encoding="utf-8"
    )
    (folder / "mobility.csv").write_text(
        "academic_year,partner_id,direction,participant,duration,campus,count\n"
        "2019-2020,gone,outgoing,student,semester,,4\n",
        encoding="utf-8",
    )
    source = write_csv(tmp_path / "ka1.csv", NEW, [_row(1, OURS, NEWCOMER)])
    code = main(["import-erasmus", str(source), "--institution", "B LEUVEN18", "--data-dir", str(folder)])
    err = capsys.readouterr().err
    assert code == 1
    assert "1 row(s) of" in err and "no partner with id 'gone'" in err
