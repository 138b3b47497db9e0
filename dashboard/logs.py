"""Logging, configured once when a process starts (`partner-atlas run`, gunicorn's create_server), so that the
store's "reloaded" and "not swapped in" messages reach the terminal or gunicorn's error log.

Library modules only ask for `logging.getLogger(__name__)`; nothing below the command line and the WSGI entry
point touches the configuration.
"""

from __future__ import annotations

import logging
import sys

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
LEVELS = ("debug", "info", "warning", "error")


def configure_logging(level: str) -> None:
    """Our loggers at `level` on stderr, each message once; other libraries' (werkzeug's per-request lines) at
    warning. Calling it again only changes the level."""
    root = logging.getLogger("dashboard")
    root.setLevel(level.upper())
    if not any(getattr(handler, "partner_atlas", False) for handler in root.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter(FORMAT))
        handler.partner_atlas = True  # type: ignore[attr-defined]
        root.addHandler(handler)
        root.propagate = False  # gunicorn and pytest configure the root logger: no message twice
