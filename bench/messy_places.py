"""Benchmark: the geocoder on messy Erasmus+ place names, by failure class (tests/geocoding/messy_places.csv).

    .venv/bin/python -m bench.messy_places [--show]

The development set is written by hand (no row copied from a public repository), one class per failure kind the
issue names, each row with the coordinates of the city meant, typed from a map. Per class: rows, placed within
25 km of the city meant, answers claiming city precision, wrong city answers (city precision, more than 25 km
off), country-level answers. --show lists every row with its answer and geo_note.
"""

from __future__ import annotations

import argparse
import csv
from collections import defaultdict
from pathlib import Path

import pandas as pd

DEV_SET = Path(__file__).resolve().parents[1] / "tests" / "geocoding" / "messy_places.csv"
RADIUS_KM = 25.0


def read_dev_set(path: Path = DEV_SET) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def geocode_dev_set(rows: list[dict]) -> pd.DataFrame:
    """The dev set's rows with lat, lon, geo_precision, geo_note and the distance to the city meant."""
    from dashboard.distance import distance_km
    from dashboard.geocoding import geocode_partners

    partners = pd.DataFrame(
        [{"name": "", "city": r["city"], "country": r["country"], "erasmus_code": r["erasmus_code"]} for r in rows]
    )
    placed, _ = geocode_partners(partners)
    placed["class"] = [r["class"] for r in rows]
    placed["expected"] = [r["expected"] for r in rows]
    placed["km"] = [
        distance_km((lat, lon), (float(r["lat"]), float(r["lon"]))) if lat == lat else float("inf")
        for lat, lon, r in zip(placed["lat"], placed["lon"], rows)
    ]
    return placed


def per_class(placed: pd.DataFrame) -> list[dict]:
    table = defaultdict(lambda: {"rows": 0, "within_25km": 0, "city_answers": 0, "wrong_city": 0, "country": 0})
    for row in placed.itertuples():
        for name in (row[placed.columns.get_loc("class") + 1], "all"):
            entry = table[name]
            entry["rows"] += 1
            entry["within_25km"] += row.km <= RADIUS_KM
            city = row.geo_precision in ("city", "address")
            entry["city_answers"] += city
            entry["wrong_city"] += city and row.km > RADIUS_KM
            entry["country"] += row.geo_precision == "country"
    return [{"class": name, **counts} for name, counts in table.items()]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--show", action="store_true")
    parser.add_argument("--file", type=Path, default=DEV_SET, help="another set in the same columns")
    args = parser.parse_args()
    placed = geocode_dev_set(read_dev_set(args.file))
    if args.show:
        for row in placed.itertuples():
            print(
                f"{row[placed.columns.get_loc('class') + 1]:16} {row.city!r:36} {row.country} -> "
                f"{row.geo_precision:8} {row.km:8.1f} km  {getattr(row, 'geo_note', '')}"
            )
    print("| class | rows | within 25 km | city-precision answers | of those wrong | country level |")
    print("|---|---:|---:|---:|---:|---:|")
    for entry in per_class(placed):
        print(
            f"| {entry['class']} | {entry['rows']} | {entry['within_25km']} | {entry['city_answers']} | "
            f"{entry['wrong_city']} | {entry['country']} |"
        )


if __name__ == "__main__":
    main()
