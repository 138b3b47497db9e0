"""What more than one unit or acceptance test file uses besides the datasets of factories.py. Test files import
from here, never from each other."""

from __future__ import annotations

import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "dashboard" / "sample_data"
DATA_FILES = ("partners.csv", "mobility.csv", "campuses.csv", "key_figures.csv", "institution.toml")


def copy_sample(folder: Path) -> Path:
    """The sample data folder's files copied into `folder` (created), with its geocoding cache so nothing loads
    the gazetteer: a test may replace or break the copies without touching data/."""
    folder.mkdir()
    for name in DATA_FILES:
        shutil.copy(SAMPLE / name, folder / name)
    if (SAMPLE / ".geocache.json").is_file():
        shutil.copy(SAMPLE / ".geocache.json", folder / ".geocache.json")
    return folder
