"""What more than one unit or acceptance test file uses besides the datasets of factories.py. Test files import
from here, never from each other."""

from __future__ import annotations

import base64
import re
import shutil
from pathlib import Path
from typing import Any

import numpy as np

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


FONT_KEYS = {"font", "tickfont", "textfont", "insidetextfont", "outsidetextfont", "grouptitlefont"}
INLINE_FONT_SIZE = re.compile(r"font-size:\s*(\d+(?:\.\d+)?)px")


def font_sizes(node: Any) -> list[float]:
    """Every font size a plotly JSON tree sets, template included, and every inline CSS font-size in its text."""
    found: list[float] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in FONT_KEYS and isinstance(value, dict) and "size" in value:
                size = value["size"]
                found.extend(size if isinstance(size, (list, tuple)) else [size])
            if isinstance(value, str):
                found.extend(float(m) for m in INLINE_FONT_SIZE.findall(value))
            else:
                found.extend(font_sizes(value))
    elif isinstance(node, (list, tuple)):
        for item in node:
            found.extend(font_sizes(item))
    return found


def plotly_numbers(value: Any) -> np.ndarray:
    """A number array of plotly JSON as numpy: a list, or the packed typed-array form {dtype, bdata} in which
    plotly.py sends numpy arrays to plotly.js."""
    if isinstance(value, dict) and "bdata" in value:
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"])).astype(float)
    return np.asarray(value, dtype=float)
