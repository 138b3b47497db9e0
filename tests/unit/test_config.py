import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard.config import LANGUAGES, OPTIONS, SettingError, Settings

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
    assert settings.data_dir == README.parent / "dashboard" / "sample_data"
    assert (settings.assets_dir / "topojson" / "world_110m.json").is_file()
    assert settings.debug is False and settings.host == "127.0.0.1"


def test_the_readme_shows_both_commands():
    text = README.read_text(encoding="utf-8")
    assert re.search(r"^make run\b", text, re.M) and re.search(r"^make test\b", text, re.M)


# (variable, as written, what the setting becomes)
ACCEPTED = [
    ("PARTNER_ATLAS_MAX_FILE_BYTES", "20971520", ("max_file_bytes", 20971520)),
    ("PARTNER_ATLAS_MAX_FILE_BYTES", "20MB", ("max_file_bytes", 20_000_000)),
    ("PARTNER_ATLAS_MAX_FILE_BYTES", "20 MB", ("max_file_bytes", 20_000_000)),
    ("PARTNER_ATLAS_MAX_FILE_BYTES", "20 MiB", ("max_file_bytes", 20971520)),
    ("PARTNER_ATLAS_MAX_FILE_BYTES", "20mib", ("max_file_bytes", 20971520)),
    ("PARTNER_ATLAS_MAX_FILE_BYTES", "20M", ("max_file_bytes", 20971520)),
    ("PARTNER_ATLAS_MAX_FILE_BYTES", "512 KB", ("max_file_bytes", 512_000)),
    ("PARTNER_ATLAS_MAX_FILE_BYTES", "1.5GB", ("max_file_bytes", 1_500_000_000)),
    ("PARTNER_ATLAS_MAX_FILE_BYTES", "1,5 GiB", ("max_file_bytes", 3 * 2**29)),
    ("PARTNER_ATLAS_MAX_REQUEST_BYTES", " 2 MiB ", ("max_request_bytes", 2 * 2**20)),
    ("PARTNER_ATLAS_MAX_REQUEST_BYTES", "100000b", ("max_request_bytes", 100000)),
    ("PORT", "9000", ("port", 9000)),
    ("PORT", " 8051 ", ("port", 8051)),
    ("PARTNER_ATLAS_DEBUG", "ja", ("debug", True)),
    ("PARTNER_ATLAS_DEBUG", "yes", ("debug", True)),
    ("PARTNER_ATLAS_DEBUG", "True", ("debug", True)),
    ("PARTNER_ATLAS_DEBUG", "on", ("debug", True)),
    ("PARTNER_ATLAS_DEBUG", "1", ("debug", True)),
    ("PARTNER_ATLAS_DEBUG", "nee", ("debug", False)),
    ("PARTNER_ATLAS_DEBUG", "0", ("debug", False)),
    ("PARTNER_ATLAS_DEBUG", "false", ("debug", False)),
    ("PARTNER_ATLAS_ONLINE", "oui", ("online", True)),
    ("PARTNER_ATLAS_ONLINE", "NO", ("online", False)),
    ("PARTNER_ATLAS_LANGUAGE", "NL", ("language", "nl")),
    ("PARTNER_ATLAS_LANGUAGE", "fr", ("language", "fr")),
    ("PARTNER_ATLAS_THEME", "Dark", ("theme", "dark")),
    ("PARTNER_ATLAS_SCENE_SECONDS", "7.5", ("scene_seconds", 7.5)),
    ("PARTNER_ATLAS_SCENE_SECONDS", "7,5", ("scene_seconds", 7.5)),
    ("PARTNER_ATLAS_SCENE_SECONDS", "12s", ("scene_seconds", 12.0)),
    ("PARTNER_ATLAS_HOST", " 0.0.0.0 ", ("host", "0.0.0.0")),
    ("PARTNER_ATLAS_DATA_DIR", "/srv/atlas/data", ("data_dir", Path("/srv/atlas/data"))),
    ("PARTNER_ATLAS_DATA_DIR", "~/atlas", ("data_dir", Path.home() / "atlas")),
    ("PARTNER_ATLAS_PUBLIC_URL", " https://www.ucll.be/en ", ("public_url", "https://www.ucll.be/en")),
    ("PARTNER_ATLAS_LOG_LEVEL", "WARNING", ("log_level", "warning")),
    ("DASH_URL_BASE_PATHNAME", "/atlas", ("url_prefix", "/atlas/")),
    (
        "PARTNER_ATLAS_FRAME_ANCESTORS",
        "https://www.ucll.be, http://localhost:8000",
        ("frame_ancestors", "https://www.ucll.be, http://localhost:8000"),
    ),
]


@pytest.mark.parametrize("variable, written, expected", ACCEPTED, ids=[f"{v}={w}" for v, w, _ in ACCEPTED])
def test_a_setting_written_in_any_obvious_form_is_read(variable, written, expected):
    name, value = expected
    assert getattr(Settings.from_env({variable: written}), name) == value


# (variable, as written, a word of the accepted forms the message must show)
REFUSED = [
    ("PARTNER_ATLAS_MAX_FILE_BYTES", "20 MegaBytes", "20 MiB"),
    ("PARTNER_ATLAS_MAX_FILE_BYTES", "twenty", "20MB"),
    ("PARTNER_ATLAS_MAX_FILE_BYTES", "-20MB", "20971520"),
    ("PARTNER_ATLAS_MAX_FILE_BYTES", "0", "above 0"),
    ("PARTNER_ATLAS_MAX_REQUEST_BYTES", "2 MiB 3", "20 MiB"),
    ("PORT", "80a", "1 to 65535"),
    ("PORT", "8O50", "1 to 65535"),
    ("PORT", "80500", "1 to 65535"),
    ("PORT", "-1", "1 to 65535"),
    ("PORT", "8050.0", "1 to 65535"),
    ("PARTNER_ATLAS_DEBUG", "maybe", "nee"),
    ("PARTNER_ATLAS_DEBUG", "2", "true"),
    ("PARTNER_ATLAS_ONLINE", "jawel", "ja"),
    ("PARTNER_ATLAS_LANGUAGE", "english", "en, de, fr, nl"),
    ("PARTNER_ATLAS_THEME", "blue", "light, dark"),
    ("PARTNER_ATLAS_SCENE_SECONDS", "twelve", "7.5"),
    ("PARTNER_ATLAS_SCENE_SECONDS", "0", "above 0"),
    ("PARTNER_ATLAS_SCENE_SECONDS", "nan", "above 0"),
    ("PARTNER_ATLAS_SCENE_SECONDS", "inf", "above 0"),
    ("PARTNER_ATLAS_PUBLIC_URL", "www.ucll.be", "https://www.example.edu/"),
    ("PARTNER_ATLAS_LOG_LEVEL", "loud", "debug, info, warning, error"),
    ("DASH_URL_BASE_PATHNAME", "atlas", "starts and ends with /"),
    ("PARTNER_ATLAS_FRAME_ANCESTORS", "*.ucll.be", "scheme://host[:port]"),
]


@pytest.mark.parametrize("variable, written, form", REFUSED, ids=[f"{v}={w}" for v, w, _ in REFUSED])
def test_a_setting_that_does_not_parse_names_the_variable_the_value_and_the_accepted_forms(variable, written, form):
    with pytest.raises(SettingError) as raised:
        Settings.from_env({variable: written})
    message = str(raised.value)
    assert variable in message and repr(written) in message and form in message, message


def test_every_setting_that_does_not_parse_is_named_at_once():
    with pytest.raises(SettingError) as raised:
        Settings.from_env({"PORT": "80a", "PARTNER_ATLAS_DEBUG": "ja", "PARTNER_ATLAS_THEME": "blue"})
    assert [problem.split("=")[0] for problem in raised.value.problems] == ["PORT", "PARTNER_ATLAS_THEME"]


def test_the_languages_a_setting_accepts_are_the_catalogues():
    from dashboard.i18n import LANGUAGES as CATALOGUE

    assert LANGUAGES == CATALOGUE and "de" in LANGUAGES


BAD_ENVIRONMENTS = {
    "a size with a unit it does not know": {"PARTNER_ATLAS_MAX_FILE_BYTES": "20 megs"},
    "a port with a typo": {"PORT": "80S0"},
    "a boolean it does not know": {"PARTNER_ATLAS_ONLINE": "jein"},
}


@pytest.mark.parametrize(
    "command",
    [["validate", "data"], ["run"], ["geocode", "x.csv", "-o", "y.csv"], ["poster", "-o", "p.png"]],
    ids=lambda c: c[0],
)
@pytest.mark.parametrize("environment", BAD_ENVIRONMENTS.values(), ids=BAD_ENVIRONMENTS.keys())
def test_the_command_line_says_which_setting_is_wrong_without_a_traceback_and_exits_2(command, environment, tmp_path):
    env = {**os.environ, **environment}
    done = subprocess.run(
        [sys.executable, "-m", "dashboard", *command],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    ((variable, value),) = environment.items()
    assert variable in done.stderr and repr(value) in done.stderr and "use " in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and 'File "' not in done.stderr, done.stderr


def test_the_wsgi_server_refuses_a_setting_that_does_not_parse_with_one_log_line(caplog):
    from dashboard.wsgi import create_server

    with pytest.raises(SystemExit) as raised:
        create_server({"PARTNER_ATLAS_MAX_REQUEST_BYTES": "10 MB!"})
    assert raised.value.code == 2
    assert "PARTNER_ATLAS_MAX_REQUEST_BYTES='10 MB!'" in caplog.text and "20 MiB" in caplog.text
