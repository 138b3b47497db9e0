"""/health: the partnership health lists as a plain server-rendered page following the dashboard's filters,
with a CSV and an XLSX download per list and every partner linking to its detail panel on the dashboard.

Server-rendered (Jinja, autoescaped) rather than a Dash page: it is a report of tables, needs no script, and
opens fast from a bookmark or a mail. The computations live in health_tables and partnership_health.
"""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Flask, Response, abort, render_template_string, request

from dashboard.components.language import QUERY_KEY, language_from_query
from dashboard.exports import export_filename, filter_description, partners_csv, partners_xlsx
from dashboard.filters import FilterState
from dashboard.health_tables import DEFAULT_QUIET_YEARS, LISTS, health_lists, reference_choices
from dashboard.i18n import LANGUAGES, language_name, text
from dashboard.paths import HEALTH_PATH
from dashboard.store import DatasetStore

PARTNER_KEY = "partner"  # the dashboard opens this partner's detail panel (callbacks/selection.py)
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_DELIMITERS = {"nl": ";", "fr": ";"}  # what Dutch and French Excel split a double-clicked CSV on
_TITLES = {
    "expiring12": ("health.expiring", {"months": 12}),
    "expiring24": ("health.expiring", {"months": 24}),
    "utilisation": ("health.utilisation", {}),
    "balance": ("health.balance", {}),
    "quiet": ("health.quiet", {}),
}

PAGE = """<!DOCTYPE html>
<html lang="{{ language }}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title><link rel="stylesheet" href="{{ assets }}agreements.css"></head>
<body class="health-page">
<header class="health-header">
  <h1>{{ title }}</h1>
  <nav><a id="health-back" href="{{ home }}">{{ back }}</a>
  {% for code, name, href in languages %}
  <a class="health-language" lang="{{ code }}" href="{{ href }}">{{ name }}</a>
  {% endfor %}</nav>
</header>
<main>
<p class="health-intro">{{ intro }}</p>
<form method="get" action="{{ path }}" class="health-options">
  {% for key, value in kept %}<input type="hidden" name="{{ key }}" value="{{ value }}">{% endfor %}
  <label>{{ reference_label }} <select name="ref" id="health-ref">
  {% for year in years %}
  <option value="{{ year }}"{% if year == reference %} selected{% endif %}>{{ year }}-{{ year + 1 }}</option>
  {% endfor %}
  </select></label>
  <label>{{ quiet_label }}
  <input type="number" name="quiet" id="health-quiet" min="1" max="20" value="{{ quiet }}"></label>
  <button type="submit">{{ apply }}</button>
</form>
{% for section in sections %}
<section id="health-{{ section.name }}" class="health-list">
  <h2>{{ section.title }} <span class="health-count">({{ section.rows|length }})</span></h2>
  <p class="health-hint">{{ section.hint }}</p>
  <p class="health-downloads"><a class="health-download-csv" href="{{ section.csv }}" download>{{ csv }}</a>
  <a class="health-download-xlsx" href="{{ section.xlsx }}" download>{{ xlsx }}</a></p>
  {% if section.rows %}
  <table><thead><tr>{% for column in section.columns %}<th scope="col">{{ column }}</th>{% endfor %}</tr></thead>
  <tbody>{% for link, cells in section.rows %}
  <tr><th scope="row"><a class="health-partner" href="{{ link }}">{{ cells[0] }}</a></th>
  {% for cell in cells[1:] %}<td>{{ cell }}</td>{% endfor %}</tr>{% endfor %}</tbody></table>
  {% else %}<p class="health-empty">{{ empty }}</p>{% endif %}
</section>
{% endfor %}
</main></body></html>"""


def register_health_page(
    server: Flask,
    store: DatasetStore,
    *,
    home: str = "/",
    assets: str = "/assets/",
    default_language: str = "en",
    route_prefix: str = "/",
) -> None:
    """Serve /health and /health/<list>.csv|.xlsx from the store's current dataset."""

    def query_state():
        search = request.query_string.decode("utf-8", errors="replace")
        dataset = store.current()
        language = language_from_query(search, default_language)
        state = FilterState.from_query(search, dataset)
        reference = _int(request.args.get("ref"))
        if reference not in reference_choices(dataset):
            reference = None
        quiet = _int(request.args.get("quiet")) or DEFAULT_QUIET_YEARS
        return dataset, language, state, health_lists(dataset, state, language, reference, quiet)

    @server.get(route_prefix + HEALTH_PATH)
    def health_page():
        dataset, language, state, lists = query_state()
        filters = state.to_query().lstrip("?")
        options = [("ref", str(lists.reference)), ("quiet", str(lists.quiet_years))]
        sections = []
        for name in LISTS:
            table = lists.tables[name]
            key, values = _TITLES[name]
            query = _query(filters, options, language)
            sections.append(
                {
                    "name": name,
                    "title": text(key, language, **values),
                    "hint": _hint(name, lists, language),
                    "columns": list(table.columns[1:]),
                    "rows": [
                        (_partner_link(home, filters, language, row[0]), [str(c) for c in row[1:]])
                        for row in table.itertuples(index=False, name=None)
                    ],
                    "csv": f"{home}{HEALTH_PATH}/{name}.csv{query}",
                    "xlsx": f"{home}{HEALTH_PATH}/{name}.xlsx{query}",
                }
            )
        kept = [(k, v) for k, v in request.args.items(multi=True) if k not in ("ref", "quiet")]
        html = render_template_string(
            PAGE,
            language=language,
            title=text("health.title", language),
            assets=assets,
            home=home + _query(filters, [], language),
            back=text("health.back", language),
            languages=[
                (code, language_name(code), home + HEALTH_PATH + _query(filters, options, code)) for code in LANGUAGES
            ],
            intro=text("health.intro", language, filter=filter_description(state, language)),
            path=HEALTH_PATH,
            kept=kept,
            reference_label=text("health.reference", language),
            years=reference_choices(dataset),
            reference=lists.reference,
            quiet_label=text("health.quiet_years", language),
            quiet=lists.quiet_years,
            apply=text("health.apply", language),
            sections=sections,
            csv=text("health.download_csv", language),
            xlsx=text("health.download_xlsx", language),
            empty=text("health.empty", language),
        )
        return Response(html, mimetype="text/html")

    @server.get(f"{route_prefix}{HEALTH_PATH}/<name>.<extension>")
    def health_download(name: str, extension: str):
        if name not in LISTS or extension not in ("csv", "xlsx"):
            abort(404)
        _, language, state, lists = query_state()
        table = lists.tables[name].drop(columns=["partner_id"])
        filename = export_filename(state, extension, stem=f"health-{name}")
        if extension == "csv":
            data, mimetype = partners_csv(table, delimiter=CSV_DELIMITERS.get(language, ",")), "text/csv"
        else:
            key, values = _TITLES[name]
            data, mimetype = partners_xlsx(table, title=text(key, language, **values), sheet=name), XLSX_TYPE
        return Response(data, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def _int(value: str | None) -> int | None:
    try:
        return int(str(value)[:4]) if value else None
    except ValueError:
        return None


def _query(filters: str, options: list[tuple[str, str]], language: str) -> str:
    parts = [filters] if filters else []
    extra = [*options, (QUERY_KEY, language)]
    parts.append(urlencode(extra))
    return "?" + "&".join(parts)


def _partner_link(home: str, filters: str, language: str, partner_id: str) -> str:
    return home + _query(filters, [(PARTNER_KEY, partner_id)], language)


def _hint(name: str, lists, language: str) -> str:
    reference = f"{lists.reference}-{lists.reference + 1}"
    if name.startswith("expiring"):
        following = f"{lists.reference + 1}-{lists.reference + 2}"
        return text(f"health.{name}_hint", language, year=reference, next=following)
    if name == "quiet":
        first = lists.reference - lists.quiet_years + 1
        return text("health.quiet_hint", language, first=f"{first}-{first + 1}", last=reference)
    return text(f"health.{name}_hint", language)
