"""The dashboard on the sample data in data/: the numbers the page shows are the numbers of the files."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.config import Settings
from dashboard.dataset import load_dataset
from tests.browser.conftest import serve
from tests.browser.test_dashboard import assert_views_agree

pytestmark = pytest.mark.browser
SAMPLE = Path(__file__).resolve().parents[2] / "dashboard" / "sample_data"


@pytest.fixture(scope="module")
def sample_app(tmp_path_factory):
    if not (SAMPLE / "partners.csv").is_file():
        pytest.fail(f"no sample data at {SAMPLE}: the repository ships data/partners.csv")
    # The geocoding cache goes to a temporary folder: a test never writes into data/.
    settings = Settings(data_dir=SAMPLE, geocode_cache=str(tmp_path_factory.mktemp("geocache") / "cache.json"))
    yield from serve(load_dataset(settings), settings)


@pytest.mark.parametrize("search", ["", "?tier=strategic&region=Europe", "?country=FI,NL&from=2021-2022&to=2023-2024"])
def test_sample_views_agree_with_the_data(sample_app, open_page, page_log, search):
    page = open_page(sample_app.url + "/" + search)
    shown = assert_views_agree(page, sample_app.dataset, search)
    assert int(shown.count) > 0
    assert page_log.errors == []
