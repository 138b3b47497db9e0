"""institution.toml as offices really save it: a good file is read as written; a broken one (a TOML error, nesting
thousands deep, UTF-16 or Latin-1, empty or mistyped values) is used for whatever it gives, and each problem is in
the report with the file, the line and what to fix. Never an exception, never a silent fallback."""

from __future__ import annotations

import pytest

from dashboard.config import Settings
from dashboard.dataset import load_dataset
from dashboard.importing import load_institution
from dashboard.model import Institution

INSTITUTION = """name = "UC Leuven-Limburg"
short_name = "UCLL"
city = "Leuven"
country = "Belgium"
lat = 50.8798
lon = 4.6730
networks = ["EURASHE", "BUSINET", "E³UDRES²"]
website = "www.ucll.be"
"""
UCLL = Institution(
    name="UC Leuven-Limburg",
    short_name="UCLL",
    city="Leuven",
    country="BE",
    lat=50.8798,
    lon=4.6730,
    networks=("EURASHE", "BUSINET", "E³UDRES²"),
    website="https://www.ucll.be",
)
CAMPUS = Institution("Home institution", "Home", "Diepenbeek", "", 50.93, 5.39)  # what dataset.py falls back to


def load(tmp_path, content: str | bytes | None):
    path = tmp_path / "institution.toml"
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    elif content is not None:
        path.write_bytes(content)
    return load_institution(path, CAMPUS)


def problems(report) -> list[str]:
    return [str(p) for p in (*report.errors, *report.warnings)]


def test_a_good_file_is_read_as_written_and_reports_nothing(tmp_path):
    institution, report = load(tmp_path, INSTITUTION)
    assert institution == UCLL
    assert problems(report) == []


def test_the_erasmus_without_paper_id_is_read_in_lower_case(tmp_path):
    institution, report = load(tmp_path, INSTITUTION + 'hei_id = "UCLL.be"\n')
    assert institution.hei_id == "ucll.be" and problems(report) == []


def test_the_keys_may_sit_under_an_institution_table(tmp_path):
    institution, report = load(tmp_path, "[institution]\n" + INSTITUTION)
    assert institution == UCLL and problems(report) == []


# (file content, what each message must say, the fields still read from the file)
BROKEN = {
    "no file": (None, ["no institution.toml", "Home institution"], {}),
    "a TOML error on one line": (
        INSTITUTION.replace('city = "Leuven"', 'city = "Leuven'),
        ["line 3", "not valid TOML", "fix that line", "Used what the other lines give"],
        {"name": "UC Leuven-Limburg", "short_name": "UCLL", "country": "BE", "lat": 50.8798, "city": "Diepenbeek"},
    ),
    "nesting thousands of levels deep": (
        INSTITUTION + "deep = " + "[" * 5000 + "]" * 5000 + "\n",
        ["nested too deeply", "line 9", "5,000 levels", "remove the nesting"],
        {"name": "UC Leuven-Limburg", "city": "Leuven", "lat": 50.8798},
    ),
    "nesting deep in a value it needs": (
        INSTITUTION.replace('name = "UC Leuven-Limburg"', "name = " + "{a = " * 3000 + "1" + "}" * 3000),
        ["nested too deeply", "line 1", "remove the nesting", "Used what the other lines give: short_name, city"],
        {"name": "Home institution", "short_name": "UCLL", "city": "Leuven"},
    ),
    "UTF-16 with a byte-order mark": (
        INSTITUTION.replace("Leuven-Limburg", "Lëuven").encode("utf-16"),
        ["UTF-16", "save it as UTF-8"],
        {"name": "UC Lëuven", "city": "Leuven"},
    ),
    "UTF-16 without a byte-order mark": (
        INSTITUTION.encode("utf-16-le"),
        ["UTF-16", "save it as UTF-8"],
        {"name": "UC Leuven-Limburg", "lon": 4.6730},
    ),
    "Latin-1": (
        INSTITUTION.replace("Leuven-Limburg", "Hogeschool Gent-Université").encode("latin-1"),
        ["line 1", "not UTF-8", "byte 0xE9", "Windows-1252", "save the file as UTF-8"],
        {"name": "UC Hogeschool Gent-Université", "city": "Leuven"},
    ),
    "an empty name": (
        INSTITUTION.replace('"UC Leuven-Limburg"', '""'),
        ["line 1", "name is empty", 'name = "UC Leuven-Limburg"', "the title says 'Home institution'"],
        {"name": "Home institution", "short_name": "UCLL", "city": "Leuven"},
    ),
    "a blank city": (
        INSTITUTION.replace('"Leuven"', '"   "'),
        ["line 3", "city is empty", "Diepenbeek"],
        {"name": "UC Leuven-Limburg", "city": "Diepenbeek", "lat": 50.8798},
    ),
    "a name that is not text": (
        INSTITUTION.replace('"UC Leuven-Limburg"', "[1, 2]"),
        ["line 1", "name must be text in quotes"],
        {"name": "Home institution", "short_name": "UCLL"},
    ),
    "an empty short name": (
        INSTITUTION.replace('"UCLL"', '""'),
        ["line 2", "short_name is empty"],
        {"name": "UC Leuven-Limburg", "short_name": "UC Leuven-Limburg"},
    ),
    "missing keys": (
        'name = "UCLL"\n',
        ["missing key(s) city, country, lat, lon"],
        {"name": "UCLL", "short_name": "UCLL", "city": "Diepenbeek", "lat": 50.93},
    ),
    "an unknown country": (
        INSTITUTION.replace('"Belgium"', '"Atlantis"'),
        ["line 4", "Atlantis"],
        {"name": "UC Leuven-Limburg", "country": "", "lat": 50.8798},
    ),
    "a latitude out of range": (
        INSTITUTION.replace("lat = 50.8798", "lat = 250.0"),
        ["line 5", "lat 250.0 is outside", "placed at Diepenbeek"],
        {"name": "UC Leuven-Limburg", "lat": 50.93, "lon": 5.39},
    ),
    "a latitude as true": (
        INSTITUTION.replace("lat = 50.8798", "lat = true"),
        ["line 5", "lat must be a number"],
        {"lat": 50.93, "city": "Leuven"},
    ),
    "networks not a list": (
        INSTITUTION.replace('["EURASHE", "BUSINET", "E³UDRES²"]', "3"),
        ["line 7", "networks must be a list"],
        {"networks": (), "name": "UC Leuven-Limburg"},
    ),
    "a website that is not one": (
        INSTITUTION.replace('"www.ucll.be"', '"javascript:alert(1)"'),
        ["line 8", "website"],
        {"website": "", "name": "UC Leuven-Limburg"},
    ),
    "a misspelt key": (
        INSTITUTION.replace("short_name", "shortname"),
        ["ignored key(s) 'shortname'", "short_name"],
        {"short_name": "UC Leuven-Limburg"},
    ),
    "binary": (b"\x00\x01\x02\xff" * 100, ["not text", "UTF-8"], {"name": "Home institution"}),
    "a huge file": (b"# " + b"x" * (2 << 20) + b"\n", ["bytes", "right file"], {"name": "Home institution"}),
}


@pytest.mark.parametrize("content, said, kept", BROKEN.values(), ids=BROKEN.keys())
def test_a_broken_file_is_used_for_what_it_gives_and_each_problem_names_the_file_and_the_fix(
    tmp_path, content, said, kept
):
    institution, report = load(tmp_path, content)
    messages = problems(report)
    assert messages, "a problem with institution.toml is never silent"
    text = "\n".join(messages)
    for words in said:
        assert words in text, f"{words!r} not in {text!r}"
    assert all(message.startswith(str(tmp_path / "institution.toml")) for message in messages), messages
    for field, value in kept.items():
        assert getattr(institution, field) == value, (field, institution)
    assert len(text) < 2000, "the messages stay short: no value nested thousands deep is printed"


def test_a_file_it_cannot_parse_is_an_error_and_a_value_it_cannot_use_a_warning(tmp_path):
    _, report = load(tmp_path, INSTITUTION.replace('city = "Leuven"', 'city = "Leuven'))
    assert report.errors and not report.ok
    _, report = load(tmp_path, INSTITUTION.replace('"UC Leuven-Limburg"', '""'))
    assert report.warnings and not report.errors


def test_the_import_report_of_the_data_folder_carries_the_problem_and_the_app_starts(tmp_path):
    partners = "name,city,country,tier,lat,lon\nHanze UAS,Groningen,NL,strategic,53.2,6.6\n"
    (tmp_path / "partners.csv").write_text(partners, encoding="utf-8")
    (tmp_path / "institution.toml").write_text(
        INSTITUTION + "deep = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8"
    )
    dataset = load_dataset(Settings(data_dir=tmp_path, geocode_cache=str(tmp_path / "cache.json")))
    files = {f.file: f for f in dataset.report.files}
    toml = files[str(tmp_path / "institution.toml")]
    assert toml.kind == "institution" and "nested too deeply" in toml.errors[0].message
    assert dataset.institution.short_name == "UCLL" and len(dataset.partners) == 1
    assert "institution.toml" in dataset.report.to_text() and "nested too deeply" in dataset.report.to_text()
