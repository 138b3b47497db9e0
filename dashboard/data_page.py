"""/data/: the import report where the office looks: per file, every problem, how each partner was placed.

A plain server-built page (no script: it is a report to read and print) in the page's language, with the same
data banner as the dashboard and a CSV download of the same rows at /data/report.csv. Every value that reaches
the HTML goes through Jinja's autoescaping: a partner's name is text, never markup.
"""

from __future__ import annotations

import time

import dash
from flask import Flask, Response, render_template_string, request

from dashboard.components.data_banner import DATA_PATH, data_time_text
from dashboard.components.header import app_title
from dashboard.config import Settings
from dashboard.exports import partners_csv
from dashboard.i18n import LANGUAGES, language_or_default, text
from dashboard.import_table import (
    file_rows,
    not_placed_at_city,
    placement_counts,
    placement_notes,
    problem_rows,
    report_table,
)
from dashboard.report import file_name
from dashboard.store import DatasetStore

PROBLEMS_SHOWN = 2000  # a page stays usable; the CSV holds every line

TEMPLATE = """<!DOCTYPE html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ t('data.page_title', short_name=short_name) }}</title>
<link rel="stylesheet" href="{{ css }}">
</head>
<body class="data-page">
<header class="atlas-header">
  <div class="atlas-brand"><div>
    <h1 class="atlas-title">{{ t('data.title') }}</h1>
    <div class="atlas-subtitle">{{ title }}</div>
  </div></div>
  <div class="atlas-header-tools">
    <a class="data-back" href="{{ home }}?lang={{ lang }}">{{ t('data.back') }}</a>
    <a class="data-download" href="{{ home }}{{ path }}report.csv?lang={{ lang }}" download>{{ t('data.download') }}</a>
    <nav class="atlas-lang" aria-label="{{ t('language') }}">
    {% for code in languages %}<a class="lang-link{{ ' active' if code == lang }}" href="?lang={{ code }}"
       lang="{{ code }}"{{ ' aria-current="true"'|safe if code == lang }}>{{ code|upper }}</a>{% endfor %}
    </nav>
  </div>
</header>
<main class="data-main">
  {% if status.degraded %}
  <div class="data-banner-box" role="alert" id="data-banner">
    <p>{{ t('banner.kept', time=data_time) if status.kept else t('banner.unreadable') }}</p>
    <ul>{% for p in status.problems %}<li><strong>{{ name(p.file) }}</strong>: {{ p.message }}</li>{% endfor %}</ul>
  </div>
  {% endif %}
  <p>{{ t('data.intro') }} {{ t('data.time', time=data_time) }}</p>

  <section aria-labelledby="data-files"><h2 id="data-files">{{ t('data.files') }}</h2>
  <table class="data-table" id="data-files-table">
    <thead><tr><th>{{ t('data.file') }}</th><th>{{ t('data.rows_read') }}</th><th>{{ t('data.rows_loaded') }}</th>
      <th>{{ t('data.rows_rejected') }}</th><th>{{ t('data.warnings') }}</th></tr></thead>
    <tbody>{% for f in files %}<tr data-file="{{ f.file }}"><th scope="row">{{ f.file }}</th>
      {% if f.kind == 'institution' and f.present %}<td colspan="3">–</td>
      {% elif f.present %}<td>{{ f.rows_read }}</td><td>{{ f.rows_loaded }}</td><td>{{ f.rows_rejected }}</td>
      {% else %}<td colspan="3">{{ t('data.absent') }}</td>{% endif %}<td>{{ f.warnings }}</td></tr>{% endfor %}
    </tbody>
  </table></section>

  <section aria-labelledby="data-problems"><h2 id="data-problems">{{ t('data.problems') }} ({{ problems|length }})</h2>
  {% if problems %}
  <table class="data-table" id="data-problems-table">
    <thead><tr><th>{{ t('data.kind') }}</th><th>{{ t('data.file') }}</th><th>{{ t('data.line') }}</th>
      <th>{{ t('data.column') }}</th><th>{{ t('data.reason') }}</th><th>{{ t('data.value') }}</th></tr></thead>
    <tbody>{% for p in problems[:shown] %}<tr class="data-{{ p.kind }}"><td>{{ t('data.kind.' + p.kind) }}</td>
      <td>{{ p.file }}</td><td>{{ p.line if p.line is not none }}</td><td>{{ p.column }}</td><td>{{ p.reason }}</td>
      <td>{{ p.value }}</td></tr>{% endfor %}</tbody>
  </table>
  {% if problems|length > shown %}<p>+ {{ problems|length - shown }}: {{ t('data.download') }}</p>{% endif %}
  {% else %}<p>{{ t('data.no_problems') }}</p>{% endif %}
  </section>

  <section aria-labelledby="data-placement"><h2 id="data-placement">{{ t('data.placement') }}</h2>
  <table class="data-table" id="data-placement-table">
    <thead><tr><th>{{ t('data.precision') }}</th><th>{{ t('data.partners') }}</th></tr></thead>
    <tbody>{% for precision, count in placement.items() %}<tr data-precision="{{ precision }}">
      <th scope="row">{{ t('data.precision.' + precision) }}</th><td>{{ count }}</td></tr>{% endfor %}</tbody>
  </table>
  <h3 id="data-not-city">{{ t('data.not_city', count=unplaced|length) }}</h3>
  {% if unplaced %}<p>{{ t('data.not_city_hint') }}</p>
  <table class="data-table" id="data-not-city-table">
    <thead><tr><th>{{ t('data.line') }}</th><th>{{ t('data.partner') }}</th><th>{{ t('data.city') }}</th>
      <th>{{ t('data.country') }}</th><th>{{ t('data.precision') }}</th></tr></thead>
    <tbody>{% for p in unplaced %}<tr><td>{{ p.line if p.line is not none }}</td><td>{{ p.name }}</td>
      <td>{{ p.city }}</td><td>{{ p.country }}</td><td>{{ t('data.precision.' + p.precision) }}</td></tr>{% endfor %}
    </tbody>
  </table>
  {% else %}<p>{{ t('data.all_city') }}</p>{% endif %}
  {% if notes %}<h3 id="data-notes">{{ t('data.notes', count=notes|length) }}</h3>
  <p>{{ t('data.notes_hint') }}</p>
  <table class="data-table" id="data-notes-table">
    <thead><tr><th>{{ t('data.line') }}</th><th>{{ t('data.partner') }}</th><th>{{ t('data.city') }}</th>
      <th>{{ t('data.country') }}</th><th>{{ t('data.note') }}</th></tr></thead>
    <tbody>{% for p in notes %}<tr><td>{{ p.line if p.line is not none }}</td><td>{{ p.name }}</td>
      <td>{{ p.city }}</td><td>{{ p.country }}</td><td>{{ p.note }}</td></tr>{% endfor %}
    </tbody>
  </table>{% endif %}
  </section>
</main>
</body>
</html>
"""


def page_language(settings: Settings) -> str:
    return language_or_default(request.args.get("lang"), settings.language)


def register_data_page(app: dash.Dash, store: DatasetStore, settings: Settings) -> None:
    """Serve /data/ (and /data) and /data/report.csv on the app's Flask server."""
    server: Flask = app.server
    home = app.config.requests_pathname_prefix

    def data_page() -> str:
        language = page_language(settings)
        dataset, status = store.current(), store.status()
        institution = dataset.institution
        return render_template_string(
            TEMPLATE,
            lang=language,
            t=lambda key, **values: text(key, language, **values),
            languages=LANGUAGES,
            short_name=institution.short_name,
            title=app_title(institution, language),
            home=home,
            path=DATA_PATH,
            css=app.get_asset_url("app.css"),
            status=status,
            data_time=data_time_text(status),
            name=file_name,
            files=file_rows(dataset.report),
            problems=problem_rows(dataset.report),
            shown=PROBLEMS_SHOWN,
            placement=placement_counts(dataset.partners),
            unplaced=not_placed_at_city(dataset.partners),
            notes=placement_notes(dataset.partners),
        )

    def report_csv() -> Response:
        language = page_language(settings)
        stamp = time.strftime("%Y%m%d-%H%M", time.localtime(store.status().data_time))
        body = partners_csv(report_table(store.current(), language))
        return Response(
            body,
            mimetype="text/csv",
            headers={"Content-Disposition": f'attachment; filename="partner-atlas-import-report-{stamp}.csv"'},
        )

    route = app.config.routes_pathname_prefix + DATA_PATH
    server.add_url_rule(route, "data_page", data_page)
    server.add_url_rule(route.rstrip("/"), "data_page_bare", data_page)
    server.add_url_rule(route + "report.csv", "data_report_csv", report_csv)
