"""/healthz: tells a load balancer or a supervisor that this worker has its data loaded and answers."""

from __future__ import annotations

from flask import Flask, jsonify

from dashboard.store import DatasetStore


def register_health(server: Flask, store: DatasetStore) -> None:
    @server.get("/healthz")
    def healthz():
        dataset = store.current()
        return jsonify(
            status="ok",
            partners=int(len(dataset.partners)),
            mobility_rows=int(len(dataset.mobility)),
            rows_rejected=int(dataset.report.rows_rejected),
            data_version=store.version,
        )
