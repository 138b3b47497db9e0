"""agreements.csv: every column and alias family, every value form, every row loaded or rejected with a reason."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from dashboard.importing import load_agreements, load_partners


@pytest.fixture
def partners(tmp_path):
    path = tmp_path / "partners.csv"
    path.write_text(
        "partner_id,name,erasmus_code,city,country,tier\n"
        "hanze,Hanze University of Applied Sciences,NL GRONING03,Groningen,NL,1\n"
        "laurea,Laurea University of Applied Sciences,SF VANTAA06,Vantaa,FI,1\n"
        "liege,Université de Liège,,Liège,BE,3\n",
        encoding="utf-8",
    )
    frame, report = load_partners(path)
    assert report.ok
    return frame


def load(tmp_path, partners, header, *rows, delimiter=","):
    path = tmp_path / "agreements.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return load_agreements(path, partners)


BASE = "partner_id,mobility_type,direction"


@pytest.mark.parametrize(
    "header",
    [
        "partner_id,mobility_type,direction,fields,levels,places,months_per_year,languages,first_year,last_year,status",
        # Mobility-Online / MoveON names
        "Partner code,Mobility type,Direction,Subject area,Study level,Number of mobilities,Total months,"
        "Language requirements,Valid from,Valid until,Status",
        "partner code,Type of mobility,In/Out,ISCED code,EQF level,Places,Months,Language,Start date,End date,State",
        # Dutch
        "Partnercode,Soort mobiliteit,Richting,Studiegebied,Studieniveau,Aantal plaatsen,Aantal maanden,Taalvereisten,"
        "Geldig vanaf,Geldig tot,Status overeenkomst",
    ],
)
def test_every_alias_family_reads_the_same_condition(tmp_path, partners, header):
    frame, report = load(tmp_path, partners, header, "hanze,SMS,out,0913,6,4,20,en:B2,2021-2022,2027-2028,signed")
    assert report.ok and report.rows_loaded == 1, [str(p) for p in report.rejected + report.errors]
    row = frame.iloc[0]
    assert (row.partner_id, row.mobility_type, row.direction, row.fields, row.levels) == (
        "hanze",
        "student_studies",
        "outgoing",
        ("0913",),
        (6,),
    )
    assert (row.places, row.months_per_year, row.languages) == (4, 20, ("en:B2",))
    assert (row.first_year, row.last_year, row.status) == (2021, 2027, "signed")


@pytest.mark.parametrize(
    "written, expected",
    [
        ("SMS", "student_studies"),
        ("studentenmobiliteit voor studie", "student_studies"),
        ("SMT", "student_traineeship"),
        ("SMP", "student_traineeship"),
        ("Stage", "student_traineeship"),
        ("STA", "staff_teaching"),
        ("Docentenmobiliteit", "staff_teaching"),
        ("STT", "staff_training"),
        ("nascholing", "staff_training"),
        ("staff_training", "staff_training"),
    ],
)
def test_mobility_types_in_acronyms_english_and_dutch(tmp_path, partners, written, expected):
    frame, report = load(tmp_path, partners, BASE, f"hanze,{written},in")
    assert frame["mobility_type"].tolist() == [expected]


@pytest.mark.parametrize(
    "written, expected",
    [
        ("6", (6,)),
        ("EQF 7", (7,)),
        ("Bachelor / Master", (6, 7)),
        ("bachelor en master", (6, 7)),
        ("short cycle;doctoral", (5, 8)),
        ("graduaat", (5,)),
        ("PhD", (8,)),
        ("8;5;6", (5, 6, 8)),
        ("", ()),
    ],
)
def test_levels_as_numbers_names_and_dutch_names(tmp_path, partners, written, expected):
    frame, report = load(tmp_path, partners, BASE + ",levels", f'hanze,SMS,out,"{written}"')
    assert report.ok
    assert frame["levels"].tolist() == [expected]


@pytest.mark.parametrize(
    "written, expected",
    [
        ("0913", ("0913",)),
        ("04", ("04",)),
        ("041;0923", ("041", "0923")),
        ("0913, 0923", ("0913", "0923")),
        ("0913 Nursing and midwifery", ("0913",)),
        ("Verpleeg- en vroedkunde", ("0913",)),
        ("Fashion, interior and industrial design", ("0212",)),
        ("", ()),
    ],
)
def test_isced_codes_at_every_depth_and_by_name(tmp_path, partners, written, expected):
    frame, report = load(tmp_path, partners, BASE + ",fields", f'hanze,SMS,out,"{written}"')
    assert report.ok and not report.warnings
    assert frame["fields"].tolist() == [expected]


def test_a_code_that_lost_its_leading_zero_is_read_with_a_warning(tmp_path, partners):
    frame, report = load(tmp_path, partners, BASE + ",ISCED code", "hanze,SMS,out,913")
    assert frame["fields"].tolist() == [("0913",)]
    assert "0913" in str(report.warnings[0]) and "line 2" in str(report.warnings[0])


@pytest.mark.parametrize(
    "written, expected",
    [
        ("en:B2;nl:B1", ("en:B2", "nl:B1")),
        ("English B2", ("en:B2",)),
        ("Engels (C1)", ("en:C1",)),
        ("fr", ("fr",)),
        ("EN-B2", ("en:B2",)),
        ("German", ("de",)),
    ],
)
def test_languages_with_cefr_levels(tmp_path, partners, written, expected):
    frame, report = load(tmp_path, partners, BASE + ",languages", f'hanze,SMS,out,"{written}"')
    assert report.ok
    assert frame["languages"].tolist() == [expected]


@pytest.mark.parametrize(
    "first, last, expected",
    [
        ("2021-2022", "2027-2028", (2021, 2027)),
        ("2021/22", "27/28", (2021, 2027)),
        ("2021-09-01", "2028-08-31", (2021, 2027)),
        ("01/09/2021", "31/05/2028", (2021, 2027)),
        ("2021", "2027", (2021, 2027)),
        ("", "", (None, None)),
    ],
)
def test_academic_years_from_years_and_dates(tmp_path, partners, first, last, expected):
    frame, report = load(tmp_path, partners, BASE + ",Valid from,Valid until", f"hanze,SMS,out,{first},{last}")
    assert report.ok
    row = frame.iloc[0]
    assert tuple(None if v is None or str(v) == "<NA>" else int(v) for v in (row.first_year, row.last_year)) == expected


@pytest.mark.parametrize(
    "written, expected",
    [
        ("", "in_effect"),
        ("concept", "draft"),
        ("Ondertekend", "signed"),
        ("active", "in_effect"),
        ("Beëindigd", "terminated"),
        ("terminated", "terminated"),
    ],
)
def test_statuses(tmp_path, partners, written, expected):
    frame, _ = load(tmp_path, partners, BASE + ",status", f"hanze,SMS,out,{written}")
    assert frame["status"].tolist() == [expected]


def test_the_partner_by_erasmus_code_or_exact_name(tmp_path, partners):
    frame, report = load(
        tmp_path,
        partners,
        "Erasmus code,Host institution,Mobility type,Direction",
        "NL-GRONING03,,SMS,out",
        ",Université de Liège,STA,in",
    )
    assert report.ok
    assert frame["partner_id"].tolist() == ["hanze", "liege"]


def test_an_xlsx_export_reads_like_the_csv(tmp_path, partners):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Agreements export 2025"])  # a title row above the header, as exports have
    sheet.append(["Partner institution", "Mobility type", "Direction", "Subject area", "Places", "Total days"])
    sheet.append(["Laurea University of Applied Sciences", "STT", "incoming", "0413", 2, 10])
    path = tmp_path / "agreements.xlsx"
    workbook.save(path)
    frame, report = load_agreements(path, partners)
    assert report.ok
    row = frame.iloc[0]
    assert (row.partner_id, row.mobility_type, row.fields, row.places, row.days_per_year) == (
        "laurea",
        "staff_training",
        ("0413",),
        2,
        10,
    )


@pytest.mark.parametrize(
    "header, row, column, words",
    [
        (BASE, "hanze,SMX,out", "mobility_type", "unknown mobility_type 'SMX'"),
        (BASE, "hanze,SMS,sideways", "direction", "unknown direction"),
        (BASE + ",fields", "hanze,SMS,out,0999", "fields", "unknown ISCED-F 2013 code '0999'"),
        (BASE + ",fields", "hanze,SMS,out,Astrology", "fields", "unknown field of study"),
        (BASE + ",levels", "hanze,SMS,out,EQF 4", "levels", "unknown study level"),
        (BASE + ",places", "hanze,SMS,out,two", "places", "not a number"),
        (BASE + ",places", "hanze,SMS,out,2.5", "places", "not a whole number"),
        (BASE + ",places", "hanze,SMS,out,5000", "places", "check for a typo"),
        (BASE + ",languages", "hanze,SMS,out,Klingon B2", "languages", "unknown language"),
        (BASE + ",first_year,last_year", "hanze,SMS,out,2025-2026,2021-2022", "last_year", "before the first"),
        (BASE + ",first_year", "hanze,SMS,out,soon", "first_year", "cannot read an academic year"),
        (BASE + ",status", "hanze,SMS,out,maybe", "status", "unknown status"),
        (BASE + ",blended", "hanze,SMS,out,perhaps", "blended", "unknown blended"),
        (BASE + ",name", ",SMS,out,", "partner_id / name", "no partner given"),
        (BASE, "nobody,SMS,out", "partner_id", "no partner with id 'nobody'"),
        (BASE, "hanze,SMS,out,extra", None, "more cells than the header"),
        (BASE, "#REF!,SMS,out", "partner_id", "Excel's error"),
    ],
)
def test_every_rejection_names_line_column_and_reason(tmp_path, partners, header, row, column, words):
    frame, report = load(tmp_path, partners, header, "hanze,SMS,out" + "," * (header.count(",") - 2), row)
    assert report.rows_read == 2 and report.rows_loaded == 1 and report.accounted
    problem = report.rejected[0]
    assert (problem.line, problem.column) == (3, column)
    assert words in problem.message


def test_an_unknown_partner_name_is_rejected_with_the_closest_names(tmp_path, partners):
    _, report = load(tmp_path, partners, "name,mobility_type,direction", "Hanze University,SMS,out")
    message = report.rejected[0].message
    assert "no partner with name 'Hanze University'" in message
    assert "closest names in partners.csv: Hanze University of Applied Sciences" in message


@pytest.mark.parametrize(
    "header, row, hint",
    [
        ("partner_id,mobility_type,direction", "hanz,SMS,out", "closest ids in partners.csv: hanze"),
        (
            "erasmus_code,mobility_type,direction",
            "NL GRONING04,SMS,out",
            "closest Erasmus codes in partners.csv: NL GRONING03",
        ),
    ],
)
def test_an_unknown_id_or_code_is_rejected_with_the_closest_ones(tmp_path, partners, header, row, hint):
    _, report = load(tmp_path, partners, header, row)
    assert hint in report.rejected[0].message


def test_a_duplicated_condition_is_rejected_pointing_at_the_first(tmp_path, partners):
    _, report = load(
        tmp_path, partners, BASE + ",fields", "hanze,SMS,out,0913", "hanze,SMS,out,0913", "hanze,SMS,out,0923"
    )
    assert report.rows_loaded == 2
    assert report.rejected[0].line == 3 and "duplicate of line 2" in report.rejected[0].message


def test_missing_required_columns_fail_the_file_with_the_accepted_names(tmp_path, partners):
    frame, report = load(tmp_path, partners, "partner_id,fields", "hanze,0913")
    assert frame.empty and report.errors
    message = report.errors[0].message
    assert "mobility_type" in message and "direction" in message and "soort mobiliteit" in message


def test_staff_months_warn_that_staff_count_days(tmp_path, partners):
    frame, report = load(tmp_path, partners, BASE + ",months_per_year", "hanze,STA,out,1")
    assert report.rows_loaded == 1
    assert "staff agreements count days" in report.warnings[0].message


def test_data_readme_documents_every_agreements_column_and_its_aliases():
    from pathlib import Path

    from dashboard.importing.agreement_headers import AGREEMENT_ALIASES

    readme = (Path(__file__).resolve().parents[2] / "dashboard" / "sample_data" / "README.md").read_text(
        encoding="utf-8"
    )
    section = readme.split("### agreements.csv", 1)[1].split("\n### ", 1)[0]
    for column in AGREEMENT_ALIASES:
        assert f"`{column}`" in section, column
    for alias in (
        "Subject area",
        "ISCED code",
        "Study level",
        "Places",
        "Number of mobilities",
        "Total months",
        "Mobility type",
        "Valid from",
        "Valid until",
        "Start date",
        "End date",
        "Status",
    ):
        assert alias.lower() in section.lower(), alias


def test_a_mobility_online_export_as_it_comes_out(tmp_path, partners):
    """Windows-1252, ';'-separated, a title line, day-first dates, a "Subject area" name beside an "ISCED code"."""
    export = (
        "Agreements - export 01.12.2026;;;;;;;;;;;\n"
        "Partner institution;Erasmus code;Mobility type;Direction;Study level;Subject area;ISCED code;"
        "Number of mobilities;Total months;Valid from;Valid until;Status\n"
        "Université de Liège;;Studentenmobiliteit voor studie;Outgoing;Bachelor;Nursing;0913;2;10;01.09.2021;"
        "31.08.2028;Actief\n"
        ";NL GRONING03;SMT;Inkomend;Bachelor/Master;0923 Social work and counselling;;1;5;1.9.2022;30.06.2027;"
        "Approved\n"
    )
    path = tmp_path / "agreements.csv"
    path.write_bytes(export.encode("cp1252"))
    frame, report = load_agreements(path, partners)
    assert report.ok and report.rows_loaded == 2, [str(p) for p in report.rejected + report.errors]
    liege, hanze = frame.to_dict("records")
    assert (liege["partner_id"], liege["fields"], liege["field_note"], liege["levels"]) == (
        "liege",
        ("0913",),
        "Nursing",
        (6,),
    )
    assert (liege["first_year"], liege["last_year"], liege["status"]) == (2021, 2027, "in_effect")
    assert (hanze["partner_id"], hanze["mobility_type"], hanze["fields"], hanze["levels"]) == (
        "hanze",
        "student_traineeship",
        ("0923",),
        (6, 7),
    )
    assert (hanze["first_year"], hanze["last_year"], hanze["status"]) == (2022, 2026, "signed")
