"""The selected partner: picked by a table row, a map marker or a top-partners bar; shown in the detail panel."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl

import numpy as np
from dash import no_update

from dashboard import ids
from dashboard.callbacks.filters import clicked_value
from dashboard.components.detail_panel import partner_detail
from dashboard.model import Dataset
from dashboard.partnership_health import reference_year


def picked_partner(trigger: Any, value: Any) -> str | None:
    """The partner id an event points at, or None when the event is not a partner pick."""
    if trigger == ids.PARTNER_TABLE:
        return str(value["rowId"]) if isinstance(value, Mapping) and value.get("rowId") else None
    if trigger == ids.WORLD_MAP:
        # Choropleth clicks (they carry a location) filter by country instead; the home marker has no id.
        return clicked_value(value, want_location=False)
    if trigger == ids.TOP_PARTNERS:
        return clicked_value(value)
    if trigger in (None, ids.URL):  # ?partner= of the address: a shared link, or one from /health
        return partner_in_query(value)
    return None


def partner_in_query(search: object) -> str | None:
    """The `partner=` of a query string (how /health links to a partner's panel), or None."""
    try:
        pairs = parse_qsl(str(search or "").lstrip("?"), max_num_fields=200)
    except ValueError:
        return None
    found = [v for k, v in pairs if k == "partner" and v]
    return found[-1] if found else None


def select_partner(dataset: Dataset, trigger: Any, value: Any, selected: str | None, language: str = "en") -> tuple:
    """(selected id, panel opened, panel title, panel body, table selection), no_update where nothing changes."""
    if trigger == ids.DETAIL_PANEL:
        if value or selected is None:
            return (no_update,) * 5
        return None, no_update, no_update, no_update, {"ids": []}
    partner_id = picked_partner(trigger, value)
    positions = (
        np.flatnonzero(dataset.partners["partner_id"].astype(str) == partner_id) if partner_id else np.array([], int)
    )
    if not len(positions):
        return (no_update,) * 5
    partner = dataset.partners.iloc[positions[0]]
    # Its mobility summed per kind (year, direction, ...) from the dataset's indexes: no pass over every row.
    mobility = dataset.indexes.partner_kinds(int(positions[0]))
    agreements = dataset.agreements[dataset.agreements["partner_id"].astype(str) == partner_id]
    table_selection = no_update if trigger == ids.PARTNER_TABLE else {"ids": [partner_id]}
    body = partner_detail(partner, mobility, language, agreements, reference_year(dataset.mobility))
    return partner_id, True, str(partner["name"]), body, table_selection
