"""Behind a reverse proxy at /atlas/: every page, callback, asset and probe answers under the prefix."""

import json

import pytest

from dashboard.app import create_app
from dashboard.config import SettingError, Settings
from tests.factories import make_dataset

PREFIX = "/atlas/"


@pytest.fixture(scope="module")
def client():
    return create_app(Settings(url_prefix=PREFIX), dataset=make_dataset()).server.test_client()


@pytest.mark.parametrize(
    "path",
    [
        "",
        "_dash-layout",
        "_dash-dependencies",
        "present/",
        "present/_dash-layout",
        "data/",
        "data/report.csv",
        "health",
        "health/quiet.csv",
        "healthz",
        "accessibility",
        "assets/app.css",
    ],
)
def test_every_page_answers_under_the_prefix(client, path):
    response = client.get(PREFIX + path)
    assert response.status_code == 200, (path, response.status_code)
    response.close()


@pytest.mark.parametrize("path", ["/", "/_dash-layout", "/data/", "/health", "/healthz", "/present/", "/accessibility"])
def test_nothing_answers_outside_the_prefix(client, path):
    assert client.get(path).status_code == 404


def test_the_page_calls_its_callbacks_under_the_prefix_and_they_answer_compressed(client):
    page = client.get(PREFIX).get_data(as_text=True)
    config = json.loads(page.split('<script id="_dash-config" type="application/json">')[1].split("</script>")[0])
    assert config["url_base_pathname"] == PREFIX and config["requests_pathname_prefix"] == PREFIX
    dependencies = client.get(PREFIX + "_dash-dependencies").get_json()
    assert dependencies
    layout = client.get(PREFIX + "_dash-layout", headers={"Accept-Encoding": "gzip"})
    assert layout.headers.get("Content-Encoding") == "gzip"


def test_the_presentation_redirect_stays_under_the_prefix(client):
    response = client.get(PREFIX + "present?lang=nl")
    assert response.status_code in (301, 302, 308) and response.headers["Location"].endswith("/atlas/present/?lang=nl")
    response = client.get(PREFIX + "?mode=present&lang=fr")
    assert response.headers["Location"].endswith("/atlas/present/?lang=fr")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("/atlas/", "/atlas/"), ("/atlas", "/atlas/"), ("/", "/"), ("/intranet/ir/atlas", "/intranet/ir/atlas/")],
)
def test_the_prefix_is_read_from_dash_s_own_variable(raw, expected):
    assert Settings.from_env({"DASH_URL_BASE_PATHNAME": raw}).url_prefix == expected


@pytest.mark.parametrize("raw", ["atlas/", "/at las/", "//atlas/", "/atlas/../x/", "https://x.org/atlas/"])
def test_a_prefix_that_is_not_a_path_is_refused_with_the_accepted_form(raw):
    with pytest.raises(SettingError, match="DASH_URL_BASE_PATHNAME.*e.g. /atlas/"):
        Settings.from_env({"DASH_URL_BASE_PATHNAME": raw})


@pytest.mark.parametrize("prefix", ["/", PREFIX])
@pytest.mark.parametrize("path", ["zzz-nothing", "destinatons", "data/old-report", "present/nothing-here", "embed/x/y"])
def test_an_address_no_page_answers_is_a_404_not_the_dashboard_again(prefix, path):
    client = create_app(Settings(url_prefix=prefix), dataset=make_dataset()).server.test_client()
    assert client.get(prefix + path).status_code == 404
    assert client.get(prefix).status_code == 200
