"""The geocoder chain: every partner gets coordinates, a precision and a source, or is marked unresolved.

Order: manual lat/lon (always wins) -> cache -> offline gazetteer -> Nominatim (only when online) -> the
country's centre -> unresolved. Rows sharing a query are resolved once; the output keeps every input row, in order.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import pandas as pd
from geopy.location import Location
from tqdm import tqdm

from dashboard.countries import country_name
from dashboard.folding import fold
from dashboard.geocoding.cache import GeocodeCache
from dashboard.geocoding.centroids import country_centroid
from dashboard.geocoding.gazetteer import GazetteerGeocoder, search_countries
from dashboard.geocoding.index import DEFAULT_MIN_POPULATION
from dashboard.geocoding.names import code_city
from dashboard.geocoding.online import NominatimAdapter

GEO_COLUMNS = ("lat", "lon", "geo_precision", "geo_source", "geo_note")
QUERY_FIELDS = ("city", "country", "erasmus_code", "name", "postcode", "street")
# Sources the cache stores: everything that was found, so a second run needs neither gazetteer nor network.
OTHER_COUNTRY_NOTE = "placed in "  # how the gazetteer's note on a city found in another country starts
CACHED_SOURCES = frozenset({"gazetteer", "nominatim", "country-centroid"})


@runtime_checkable
class PartnerGeocoder(Protocol):
    """What the chain needs of a geocoder: geopy's geocode() taking a partner's fields as a dict.

    The query holds city, country (ISO-2), erasmus_code, name, postcode and street; the returned Location's
    raw dict may carry "precision" (address or city; city when absent). None means not found.
    """

    def geocode(self, query: Mapping[str, str], exactly_one: bool = True) -> Location | None: ...


def default_user_agent() -> str:
    from dashboard.config import Settings

    return Settings().user_agent


def geocode_partners(
    partners: pd.DataFrame,
    *,
    online: bool = False,
    cache_path: Path | None = None,
    geocoder: PartnerGeocoder | None = None,
    online_geocoder: PartnerGeocoder | None = None,
    progress: bool = False,
    user_agent: str | None = None,
    centroid: Callable[[str], tuple[float, float] | None] | None = None,
    cache: GeocodeCache | None = None,
) -> tuple[pd.DataFrame, list[str]]:
    """A copy of `partners` with lat, lon, geo_precision, geo_source and geo_note filled for every row, and warnings.

    geo_note says what a heuristic did to a messy field ("postal code removed", "placed in NL: no Delft in DE").

    cache_path: the cache file (the CLI passes Settings.cache_path); None keeps no cache between runs.
    centroid: iso2 -> (lat, lon) of the country's centre; by default from the same gazetteer.
    """
    frame = partners.copy()
    warnings: list[str] = []
    if cache is None and cache_path is not None:
        cache = GeocodeCache(cache_path, matcher=_matcher(geocoder))
    if cache is not None:
        warnings += cache.warnings
    offline = geocoder
    if centroid is None:
        size = getattr(geocoder, "min_population", DEFAULT_MIN_POPULATION)
        centroid = partial(country_centroid, min_population=size)
    if online and online_geocoder is None:
        online_geocoder = NominatimAdapter(user_agent or default_user_agent())

    results: list[tuple[float, float, str, str, str]] = [(math.nan, math.nan, "unresolved", "", "")] * len(frame)
    queries: dict[tuple, tuple[dict[str, str], list[int]]] = {}
    records = frame.to_dict("records")
    for position, row in enumerate(records):
        manual = _manual(row)
        if manual is not None:
            results[position] = (*manual, "manual", "manual", "")
            continue
        fields = {name: _text(row.get(name)) for name in QUERY_FIELDS}
        fields["country"] = fields["country"].upper()
        queries.setdefault(_place_key(fields, online), (fields, []))[1].append(position)

    bar = tqdm(
        total=len(queries),
        desc="Geocoding",
        unit="place",
        file=sys.stderr,
        disable=not (progress and sys.stderr.isatty()),
    )
    with bar:
        for place_key, (fields, positions) in queries.items():
            key = _cache_key(place_key)
            if offline is None and _needs_gazetteer(key, cache, online):
                offline = GazetteerGeocoder()
            result = _resolve(fields, key, cache, offline, online_geocoder if online else None, centroid, online)
            for position in positions:
                results[position] = result
            bar.update(1)

    if cache is not None:
        cache.save()
        warnings += [w for w in cache.warnings if w not in warnings]
    if online_geocoder is not None:
        warnings += list(getattr(online_geocoder, "failures", []))
    for column, values in zip(GEO_COLUMNS, zip(*results) if results else ((),) * len(GEO_COLUMNS)):
        frame[column] = pd.Series(values, index=frame.index, dtype="float64" if column in ("lat", "lon") else object)
    warnings += _row_warnings(records, results)
    return frame, warnings


def _place_key(fields: dict[str, str], online: bool) -> tuple:
    """Rows that are surely at the same place share one look-up: same city field, country (or overseas
    territory) and Erasmus-code city. The institution's name only counts when there is no city to go by,
    the street only when an online look-up may use it."""
    code = code_city(fields["erasmus_code"])
    return (
        fold(fields["city"]),
        search_countries(fields["country"], fields["postcode"]) if fields["country"] else (),
        code.key if code else fold(fields["erasmus_code"]),
        "" if fields["city"] else fold(fields["name"]),
        fold(fields["street"]) if online else "",
    )


def _cache_key(place_key: tuple) -> str:
    city, countries, code, name, _ = place_key
    return "|".join(("/".join(countries), city, code, name))


def _resolve(
    fields: dict[str, str], key: str, cache: GeocodeCache | None, offline, online_geocoder, centroid, online: bool
) -> tuple[float, float, str, str, str]:
    country = fields["country"]
    if not country:
        return (math.nan, math.nan, "unresolved", "", "")
    if cache is not None:
        entry = cache.get(key)
        # Offline guesses at country level are retried when the network is allowed.
        if entry is not None and not (online and entry.precision == "country"):
            return (entry.lat, entry.lon, entry.precision, "cache", entry.note)
    found = _ask(offline, fields, "gazetteer")
    if found is None and online_geocoder is not None:
        found = _ask(online_geocoder, fields, "nominatim")
    if found is None:
        territory = search_countries(country, fields["postcode"])[0]
        point = centroid(territory) or centroid(country)
        if point is not None:
            found = (point[0], point[1], "country", "country-centroid", "")
    if found is None:
        return (math.nan, math.nan, "unresolved", "", "")
    if cache is not None and found[3] in CACHED_SOURCES:
        cache.put(key, *found)
    return found


def _ask(geocoder, fields: dict[str, str], source: str) -> tuple[float, float, str, str, str] | None:
    if geocoder is None:
        return None
    location = geocoder.geocode(fields, exactly_one=True)
    if location is None:
        return None
    raw = location.raw if isinstance(location.raw, dict) else {}
    return (
        float(location.latitude),
        float(location.longitude),
        str(raw.get("precision") or "city"),
        source,
        str(raw.get("note") or ""),
    )


def _needs_gazetteer(key: str, cache: GeocodeCache | None, online: bool) -> bool:
    """Load the gazetteer (seconds, hundreds of MB) only when the cache cannot answer."""
    if cache is None:
        return True
    entry = cache.get(key)
    return entry is None or (online and entry.precision == "country")


def _matcher(geocoder) -> str:
    return getattr(geocoder if geocoder is not None else GazetteerGeocoder, "version", type(geocoder).__name__)


def _manual(row: Mapping[str, Any]) -> tuple[float, float] | None:
    written_lat, written_lon = row.get("lat"), row.get("lon")
    if written_lat is None or written_lon is None:
        return None
    try:
        lat, lon = float(written_lat), float(written_lon)
    except (TypeError, ValueError):
        return None
    if math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180:
        return lat, lon
    return None


def _text(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    return str(value).replace("\u00a0", " ").strip()


def _row_warnings(records: list[dict], results: list[tuple[float, float, str, str, str]]) -> list[str]:
    warnings = []
    for position, (row, (_, _, precision, _, note)) in enumerate(zip(records, results)):
        line = row.get("source_line")
        where = f"line {int(line)}" if isinstance(line, (int, float)) and not pd.isna(line) else f"row {position + 1}"
        name = _text(row.get("name")) or "(no name)"
        if note.startswith(OTHER_COUNTRY_NOTE):
            warnings.append(f"{where}: {name!r} was {note}: check its country, or its city")
        if precision not in ("country", "unresolved"):
            continue
        city = _text(row.get("city"))
        country = _text(row.get("country")).upper()
        if precision == "country":
            area = country_name(search_countries(country, _text(row.get("postcode")))[0])
            warnings.append(
                f"{where}: {name!r} was placed at the centre of {area}: "
                f"its city {city!r} was not found. Correct the city, or add lat and lon to place it."
                if city
                else f"{where}: {name!r} was placed at the centre of {area}: it has no "
                "city. Add the city, or lat and lon, to place it."
            )
        elif not country:
            warnings.append(
                f"{where}: {name!r} has no country, so it could not be placed: its coordinates are "
                "empty. Add the country (and city) to place it."
            )
        else:
            warnings.append(
                f"{where}: {name!r} could not be placed (country {country!r} unknown to the "
                "gazetteer): its coordinates are empty. Add lat and lon to place it."
            )
    return warnings
