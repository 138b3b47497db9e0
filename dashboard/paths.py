"""The app's own pages, relative to its root: the dashboard's address, `url_prefix` (DASH_URL_BASE_PATHNAME).

Relative, so that a link from the dashboard ("data/") and a route (prefix + "data/") both hold behind a reverse
proxy that serves the app under /atlas/ as well as at /.
"""

from __future__ import annotations

DATA_PATH = "data/"  # the import report
HEALTH_PATH = "health"  # partnership health
PRESENT_PATH = "present/"  # the presentation
HEALTHZ_PATH = "healthz"  # for load balancers and monitors
DESTINATIONS_PATH = "destinations/"  # students finding a partner (public)
EMBED_PATH = "embed/"  # the map for the university's website (public, in a frame)
ACCESSIBILITY_PATH = "accessibility"  # the accessibility statement


def under(prefix: str, path: str) -> str:
    """`path` under the app's prefix: under("/atlas/", "data/") -> "/atlas/data/"."""
    return prefix.rstrip("/") + "/" + path
