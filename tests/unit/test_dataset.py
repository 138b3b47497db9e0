"""Loading a data folder: whatever is missing or broken, the app gets a dataset and the report says why."""

import shutil

from dashboard.config import Settings
from dashboard.dataset import load_dataset


def load(folder):
    return load_dataset(Settings(data_dir=folder, geocode_cache=str(folder / "cache.json")))


def test_an_empty_folder_says_the_partner_list_is_missing(tmp_path):
    dataset = load(tmp_path)
    assert dataset.partners.empty and dataset.mobility.empty
    text = dataset.report.to_text()
    assert "no partners.csv (or .xlsx)" in text and "see dashboard/sample_data/README.md" in text
    assert not dataset.report.ok
    assert dataset.institution.name == "Home institution"


def test_a_partner_list_alone_is_enough(tmp_path):
    (tmp_path / "partners.csv").write_text(
        "naam instelling;stad;land;niveau\nHanzehogeschool;Groningen;NL;1\n", encoding="utf-8"
    )
    dataset = load(tmp_path)
    assert dataset.report.ok  # the optional files only warn
    assert dataset.partners[["name", "tier", "geo_precision"]].values.tolist() == [
        ["Hanzehogeschool", "strategic", "city"]
    ]
    warned = {p.file.rsplit("/", 1)[-1] for f in dataset.report.files for p in f.warnings}
    assert {"mobility.csv", "campuses.csv", "key_figures.csv", "institution.toml"} <= warned


def test_a_broken_institution_file_is_reported_not_raised(tmp_path, sample_data_dir):
    for name in ("partners.csv", "campuses.csv"):
        shutil.copy(sample_data_dir / name, tmp_path / name)
    (tmp_path / "institution.toml").write_text('name = "UCLL\n', encoding="utf-8")
    dataset = load(tmp_path)
    errors = [str(p) for f in dataset.report.files for p in f.errors if "institution.toml" in p.file]
    assert errors and "not valid TOML" in errors[0]  # an error, so `run` and `validate` show it
    assert not dataset.report.ok
    assert dataset.institution.city  # placed at the first campus, so flows still start somewhere
    assert len(dataset.partners) > 100


def test_places_that_fall_back_to_the_country_are_reported_with_their_line(tmp_path):
    (tmp_path / "partners.csv").write_text(
        "name,city,country,tier\nHanze,Groningen,NL,strategic\nSomewhere,Qqqqxyz,FI,mobility\n", encoding="utf-8"
    )
    dataset = load(tmp_path)
    assert dataset.partners["geo_precision"].tolist() == ["city", "country"]
    messages = [str(p) for p in dataset.report.files[0].warnings]
    assert any("line 3" in m and "Qqqqxyz" in m for m in messages), messages


def test_the_file_size_limit_holds_for_every_file_of_the_folder(tmp_path):
    (tmp_path / "partners.csv").write_text("name;city;country;tier\nHanzehogeschool;Groningen;NL;1\n", encoding="utf-8")
    padding = "".join(f"Campus {i},Leuven\n" for i in range(200))
    (tmp_path / "campuses.csv").write_text("campus,city\n" + padding, encoding="utf-8")
    (tmp_path / "key_figures.csv").write_text("label,value\n" + "Students,1700\n" * 200, encoding="utf-8")
    dataset = load_dataset(Settings(data_dir=tmp_path, geocode_cache=str(tmp_path / "c.json"), max_file_bytes=1000))
    assert len(dataset.partners) == 1  # small enough
    assert dataset.campuses.empty and dataset.key_figures.empty
    text = dataset.report.to_text()
    assert "campuses.csv" in text and "key_figures.csv" in text and text.count("larger than the limit") == 2
