"""The libraries' own words in the page's language: ag-grid's (paging, empty table, aria labels) and plotly's
(toolbar tooltips, month names), from their translation packages vendored by `make locales`."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

GRID_LOCALE_DIR = Path(__file__).resolve().parent / "ag-grid"


@lru_cache(maxsize=16)
def _grid_words(language: str) -> dict[str, str]:
    path = GRID_LOCALE_DIR / f"{language}.json"
    if not path.is_file():  # English is ag-grid's own default
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def grid_locale(language: str, own: dict[str, str] | None = None) -> dict[str, str]:
    """ag-grid's localeText for the language, with `own` (our catalogue's wording) over the package's."""
    return {**_grid_words(language), **(own or {})}


def plotly_locale(language: str, assets_dir: Path) -> str:
    """The `locale` for plotly's graph config: the language when assets/plotly-locales has it, else English."""
    return language if (Path(assets_dir) / "plotly-locales" / f"{language}.js").is_file() else "en"
