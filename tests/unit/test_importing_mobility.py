"""Mobility flows: tied to a loaded partner by id, Erasmus code or exact name; every row accounted for."""

from __future__ import annotations

import pytest

from dashboard.importing import load_mobility, load_partners
from dashboard.model import MOBILITY_COLUMNS


@pytest.fixture
def partners(tmp_path):
    path = tmp_path / "partners.csv"
    path.write_text(
        "partner_id,name,erasmus_code,city,country,tier\n"
        "hanze,Hanze University of Applied Sciences,NL GRONING03,Groningen,NL,1\n"
        ",Laurea University of Applied Sciences,SF VANTAA06,Vantaa,FI,1\n"
        ",Université de Liège,,Liège,BE,3\n"
        ",Saint Mary's College,,Dublin,IE,3\n"
        ",Saint Mary's College,,London,GB,3\n",
        encoding="utf-8",
    )
    frame, report = load_partners(path)
    assert report.ok
    return frame


def mobility_file(
    tmp_path, *rows, header="academic_year;partner_id;erasmus_code;name;direction;participant;duration;campus;count"
):
    path = tmp_path / "mobility.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "reference, partner_id",
    [
        (";hanze;;", "hanze"),
        (";HANZE;;", "hanze"),
        (";;SF  VANTAA06;", "sf-vantaa06"),
        (";;sf-vantaa06;", "sf-vantaa06"),
        (";;;UNIVERSITE DE LIEGE", "universite-de-liege-be"),
        (";;;Université de Liège", "universite-de-liege-be"),
    ],
    ids=["id", "id any case", "code with spaces", "code with dash", "name folded", "name exact"],
)
def test_a_flow_finds_its_partner_by_id_code_or_name(tmp_path, partners, reference, partner_id):
    path = mobility_file(tmp_path, f"2023-2024{reference};outgoing;student;semester;Leuven;4")

    flows, report = load_mobility(path, partners)

    assert report.ok
    assert list(flows.columns) == list(MOBILITY_COLUMNS)
    assert flows.iloc[0].to_dict() == {
        "academic_year": "2023-2024",
        "year": 2023,
        "partner_id": partner_id,
        "direction": "outgoing",
        "participant": "student",
        "duration": "semester",
        "campus": "Leuven",
        "count": 4,
    }


@pytest.mark.parametrize(
    "reference, column, message",
    [
        (";nobody;;", "partner_id", "no partner with id 'nobody' in partners.csv"),
        (";;D BERLIN01;", "erasmus_code", "no partner with Erasmus code 'D BERLIN01' in partners.csv"),
        (";;;Nowhere College", "name", "no partner with name 'Nowhere College' in partners.csv"),
        (";;;Saint Mary's College", "name", "matches 2 partners"),
        (";;;", "partner_id / erasmus_code / name", "no partner given"),
    ],
)
def test_an_unknown_partner_rejects_the_flow(tmp_path, partners, reference, column, message):
    path = mobility_file(
        tmp_path,
        "2023-2024;hanze;;;in;staff;short term;Limburg;1",
        f"2023-2024{reference};out;student;semester;Leuven;4",
    )

    flows, report = load_mobility(path, partners)

    assert len(flows) == 1
    assert [(p.line, p.column) for p in report.rejected] == [(3, column)]
    assert message in report.rejected[0].message
    assert report.accounted


def test_an_unknown_id_falls_back_to_the_code_with_a_warning(tmp_path, partners):
    flows, report = load_mobility(
        mobility_file(tmp_path, "2023-2024;hanz;NL GRONING03;;out;student;semester;Leuven;4"), partners
    )

    assert flows["partner_id"].tolist() == ["hanze"]
    assert [(w.line, w.column) for w in report.warnings] == [(2, "partner_id")]


@pytest.mark.parametrize(
    "row, column, message",
    [
        ("2024-2023;hanze;;;out;student;semester;Leuven;4", "academic_year", "two consecutive years"),
        ("2023;hanze;;;out;student;semester;Leuven;4", "academic_year", "write it as 2023-2024"),
        ("2023-24;hanze;;;sideways;student;semester;Leuven;4", "direction", "unknown direction"),
        ("2023-24;hanze;;;out;alumni;semester;Leuven;4", "participant", "unknown participant"),
        ("2023-24;hanze;;;out;student;forever;Leuven;4", "duration", "unknown duration"),
        ("2023-24;hanze;;;out;student;semester;Leuven;-3", "count", "is negative"),
        ("2023-24;hanze;;;out;student;semester;Leuven;2.5", "count", "not a whole number"),
        ("2023-24;hanze;;;out;student;semester;Leuven;many", "count", "not a number"),
        ("2023-24;hanze;;;out;student;semester;Leuven;250000", "count", "more than 10,000"),
        ("2023-24;hanze;;;out;student;semester;Leuven;", "count", "count is empty"),
    ],
)
def test_every_mobility_rejection(tmp_path, partners, row, column, message):
    flows, report = load_mobility(mobility_file(tmp_path, row), partners)

    assert flows.empty
    assert [(p.line, p.column) for p in report.rejected] == [(2, column)]
    assert message in report.rejected[0].message
    assert (report.rows_read, report.rows_loaded) == (1, 0)


def test_dutch_headers_and_values(tmp_path, partners):
    path = mobility_file(
        tmp_path,
        "AJ 2022-2023\tUniversité de Liège\tinkomend\tpersoneel\tkorte termijn\t Diepenbeek \t3",
        header="Academiejaar\tInstelling\tRichting\tDeelnemer\tDuur\tCampus\tAantal",
    )
    flows, report = load_mobility(path, partners)
    assert report.ok
    assert flows.iloc[0].tolist() == [
        "2022-2023",
        2022,
        "universite-de-liege-be",
        "incoming",
        "staff",
        "short_term",
        "Diepenbeek",
        3,
    ]


def test_missing_required_columns_fail_the_file(tmp_path, partners):
    flows, report = load_mobility(mobility_file(tmp_path, "2023-2024;4", header="academic_year;count"), partners)
    assert flows.empty
    message = report.errors[0].message
    assert "missing required column(s) direction; participant; duration" in message
    assert "partner_id, erasmus_code or name" in message


def test_no_partners_loaded_rejects_every_flow_but_does_not_crash(tmp_path, partners):
    flows, report = load_mobility(
        mobility_file(tmp_path, "2023-2024;hanze;;;out;student;semester;Leuven;4"), partners.iloc[0:0]
    )
    assert flows.empty and len(report.rejected) == 1 and report.accounted
