"""The online geocoder, used only with --online: Nominatim, one request a second, and no failure ever fatal.

Nominatim's usage policy asks for a real user agent and at most one request per second; the adapter keeps the
pace itself (geopy's RateLimiter would, but its clock and sleep can be replaced only through private attributes,
and tests must run the pacing without waiting). Any error (timeout, refusal, no network) makes that partner "unresolved" here, so the chain
falls back to the country's centre, and the run goes on.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping

from geopy.adapters import RequestsAdapter, URLLibAdapter
from geopy.exc import (
    GeocoderInsufficientPrivileges,
    GeocoderRateLimited,
    GeocoderTimedOut,
    GeocoderUnavailable,
    GeopyError,
)
from geopy.geocoders import Nominatim
from geopy.location import Location

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT_SECONDS = 10
# After this many refusals, rate limits, timeouts or outages in a row the service is treated as down for the rest
# of the run: a run with hundreds of unplaced rows must not wait out a dead service row after row.
MAX_CONSECUTIVE_OUTAGES = 3


def no_retry_adapter(**kwargs):
    """geopy's HTTP adapter without its own retries: requests' default would honour a 429's Retry-After (often
    60 s) twice per row before this adapter even hears of the failure."""
    if RequestsAdapter.is_available:
        return RequestsAdapter(max_retries=0, **kwargs)
    return URLLibAdapter(**kwargs)  # never retries


class NominatimAdapter:
    """Looks partners up on OpenStreetMap's Nominatim; `failures` collects messages for the user."""

    def __init__(
        self,
        user_agent: str,
        *,
        geocoder=None,
        timeout: float = DEFAULT_TIMEOUT_SECONDS,
        min_delay_seconds: float = 1.0,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        domain: str | None = None,
        scheme: str | None = None,
    ):
        """domain and scheme point at another Nominatim (a mirror, or a fake one on loopback in tests); sleep and
        clock pace the requests (fakes in tests run the real pacing without waiting)."""
        where = {k: v for k, v in (("domain", domain), ("scheme", scheme)) if v}
        self.geocoder = (
            geocoder
            if geocoder is not None
            else Nominatim(user_agent=user_agent, timeout=timeout, adapter_factory=no_retry_adapter, **where)
        )
        self.min_delay_seconds = min_delay_seconds
        self._wait, self._now = sleep, clock
        self._last_request: float | None = None
        self.failures: list[str] = []
        self.disabled_reason = ""
        self._outages = 0

    def _paced(self, request: dict[str, str] | str, country_code: str) -> Location | None:
        """One request to the service, at least min_delay_seconds after the start of the one before."""
        if self._last_request is not None:
            wait = self._last_request + self.min_delay_seconds - self._now()
            if wait > 0:
                self._wait(wait)
        self._last_request = self._now()
        return self.geocoder.geocode(request, exactly_one=True, country_codes=country_code)

    def geocode(self, query: Mapping[str, str], exactly_one: bool = True) -> Location | None:
        """A partner's place (query: city, country, name, street, postcode), or None when not found or failed."""
        if self.disabled_reason:
            return None
        country = str(query.get("country", "") or "")
        city = str(query.get("city", "") or "").strip()
        street = str(query.get("street", "") or "").strip()
        request: dict[str, str] | str
        if city or street:
            request = {
                k: v
                for k, v in (
                    ("street", street),
                    ("city", city),
                    ("postalcode", str(query.get("postcode", "") or "").strip()),
                )
                if v
            }
            precision = "address" if street else "city"
        else:
            request = str(query.get("name", "") or "").strip()
            precision = "address"
        if not request or not country:
            return None
        try:
            location = self._paced(request, country.lower())
        except (GeocoderInsufficientPrivileges, GeocoderRateLimited, GeocoderTimedOut, GeocoderUnavailable) as error:
            self._outages += 1
            self._fail(query, error)
            if isinstance(error, GeocoderInsufficientPrivileges) or self._outages >= MAX_CONSECUTIVE_OUTAGES:
                self.disabled_reason = (
                    f"Nominatim refused, timed out or was unreachable ({type(error).__name__}: "
                    f"{error}); no more online look-ups in this run."
                )
                self.failures.append(self.disabled_reason)
            return None
        except (GeopyError, OSError, ValueError) as error:
            self._fail(query, error)
            return None
        self._outages = 0
        if location is None:
            return None
        raw = dict(location.raw) if isinstance(location.raw, dict) else {}
        raw["precision"] = precision
        return Location(location.address, (location.latitude, location.longitude), raw)

    def _fail(self, query: Mapping[str, str], error: Exception) -> None:
        where = ", ".join(str(query.get(k) or "") for k in ("city", "country") if query.get(k)) or str(
            query.get("name", "")
        )
        message = (
            f"Nominatim could not place {query.get('name') or where!r} ({where}): "
            f"{type(error).__name__}: {error}; it was placed by the offline steps instead."
        )
        log.warning(message)
        self.failures.append(message)
