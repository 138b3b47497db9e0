"""/accessibility: the accessibility statement, in each language, on the model of the EU's implementing decision
(EU) 2018/1523 (Web Accessibility Directive 2016/2102, as the Flemish Bestuursdecreet of 2018 applies it).

A plain server-built page (no Dash, no script): every text from the catalogue, every value escaped.
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date
from flask import Flask, request
from markupsafe import Markup, escape

from dashboard.i18n import LANGUAGES, language_name, language_or_default, locale_of, text
from dashboard.paths import ACCESSIBILITY_PATH, under
from dashboard.store import DatasetStore

# The day the statement was last reviewed against the tests below; update it with the statement.
REVIEWED = dt.date(2026, 12, 1)
AXE_VERSION = "4.14"  # tests/browser/vendor/axe.min.js
# Inline (the page has no Dash assets; the CSP allows inline styles, never inline scripts): AA contrast, visible focus.
STYLE = """
body { margin: 0; font: 1rem/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif;
       color: #1f2933; background: #ffffff; }
.statement-header { display: flex; justify-content: space-between; gap: 1rem; padding: 0.8rem 1.2rem;
                    border-bottom: 1px solid #e2e5ea; }
.statement { max-width: 46rem; padding: 1rem 1.2rem 3rem; }
a { color: #3b5bdb; }
a:focus-visible { outline: 3px solid #3b5bdb; outline-offset: 2px; }
a[aria-current] { font-weight: 700; color: #1f2933; }
h1 { font-size: 1.8rem; }
h2 { font-size: 1.25rem; margin-top: 2rem; }
"""
LIMITATIONS = ("a11y.limit.map", "a11y.limit.hover", "a11y.limit.data", "a11y.limit.present")


def statement_html(institution_name: str, website: str, language: str, home: str = "/") -> str:
    """The whole statement page in `language`."""

    def t(key: str, **values: object) -> Markup:
        # The template escaped first, then Markup.format escapes each value once.
        return escape(text(key, language)).format(**values) if values else escape(text(key, language))

    contact = (
        Markup('<a href="{0}">{0}</a>').format(website)
        if website.lower().startswith(("http://", "https://"))
        else escape(website or institution_name)
    )
    switch = Markup(" | ").join(
        Markup('<a href="?lang={0}" lang="{0}"{1}>{2}</a>').format(
            code, Markup(' aria-current="true"') if code == language else "", language_name(code)
        )
        for code in LANGUAGES
    )
    limits = Markup("").join(Markup("<li>{}</li>").format(t(key)) for key in LIMITATIONS)
    sections = [
        ("a11y.status.title", Markup("<p>{}</p>").format(t("a11y.status"))),
        ("a11y.limits.title", Markup("<p>{}</p><ul>{}</ul>").format(t("a11y.limits"), limits)),
        (
            "a11y.preparation.title",
            Markup("<p>{}</p>").format(
                t("a11y.preparation", date=format_date(REVIEWED, "long", locale=locale_of(language)), axe=AXE_VERSION)
            ),
        ),
        ("a11y.feedback.title", Markup("<p>{} {}</p>").format(t("a11y.feedback"), contact)),
        ("a11y.enforcement.title", Markup("<p>{}</p>").format(t("a11y.enforcement"))),
    ]
    body = Markup("").join(
        Markup("<section><h2>{}</h2>{}</section>").format(t(title), content) for title, content in sections
    )
    return Markup("""<!DOCTYPE html>
<html lang="{lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title><style>{style}</style></head>
<body>
<header class="statement-header"><a href="{home}?lang={lang}">{back}</a><nav aria-label="{language}">{switch}</nav></header>
<main class="statement"><h1>{title}</h1><p>{intro}</p>{body}</main>
</body>
</html>
""").format(
        lang=language,
        title=t("a11y.title"),
        home=home,
        back=t("a11y.back"),
        language=t("language"),
        switch=switch,
        style=Markup(STYLE),
        intro=t("a11y.intro", institution=institution_name),
        body=body,
    )


def register_accessibility_statement(
    server: Flask, store: DatasetStore, default_language: str, *, home: str = "/", route_prefix: str = "/"
) -> None:
    """/accessibility under the app's prefix; `home` is the dashboard's address for the back link."""

    @server.get(under(route_prefix, ACCESSIBILITY_PATH))
    def accessibility_statement():
        institution = store.current().institution
        language = language_or_default(request.args.get("lang"), default_language)
        return (
            statement_html(institution.name, institution.website, language, home),
            200,
            {"Content-Type": "text/html; charset=utf-8"},
        )
