"""Ways a data file gets replaced while the app runs: a good edit, and the broken ones the app must refuse."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[1] / "dashboard" / "sample_data"
DATA_FILES = ("partners.csv", "mobility.csv", "campuses.csv", "key_figures.csv", "agreements.csv", "institution.toml")
BINARY = bytes(range(256)) * 64


def copy_sample(folder: Path) -> Path:
    """The sample data folder with its warm geocoding cache (no gazetteer lookups in the tests)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in (*DATA_FILES, ".geocache.json"):
        if (SAMPLE / name).is_file():
            shutil.copy(SAMPLE / name, folder / name)
    return folder


def put(path: Path, content: bytes | None) -> None:
    """Replace a file as an office does (a new file moved over the old one); None deletes it."""
    if content is None:
        path.unlink()
        return
    staged = path.with_name(path.name + ".new")
    staged.write_bytes(content)
    os.replace(staged, path)


def without_last_rows(raw: bytes, rows: int) -> bytes:
    """A well-formed file with its last `rows` rows taken out: an edit, to be swapped in."""
    return b"".join(raw.splitlines(keepends=True)[:-rows])


def half_written(raw: bytes) -> bytes:
    """The file as a copy that stopped half-way leaves it: cut inside a row, a few bytes into its first cell."""
    cut = raw.index(b"\n", len(raw) // 2) + 6
    return raw[:cut]


def broken(raw: bytes) -> dict[str, bytes | None]:
    """Each replacement the app must not swap in, by name."""
    return {"empty": b"", "binary": BINARY, "half-written": half_written(raw), "deleted": None}
