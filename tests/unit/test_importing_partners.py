"""Partner rows: every one loaded or rejected with file, line, column and a reason a person can act on."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from dashboard.importing import load_partners, read_partner_rows
from dashboard.model import PARTNER_COLUMNS

HEADER = "name;erasmus_code;city;country;tier;activities;agreement_start;agreement_end;lat;lon;website"


def partners_file(tmp_path, *rows: str, header: str = HEADER):
    path = tmp_path / "partners.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def assert_accounted(report):
    assert report.rows_read == report.rows_loaded + len(report.rejected)
    assert report.accounted


def test_a_clean_row_is_normalised_into_the_data_model(tmp_path):
    path = partners_file(
        tmp_path,
        "Hanze UAS;NL  GRONING03;Groningen;Nederland;Strategisch;studentenmobiliteit, onderzoek;2021-09-01;"
        "2027;53.24;6.53;www.hanze.nl",
    )

    partners, report = load_partners(path)

    assert report.ok and report.warnings == []
    assert list(partners.columns) == [
        *PARTNER_COLUMNS,
        "street",
        "postcode",
        "agreement_start_date",
        "agreement_end_date",
    ]
    row = partners.iloc[0].to_dict()
    assert row.pop("agreement_start_date") == pd.Timestamp("2021-09-01") and pd.isna(row.pop("agreement_end_date"))
    assert row == {
        "partner_id": "nl-groning03",
        "name": "Hanze UAS",
        "city": "Groningen",
        "country": "NL",
        "country_name": "Netherlands",
        "region": "Europe",
        "tier": "strategic",
        "activities": ("student_mobility", "research"),
        "networks": (),
        "website": "https://www.hanze.nl",
        "erasmus_code": "NL GRONING03",
        "agreement_start": 2021,
        "agreement_end": 2027,
        "campuses": (),
        "lat": 53.24,
        "lon": 6.53,
        "geo_precision": "manual",
        "geo_source": "manual",
        "source_line": 2,
        "street": "",
        "postcode": "",
    }


def test_without_coordinates_the_geocoder_fills_them_later(tmp_path):
    partners, _ = load_partners(partners_file(tmp_path, "Zuyd;;Heerlen;NL;1;;;;;;"))
    assert math.isnan(partners.loc[0, "lat"]) and partners.loc[0, "geo_precision"] == ""


@pytest.mark.parametrize(
    "row, column, message",
    [
        (";;Gent;BE;1;;;;;;", "name", "name is empty: every partner needs the institution's name"),
        ("Hogent;;Gent;;1;;;;;;", "country", "country is empty: write the country (ISO code or name)"),
        ("Hogent;;Gent;Atlantis;1;;;;;;", "country", "unknown country 'Atlantis'"),
        ("Hogent;;Gent;BE;gold;;;;;;", "tier", "unknown tier 'gold': write strategic, collaboration or mobility"),
        ("Hogent;;Gent;BE;;;;;;;", "tier", "tier is empty"),
        (
            "Hogent;;Gent;BE;1;;2023;2020;;;",
            "agreement_end",
            "agreement_end 2020 is before agreement_start 2023: swap them or fix the year",
        ),
        ("Hogent;;Gent;BE;1;;someday;;;;", "agreement_start", "cannot read a year in 'someday'"),
        ("Hogent;;Gent;BE;1;;;;123.5;51.0;", "lat", "lat and lon look swapped, swap them"),
        ("Hogent;;Gent;BE;1;;;;51.0;;", "lon", "lat is given but lon is empty"),
        ("Hogent;;Gent;BE;1;;;;51.0;190;", "lon", "lon 190.0 is outside -180..180"),
    ],
    ids=[
        "empty name",
        "empty country",
        "unknown country",
        "unknown tier",
        "empty tier",
        "years in wrong order",
        "unreadable year",
        "swapped coordinates",
        "half coordinates",
        "lon out of range",
    ],
)
def test_every_rejection_names_line_column_and_what_to_do(tmp_path, row, column, message):
    path = partners_file(tmp_path, "Artevelde;;Gent;BE;2;;;;;;", row)

    partners, report = load_partners(path)

    assert partners["name"].tolist() == ["Artevelde"]
    assert len(report.rejected) == 1
    problem = report.rejected[0]
    assert (problem.file, problem.line, problem.column) == (str(path), 3, column)
    assert message in problem.message
    assert_accounted(report)


def test_the_column_is_named_as_written_in_the_file(tmp_path):
    path = partners_file(tmp_path, "Hogent;Gent;Atlantis;3", header="Naam instelling;Stad;Land;Niveau")
    _, report = load_partners(path)
    assert (report.rejected[0].line, report.rejected[0].column, report.rejected[0].value) == (2, "Land", "Atlantis")


@pytest.mark.parametrize(
    "rows, line, message",
    [
        (
            ["Hanze;NL GRONING03;Groningen;NL;1;;;;;;", "Hanze UAS;nl-groning03;Groningen;NL;1;;;;;;"],
            3,
            "duplicate of line 2 (the same Erasmus code)",
        ),
        (
            ["Hanze UAS;;Groningen;NL;1;;;;;;", "HANZE  uas;;Groningen;Netherlands;3;;;;;;"],
            3,
            "duplicate of line 2 (the same name, city and country)",
        ),
    ],
    ids=["same code", "same folded name and country"],
)
def test_duplicate_institutions_reject_the_later_row(tmp_path, rows, line, message):
    partners, report = load_partners(partners_file(tmp_path, *rows))

    assert len(partners) == 1
    assert [(p.line, p.message.split(":")[0]) for p in report.rejected] == [(line, message)]
    assert_accounted(report)


def test_same_name_in_another_city_or_country_is_not_a_duplicate(tmp_path):
    partners, report = load_partners(
        partners_file(
            tmp_path,
            "IES Universidad Laboral;;Albacete;ES;3;;;;;;",
            "IES Universidad Laboral;;Cáceres;ES;3;;;;;;",
            "Hanze UAS;;Groningen;NL;1;;;;;;",
            "Hanze UAS;;Groningen;BE;1;;;;;;",
        )
    )
    assert report.rejected == [] and len(partners) == 4
    assert partners["partner_id"].is_unique


def test_duplicate_partner_id_is_rejected(tmp_path):
    path = partners_file(tmp_path, "h1;Hanze;NL;1", "h1;Zuyd;NL;1", header="partner_id;name;country;tier")
    _, report = load_partners(path)
    assert [(p.line, p.column, p.message.split(":")[0]) for p in report.rejected] == [
        (3, "partner_id", "duplicate of line 2 (the same partner_id)")
    ]


def test_a_row_rejected_for_another_reason_does_not_make_the_fixed_row_a_duplicate(tmp_path):
    _, report = load_partners(
        partners_file(tmp_path, "Hanze UAS;;Groningen;NL;gold;;;;;;", "Hanze UAS;;Groningen;NL;1;;;;;;")
    )
    assert [p.line for p in report.rejected] == [2]


def test_partner_ids_are_derived_stable_and_unique(tmp_path):
    path = partners_file(
        tmp_path,
        "zuyd-university-nl;Hanze;NL;1",
        ";Zuyd University;NL;1",
        ";Laurea;FI;1",
        header="partner_id;name;country;tier",
    )
    partners, _ = load_partners(path)
    assert partners["partner_id"].tolist() == ["zuyd-university-nl", "zuyd-university-nl-2", "laurea-fi"]

    again, _ = load_partners(path)
    assert again["partner_id"].tolist() == partners["partner_id"].tolist()


def test_a_guessed_country_loads_with_a_warning(tmp_path):
    partners, report = load_partners(partners_file(tmp_path, "Uni Köln;;Köln;Germny;3;;;;;;"))

    assert partners["country"].tolist() == ["DE"]
    assert [(w.line, w.column) for w in report.warnings] == [(2, "country")]
    assert "guessed country DE (Germany) for 'Germny'" in report.warnings[0].message


@pytest.mark.parametrize(
    "text, iso2",
    [
        ("EL", "GR"),
        ("UK", "GB"),
        ("DEU", "DE"),
        ("Belgique", "BE"),
        ("Duitsland", "DE"),
        ("Österreich", "AT"),
        ("Suomi", "FI"),
    ],
)
def test_countries_in_every_accepted_form_are_stored_as_iso2(tmp_path, text, iso2):
    partners, report = load_partners(partners_file(tmp_path, f"Uni;;City;{text};3;;;;;;"))
    assert partners["country"].tolist() == [iso2] and report.warnings == []


def test_an_empty_country_is_taken_from_the_erasmus_code_with_a_warning(tmp_path):
    partners, report = load_partners(partners_file(tmp_path, "Laurea;SF VANTAA06;Vantaa;;1;;;;;;"))

    assert partners["country"].tolist() == ["FI"]
    assert "took FI from the Erasmus code SF VANTAA06" in report.warnings[0].message
    assert (report.warnings[0].line, report.warnings[0].column) == (2, "country")


def test_unknown_activities_are_dropped_with_a_warning(tmp_path):
    partners, report = load_partners(partners_file(tmp_path, 'Zuyd;;Heerlen;NL;1;"research;summer school";;;;;'))

    assert partners.loc[0, "activities"] == ("research",)
    assert [(w.line, w.column) for w in report.warnings] == [(2, "activities")]
    assert "unknown activity 'summer school' left out: accepted are student_mobility" in report.warnings[0].message


def test_a_website_that_is_not_a_web_address_loads_empty_with_a_warning(tmp_path):
    partners, report = load_partners(partners_file(tmp_path, "IES;;Madrid;ES;3;;;;;;jefatura@ies.es"))
    assert partners.loc[0, "website"] == ""
    assert "'jefatura@ies.es' is not a web address" in report.warnings[0].message


def test_strategic_partners_are_imported_faithfully_without_added_activities(tmp_path):
    partners, _ = load_partners(partners_file(tmp_path, "Hanze;;Groningen;NL;strategic;research;;;;;"))
    assert partners.loc[0, "activities"] == ("research",)


def test_networks_and_campuses_are_lists(tmp_path):
    path = partners_file(
        tmp_path, 'Saxion;NL;3;"E³UDRES²; EURASHE";Leuven|Limburg', header="name;country;tier;networks;campuses"
    )
    partners, _ = load_partners(path)
    assert partners.loc[0, ["networks", "campuses"]].tolist() == [("E³UDRES²", "EURASHE"), ("Leuven", "Limburg")]


def test_read_partner_rows_keeps_every_row_in_input_order_with_its_reason(tmp_path):
    path = partners_file(
        tmp_path,
        "Hanze UAS;;Groningen;NL;1;;;;;;",
        "Hogent;;Gent;Atlantis;1;;;;;;",
        ";;Gent;BE;1;;;;;;",
        "Zuyd;;Heerlen;NL;1;;;;;;",
    )

    rows, report = read_partner_rows(path)

    assert rows["source_line"].tolist() == [2, 3, 4, 5]
    assert rows["city"].tolist() == ["Groningen", "Gent", "Gent", "Heerlen"]
    assert [bool(r) for r in rows["rejected"]] == [False, True, True, False]
    assert rows.loc[1, "rejected"].startswith("unknown country 'Atlantis'")
    assert (report.rows_read, report.rows_loaded, len(report.rejected)) == (4, 2, 2)


def test_a_list_without_tiers_loads_when_tiers_are_not_required(tmp_path):
    path = partners_file(
        tmp_path, "Hanze;Groningen;NL;Hanzeplein 11;9747", header="Legal Name;City;Country Cd;Street;Post Cd"
    )

    rows, report = read_partner_rows(path, require_tier=False)
    partners, _ = load_partners(path)

    assert report.ok and rows.loc[0, ["tier", "street", "postcode"]].tolist() == ["", "Hanzeplein 11", "9747"]
    assert partners.empty  # the same list needs a tier column for the dashboard


def test_many_rows_are_all_accounted_for(tmp_path):
    rows = [f"Uni {i};;City {i};{'BE' if i % 7 else 'Nowhere'};{1 + i % 3};;;;;;" for i in range(300)]
    partners, report = load_partners(partners_file(tmp_path, *rows))
    assert (report.rows_read, report.rows_loaded, len(report.rejected)) == (300, 257, 43)
    assert_accounted(report)
    assert report.summary().endswith("300 rows read = 257 loaded + 43 rejected; 0 warnings")


AGREEMENT_HEADERS = [
    ("Agreement valid from", "Agreement valid until"),
    ("Valid from", "Valid to"),
    ("Valid from", "Valid until"),
    ("Start date", "End date"),
    ("agreement_start", "agreement_end"),
]


@pytest.mark.parametrize(("start", "end"), AGREEMENT_HEADERS, ids=[" / ".join(h) for h in AGREEMENT_HEADERS])
@pytest.mark.parametrize(
    ("start_text", "end_text", "start_day", "end_day"),
    [
        ("01/09/2021", "31/08/2028", "2021-09-01", "2028-08-31"),
        ("2021-09-01", "2028-08-31T00:00:00", "2021-09-01", "2028-08-31"),
        ("1.9.2021", "31.8.2028", "2021-09-01", "2028-08-31"),
        ("1 September 2021", "Aug 31, 2028", "2021-09-01", "2028-08-31"),
        ("44440", "46996", "2021-09-01", "2028-08-31"),  # Excel date serials exported as numbers
        ("2021", "2028", None, None),
    ],
    ids=["day first", "iso", "dots", "month names", "excel serials", "years only"],
)
def test_mobility_online_and_moveon_validity_columns_give_agreement_years_and_dates(
    tmp_path, start, end, start_text, end_text, start_day, end_day
):
    path = partners_file(
        tmp_path,
        f"Hanze UAS;Groningen;NL;strategic;{start_text};{end_text}",
        header=f"Institution name;City;Country;Tier;{start};{end}",
    )

    partners, report = load_partners(path)

    assert report.ok and report.warnings == []
    assert partners.loc[0, ["agreement_start", "agreement_end"]].tolist() == [2021, 2028]
    days = partners.loc[0, ["agreement_start_date", "agreement_end_date"]].tolist()
    if start_day is None:
        assert all(pd.isna(d) for d in days)
    else:
        assert days == [pd.Timestamp(start_day), pd.Timestamp(end_day)]


def test_agreement_dates_in_an_xlsx_are_kept_as_dates(tmp_path):
    import datetime as dt

    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active.append(["Name", "City", "Country", "Tier", "Agreement valid from", "Agreement valid until"])
    workbook.active.append(["Hanze UAS", "Groningen", "NL", "strategic", dt.datetime(2021, 9, 1), 46996])
    workbook.save(tmp_path / "partners.xlsx")

    partners, report = load_partners(tmp_path / "partners.xlsx")

    assert report.ok
    assert partners.loc[0, ["agreement_start_date", "agreement_end_date"]].tolist() == [
        pd.Timestamp("2021-09-01"),
        pd.Timestamp("2028-08-31"),
    ]


@pytest.mark.parametrize(
    ("start_text", "end_text", "message"),
    [
        ("01/09/2021", "31/08/2021", "agreement_end 2021-08-31 is before agreement_start 2021-09-01"),
        ("31.02.2021", "", "'31.02.2021' is not a date in the calendar"),
    ],
)
def test_impossible_agreement_dates_are_rejected_with_the_reason(tmp_path, start_text, end_text, message):
    path = partners_file(
        tmp_path,
        f"Hanze UAS;Groningen;NL;strategic;{start_text};{end_text}",
        header="name;city;country;tier;Valid from;Valid until",
    )

    partners, report = load_partners(path)

    assert partners.empty and len(report.rejected) == 1 and message in report.rejected[0].message
