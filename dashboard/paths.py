"""Where things are: the app's own pages, and the folders on disk it reads and writes.

The pages are relative to the app's root, the dashboard's address `url_prefix` (DASH_URL_BASE_PATHNAME), so that a
link from the dashboard ("data/") and a route (prefix + "data/") both hold behind a reverse proxy that serves the
app under /atlas/ as well as at /.

The static files and the sample data ship inside the package, found with importlib.resources (as vizro and
datasette find theirs), so a checkout, an editable install and `pip install .` all read them the same way.
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

import platformdirs

DATA_PATH = "data/"  # the import report
HEALTH_PATH = "health"  # partnership health
PRESENT_PATH = "present/"  # the presentation
HEALTHZ_PATH = "healthz"  # for load balancers and monitors
DESTINATIONS_PATH = "destinations/"  # students finding a partner (public)
EMBED_PATH = "embed/"  # the map for the university's website (public, in a frame)
ACCESSIBILITY_PATH = "accessibility"  # the accessibility statement


def package_folder(name: str) -> Path:
    """A folder shipped inside the dashboard package, on disk (Dash and Flask serve files from a real folder)."""
    return Path(str(files("dashboard") / name))


ASSETS_DIR = package_folder("assets")  # the static files the app serves under /assets/
SAMPLE_DATA_DIR = package_folder("sample_data")  # what the app shows when no data folder is given
GEOCODE_CACHE_NAME = ".geocache.json"


def default_geocode_cache(data_dir: str | Path) -> Path:
    """The geocoding cache of a data folder: in the folder when it is writable, else in the user's cache directory.

    Never inside the installed package (the sample data), even when the install tree is writable: a reinstall would
    drop it, and a shared install would mix users' caches.
    """
    folder = Path(data_dir).resolve()
    shipped = folder == SAMPLE_DATA_DIR.resolve()
    if not shipped and folder.is_dir() and os.access(folder, os.W_OK):
        return folder / GEOCODE_CACHE_NAME
    return Path(platformdirs.user_cache_dir("partner-atlas", appauthor=False)) / GEOCODE_CACHE_NAME


def under(prefix: str, path: str) -> str:
    """`path` under the app's prefix: under("/atlas/", "data/") -> "/atlas/data/"."""
    return prefix.rstrip("/") + "/" + path
