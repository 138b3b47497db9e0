import re
from pathlib import Path

import pytest

from dashboard.config import OPTIONS, Settings

README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.mark.parametrize("option", OPTIONS, ids=lambda o: o.name)
def test_every_setting_is_documented_in_the_readme(option):
    text = README.read_text(encoding="utf-8")
    assert f"`{option.name}`" in text, f"README.md's settings table lacks `{option.name}`"
    assert f"`{option.env}`" in text, f"README.md's settings table lacks its variable `{option.env}`"


def test_environment_overrides_defaults_and_flags_override_environment(tmp_path):
    env = {"PORT": "9000", "PARTNER_ATLAS_DEBUG": "yes", "PARTNER_ATLAS_DATA_DIR": str(tmp_path)}
    settings = Settings.from_env(env)
    assert (settings.port, settings.debug, settings.data_dir) == (9000, True, tmp_path)
    assert Settings.from_env(env, port=8123).port == 8123
    assert Settings.from_env(env, port=None).port == 9000  # an absent flag keeps the environment's value


def test_cache_lives_in_the_data_folder_unless_set(tmp_path):
    assert Settings(data_dir=tmp_path).cache_path == tmp_path / ".geocache.json"
    assert Settings(data_dir=tmp_path, geocode_cache="/x/c.json").cache_path == Path("/x/c.json")


def test_defaults_point_at_the_bundled_sample_and_assets():
    settings = Settings()
    assert settings.data_dir == README.parent / "data"
    assert (settings.assets_dir / "topojson" / "world_110m.json").is_file()
    assert settings.debug is False and settings.host == "127.0.0.1"


def test_the_readme_shows_both_commands():
    text = README.read_text(encoding="utf-8")
    assert re.search(r"^make run\b", text, re.M) and re.search(r"^make test\b", text, re.M)
