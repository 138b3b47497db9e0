"""Call a Dash callback the way the browser does: POST /_dash-update-component with the same payload.

Used by bench/callbacks.py and by the unit tests of the wiring; no browser, no network (Flask's test client).
"""

from __future__ import annotations

import gzip as gzip_module
import json
from collections.abc import Mapping
from typing import Any

import dash


class CallbackClient:
    """One app's callbacks, addressed by the first output ("map-update.data")."""

    def __init__(self, app: dash.Dash) -> None:
        self.client = app.server.test_client()
        self.client.get("/")  # Dash finalises its callback list on the first request
        self.dependencies = self.client.get("/_dash-dependencies").get_json()

    def dependency(self, first_output: str) -> dict[str, Any]:
        for dep in self.dependencies:
            outputs = dep["output"].strip(".").split("...")
            if outputs[0] == first_output and dep.get("clientside_function") is None:
                return dep
        raise KeyError(f"no server callback whose first output is {first_output}")

    def payload(self, first_output: str, values: Mapping[str, Any], changed: list[str]) -> dict[str, Any]:
        """values maps "id.property" to the value the browser would send (missing ones are None)."""
        dep = self.dependency(first_output)

        def item(spec: Mapping[str, Any]) -> Any:
            if spec["id"].startswith("{"):
                return []  # pattern-matching input: no such component on screen
            key = f"{spec['id']}.{spec['property']}"
            return {"id": spec["id"], "property": spec["property"], "value": values.get(key)}

        outputs = [
            {"id": part.rsplit(".", 1)[0], "property": part.rsplit(".", 1)[1]}
            for part in dep["output"].strip(".").split("...")
        ]
        return {
            "output": dep["output"],
            "outputs": outputs if len(outputs) > 1 else outputs[0],
            "inputs": [item(spec) for spec in dep["inputs"]],
            "state": [item(spec) for spec in dep["state"]],
            "changedPropIds": changed,
        }

    def call(
        self, first_output: str, values: Mapping[str, Any], changed: list[str], *, gzip: bool = False
    ) -> tuple[dict[str, Any], int]:
        """(the decoded response, its size in bytes as sent); raises on an HTTP error.

        gzip=True asks for a compressed response as a browser does, so the size is what crosses the wire.
        """
        body = json.dumps(self.payload(first_output, values, changed))
        headers = {"Accept-Encoding": "gzip"} if gzip else {}
        response = self.client.post(
            "/_dash-update-component", data=body, content_type="application/json", headers=headers
        )
        if response.status_code == 204:
            return {}, 0
        if response.status_code != 200:
            raise RuntimeError(f"{first_output}: HTTP {response.status_code}: {response.data[:500]!r}")
        raw = response.data
        if response.headers.get("Content-Encoding") == "gzip":
            return json.loads(gzip_module.decompress(raw)), len(raw)
        return response.get_json(), len(raw)
