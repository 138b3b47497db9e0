"""HTTP headers that keep the page private and closed to injection: a strict Content-Security-Policy
with no external origin at all, and the usual hardening headers, on every response (page, assets, callbacks)."""

from __future__ import annotations

import dash
from flask import Response

STATIC_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    # same-origin: the browser tells the app which page asked for /_dash-layout (its ?lang=), and no other host
    # ever gets a Referer, since the CSP lets the page reach no other origin.
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "geolocation=(), camera=(), microphone=()",
}


def content_security_policy(script_hashes: list[str] | tuple[str, ...]) -> str:
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
        "frame-ancestors": ["'none'"],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def install_security_headers(app: dash.Dash, *others: dash.Dash) -> None:
    """Add the headers to every response of the app's Flask server (shared by `others`, e.g. the presentation).

    The policy is computed on the first response, when every (clientside) callback has been registered, since each
    clientside callback is an inline script whose hash the policy must list; every app's scripts are listed.
    """
    policy: list[str] = []

    @app.server.after_request
    def _add_headers(response: Response) -> Response:
        if not policy:
            hashes = dict.fromkeys(h for each in (app, *others) for h in each.csp_hashes())
            policy.append(content_security_policy(list(hashes)))
        response.headers["Content-Security-Policy"] = policy[0]
        for name, value in STATIC_HEADERS.items():
            response.headers.setdefault(name, value)
        return response
