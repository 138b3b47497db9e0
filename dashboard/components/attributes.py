"""HTML attributes Dash passes through as they are: aria-* and data-*, which Python can only write as a splat."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def attributes(names: Mapping[str, str]) -> dict[str, Any]:
    """`names` as keyword arguments for a Dash html component: `html.Span("x", **attributes({"aria-hidden": "true"}))`.

    Dash's wildcard props (aria-*, data-*) have no parameter in its typed signatures, so a type checker matches a
    `**dict[str, str]` against every typed prop; typed as Any, the splat says "these are passed through".
    """
    return dict(names)
