"""Where the app finds its shipped files and keeps its geocoding cache, in a checkout and once installed."""

from importlib.resources import files
from pathlib import Path

from dashboard.config import Settings
from dashboard.paths import ASSETS_DIR, SAMPLE_DATA_DIR


def test_the_sample_data_and_the_static_files_are_found_inside_the_package():
    package = Path(str(files("dashboard")))
    assert package / "sample_data" == SAMPLE_DATA_DIR and (SAMPLE_DATA_DIR / "partners.csv").is_file()
    assert package / "assets" == ASSETS_DIR and (ASSETS_DIR / "app.css").is_file()
    assert (ASSETS_DIR / "topojson" / "world_110m.json").is_file()
    settings = Settings()
    assert (settings.data_dir, settings.assets_dir) == (SAMPLE_DATA_DIR, ASSETS_DIR)


def test_a_writable_data_folder_keeps_its_own_geocoding_cache(tmp_path):
    assert Settings(data_dir=tmp_path).cache_path == tmp_path.resolve() / ".geocache.json"


def test_the_bundled_sample_caches_in_the_user_cache_directory_not_in_the_install(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    cache = Settings(data_dir=SAMPLE_DATA_DIR).cache_path
    assert cache == tmp_path / "cache" / "partner-atlas" / ".geocache.json"
    assert SAMPLE_DATA_DIR not in cache.parents


def test_a_data_folder_that_is_not_there_yet_caches_in_the_user_cache_directory(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert Settings(data_dir=tmp_path / "absent").cache_path == tmp_path / "cache" / "partner-atlas" / ".geocache.json"


def test_a_cache_file_that_is_set_wins(tmp_path):
    assert Settings(data_dir=SAMPLE_DATA_DIR, geocode_cache=str(tmp_path / "c.json")).cache_path == tmp_path / "c.json"
