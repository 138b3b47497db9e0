"""A data folder as an office would export it, at benchmark size: partners.csv, mobility.csv, campuses.csv and
institution.toml written from `bench.synthetic.make_large_dataset`.

    python -m bench.data_folder OUT_DIR [--partners 12000] [--mobility-rows 1000000] [--seed 0]

Partners carry their coordinates (lat/lon columns, a manual placement), so loading the folder never builds the
gazetteer: what is timed is reading, validating and indexing the rows.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from bench.synthetic import HOME, make_large_dataset
from dashboard.importing.erasmus_write import MOBILITY_FILE_COLUMNS, NEW_PARTNERS_COLUMNS

OVERDRAW = 4.0  # rows drawn per distinct flow kept (12,000 partners have 1.9 million possible flows)


def write_data_folder(out: Path, partners: int = 12_000, mobility_rows: int = 1_000_000, seed: int = 0) -> Path:
    # The generator draws flows with repeats; a data folder holds each (year, partner, direction, participant,
    # duration, campus) once (the importer rejects a repeat), so draw more and keep the first of each.
    dataset = make_large_dataset(partners=partners, mobility_rows=int(mobility_rows * OVERDRAW), seed=seed)
    key = ["academic_year", "partner_id", "direction", "participant", "duration", "campus"]
    unique = dataset.mobility.drop_duplicates(key)
    if len(unique) < mobility_rows:
        raise SystemExit(f"only {len(unique):,} distinct flows for {partners:,} partners: ask for fewer rows")
    dataset.mobility = unique.iloc[:mobility_rows]
    out.mkdir(parents=True, exist_ok=True)
    table = dataset.partners.copy()
    for column in ("activities", "networks", "campuses"):
        table[column] = [";".join(values) for values in table[column]]
    table = table[[*NEW_PARTNERS_COLUMNS, "lat", "lon"]]  # the columns import-erasmus writes, and the place
    table.to_csv(out / "partners.csv", index=False)
    mobility = dataset.mobility[list(MOBILITY_FILE_COLUMNS)]
    mobility.to_csv(out / "mobility.csv", index=False)
    dataset.campuses.to_csv(out / "campuses.csv", index=False)
    (out / "institution.toml").write_text(
        f'name = "{HOME.name}"\nshort_name = "{HOME.short_name}"\ncity = "{HOME.city}"\ncountry = "{HOME.country}"\n'
        f"lat = {HOME.lat}\nlon = {HOME.lon}\n",
        encoding="utf-8",
    )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--partners", type=int, default=12_000)
    parser.add_argument("--mobility-rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    write_data_folder(args.out, args.partners, args.mobility_rows, args.seed)
    print(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
