"""Shared fixtures: where the real-world data lives, and a skip that says why when it is absent."""

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
REAL_DATA = REPO_ROOT.parent / "shared" / "data" / "real"


@pytest.fixture(scope="session")
def real_data_dir() -> Path:
    if not REAL_DATA.is_dir():
        pytest.skip(f"{REAL_DATA} not found: acceptance tests need ../shared/data/real beside the project")
    return REAL_DATA


@pytest.fixture(scope="session")
def sample_data_dir() -> Path:
    return REPO_ROOT / "dashboard" / "sample_data"


def chromium_path() -> Path:
    return Path(os.environ.get("CHROMIUM") or "/usr/bin/chromium")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """SKIP_BROWSER=1 is the only way to skip the tests that drive Chromium (marked `browser`)."""
    if os.environ.get("SKIP_BROWSER") != "1":
        return
    skip = pytest.mark.skip(reason="SKIP_BROWSER=1")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def chromium_executable() -> Path:
    """The browser binary; without one the test fails and says how to get one (it never skips silently)."""
    path = chromium_path()
    if not (path.is_file() and os.access(path, os.X_OK)):
        pytest.fail(
            f"Chromium not found at {path}: run `make test` (installs Debian's chromium) or set SKIP_BROWSER=1",
            pytrace=False,
        )
    return path
