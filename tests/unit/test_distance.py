"""The one distance: between a campus and a partner, or a messy place and its Erasmus code's city."""

import math

from dashboard.distance import distance_km


def test_leuven_to_brussels_is_about_twenty_five_kilometres():
    assert 22 < distance_km((50.8798, 4.7005), (50.8467, 4.3525)) < 28


def test_across_the_antimeridian_is_the_short_way_round():
    # Suva (Fiji) to Apia (Samoa): about 1,150 km across 180 degrees, not most of the way around the world.
    assert 1000 < distance_km((-18.1416, 178.4419), (-13.8333, -171.7667)) < 1300


def test_an_unknown_place_has_no_distance():
    assert math.isnan(distance_km((math.nan, 4.7), (50.8, 4.3)))
