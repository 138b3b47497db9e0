"""The map's part of the address: `layer`, `partner` (the selected partner) and `view=lat,lon,zoom`
(`partner` is read by callbacks.selection.partner_in_query).

They sit beside the filter's keys (filters.FilterState) but are not filters: a filter change keeps the layer
and the partner and drops the view, since the map then fits itself to what the filter shows. The browser writes
them as the person moves the map (assets/atlas.js, without a server round trip); the server reads them here.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from dashboard.figures.geo import MapView

LAYERS = ("partners", "countries", "flows")
DEFAULT_LAYER = "partners"


def _params(search: str | None) -> dict[str, str]:
    try:
        pairs = parse_qsl((search or "").lstrip("?"), keep_blank_values=False, max_num_fields=200)
    except ValueError:
        return {}
    return {key.strip().lower(): value for key, value in pairs}


def map_layer(search: str | None) -> str:
    """The layer the address asks for (partners when it names none or an unknown one)."""
    layer = _params(search).get("layer", "").strip().lower()
    return layer if layer in LAYERS else DEFAULT_LAYER


def map_view(search: str | None) -> MapView | None:
    """The view of `?view=lat,lon,zoom`, or None when absent or not three numbers in range."""
    return MapView.from_param(_params(search).get("view"))


def with_map_params(query: str, layer: str | None, partner: str | None) -> str:
    """`query` (a filter's `?a=b`) with the layer (unless the default) and the selected partner appended."""
    pairs = parse_qsl(query.lstrip("?"), keep_blank_values=False)
    if layer and layer in LAYERS and layer != DEFAULT_LAYER:
        pairs.append(("layer", layer))
    if partner:
        pairs.append(("partner", str(partner)))
    return "?" + urlencode(pairs, safe=",") if pairs else ""


def address_with(href: str | None, search: str) -> str:
    """The page's address `href` with its query replaced by `search` (its fragment kept).

    A filter change writes it to dcc.Location's href beside its search. The page moves the map's keys into the
    address with replaceState, which dcc.Location does not see; handed only a new search, it took its own href,
    set when the page loaded, for a change and pushed that address back, undoing the filter (the first filter
    clicked after moving the map or opening a partner did nothing). Given the whole new address it pushes that.
    """
    parts = urlsplit(href or "")
    return urlunsplit((parts.scheme, parts.netloc, parts.path, search.lstrip("?"), parts.fragment))
