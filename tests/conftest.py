"""Shared fixtures: where the real-world data lives, and a skip that says why when it is absent."""

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
    return REPO_ROOT / "data"
