"""Web origins and public addresses given in the settings: checked once, so a typo is an error at start
rather than a policy that silently allows nothing (or too much)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_SEPARATORS = re.compile(r"[\s,;]+")


class OriginError(ValueError):
    """A setting names something that is not a web origin or address."""


def parse_origins(text: str, setting: str = "PARTNER_ATLAS_FRAME_ANCESTORS") -> tuple[str, ...]:
    """`https://www.ucll.be, http://localhost:8000` -> ("https://www.ucll.be", "http://localhost:8000").

    Only scheme://host[:port]: a path, a wildcard or a bare keyword would widen or break the CSP's frame-ancestors.
    """
    origins: list[str] = []
    for item in _SEPARATORS.split(text.strip()):
        if not item:
            continue
        parts = urlsplit(item)
        if (
            parts.scheme not in ("http", "https")
            or not parts.hostname
            or "*" in item
            or parts.path not in ("", "/")
            or parts.query
            or parts.fragment
            or parts.username
        ):
            raise OriginError(
                f"{setting}: {item!r} is not a web origin. Write each as scheme://host[:port], "
                "e.g. https://www.example.edu, separated by commas."
            )
        origin = f"{parts.scheme}://{parts.hostname}" + (f":{parts.port}" if parts.port else "")
        if origin not in origins:
            origins.append(origin)
    return tuple(origins)


def parse_public_url(text: str, setting: str = "PARTNER_ATLAS_PUBLIC_URL") -> str:
    """An http(s) address people can open on their phone, or "" when none is set."""
    text = text.strip()
    if not text:
        return ""
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname or any(c.isspace() for c in text):
        raise OriginError(
            f"{setting}: {text!r} is not a web address a phone can open. "
            "Write it in full, e.g. https://www.example.edu/international/partners."
        )
    return text
