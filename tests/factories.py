"""A small deterministic dataset built in code, so unit tests never depend on the sample files.

Nine partners, three per tier: two share Groningen (P01, P04), one sits at country precision (P06, Mexico),
agreements with open ends, mobility over three academic years from two home campuses.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from dashboard.model import (
    CAMPUS_COLUMNS,
    KEY_FIGURE_COLUMNS,
    MOBILITY_COLUMNS,
    PARTNER_COLUMNS,
    Dataset,
    Institution,
)

HOME = Institution(
    name="UC Leuven-Limburg",
    short_name="UCLL",
    city="Leuven",
    country="BE",
    lat=50.8798,
    lon=4.7005,
    networks=("EURASHE",),
    website="https://www.ucll.be",
)
YEARS = ("2021-2022", "2022-2023", "2023-2024")

# partner_id, name, city, country, country_name, region, tier, activities, start, end, campuses, lat, lon, precision
PARTNERS = (
    (
        "P01",
        "Hanze University of Applied Sciences",
        "Groningen",
        "NL",
        "Netherlands",
        "Europe",
        "strategic",
        ("student_mobility", "staff_mobility", "research"),
        2018,
        None,
        ("Leuven", "Limburg"),
        53.2194,
        6.5665,
        "city",
    ),
    (
        "P02",
        "Turku University of Applied Sciences",
        "Turku",
        "FI",
        "Finland",
        "Europe",
        "strategic",
        ("student_mobility", "benchmarking"),
        2019,
        2027,
        ("Leuven",),
        60.4518,
        22.2666,
        "city",
    ),
    (
        "P03",
        "Strathmore University",
        "Nairobi",
        "KE",
        "Kenya",
        "Africa",
        "strategic",
        ("internship",),
        2021,
        2025,
        ("Limburg",),
        -1.2921,
        36.8219,
        "city",
    ),
    (
        "P04",
        "University of Groningen",
        "Groningen",
        "NL",
        "Netherlands",
        "Europe",
        "collaboration",
        ("research", "joint_degree"),
        None,
        2024,
        ("Leuven",),
        53.2194,
        6.5665,
        "city",
    ),
    (
        "P05",
        "Universidade de Lisboa",
        "Lisbon",
        "PT",
        "Portugal",
        "Europe",
        "collaboration",
        ("student_mobility", "double_degree"),
        2015,
        2020,
        ("Limburg",),
        38.7223,
        -9.1393,
        "city",
    ),
    (
        "P06",
        "Universidad Tecnológica",
        "",
        "MX",
        "Mexico",
        "North America",
        "collaboration",
        ("staff_mobility", "benchmarking"),
        2022,
        None,
        ("Leuven",),
        23.6345,
        -102.5528,
        "country",
    ),
    (
        "P07",
        "Hanyang University",
        "Seoul",
        "KR",
        "South Korea",
        "Asia",
        "mobility",
        ("student_mobility",),
        2020,
        2026,
        ("Leuven",),
        37.5665,
        126.9780,
        "city",
    ),
    (
        "P08",
        "Jyväskylä University of Applied Sciences",
        "Jyväskylä",
        "FI",
        "Finland",
        "Europe",
        "mobility",
        ("student_mobility", "staff_mobility"),
        2014,
        2021,
        ("Limburg",),
        62.2426,
        25.7473,
        "city",
    ),
    (
        "P09",
        "Universidad de Chile",
        "Santiago",
        "CL",
        "Chile",
        "South America",
        "mobility",
        ("student_mobility",),
        2023,
        2028,
        (),
        -33.4489,
        -70.6693,
        "city",
    ),
)


def make_partner(**overrides: Any) -> dict[str, Any]:
    """One partner row with every column filled, ready to pass to make_dataset(partners=[...])."""
    row: dict[str, Any] = {
        "partner_id": "X01",
        "name": "Example University",
        "city": "Ghent",
        "country": "BE",
        "country_name": "Belgium",
        "region": "Europe",
        "tier": "mobility",
        "activities": ("student_mobility",),
        "networks": (),
        "website": "https://example.edu",
        "erasmus_code": "",
        "agreement_start": 2020,
        "agreement_end": None,
        "campuses": ("Leuven",),
        "lat": 51.0543,
        "lon": 3.7174,
        "geo_precision": "city",
        "geo_source": "gazetteer",
        "source_line": 99,
    }
    row.update(overrides)
    return row


def default_partners() -> list[dict[str, Any]]:
    rows = []
    for line, (
        pid,
        name,
        city,
        country,
        cname,
        region,
        tier,
        acts,
        start,
        end,
        campuses,
        lat,
        lon,
        precision,
    ) in enumerate(PARTNERS, start=2):
        rows.append(
            make_partner(
                partner_id=pid,
                name=name,
                city=city,
                country=country,
                country_name=cname,
                region=region,
                tier=tier,
                activities=acts,
                networks=("UAS4EUROPE",) if tier == "strategic" else (),
                website=f"https://{pid.lower()}.example.edu",
                erasmus_code=f"{country} TEST{pid[1:]}",
                agreement_start=start,
                agreement_end=end,
                campuses=campuses,
                lat=lat,
                lon=lon,
                geo_precision=precision,
                geo_source="country-centroid" if precision == "country" else "gazetteer",
                source_line=line,
            )
        )
    return rows


def default_mobility(partners: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every partner, year, direction and participant, with counts from a fixed formula (some are 0).

    The home campus cycles through the partner's campuses ("Leuven" when it names none).
    """
    rows = []
    for p, partner in enumerate(partners):
        pid, campuses = partner["partner_id"], tuple(partner["campuses"]) or ("Leuven",)
        for y, year in enumerate(YEARS):
            for d, direction in enumerate(("outgoing", "incoming")):
                for s, participant in enumerate(("student", "staff")):
                    count = (p * 7 + y * 3 + d * 2 + s * 5) % 6
                    if participant == "staff" and year == "2022-2023":
                        count = 0  # a year with no staff at all: charts must still show it
                    rows.append(
                        {
                            "academic_year": year,
                            "year": int(year[:4]),
                            "partner_id": pid,
                            "direction": direction,
                            "participant": participant,
                            "duration": "semester" if participant == "student" else "short_term",
                            "campus": campuses[y % len(campuses)],
                            "count": count,
                        }
                    )
    return rows


def mobility_row(
    year: str, direction="outgoing", participant="student", count=1, partner="A", duration="semester", campus="Leuven"
) -> dict:
    """One mobility row with every column filled, ready to pass to make_dataset(mobility=[...])."""
    return {
        "academic_year": year,
        "year": int(year[:4]),
        "partner_id": partner,
        "direction": direction,
        "participant": participant,
        "duration": duration,
        "campus": campus,
        "count": count,
    }


def make_dataset(
    partners: list[dict[str, Any]] | None = None,
    mobility: list[dict[str, Any]] | None = None,
    institution: Institution = HOME,
) -> Dataset:
    """The test dataset; pass rows (see make_partner) to replace the partners or the mobility."""
    partner_rows = default_partners() if partners is None else partners
    mobility_rows = default_mobility(partner_rows) if mobility is None else mobility
    return Dataset(
        institution=institution,
        partners=partners_frame(partner_rows),
        mobility=mobility_frame(mobility_rows),
        campuses=pd.DataFrame(
            [
                ("Proximus", "Leuven", "Leuven", 50.8749, 4.7077),
                ("Gasthuisberg", "Leuven", "Leuven", 50.8802, 4.6730),
                ("Diepenbeek", "Limburg", "Diepenbeek", 50.9295, 5.3923),
            ],
            columns=list(CAMPUS_COLUMNS),
        ),
        key_figures=pd.DataFrame(
            [("Partner institutions", 250, "", "UCLL 2024"), ("Outgoing students", 900, "per year", "UCLL 2024")],
            columns=list(KEY_FIGURE_COLUMNS),
        ),
    )


def partners_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=list(PARTNER_COLUMNS))
    for column in ("agreement_start", "agreement_end"):
        frame[column] = pd.array([None if pd.isna(v) else int(v) for v in frame[column]], dtype="Int64")
    for column in ("lat", "lon"):
        frame[column] = frame[column].astype("float64")
    frame["source_line"] = frame["source_line"].astype("int64")
    return frame


def mobility_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=list(MOBILITY_COLUMNS))
    frame["year"] = frame["year"].astype("int64")
    frame["count"] = frame["count"].astype("int64")
    return frame


MAP_HOSTILE_NAME = "<img src=x onerror=alert(1)>"
GRONINGEN = (53.2194, 6.5665)


def map_dataset() -> Dataset:
    """The default partners and a third Groningen partner whose name and city would run as HTML if unescaped."""
    return make_dataset(
        partners=default_partners()
        + [
            make_partner(
                partner_id="P10",
                name=MAP_HOSTILE_NAME,
                city="Groningen<script>",
                country="NL",
                country_name="Netherlands",
                region="Europe",
                lat=GRONINGEN[0],
                lon=GRONINGEN[1],
                activities=("research",),
            )
        ]
    )


def filtered_map(builder, dataset: Dataset, query: str = "", **options):
    """(figure, view): a map builder (world_map, geo_map) called on the partners the filter `query` shows."""
    from dashboard.filters import FilterState, apply

    view = apply(FilterState.from_query(query, dataset), dataset)
    return builder(view.partners, home=dataset.institution, theme=options.pop("theme", "light"), **options), view
