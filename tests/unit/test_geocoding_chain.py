"""The geocoder chain with injected fakes: order of the steps, one answer per distinct place, every row kept."""

import math

import pandas as pd
import pytest
from geopy.exc import (
    GeocoderInsufficientPrivileges,
    GeocoderRateLimited,
    GeocoderServiceError,
    GeocoderTimedOut,
    GeocoderUnavailable,
)
from geopy.location import Location

from dashboard.geocoding import GeocodeCache, NominatimAdapter, PartnerGeocoder, geocode_partners

PLACES = {("leuven", "BE"): (50.88, 4.70), ("groningen", "NL"): (53.22, 6.57), ("gent", "BE"): (51.05, 3.72)}
CENTRES = {"BE": (50.64, 4.67), "NL": (52.13, 5.29), "RE": (-21.1, 55.5)}


class FakeGazetteer:
    """Knows three cities; counts its questions."""

    version = "fake-1"

    def __init__(self):
        self.questions = []

    def geocode(self, query, exactly_one=True):
        self.questions.append(dict(query))
        point = PLACES.get((query["city"].lower(), query["country"]))
        return Location(query["city"], point, {"precision": "city"}) if point else None


class FakeOnline:
    def __init__(self, point=(52.37, 4.89)):
        self.point = point
        self.questions = []
        self.failures = []

    def geocode(self, query, exactly_one=True):
        self.questions.append(dict(query))
        return Location("somewhere", self.point, {"precision": "address"}) if self.point else None


class Exploding:
    version = "fake-1"

    def geocode(self, query, exactly_one=True):
        raise AssertionError(f"should not be asked: {query}")


def partners(*rows):
    columns = [
        "name",
        "city",
        "country",
        "erasmus_code",
        "lat",
        "lon",
        "geo_precision",
        "geo_source",
        "source_line",
        "street",
        "postcode",
    ]
    frame = pd.DataFrame([dict(zip(columns, row)) for row in rows], columns=columns)
    return frame.astype({"lat": "float64", "lon": "float64"})


def row(name, city, country, *, lat=math.nan, lon=math.nan, line=2, code="", postcode=""):
    return (name, city, country, code, lat, lon, "manual" if not math.isnan(lat) else "", "", line, "", postcode)


def run(frame, **kwargs):
    kwargs.setdefault("geocoder", FakeGazetteer())
    kwargs.setdefault("centroid", CENTRES.get)
    return geocode_partners(frame, **kwargs)


def test_the_fakes_fit_the_protocol():
    assert isinstance(FakeGazetteer(), PartnerGeocoder)
    assert isinstance(NominatimAdapter("test-agent", geocoder=FakeOnline()), PartnerGeocoder)


def test_every_row_comes_back_in_input_order_with_all_geo_columns():
    frame = partners(
        row("A", "Leuven", "BE", line=2),
        row("B", "Nowhere", "NL", line=3),
        row("C", "", "", line=4),
        row("D", "Groningen", "NL", line=5),
    )
    frame.index = [10, 7, 3, 1]
    out, _ = run(frame)
    assert list(out["name"]) == ["A", "B", "C", "D"] and list(out.index) == [10, 7, 3, 1]
    assert list(out["geo_precision"]) == ["city", "country", "unresolved", "city"]
    assert list(out["geo_source"]) == ["gazetteer", "country-centroid", "", "gazetteer"]
    assert (out.loc[10, "lat"], out.loc[10, "lon"]) == (50.88, 4.70)
    assert math.isnan(out.loc[3, "lat"]) and math.isnan(out.loc[3, "lon"])
    assert out["lat"].dtype == "float64"
    assert frame["geo_precision"].tolist() == ["", "", "", ""]  # the input is not modified


def test_manual_coordinates_always_win(tmp_path):
    cache = GeocodeCache(tmp_path / "cache.json", matcher="fake-1")
    out, _ = run(
        partners(row("A", "Leuven", "BE", lat=50.0, lon=5.0)),
        cache=cache,
        geocoder=Exploding(),
        online=True,
        online_geocoder=Exploding(),
    )
    assert (out.loc[0, "lat"], out.loc[0, "lon"], out.loc[0, "geo_precision"], out.loc[0, "geo_source"]) == (
        50.0,
        5.0,
        "manual",
        "manual",
    )


def test_each_distinct_place_is_asked_once():
    gazetteer = FakeGazetteer()
    frame = partners(*[row(f"P{i}", "Leuven", "BE") for i in range(5)], row("Q", "Gent", "BE"))
    out, _ = run(frame, geocoder=gazetteer)
    assert len(gazetteer.questions) == 2
    assert (out["geo_precision"] == "city").all()


def test_the_online_geocoder_is_asked_only_when_online_and_the_gazetteer_failed():
    online = FakeOnline()
    frame = partners(row("A", "Leuven", "BE"), row("B", "Kinderdijk", "NL"))
    out, _ = run(frame, online=False, online_geocoder=Exploding())
    assert out.loc[1, "geo_precision"] == "country"
    out, _ = run(frame, online=True, online_geocoder=online)
    assert [q["city"] for q in online.questions] == ["Kinderdijk"]
    assert (out.loc[1, "geo_precision"], out.loc[1, "geo_source"]) == ("address", "nominatim")


@pytest.mark.parametrize(
    "error",
    [
        GeocoderTimedOut("timed out"),
        GeocoderServiceError("500"),
        GeocoderRateLimited("429"),
        GeocoderInsufficientPrivileges("403"),
        GeocoderUnavailable("503"),
        OSError("Network is unreachable"),
    ],
)
def test_online_failures_fall_back_to_the_gazetteer_and_the_country_centre(error):
    class Failing:
        def geocode(self, query, exactly_one=True, country_codes=None):
            raise error

    online = NominatimAdapter("test-agent", geocoder=Failing(), sleep=lambda s: None)
    frame = partners(row("A", "Leuven", "BE"), row("B", "Kinderdijk", "NL", line=7))
    out, warnings = run(frame, online=True, online_geocoder=online)
    assert list(out["geo_precision"]) == ["city", "country"]
    assert list(out["geo_source"]) == ["gazetteer", "country-centroid"]
    assert any(type(error).__name__ in w for w in warnings)
    assert any(w.startswith("line 7: 'B'") and "Kinderdijk" in w for w in warnings)


def test_rows_differing_only_in_spelling_or_code_number_share_a_look_up():
    gazetteer = FakeGazetteer()
    frame = partners(row("A", "LEUVEN", "BE", code="B  LEUVEN01"), row("B", "Leuven", "BE", code="B LEUVEN02"))
    run(frame, geocoder=gazetteer)
    assert len(gazetteer.questions) == 1


def test_a_second_run_is_answered_from_the_cache(tmp_path):
    path = tmp_path / ".geocache.json"
    frame = partners(row("A", "Leuven", "BE"), row("B", "Kinderdijk", "NL"))
    first, _ = run(frame, cache_path=path)
    second, warnings = run(frame, cache_path=path, geocoder=Exploding(), centroid=lambda iso2: None)
    assert list(second["geo_source"]) == ["cache", "cache"]
    assert second[["lat", "lon", "geo_precision"]].equals(first[["lat", "lon", "geo_precision"]])


def test_country_level_cache_entries_are_retried_online(tmp_path):
    path = tmp_path / ".geocache.json"
    frame = partners(row("B", "Kinderdijk", "NL"))
    run(frame, cache_path=path)
    out, _ = run(frame, cache_path=path, online=True, online_geocoder=FakeOnline())
    assert out.loc[0, "geo_source"] == "nominatim"


def test_a_corrupt_cache_is_reported_and_the_run_goes_on(tmp_path):
    path = tmp_path / ".geocache.json"
    path.write_bytes(b'{"entries": {"x": ')
    out, warnings = run(partners(row("A", "Leuven", "BE")), cache_path=path)
    assert out.loc[0, "geo_precision"] == "city"
    assert any("unreadable" in w and "rebuilt" in w for w in warnings)
    assert GeocodeCache(path, matcher="fake-1").warnings == []


def test_rows_without_a_country_are_kept_unresolved_with_a_warning():
    out, warnings = run(partners(row("Nameless Institute", "Leuven", "", line=9)))
    assert out.loc[0, "geo_precision"] == "unresolved"
    assert warnings == [
        "line 9: 'Nameless Institute' has no country, so it could not be placed: its coordinates are "
        "empty. Add the country (and city) to place it."
    ]


def test_an_overseas_postcode_puts_the_centre_in_the_territory():
    out, warnings = run(partners(row("Lycée", "Ravine des Cabris", "FR", postcode="97432", line=4)))
    assert (out.loc[0, "lat"], out.loc[0, "lon"]) == CENTRES["RE"]
    assert "centre of Réunion" in warnings[0]


def test_the_progress_bar_stays_off_stderr_when_it_is_not_a_terminal(capsys):
    run(partners(row("A", "Leuven", "BE")), progress=True)
    assert capsys.readouterr().err == ""


def test_an_empty_list_gives_an_empty_frame_with_geo_columns():
    out, warnings = run(partners())
    assert out.empty and {"lat", "lon", "geo_precision", "geo_source"} <= set(out.columns) and warnings == []


def test_the_real_gazetteer_is_the_default():
    out, _ = geocode_partners(partners(row("KU Leuven", "LEUVEN", "BE"), row("Hanze", "", "NL", code="NL GRONING03")))
    assert list(out["geo_precision"]) == ["city", "city"]
    assert out.loc[1, "lat"] == pytest.approx(53.22, abs=0.05)
