"""Check a tour before the event: `python -m dashboard.present [DATA_DIR]` lists the scenes that will play and
every problem of tour.csv (file, line, column, what to do); exit status 1 when a row is left out."""

from __future__ import annotations

import sys
from pathlib import Path

from dashboard.config import SettingError, Settings
from dashboard.dataset import load_dataset
from dashboard.present.tour import load_tour


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    try:
        settings = Settings.from_env(data_dir=Path(args[0]) if args else None)
    except SettingError as error:
        return error.report()
    tour = load_tour(settings.data_dir, load_dataset(settings))
    count = len(tour.scenes)
    print(f"{count} scene{'' if count == 1 else 's'} from {tour.source}:")
    for number, scene in enumerate(tour.scenes, start=1):
        print(
            f"  {number:>2}. {scene.kind}{' ' + scene.value if scene.value else ''}: {scene.caption('en') or '(own caption)'}"
        )
    for problem in tour.problems:
        print(problem)
    return 1 if tour.rejected or tour.errors else 0


if __name__ == "__main__":
    sys.exit(main())
