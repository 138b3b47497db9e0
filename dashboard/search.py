"""What a search finds: partners whose name, city, Erasmus code or country matches every word typed.

One matcher for both searches of the page, the side panel's (a filter: FilterState.query) and the partner
table's own (it narrows the table only), so the two never disagree. Both sides are folded by
dashboard.folding.fold: case and accents do not matter ("krakow" finds Kraków, "LODZ" Łódź), and a
country is found by its name in any language pycountry translates ("Finland", "Finnland", "Finlande", "Suomi").
"""

from __future__ import annotations

import numpy as np

from dashboard.countries import country_search_text
from dashboard.folding import fold
from dashboard.indexes import DatasetIndexes


def search_words(query: str | None) -> list[str]:
    """The folded words of a query; a partner must match each of them."""
    return fold(str(query or "")).split()


def search_mask(query: str | None, ix: DatasetIndexes) -> np.ndarray:
    """Which partners match every word of `query` (all of them for an empty query).

    A word matches a partner when it is part of the partner's name, city or Erasmus code (anywhere: "sala"
    finds "Salamanca"), or when a name of the partner's country in any language starts with it ("finl",
    "finnland"; "land" starts no country's name, so it does not find every partner in Finland and Poland).
    """
    mask = np.ones(ix.n, dtype=bool)
    words = search_words(query)
    if not words:
        return mask
    codes = sorted({str(code) for code in ix.country if isinstance(code, str) and code})
    names = {code: " " + country_search_text(code) for code in codes}
    for word in words:
        own = np.fromiter((word in text for text in ix.search), dtype=bool, count=ix.n)
        countries = [code for code in codes if " " + word in names[code]]
        mask &= own | np.isin(ix.country, np.array(countries, dtype=object))
    return mask


def search_positions(query: str | None, ix: DatasetIndexes) -> list[int] | None:
    """The dataset rows (positions) a table search keeps, or None when the query keeps every partner."""
    if not search_words(query):
        return None
    return np.flatnonzero(search_mask(query, ix)).tolist()
