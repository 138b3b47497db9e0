"""Messy Erasmus+ place names, class by class: placed at the city meant, with a note saying what was done."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from bench.messy_places import geocode_dev_set, per_class, read_dev_set
from dashboard.distance import distance_km
from dashboard.geocoding import GazetteerGeocoder, geocode_partners


@pytest.fixture(scope="module")
def gazetteer():
    return GazetteerGeocoder()


# city field, country, Erasmus code, (lat, lon) of the city meant, typed from a map, and words of the note
CASES = {
    "postal code glued": ("Gent9000", "BE", "", (51.05, 3.72), "postal code removed"),
    "CEDEX and number": ("ToulouseCedex9", "FR", "", (43.60, 1.44), "CEDEX removed"),
    "province glued": ("BolognaBO", "IT", "", (44.49, 11.34), ""),
    "number suffix": ("Aachen02", "DE", "", (50.78, 6.08), "number after the name removed"),
    "doubled name": ("KrakowKrakow", "PL", "", (50.06, 19.94), ""),
    "country code suffix": ("Tartuee", "EE", "", (58.38, 26.72), "country code EE removed"),
    "letters lost, case left": ("LDZ", "PL", "", (51.77, 19.46), "letters lost to an encoding"),
    "letter lost at the end": ("JyvSkyl", "FI", "", (62.24, 25.75), "letters lost to an encoding"),
    "layered mojibake": ("BraÅŸov", "RO", "", (45.65, 25.61), "mojibake repaired"),
    "inflected institution name": ("Tampereen yliopisto", "FI", "", (61.50, 23.76), "institution's name"),
    "Polish adjective": ("Uniwersytet Warszawski", "PL", "", (52.23, 21.01), "institution's name"),
    "PIC with an Erasmus code": ("949620479", "IT", "I BOLOGNA01", (44.49, 11.34), "Erasmus code"),
    "web address": ("https://www.ugent.be", "BE", "", (51.05, 3.72), "web address"),
    "city abroad": ("Delft", "DE", "", (52.01, 4.36), "placed in NL: no Delft in DE"),
    "misspelt here, exact abroad": ("Strasbourg", "DE", "", (48.58, 7.75), "placed in FR"),
    "district of a big city": ("Salamanca", "ES", "", (40.97, -5.66), ""),
    "Greek script": ("Ηράκλειο", "GR", "", (35.34, 25.14), "transliterated from Greek"),
    "Bulgarian Cyrillic": ("Велико Търново", "BG", "", (43.08, 25.63), "transliterated from Cyrillic"),
    "Serbian Cyrillic": ("Ниш", "RS", "", (43.32, 21.90), "transliterated from Cyrillic"),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_messy_field_is_placed_in_its_city_with_a_note(gazetteer, case):
    city, country, code, (lat, lon), note = CASES[case]
    location = gazetteer.geocode({"city": city, "country": country, "erasmus_code": code})
    assert location is not None
    assert distance_km((location.latitude, location.longitude), (lat, lon)) <= 25
    assert note in location.raw["note"]


@pytest.mark.parametrize("city, country", [("Algarve", "PT"), ("Bavaria", "DE")])
def test_a_region_stays_at_country_level_rather_than_a_wrong_city(gazetteer, city, country):
    assert gazetteer.geocode(city, country=country) is None


def test_a_messy_field_far_from_the_erasmus_codes_city_gives_way_to_the_code(gazetteer):
    # "Aachen02" would be Aachen, but the code says Gent: the code's city wins.
    location = gazetteer.geocode({"city": "Aachen02", "country": "BE", "erasmus_code": "B GENT01"})
    assert distance_km((location.latitude, location.longitude), (51.05, 3.72)) <= 25


def test_geo_note_column_cache_and_warning(tmp_path):
    partners = pd.DataFrame(
        {
            "name": ["TU Delft", "Hogeschool Gent"],
            "city": ["Delft", "Gent9000"],
            "country": ["DE", "BE"],
            "source_line": [2, 3],
        }
    )
    cache = tmp_path / "cache.json"
    placed, warnings = geocode_partners(partners, cache_path=cache)
    assert list(placed["geo_note"]) == ["placed in NL: no Delft in DE", "postal code removed"]
    assert any("line 2: 'TU Delft' was placed in NL" in w and "check its country" in w for w in warnings)
    again, _ = geocode_partners(partners, cache_path=cache)
    assert list(again["geo_source"]) == ["cache", "cache"]
    assert list(again["geo_note"]) == list(placed["geo_note"])


def test_dev_set_classes_placed_and_no_wrong_city():
    placed = geocode_dev_set(read_dev_set())
    table = {entry["class"]: entry for entry in per_class(placed)}
    assert table["all"]["wrong_city"] == 0, placed[(placed.km > 25) & (placed.geo_precision == "city")]
    for name, entry in table.items():
        if name != "region":
            assert entry["within_25km"] >= math.floor(0.9 * entry["rows"]), (name, entry)
