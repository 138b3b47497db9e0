"""The page's language: read from `?lang=` (kept in the URL beside the filter state), offered by a switch in
the header, and written into `<html lang>` of the served page.

Dash fetches the layout from /_dash-layout without the page's query string; the browser's Referer (sent to this
origin only: Referrer-Policy same-origin) names the page, and the layout function reads its `lang` from there.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import dash
import flask
from dash import html
from markupsafe import escape

from dashboard import ids
from dashboard.components.attributes import attributes
from dashboard.i18n import LANGUAGES, language_name, language_or_default, text

QUERY_KEY = "lang"
_HTML_TAG = re.compile(r"<html\b[^>]*>", re.IGNORECASE)


def _pairs(search: str | None) -> list[tuple[str, str]]:
    try:
        return parse_qsl((search or "").lstrip("?"), keep_blank_values=False, max_num_fields=200)
    except ValueError:
        return []


def language_in(search: str | None) -> str | None:
    """The language a query string asks for (the last `lang=` wins), or None when it asks for none we speak."""
    asked = [value for key, value in _pairs(search) if key.strip().lower() == QUERY_KEY]
    if not asked:
        return None
    code = asked[-1].strip().lower().replace("_", "-").split("-")[0]
    return code if code in LANGUAGES else None


def language_from_query(search: str | None, default: str) -> str:
    return language_in(search) or language_or_default(default)


def with_language(query: str, language: str | None) -> str:
    """A filter query string ("?tier=strategic" or "") with `lang=language` appended (nothing when None)."""
    if not language:
        return query
    pairs = [pair for pair in _pairs(query) if pair[0] != QUERY_KEY] + [(QUERY_KEY, language)]
    return "?" + urlencode(pairs, safe=",")


def language_links(search: str | None) -> dict[str, str]:
    """For each language, the href that reloads the page in it with the current filters."""
    kept = [pair for pair in _pairs(search) if pair[0].strip().lower() != QUERY_KEY]
    return {code: "?" + urlencode([*kept, (QUERY_KEY, code)], safe=",") for code in LANGUAGES}


def request_language(default: str) -> str:
    """The language of the page being served: `?lang=` of this request, else of the page that asked for it."""
    if not flask.has_request_context():
        return language_or_default(default)
    asked = flask.request.args.get(QUERY_KEY)
    if asked:
        return language_or_default(asked, default)
    referrer = flask.request.headers.get("Referer")
    return language_from_query(urlsplit(referrer).query if referrer else None, default)


class LocalisedDash(dash.Dash):
    """A Dash app whose served page says its language in `<html lang>` and its (escaped) title in it, both
    following `?lang=`. Dash documents subclassing with an `interpolate_index` override for this; its `index`
    hooks are global to the process, and the dashboard and the presentation need different titles."""

    def __init__(self, *args: Any, default_language: str, page_title: Callable[[str], str], **kwargs: Any):
        self.default_language = default_language
        self.page_title = page_title
        super().__init__(*args, **kwargs)

    # Dash documents overriding interpolate_index with keyword arguments (it calls it with keywords only);
    # its own signature names each part positionally, hence the ignore.
    def interpolate_index(self, **parts: str) -> str:  # type: ignore[override]
        language = request_language(self.default_language)
        # The title holds the institution's names from institution.toml: text, escaped here where it becomes HTML
        # (Dash writes it into <title> as it is; "</title><meta http-equiv=refresh ...>" would redirect visitors).
        parts["title"] = str(escape(self.page_title(language)))
        page = super().interpolate_index(**parts)
        return _HTML_TAG.sub(lambda _m: f'<html lang="{escape(language)}">', page, count=1)


def language_switch(language: str) -> html.Nav:
    """EN | NL | FR: plain links, so a click reloads the page in that language (the layout is built per load);
    a callback keeps their hrefs on the current filters."""
    links: list[html.Span | html.A] = []
    for code in LANGUAGES:
        if links:
            links.append(html.Span("|", className="lang-sep", **attributes({"aria-hidden": "true"})))
        current = code == language
        links.append(
            html.A(
                code.upper(),
                id=ids.language_link(code),
                href=f"?{QUERY_KEY}={code}",
                lang=code,
                title=language_name(code),
                className="lang-link active" if current else "lang-link",
                **attributes({"aria-current": "true"} if current else {}),
            )
        )
    return html.Nav(links, className="atlas-lang", **attributes({"aria-label": text("language", language)}))
