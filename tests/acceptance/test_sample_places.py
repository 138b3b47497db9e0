"""The map is right: every partner of the bundled sample lands in its own city, offline."""

import math

import pytest

from dashboard.config import Settings
from dashboard.dataset import load_dataset

# Coordinates of the public-fact partners' cities, read off a map by hand (not from the gazetteer under test).
KNOWN_CITIES = {
    "Groningen": (53.219, 6.567),
    "Heerlen": (50.888, 5.979),
    "Vantaa": (60.294, 25.041),
    "Hämeenlinna": (60.997, 24.464),
    "Lahti": (60.983, 25.655),
    "Pretoria": (-25.746, 28.188),
    "Sankt Pölten": (48.204, 15.623),
    "St. Pölten": (48.204, 15.623),
    "Setúbal": (38.524, -8.893),
    "Timișoara": (45.754, 21.226),
    "Gödöllő": (47.597, 19.355),
    "Valmiera": (57.541, 25.427),
    "Fulda": (50.553, 9.678),
    "Enschede": (52.221, 6.894),
    "Jyväskylä": (62.242, 25.747),
}


def km(a, b):
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


@pytest.fixture(scope="module")
def sample(tmp_path_factory, sample_data_dir):
    cache = tmp_path_factory.mktemp("cache") / "geocache.json"  # a cold run: the gazetteer itself places them
    return load_dataset(Settings(data_dir=sample_data_dir, geocode_cache=str(cache)))


def test_the_sample_loads_without_a_rejected_row(sample):
    assert sample.report.ok, sample.report.to_text()
    assert sample.report.rows_read == sample.report.rows_loaded


def test_every_sample_partner_is_placed_at_city_precision(sample):
    imprecise = sample.partners.loc[sample.partners["geo_precision"] != "city", ["name", "city", "geo_precision"]]
    assert imprecise.empty, f"not placed in their city:\n{imprecise}"


def test_public_fact_partners_land_in_their_real_city(sample):
    checked = 0
    for partner in sample.partners.itertuples():
        if partner.city in KNOWN_CITIES:
            distance = km((partner.lat, partner.lon), KNOWN_CITIES[partner.city])
            assert distance < 15, f"{partner.name} placed {distance:.0f} km from {partner.city}"
            checked += 1
    assert checked >= 13  # the strategic partners and the E³UDRES² alliance


def test_partners_sit_in_their_own_country(sample):
    # A same-name town abroad would be a wrong city; the gazetteer must stay inside the given country.
    from dashboard.geocoding import country_centroid

    for partner in sample.partners.itertuples():
        distance = km((partner.lat, partner.lon), country_centroid(partner.country))
        assert distance < 3000, f"{partner.name} placed {distance:.0f} km from the centre of {partner.country}"
