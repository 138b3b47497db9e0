"""Geocoding behind one interface: manual coordinates, a cache, an offline gazetteer, Nominatim, country centres."""

from dashboard.geocoding.cache import GeocodeCache
from dashboard.geocoding.centroids import country_centroid
from dashboard.geocoding.chain import PartnerGeocoder, geocode_partners
from dashboard.geocoding.gazetteer import GazetteerGeocoder
from dashboard.geocoding.online import NominatimAdapter

__all__ = [
    "GazetteerGeocoder",
    "GeocodeCache",
    "NominatimAdapter",
    "PartnerGeocoder",
    "country_centroid",
    "geocode_partners",
]
