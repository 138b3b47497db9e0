"""The request size limit: a body larger than max_request_bytes gets a plain 413 before it is read, whether its size
is announced (Content-Length) or not (chunked); bodies within the limit are served as before."""

from __future__ import annotations

import io
import json
import socket
import threading

import pytest
from werkzeug.serving import make_server
from werkzeug.test import EnvironBuilder, run_wsgi_app

from bench.dash_requests import CallbackClient
from dashboard import ids
from dashboard.app import create_app
from dashboard.config import Settings
from tests.factories import make_dataset

CALLBACK_URLS = ("/_dash-update-component", "/present/_dash-update-component")
FORTY_MB = 40 * 2**20


class CountingBody(io.RawIOBase):
    """A request body of `size` bytes made up as it is read, counting what the server read of it."""

    def __init__(self, size: int) -> None:
        self.size, self.read_bytes = size, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        count = min(len(buffer), self.size - self.read_bytes)
        buffer[:count] = b" " * count
        self.read_bytes += count
        return count


@pytest.fixture(scope="module")
def app():
    return create_app(Settings(), dataset=make_dataset())


def post_body(app, url: str, body: CountingBody, *, chunked: bool):
    environ = EnvironBuilder(path=url, method="POST", content_type="application/json").get_environ()
    environ["wsgi.input"] = body
    if chunked:  # as werkzeug's and gunicorn's servers hand over a chunked body: no length, a terminated stream
        environ.pop("CONTENT_LENGTH", None)
        environ["HTTP_TRANSFER_ENCODING"] = "chunked"
        environ["wsgi.input_terminated"] = True
    else:
        environ["CONTENT_LENGTH"] = str(body.size)
    chunks, status, headers = run_wsgi_app(app.server, environ, buffered=True)
    return status, b"".join(chunks).decode(), headers


@pytest.mark.parametrize("url", CALLBACK_URLS)
def test_a_body_of_tens_of_megabytes_gets_a_413_without_being_read(app, url):
    body = CountingBody(FORTY_MB)
    status, text, headers = post_body(app, url, body, chunked=False)
    assert status.startswith("413"), status
    assert "Request too large" in text and "10,485,760 bytes" in text, text
    assert body.read_bytes == 0, "the server read the body it refuses"
    assert "Content-Security-Policy" in headers and headers["Connection"] == "close"


@pytest.mark.parametrize("url", CALLBACK_URLS)
def test_a_chunked_body_past_the_limit_gets_a_413_after_reading_no_more_than_the_limit(app, url):
    body = CountingBody(FORTY_MB)
    status, text, _ = post_body(app, url, body, chunked=True)
    assert status.startswith("413"), f"{status}: {text[:200]}"
    assert "Request too large" in text
    assert body.read_bytes <= Settings().max_request_bytes + 1


def map_request(app) -> tuple[str, bytes]:
    callbacks = CallbackClient(app)
    values = {
        f"{ids.URL}.search": "",
        f"{ids.MAP_LAYER}.value": "partners",
        f"{ids.MAP_METRIC}.value": "partners",
        f"{ids.MAP_DIRECTION}.value": "outgoing",
    }
    payload = callbacks.payload(f"{ids.MAP_UPDATE}.data", values, [f"{ids.URL}.search"])
    return "/_dash-update-component", json.dumps(payload).encode()


def test_the_limit_is_the_setting_and_a_callback_within_it_is_answered():
    roomy = create_app(Settings(max_request_bytes=64 * 1024), dataset=make_dataset())
    url, body = map_request(roomy)
    assert roomy.server.test_client().post(url, data=body, content_type="application/json").status_code == 200
    tight = create_app(Settings(max_request_bytes=len(body) - 1), dataset=make_dataset())
    response = tight.server.test_client().post(url, data=body, content_type="application/json")
    assert response.status_code == 413 and f"{len(body) - 1:,} bytes" in response.get_data(as_text=True)


def test_a_real_server_answers_413_before_the_client_has_sent_the_body(app):
    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with socket.create_connection(("127.0.0.1", server.server_port), timeout=10) as client:
            client.sendall(
                f"POST /_dash-update-component HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                f"application/json\r\nContent-Length: {FORTY_MB}\r\n\r\n".encode()
                + b"{" * 1024
            )
            # Only 1 KB of the 40 MB announced is sent: the answer comes anyway, since nothing waits for the rest.
            answer = client.recv(4096).decode("latin-1")
        assert answer.startswith("HTTP/1.1 413"), answer[:200]
    finally:
        server.shutdown()
        server.server_close()
