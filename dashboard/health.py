"""/healthz: tells a load balancer or a supervisor that this worker answers, and a monitor whether its data is sound.

Always HTTP 200 while the worker serves: a worker showing its last good data should stay in the pool. The JSON
`status` is `ok`, or `degraded` with `problems` (the files not swapped in, or not readable) and `data_time`.
"""

from __future__ import annotations

from datetime import UTC, datetime

from flask import Flask, jsonify

from dashboard.paths import HEALTHZ_PATH, under
from dashboard.report import file_name
from dashboard.store import DatasetStore


def health(store: DatasetStore) -> dict:
    """The body of /healthz."""
    status = store.status()
    dataset = store.current()
    body: dict[str, object] = {
        "status": "degraded" if status.degraded else "ok",
        "partners": int(len(dataset.partners)),
        "mobility_rows": int(len(dataset.mobility)),
        "rows_rejected": int(dataset.report.rows_rejected),
        "data_version": store.version,
        "data_time": datetime.fromtimestamp(status.data_time, UTC).isoformat(timespec="seconds"),
    }
    if status.degraded:
        body["reason"] = (
            "newer data files were not swapped in; serving the last good data"
            if status.kept
            else "some data files could not be read"
        )
        body["problems"] = [
            {"file": file_name(p.file), "line": p.line, "column": p.column, "message": p.message}
            for p in status.problems
        ]
    return body


def register_health(server: Flask, store: DatasetStore, prefix: str = "/") -> None:
    server.add_url_rule(under(prefix, HEALTHZ_PATH), "healthz", lambda: jsonify(health(store)))
