"""Regenerate the illustrative agreements in data/agreements.csv from data/partners.csv and data/mobility.csv.

The conditions are invented but shaped like a university college's Erasmus+ agreements (see dashboard/sample_data/README.md):
UCLL-like programmes (teacher education, nursing and midwifery, social work, business, applied computer
science, biomedical laboratory technology, nutrition and dietetics, ...), mostly at bachelor level; strategic
partners with the widest agreements, mobility partners with one or two; places set from the partner's mobility
so that most agreements are used, a few are unused and a few over-subscribed; most run to the end of the
Erasmus+ 2021-2027 agreements, a few end in the latest academic year of mobility.csv or the next, a few have
ended or are terminated. The same input files and seed always give the same file.

    python data/make_agreements.py [--partners data/partners.csv] [--mobility data/mobility.csv]
                                   [--output data/agreements.csv] [--seed 2026]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
# (department, ISCED-F 2013 codes, levels): UCLL-like programmes.
PROGRAMMES = (
    ("Teacher Education", ("0113", "0112", "0114"), "6"),
    ("Health and Care", ("0913",), "6"),
    ("Social Work", ("0923", "0922"), "6"),
    ("Business and Management", ("0413", "0411", "0414", "0415"), "5;6"),
    ("Technology", ("0613", "0612"), "5;6"),
    ("Technology", ("0914",), "6"),
    ("Health and Care", ("0915",), "6"),  # nutrition and dietetics, occupational therapy
)
WIDTH = {"strategic": (4, 6), "collaboration": (2, 4), "mobility": (1, 2)}
# The broad or narrow code a wide agreement names instead of its detailed fields.
WIDER = {"0113": "011", "0913": "091", "0413": "041", "0923": "092"}
LOCAL_LANGUAGE = {"NL": "nl", "BE": "nl", "FR": "fr", "DE": "de", "AT": "de", "CH": "de", "ES": "es", "CL": "es",
                  "UY": "es", "PT": "pt", "IT": "it"}
LAST_YEAR = 2027  # Erasmus+ 2021-2027 agreements run to 2027-2028 at the latest


def _mean_mobility(mobility: pd.DataFrame) -> dict[tuple[str, str, str], float]:
    recent = mobility[mobility["academic_year"].str[:4].astype(int) >= 2021]
    totals = recent.groupby(["partner_id", "direction", "participant", "academic_year"])["count"].sum()
    return totals.groupby(level=[0, 1, 2]).mean().to_dict()


def generate(partners: pd.DataFrame, mobility: pd.DataFrame, seed: int = 2026) -> pd.DataFrame:
    rng = random.Random(seed)
    means = _mean_mobility(mobility)
    latest = int(mobility["academic_year"].str[:4].astype(int).max())
    rows = []
    for p in partners.itertuples(index=False):
        low, high = WIDTH[p.tier]
        programmes = rng.sample(PROGRAMMES, k=min(rng.randint(low, high), len(PROGRAMMES)))
        first = max(2021, int(p.agreement_start)) if pd.notna(p.agreement_start) else 2021
        last = min(LAST_YEAR, int(p.agreement_end) - 1) if pd.notna(p.agreement_end) else LAST_YEAR
        status = "in_effect"
        fate = rng.random()
        if fate < 0.10:
            last = latest          # ends with the latest academic year: within 12 months
        elif fate < 0.18:
            last = latest + 1      # within 24 months
        elif fate < 0.22:
            last = latest - 1      # ended already
        elif fate < 0.25:
            status = "terminated"
        last = max(last, first)
        languages = "en:B2" + (f";{LOCAL_LANGUAGE[p.country]}:B1" if p.country in LOCAL_LANGUAGE and rng.random() < 0.5
                               else "")
        agreement_id = f"{2021 if first <= 2021 else first}-{p.partner_id.upper()[:12]}"
        for direction in ("outgoing", "incoming"):
            for participant, types in (("student", ("student_studies", "student_traineeship")),
                                       ("staff", ("staff_teaching", "staff_training"))):
                mean = means.get((p.partner_id, direction, participant), 0.0)
                chosen = programmes if participant == "student" else programmes[:1]
                if mean == 0 and (p.tier != "strategic" or participant == "staff") and rng.random() < 0.75:
                    continue  # most flows nobody uses have no agreement; the rest are the unused ones
                factor = 0.5 if rng.random() < 0.12 else rng.uniform(1.0, 1.6)  # 0.5: over-subscribed
                total = max(len(chosen), round(mean * factor)) if mean else rng.randint(1, 2) * len(chosen)
                shares = _split(total, len(chosen), rng)
                for (department, codes, levels), places in zip(chosen, shares, strict=True):
                    mobility_type = types[1] if participant == "student" and codes[0] in ("0913", "0914") \
                        and rng.random() < 0.5 else types[0]
                    named = codes[: rng.randint(1, len(codes))]
                    if p.tier == "strategic" and named[0] in WIDER and rng.random() < 0.5:
                        named = (WIDER[named[0]],)
                    if p.tier == "strategic" and participant == "student" and rng.random() < 0.3:
                        levels = "6;7"
                    rows.append({
                        "agreement_id": agreement_id, "partner_id": p.partner_id, "department": department,
                        "mobility_type": mobility_type, "direction": direction, "fields": ";".join(named),
                        "levels": levels if participant == "student" else "", "places": places,
                        "months_per_year": places * 5 if participant == "student" else "",
                        "days_per_year": places * 5 if participant == "staff" else "",
                        "languages": languages, "first_year": f"{first}-{first + 1}",
                        "last_year": f"{last}-{last + 1}", "status": status,
                        "blended": "yes" if participant == "student" and rng.random() < 0.15 else "no",
                    })
    return pd.DataFrame(rows)


def _split(total: int, parts: int, rng: random.Random) -> list[int]:
    """`total` places over `parts` conditions, each at least one."""
    shares = [1] * parts
    for _ in range(max(total - parts, 0)):
        shares[rng.randrange(parts)] += 1
    return shares


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--partners", type=Path, default=HERE / "partners.csv")
    parser.add_argument("--mobility", type=Path, default=HERE / "mobility.csv")
    parser.add_argument("--output", type=Path, default=HERE / "agreements.csv")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    partners = pd.read_csv(args.partners, dtype={"partner_id": str}, keep_default_na=False, na_values=[""])
    mobility = pd.read_csv(args.mobility, dtype={"partner_id": str})
    agreements = generate(partners, mobility, args.seed)
    agreements.to_csv(args.output, index=False, encoding="utf-8", lineterminator="\n")
    print(f"{args.output}: {len(agreements)} conditions for {agreements['partner_id'].nunique()} partners")


if __name__ == "__main__":
    main()
