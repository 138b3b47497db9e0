"""Regenerate the illustrative mobility counts in data/mobility.csv from data/partners.csv.

The counts are invented but shaped to be plausible for UCLL (see dashboard/sample_data/README.md): a few hundred outgoing
semester students a year across all partners, more short-term mobility once blended intensive programmes
arrived, fewer staff, incoming below outgoing, a COVID dip in 2020-2021, more volume for higher tiers.
The same partners.csv and seed always give the same file.

    python data/make_mobility.py [--partners data/partners.csv] [--output data/mobility.csv] [--seed 2025]
"""

from __future__ import annotations

import argparse
import random
from collections import Counter
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
FIRST_YEARS = range(2019, 2025)  # 2019-2020 .. 2024-2025
CAMPUS_SHARE = {"Leuven": 0.6, "Limburg": 0.4}  # Leuven's campuses hold the larger part of the students

# Whole-institution totals per academic year before COVID, per (direction, participant, duration).
BASE_TOTALS = {
    ("outgoing", "student", "semester"): 400,
    ("outgoing", "student", "short_term"): 260,
    ("outgoing", "staff", "semester"): 6,
    ("outgoing", "staff", "short_term"): 140,
    ("incoming", "student", "semester"): 300,
    ("incoming", "student", "short_term"): 160,
    ("incoming", "staff", "semester"): 4,
    ("incoming", "staff", "short_term"): 110,
}
# Year factors: the 2020-2021 dip, then recovery; short-term mobility grows past its old level because
# Erasmus+ 2021-2027 introduced blended intensive programmes.
YEAR_FACTOR = {
    "semester": {2019: 1.0, 2020: 0.45, 2021: 0.85, 2022: 1.02, 2023: 1.08, 2024: 1.12},
    "short_term": {2019: 1.0, 2020: 0.15, 2021: 0.7, 2022: 1.45, 2023: 1.85, 2024: 2.1},
}
TIER_WEIGHT = {"strategic": 6.0, "collaboration": 3.0, "mobility": 1.0}
# Blended intensive programmes and staff weeks are mostly European; long-haul partners get less of them.
FAR_WEIGHT = {"semester": 0.6, "short_term": 0.2}
EUROPE = set(
    "AT BE BG CH CY CZ DE DK EE ES FI FR GB GR HR HU IE IS IT LT LU LV MT NL NO PL PT RO SE SI SK TR".split()
)


def academic_year(first: int) -> str:
    return f"{first}-{first + 1}"


def split(value: object) -> set[str]:
    return {part.strip() for part in str(value or "").split(";") if part.strip()}


def generate(partners: pd.DataFrame, seed: int = 2025) -> pd.DataFrame:
    """Aggregated flows with the columns of mobility.csv; zero counts are left out."""
    rng = random.Random(seed)
    # A stable per-partner size, so a partner that is busy one year is busy the next.
    profile = {pid: rng.lognormvariate(0.0, 0.5) for pid in partners["partner_id"]}
    rows = []
    for first in FIRST_YEARS:
        for (direction, participant, duration), base in BASE_TOTALS.items():
            for campus, share in CAMPUS_SHARE.items():
                eligible, weights = [], []
                for p in partners.itertuples(index=False):
                    start = int(p.agreement_start) if pd.notna(p.agreement_start) else first
                    end = int(p.agreement_end) if pd.notna(p.agreement_end) else first
                    activities = split(p.activities)
                    if not start <= first <= end or campus not in split(p.campuses):
                        continue
                    if f"{participant}_mobility" not in activities:
                        continue
                    weight = TIER_WEIGHT[p.tier] * profile[p.partner_id]
                    if p.country not in EUROPE:
                        weight *= FAR_WEIGHT[duration]
                    eligible.append(p.partner_id)
                    weights.append(weight)
                if not eligible:
                    continue
                total = max(1, round(base * share * YEAR_FACTOR[duration][first] * rng.uniform(0.93, 1.07)))
                counts = Counter(rng.choices(eligible, weights=weights, k=total))
                for pid in eligible:
                    if counts[pid]:
                        rows.append((academic_year(first), pid, direction, participant, duration, campus, counts[pid]))
    return pd.DataFrame(
        rows, columns=["academic_year", "partner_id", "direction", "participant", "duration", "campus", "count"]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--partners", type=Path, default=HERE / "partners.csv")
    parser.add_argument("--output", type=Path, default=HERE / "mobility.csv")
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args()
    partners = pd.read_csv(args.partners, dtype={"partner_id": str}, keep_default_na=False, na_values=[""])
    flows = generate(partners, args.seed)
    flows.to_csv(args.output, index=False, encoding="utf-8", lineterminator="\n")
    print(f"{args.output}: {len(flows)} rows, {flows['count'].sum()} participants")


if __name__ == "__main__":
    main()
