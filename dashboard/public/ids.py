"""Component ids of the public pages (/destinations and /embed), typed once."""

URL = "public-url"
# /destinations
FIELD = "dest-field"
LEVEL = "dest-level"
PERIOD = "dest-period"
SPEAKS = "dest-speaks"
REGION = "dest-region"
COUNTRY = "dest-country"
SORT = "dest-sort"
COUNT = "dest-count"
EMPTY = "dest-empty"
BROADER = "dest-broader"
CARDS = "dest-cards"
MAP = "dest-map"
FIGURES = "dest-figures"
LANGUAGE_LINKS = "dest-languages"
FILTERS_TOGGLE = "dest-filters-toggle"
CONTROLS = "dest-controls"
# /embed
TIER = "embed-tier"
EMBED_REGION = "embed-region"
SEARCH = "embed-search"
EMBED_MAP = "embed-map"
FULL_VIEW = "embed-full-view"

DESTINATION_CONTROLS = (FIELD, LEVEL, PERIOD, SPEAKS, REGION, COUNTRY, SORT)
EMBED_CONTROLS = (TIER, EMBED_REGION, SEARCH)
