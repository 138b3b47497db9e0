"""The partner table's own search: it narrows the table only (not a filter), with the side panel's matcher."""

from __future__ import annotations

from dashboard.model import Dataset
from dashboard.search import search_positions


def table_search_rows(dataset: Dataset, query: str | None) -> list[int] | None:
    """The dataset rows (the table rows' `row`) the search keeps, or None when it keeps every partner; the grid
    shows the rows both this and the filter keep (atlas.js showTableRows)."""
    return search_positions(query, dataset.indexes)
