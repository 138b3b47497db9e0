"""The 5,912 Erasmus Charter holders, geocoded offline: at least 97% placed at city precision, in the right places."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.distance import distance_km
from dashboard.geocoding import geocode_partners
from dashboard.importing import read_partner_rows

REAL = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "real"
ECHE_CSV = REAL / "eche" / "eche_holders.csv"

pytestmark = [
    pytest.mark.real_data,
    pytest.mark.skipif(
        not ECHE_CSV.is_file(), reason=f"{ECHE_CSV} not found: this test needs ../shared/data/real beside the project"
    ),
]


@pytest.fixture(scope="module")
def eche():
    rows, _ = read_partner_rows(ECHE_CSV, require_tier=False)
    placed, warnings = geocode_partners(rows)
    return rows, placed, warnings


def test_every_row_comes_back_in_order(eche):
    rows, placed, _ = eche
    assert len(placed) == len(rows) == 5912
    assert placed["erasmus_code"].tolist() == rows["erasmus_code"].tolist()


def test_at_least_97_percent_are_placed_at_city_precision_or_better(eche):
    _, placed, _ = eche
    share = placed["geo_precision"].isin(["manual", "address", "city"]).mean()
    assert share >= 0.97, placed.loc[~placed["geo_precision"].isin(["city"]), ["city", "country"]].to_string()


def test_every_row_is_at_least_in_its_country(eche):
    _, placed, warnings = eche
    assert (placed["geo_precision"] != "unresolved").all()
    country_level = placed[placed["geo_precision"] == "country"]
    assert len(warnings) >= len(country_level)
    for line in country_level["source_line"]:
        assert any(w.startswith(f"line {line}:") for w in warnings)


@pytest.mark.parametrize(
    "code, city_text, lat, lon",
    [
        ("B LEUVEN01", None, 50.88, 4.70),
        ("B DIEPENB01", None, 50.91, 5.42),
        ("G ATHINE01", None, 37.98, 23.73),
        ("F PARIS", "PARIS CEDEX", 48.86, 2.35),
        ("CZ PRAHA", "Praha 3", 50.09, 14.42),
        ("IRLDUBLIN", None, 53.35, -6.26),
        ("A KREMS", None, 48.41, 15.60),
        ("PL WROCLAW", None, 51.11, 17.03),
        ("F FORT-FR", "FORT", 14.60, -61.07),
        ("F ST-DENI", "SAINT DENIS DE LA REUNION", -20.88, 55.45),
    ],
)
def test_known_institutions_land_near_their_city(eche, code, city_text, lat, lon):
    _, placed, _ = eche
    compact_codes = placed["erasmus_code"].str.replace(r"\s+", " ", regex=True)
    chosen = placed[compact_codes.str.startswith(code)]
    if city_text:
        chosen = chosen[chosen["city"].str.contains(city_text, case=False, regex=False)]
    assert not chosen.empty, f"no row with code {code} and city {city_text!r}"
    for _, row in chosen.iterrows():
        assert row["geo_precision"] == "city", (row["city"], row["erasmus_code"])
        assert distance_km((row["lat"], row["lon"]), (lat, lon)) <= 15, (row["city"], row["lat"], row["lon"])
