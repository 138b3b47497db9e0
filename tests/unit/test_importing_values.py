"""Cell values as people type them: tiers, activities, years, coordinates, codes, websites, mobility fields."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.importing import values as v


@pytest.mark.parametrize(
    "text, tier",
    [
        ("strategic", "strategic"),
        ("Top", "strategic"),
        ("1", "strategic"),
        ("Strategisch", "strategic"),
        ("collaboration", "collaboration"),
        ("MIDDLE", "collaboration"),
        ("2", "collaboration"),
        ("samenwerking", "collaboration"),
        ("mobility", "mobility"),
        ("base", "mobility"),
        ("3", "mobility"),
        ("Mobiliteit", "mobility"),
        (" strate gic ", "strategic"),
        ("Strategísch", "strategic"),
    ],
)
def test_tier_aliases(text, tier):
    assert v.parse_tier(text) == tier


def test_unknown_tier_names_the_accepted_values():
    with pytest.raises(v.Invalid, match="unknown tier 'gold': write strategic, collaboration or mobility"):
        v.parse_tier("gold")


@pytest.mark.parametrize(
    "text, activities, unknown",
    [
        ("student_mobility;research", ("student_mobility", "research"), []),
        ("Research, Student Mobility", ("student_mobility", "research"), []),
        ("studentenmobiliteit | onderzoek | stage", ("student_mobility", "internship", "research"), []),
        ("double degree; Joint-Degree;benchmarking", ("benchmarking", "joint_degree", "double_degree"), []),
        ("research;summer school;;", ("research",), ["summer school"]),
        ("", (), []),
    ],
)
def test_activities(text, activities, unknown):
    assert v.parse_activities(text) == (activities, unknown)


@pytest.mark.parametrize(
    "text, year",
    [
        ("2021", 2021),
        ("2021.0", 2021),
        ("2021-09-01", 2021),
        ("1/1/2021", 2021),
        ("12/31/2029", 2029),
        ("26/06/2024", 2024),
        ("31.12.2029", 2029),
        ("2021-09-01T00:00:00", 2021),
        ("44197", 2021),
        ("", None),
    ],
    ids=lambda x: repr(x),
)
def test_years(text, year):
    assert v.parse_year(text) == year


@pytest.mark.parametrize("text", ["soon", "21", "2021-2022"])
def test_unreadable_years(text):
    with pytest.raises(v.Invalid, match="cannot read a year"):
        v.parse_year(text)


def test_years_in_the_wrong_order():
    with pytest.raises(v.Invalid, match="agreement_end 2020 is before agreement_start 2023: swap them or fix the year"):
        v.check_years(2023, 2020)
    v.check_years(2023, 2023)
    v.check_years(None, 2020)


@pytest.mark.parametrize(
    "lat, lon, expected",
    [
        ("50.88", "4.70", (50.88, 4.70)),
        ("50,88", "4,70", (50.88, 4.70)),
        ("-33.9", "18.4", (-33.9, 18.4)),
        ("90", "180", (90.0, 180.0)),
        ("", "", None),
    ],
)
def test_coordinates(lat, lon, expected):
    assert v.parse_coordinates(lat, lon) == expected


@pytest.mark.parametrize(
    "lat, lon, field, message",
    [
        ("50.8", "", "lon", "lat is given but lon is empty"),
        ("", "4.7", "lat", "lon is given but lat is empty"),
        ("north", "4.7", "lat", "lat 'north' is not a number"),
        ("123.0", "50.8", "lat", "lat and lon look swapped"),
        ("-95", "200", "lat", "lat -95.0 is outside -90..90"),
        ("50.8", "181", "lon", "lon 181.0 is outside -180..180"),
        ("nan", "4", "lat", "is not a number"),
    ],
)
def test_impossible_coordinates(lat, lon, field, message):
    with pytest.raises(v.Invalid, match=message) as error:
        v.parse_coordinates(lat, lon)
    assert error.value.field == field


@pytest.mark.parametrize(
    "text, code, key",
    [
        ("D BERLIN01", "D BERLIN01", "DBERLIN01"),
        ("nl rotterd03", "NL ROTTERD03", "NLROTTERD03"),
        ("IRLDUBLIN01", "IRLDUBLIN01", "IRLDUBLIN01"),
        ("SF HELSINK01", "SF HELSINK01", "SFHELSINK01"),
    ],
)
def test_erasmus_codes(text, code, key):
    assert v.normalise_erasmus_code(text) == code
    assert v.erasmus_key(text) == key == v.erasmus_key("-".join(code.split()))


def test_partner_id_from_code_and_slug():
    assert v.partner_id_from_code("NL ROTTERD03") == "nl-rotterd03"
    assert v.partner_id_from_name("Hogeschool PXL", "BE") == "hogeschool-pxl-be"
    assert v.partner_id_from_name("Politehnica Timișoara", "RO") == "politehnica-timisoara-ro"


@pytest.mark.parametrize(
    "text, url",
    [
        ("www.ucll.be", "https://www.ucll.be"),
        ("http://www.fhv.at", "http://www.fhv.at"),
        ("HTTPS://hanze.nl/en?x=1", "https://hanze.nl/en?x=1"),
        ("", ""),
    ],
)
def test_websites(text, url):
    assert v.normalise_website(text) == url


@pytest.mark.parametrize("text", ["info@school.es", "www. school.es", "not a url", "localhost"])
def test_not_websites(text):
    with pytest.raises(v.Invalid, match="is not a web address"):
        v.normalise_website(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2023-2024", ("2023-2024", 2023)),
        ("2023/2024", ("2023-2024", 2023)),
        ("2023-24", ("2023-2024", 2023)),
        ("AJ 2023-2024", ("2023-2024", 2023)),
        ("2023 \u2013 2024", ("2023-2024", 2023)),
        ("1999-00", ("1999-2000", 1999)),
    ],
)
def test_academic_years(text, expected):
    assert v.parse_academic_year(text) == expected


@pytest.mark.parametrize(
    "text, message",
    [
        ("2024-2023", "two consecutive years"),
        ("2023-2025", "two consecutive years"),
        ("2023", "write it as 2023-2024"),
        ("", "write it as 2023-2024"),
    ],
)
def test_wrong_academic_years(text, message):
    with pytest.raises(v.Invalid, match=message):
        v.parse_academic_year(text)


@pytest.mark.parametrize(
    "parse, text, value",
    [
        (v.parse_direction, "Uitgaand", "outgoing"),
        (v.parse_direction, "in", "incoming"),
        (v.parse_direction, "OUT", "outgoing"),
        (v.parse_direction, "inkomend", "incoming"),
        (v.parse_participant, "Studenten", "student"),
        (v.parse_participant, "personeel", "staff"),
        (v.parse_duration, "short-term", "short_term"),
        (v.parse_duration, "Korte termijn", "short_term"),
        (v.parse_duration, "Semester", "semester"),
        (v.parse_duration, "long", "semester"),
    ],
)
def test_mobility_choices(parse, text, value):
    assert parse(text) == value


def test_unknown_choice_says_what_to_write():
    with pytest.raises(v.Invalid, match="unknown direction 'sideways': write outgoing or incoming"):
        v.parse_direction("sideways")


@pytest.mark.parametrize("text, count", [("0", 0), ("12", 12), ("12.0", 12), ("10000", 10000)])
def test_counts(text, count):
    assert v.parse_count(text) == count


@pytest.mark.parametrize(
    "text, message",
    [
        ("-1", "is negative"),
        ("2.5", "not a whole number"),
        ("2,5", "not a whole number"),
        ("twelve", "not a number"),
        ("", "count is empty"),
        ("10001", "more than 10,000"),
        ("1,000", "thousands separator"),
        ("inf", "not a number"),
    ],
)
def test_wrong_counts(text, message):
    with pytest.raises(v.Invalid, match=message):
        v.parse_count(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", (None, None)),
        ("2021", (2021, None)),
        ("2021.0", (2021, None)),
        ("2021-09-01", (2021, date(2021, 9, 1))),
        ("2021/09/01", (2021, date(2021, 9, 1))),
        ("2021-09-01T00:00:00", (2021, date(2021, 9, 1))),
        ("2021-09-01 00:00:00.000", (2021, date(2021, 9, 1))),
        ("01/09/2021", (2021, date(2021, 9, 1))),
        ("1.9.2021", (2021, date(2021, 9, 1))),
        ("01-09-2021", (2021, date(2021, 9, 1))),
        ("09/15/2021", (2021, date(2021, 9, 15))),
        ("1 September 2021", (2021, date(2021, 9, 1))),
        ("Sep 1, 2021", (2021, date(2021, 9, 1))),
        ("September 1st, 2021", (2021, date(2021, 9, 1))),
        ("01-Sep-2021", (2021, date(2021, 9, 1))),
        ("1 maart 2022", (2022, date(2022, 3, 1))),
        ("15 mars 2022", (2022, date(2022, 3, 15))),
        ("3. Oktober 2022", (2022, date(2022, 10, 3))),
        ("44440", (2021, date(2021, 9, 1))),
    ],
    ids=lambda x: repr(x),
)
def test_agreement_dates_as_exports_write_them(text, expected):
    assert v.parse_agreement_date(text) == expected


@pytest.mark.parametrize("text", ["31.02.2021", "2021-13-01", "30 February 2021"])
def test_dates_not_in_the_calendar_are_refused(text):
    with pytest.raises(v.Invalid, match="is not a date in the calendar"):
        v.parse_agreement_date(text)
