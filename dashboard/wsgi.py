"""The WSGI entry point for production servers: `gunicorn "dashboard.wsgi:create_server()"`.

Settings come from the environment (PARTNER_ATLAS_DATA_DIR, ...), as documented in the README. Nothing is built on
import: gunicorn calls create_server() once (in the master with --preload, so every worker shares the loaded
dataset copy-on-write). `dashboard.wsgi:app` also works, for servers that want a plain attribute.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Mapping
from typing import Any

from flask import Flask

from dashboard.config import SettingError, Settings
from dashboard.logs import configure_logging

log = logging.getLogger(__name__)

_server: Flask | None = None


def create_server(environ: Mapping[str, str] | None = None) -> Flask:
    """The Flask server of a Partner Atlas app configured from `environ` (default: os.environ)."""
    from dashboard.app import create_app

    try:
        settings = Settings.from_env(environ)
    except SettingError as error:
        # gunicorn would print a traceback per worker; the log line says what to change, exit status 2 says usage.
        for problem in error.problems:
            log.error("Partner Atlas cannot start: %s", problem)
        raise SystemExit(error.EXIT_STATUS) from None
    configure_logging(settings.log_level)
    if settings.debug:
        # Debug shows stack traces in the browser: refuse rather than serve them to the public.
        raise RuntimeError(
            "PARTNER_ATLAS_DEBUG is on: debug mode is for `partner-atlas run` on a laptop, never "
            "under gunicorn. Unset PARTNER_ATLAS_DEBUG to serve the dashboard."
        )
    app = create_app(settings)
    report = app.server.extensions["partner_atlas_store"].current().report
    log.warning(
        "Partner Atlas serving %s: %d rows loaded, %d rejected; import report on /data/\n%s",
        settings.data_dir,
        report.rows_loaded,
        report.rows_rejected,
        report.to_summary(),
    )
    return ready_to_fork(app.server)


def ready_to_fork(server: Flask) -> Flask:
    """The server with its dataset's indexes built and every object made so far frozen out of the collector.

    With --preload, gunicorn forks its workers right after this returns, and they share the master's memory
    copy-on-write. A garbage collection in a worker writes to the header of every object it examines (the
    dataset's frames, the indexes, Dash's layout, the imported modules), which copies the page holding it:
    without the freeze each worker ends up with its own copy of most of them. Frozen objects are never examined
    again. Here, in the entry point, because only the process that is about to fork knows it.
    """
    server.extensions["partner_atlas_store"].current().indexes  # built before the fork, once for every worker
    gc.collect()
    gc.freeze()
    return server


def __getattr__(name: str) -> Any:
    """`dashboard.wsgi:app`, built on first access rather than on import."""
    global _server
    if name == "app":
        if _server is None:
            _server = create_server()
        return _server
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
