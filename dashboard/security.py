"""HTTP headers that keep the page private and closed to injection: a strict Content-Security-Policy
with no external origin at all, and the usual hardening headers, on every response (page, assets, callbacks)."""

from __future__ import annotations

import functools
import io

import dash
from dash.exceptions import DependencyException
from flask import Flask, Response, abort, request
from werkzeug.exceptions import RequestEntityTooLarge

STATIC_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    # same-origin: the browser tells the app which page asked for /_dash-layout (its ?lang=), and no other host
    # ever gets a Referer, since the CSP lets the page reach no other origin.
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "geolocation=(), camera=(), microphone=()",
}


def content_security_policy(script_hashes: list[str] | tuple[str, ...], frame_ancestors: tuple[str, ...] = ()) -> str:
    """Everything from this origin only. Dash's inline scripts are allowed by their hash, not by 'unsafe-inline'.

    Styles keep 'unsafe-inline' because plotly.js and Mantine set element styles at run time; a style cannot run code.
    data: and blob: images are what plotly's "download as PNG" produces.
    """
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", *script_hashes],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'", "blob:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        # Only the origins the embed setting names may frame the app (PARTNER_ATLAS_FRAME_ANCESTORS).
        "frame-ancestors": list(frame_ancestors) or ["'none'"],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def frame_headers(frame_ancestors: tuple[str, ...]) -> dict[str, str]:
    """X-Frame-Options for browsers that predate frame-ancestors: DENY when no site may embed the app.

    It cannot name origins, so with an allow-list it is left out and the CSP's frame-ancestors decides alone.
    """
    return {} if frame_ancestors else {"X-Frame-Options": "DENY"}


def install_security_headers(app: dash.Dash, *others: dash.Dash, frame_ancestors: tuple[str, ...] = ()) -> None:
    """Add the headers to every response of the app's Flask server (shared by `others`, e.g. the presentation).

    The policy is computed on the first response, when every (clientside) callback has been registered, since each
    clientside callback is an inline script whose hash the policy must list; every app's scripts are listed.
    """
    policy: list[str] = []

    @app.server.after_request
    def _add_headers(response: Response) -> Response:
        if not policy:
            hashes = dict.fromkeys(h for each in (app, *others) for h in each.csp_hashes())
            policy.append(content_security_policy(list(hashes), frame_ancestors))
        response.headers["Content-Security-Policy"] = policy[0]
        for name, value in {**STATIC_HEADERS, **frame_headers(frame_ancestors)}.items():
            response.headers.setdefault(name, value)
        return response


COMPONENT_SUITES = "_dash-component-suites/"


def unknown_component_files_are_not_found(server: Flask) -> None:
    """A file Dash does not know under /_dash-component-suites/ is a 404, as any other missing file.

    Dash raises DependencyException for an unregistered package or path (a 500 and a traceback in the log for
    every scanner's probe); a registered path missing from the installed package raises OSError. Each app on the
    server (dashboard, presentation) has its own such route, so every view whose rule serves them is wrapped.
    """
    for rule in server.url_map.iter_rules():
        if COMPONENT_SUITES in rule.rule and not getattr(server.view_functions[rule.endpoint], "_not_found", False):
            server.view_functions[rule.endpoint] = _not_found_when_unknown(server.view_functions[rule.endpoint])


def _not_found_when_unknown(view):
    @functools.wraps(view)
    def serve(*args, **kwargs):
        try:
            return view(*args, **kwargs)
        except (DependencyException, OSError):
            abort(404)

    serve._not_found = True
    return serve


def limit_request_size(server: Flask, max_bytes: int) -> None:
    """Refuse a request body larger than `max_bytes` with a 413, before it is read.

    Flask checks MAX_CONTENT_LENGTH against the Content-Length header when the body is first touched, so a
    callback post of tens of megabytes costs no memory or parsing. A chunked body has no length to check: its
    first max_bytes + 1 bytes are read and given a length (werkzeug would cut it at the limit without a word, and
    Dash's JSON parsing would then answer 400).
    """
    server.config["MAX_CONTENT_LENGTH"] = max_bytes
    server.wsgi_app = _ChunkedBodyWithLength(server.wsgi_app, max_bytes)  # type: ignore[method-assign]  # Flask's way

    @server.errorhandler(RequestEntityTooLarge)
    def _too_large(_error: RequestEntityTooLarge) -> Response:
        message = f"Request too large: this server accepts request bodies of at most {max_bytes:,} bytes.\n"
        return Response(message, status=413, mimetype="text/plain", headers={"Connection": "close"})


class _ChunkedBodyWithLength:
    """WSGI middleware: a chunked request body, read up to one byte past the limit, as a body with a length."""

    def __init__(self, wsgi_app, max_bytes: int) -> None:
        self.wsgi_app = wsgi_app
        self.max_bytes = max_bytes

    def __call__(self, environ: dict, start_response):
        chunked = "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower()
        if chunked and not environ.get("CONTENT_LENGTH"):
            body = _read_at_most(environ["wsgi.input"], self.max_bytes + 1)
            environ = {**environ, "wsgi.input": io.BytesIO(body), "CONTENT_LENGTH": str(len(body))}
            environ.pop("wsgi.input_terminated", None)
            environ.pop("HTTP_TRANSFER_ENCODING")  # werkzeug ignores a length beside "chunked"
        return self.wsgi_app(environ, start_response)


def _read_at_most(stream, limit: int) -> bytes:
    """Up to `limit` bytes: a dechunking stream returns one chunk per read."""
    parts, size = [], 0
    while size < limit:
        part = stream.read(min(limit - size, 1 << 16))
        if not part:
            break
        parts.append(part)
        size += len(part)
    return b"".join(parts)


def unknown_pages_are_not_found(server: Flask) -> None:
    """An address no page answers is a 404, not the dashboard again.

    Dash registers a catch-all `<prefix><path:path>` for its client-side pages; Partner Atlas has none, so a
    mistyped or stale link (/destinatons, /old-report) would show the dashboard under a wrong address with a 200.
    Each Dash app on the server (dashboard, presentation, public pages) has such a rule; its own root stays.
    """

    @server.before_request
    def _no_catch_all():
        rule = request.url_rule
        if rule is not None and rule.rule.endswith("<path:path>"):
            abort(404)
        return None
