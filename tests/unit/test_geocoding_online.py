"""The Nominatim adapter against fakes: pacing, user agent, and every failure turned into "unresolved"."""

import pytest
from geopy.exc import (
    GeocoderInsufficientPrivileges,
    GeocoderRateLimited,
    GeocoderServiceError,
    GeocoderTimedOut,
    GeocoderUnavailable,
)
from geopy.location import Location

from dashboard.config import Settings
from dashboard.geocoding import NominatimAdapter

LEUVEN = {"city": "Leuven", "country": "BE", "name": "UCLL", "street": "", "postcode": "", "erasmus_code": ""}


class FakeNominatim:
    """Answers like geopy's Nominatim, or raises what it is told to; records every request."""

    def __init__(self, *, error: Exception | None = None, answer=(50.88, 4.70)):
        self.error = error
        self.answer = answer
        self.requests = []

    def geocode(self, query, exactly_one=True, country_codes=None):
        self.requests.append((query, country_codes))
        if self.error is not None:
            raise self.error
        if self.answer is None:
            return None
        return Location("Leuven, Vlaams-Brabant, België", self.answer, {"place_id": 1})


class FakeTime:
    def __init__(self):
        self.now = 1000.0
        self.sleeps = []

    def clock(self):
        return self.now

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds


def adapter(fake, clock=None):
    clock = clock or FakeTime()
    return NominatimAdapter("partner-atlas-test/1.0", geocoder=fake, sleep=clock.sleep, clock=clock.clock)


def test_a_found_city_comes_back_with_its_precision():
    fake = FakeNominatim()
    location = adapter(fake).geocode(LEUVEN)
    assert (location.latitude, location.longitude) == (50.88, 4.70)
    assert location.raw["precision"] == "city"
    assert fake.requests == [({"city": "Leuven"}, "be")]


def test_a_street_asks_for_an_address_and_no_city_asks_for_the_name():
    fake = FakeNominatim()
    online = adapter(fake)
    assert online.geocode({**LEUVEN, "street": "Geldenaaksebaan 335", "postcode": "3001"}).raw["precision"] == "address"
    online.geocode({**LEUVEN, "city": ""})
    assert fake.requests[0][0] == {"street": "Geldenaaksebaan 335", "city": "Leuven", "postalcode": "3001"}
    assert fake.requests[1][0] == "UCLL"


def test_not_found_is_none_without_a_failure():
    online = adapter(FakeNominatim(answer=None))
    assert online.geocode(LEUVEN) is None
    assert online.failures == []


@pytest.mark.parametrize(
    "error",
    [
        GeocoderTimedOut("Service timed out"),
        GeocoderServiceError("HTTP Error 500"),
        GeocoderRateLimited("HTTP Error 429", retry_after=60),
        GeocoderInsufficientPrivileges("HTTP Error 403: Forbidden"),
        GeocoderUnavailable("HTTP Error 503"),
        OSError("Network is unreachable"),
    ],
)
def test_every_failure_is_unresolved_with_a_message_never_a_crash(error):
    online = adapter(FakeNominatim(error=error))
    assert online.geocode(LEUVEN) is None
    assert online.failures and type(error).__name__ in online.failures[0] and "Leuven" in online.failures[0]


def test_a_refusal_stops_online_look_ups_for_the_rest_of_the_run():
    fake = FakeNominatim(error=GeocoderInsufficientPrivileges("HTTP Error 403: Forbidden"))
    online = adapter(fake)
    online.geocode(LEUVEN)
    online.geocode({**LEUVEN, "city": "Gent"})
    assert len(fake.requests) == 1
    assert "no more online look-ups" in online.failures[-1]


def test_requests_are_paced_at_one_a_second():
    time = FakeTime()
    online = adapter(FakeNominatim(), time)
    for city in ("Leuven", "Gent", "Brugge"):
        online.geocode({**LEUVEN, "city": city})
    assert sum(time.sleeps) == pytest.approx(2.0)  # nothing before the first, one second before each next
    assert online.min_delay_seconds == 1


def test_the_real_nominatim_gets_the_configured_user_agent_and_a_timeout():
    user_agent = Settings().user_agent
    online = NominatimAdapter(user_agent)  # built, never called: tests stay off the network
    assert online.geocoder.headers["User-Agent"] == user_agent
    assert online.geocoder.timeout == 10
