"""The loaded dataset: partners, mobility flows, campuses, key figures and the home institution.

Plain pandas frames with fixed columns, built once at start-up; every view reads from here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

from dashboard.i18n import DEFAULT_LANGUAGE, LANGUAGES
from dashboard.report import ImportReport

if TYPE_CHECKING:
    from dashboard.indexes import DatasetIndexes

TIERS = ("strategic", "collaboration", "mobility")  # top of the pyramid first
ACTIVITIES = (
    "student_mobility",
    "staff_mobility",
    "internship",
    "benchmarking",
    "research",
    "joint_degree",
    "double_degree",
    "multiple_degree",
)
GEO_PRECISIONS = ("manual", "address", "city", "country", "unresolved")
DIRECTIONS = ("outgoing", "incoming")
PARTICIPANTS = ("student", "staff")
DURATIONS = ("semester", "short_term")
# The world regions (continents, as in partners.region) people filter by and the map can frame, in display order.
REGIONS = ("Europe", "Asia", "Africa", "North America", "South America", "Oceania")

# Columns of Dataset.partners, in order. Multi-valued fields are tuples of strings.
PARTNER_COLUMNS = (
    "partner_id",  # str, stable, unique
    "name",  # str
    "city",  # str ("" when unknown)
    "country",  # ISO-2
    "country_name",  # English common name
    "region",  # continent, e.g. "Europe"
    "tier",  # one of TIERS
    "activities",  # tuple[str, ...] from ACTIVITIES
    "networks",  # tuple[str, ...]
    "website",  # str ("" when unknown)
    "erasmus_code",  # str ("" when unknown), normalised spacing as "NL ROTTERD03"
    "agreement_start",  # Int64 year or <NA>
    "agreement_end",  # Int64 year or <NA>
    "campuses",  # tuple[str, ...] of home campus groups
    "lat",
    "lon",  # float or NaN
    "geo_precision",  # one of GEO_PRECISIONS
    "geo_source",  # str: manual, cache, gazetteer, nominatim, country-centroid
    "source_line",  # int: line in the input file
)
# Columns of Dataset.mobility: one aggregated flow per row.
MOBILITY_COLUMNS = (
    "academic_year",  # "2023-2024"
    "year",  # int, first calendar year of the academic year (2023)
    "partner_id",
    "direction",  # outgoing / incoming
    "participant",  # student / staff
    "duration",  # semester / short_term
    "campus",  # home campus group, e.g. "Leuven" or "Limburg"
    "count",  # int >= 0
)
MOBILITY_TYPES = ("student_studies", "student_traineeship", "staff_teaching", "staff_training")
AGREEMENT_STATUSES = ("draft", "signed", "in_effect", "terminated")
EQF_LEVELS = (5, 6, 7, 8)  # short cycle, bachelor, master, doctoral
# Columns of Dataset.agreements: one cooperation condition (direction x mobility type) per row.
AGREEMENT_COLUMNS = (
    "agreement_id",  # str ("" when not given)
    "partner_id",
    "department",  # organisational unit on either side ("" when not given)
    "mobility_type",  # one of MOBILITY_TYPES
    "direction",  # outgoing (we send) / incoming (we receive)
    "fields",  # tuple[str, ...] of ISCED-F 2013 codes (2, 3 or 4 digits); () for any field
    "field_note",  # str: the clarification beside the codes
    "levels",  # tuple[int, ...] of EQF_LEVELS; () for any level
    "places",  # float or NaN (not yet defined): mobilities per academic year
    "months_per_year",  # float or NaN (students)
    "days_per_year",  # float or NaN (staff)
    "languages",  # tuple[str, ...] such as ("en:B2", "nl")
    "first_year",  # Int64: first calendar year of the first academic year, or <NA> (open)
    "last_year",  # Int64: first calendar year of the last academic year, or <NA> (open)
    "status",  # one of AGREEMENT_STATUSES
    "blended",  # True, False or None (not said)
    "source_line",  # int: line in the input file (0 for agreements read from EWP XML)
)
CAMPUS_COLUMNS = ("campus", "group", "city", "lat", "lon")
KEY_FIGURE_COLUMNS = ("label", "value", "unit", "source")
# Optional wording per interface language (label_nl, unit_de, source_fr, ...: one set per .po catalogue); a
# blank translation falls back to the English column.
KEY_FIGURE_TRANSLATIONS = tuple(
    f"{field}_{code}" for code in LANGUAGES if code != DEFAULT_LANGUAGE for field in ("label", "unit", "source")
)


def key_figure_text(row, field: str, language: str) -> str:
    """A key figure's label, unit or source in the page's language, as the office wrote it (English when not
    given)."""
    return str(getattr(row, f"{field}_{language}", "") or getattr(row, field, "") or "")


@dataclass(frozen=True)
class Institution:
    """The home institution, read from data/institution.toml."""

    name: str
    short_name: str
    city: str
    country: str
    lat: float
    lon: float
    networks: tuple[str, ...] = ()
    website: str = ""
    hei_id: str = ""  # the Erasmus Without Paper id (a SCHAC code such as ucll.be); "" when not given


@dataclass
class Dataset:
    institution: Institution
    partners: pd.DataFrame
    mobility: pd.DataFrame
    campuses: pd.DataFrame
    key_figures: pd.DataFrame
    report: ImportReport = field(default_factory=ImportReport)
    agreements: pd.DataFrame = field(default_factory=lambda: empty_frame(AGREEMENT_COLUMNS))

    @property
    def indexes(self) -> DatasetIndexes:
        """The arrays filtering and the charts read (dashboard.indexes), built on first use and kept until one
        of the frames is replaced. load_dataset builds them, so a served dataset has them before any request
        (and before gunicorn forks its workers)."""
        built = self.__dict__.get("_indexes")
        if built is None:
            # Imported here: the indexes are derived from the model and sit a floor above it.
            from dashboard.indexes import DatasetIndexes

            built = self.__dict__["_indexes"] = DatasetIndexes(self.partners, self.mobility, self.campuses)
        return built

    def __setattr__(self, name: str, value) -> None:
        if name in DERIVED_FROM:
            self.__dict__.pop("_indexes", None)  # derived from the frame being replaced
        super().__setattr__(name, value)

    @property
    def academic_years(self) -> list[str]:
        return list(self.indexes.years)

    @property
    def campus_groups(self) -> list[str]:
        return list(self.indexes.campuses)


# The frames Dataset.indexes is derived from.
DERIVED_FROM = ("partners", "mobility", "campuses")


# Text columns of Dataset.mobility that a loaded dataset keeps as pandas categoricals (see compact_mobility).
CATEGORICAL_MOBILITY_COLUMNS = ("academic_year", "partner_id", "direction", "participant", "duration", "campus")


def compact_mobility(mobility: pd.DataFrame) -> pd.DataFrame:
    """The mobility rows with their text columns as categoricals: a million rows hold 30 MB instead of 450 (one
    Python string per cell), and gunicorn's workers share them, since no per-cell object's reference count is
    touched (which would copy its memory page into every worker)."""
    out = mobility.copy()
    for column in CATEGORICAL_MOBILITY_COLUMNS:
        if column in out and not isinstance(out[column].dtype, pd.CategoricalDtype):
            out[column] = out[column].astype("category")
    return out


def empty_frame(columns: tuple[str, ...]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
