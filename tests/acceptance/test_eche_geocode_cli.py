"""`partner-atlas geocode` takes the Commission's ECHE export as it is, offline, and loses no row."""

import pandas as pd
import pytest

from dashboard.cli import main

pytestmark = pytest.mark.real_data


def test_geocode_places_the_eche_list_offline_row_for_row(real_data_dir, tmp_path, capsys):
    source = real_data_dir / "eche" / "eche_holders.csv"
    output = tmp_path / "placed.csv"
    assert main(["geocode", str(source), "--output", str(output)]) == 0  # the cache goes beside the output
    placed = pd.read_csv(output, keep_default_na=False, dtype=str)
    assert len(placed) == 5912  # one output row per input row
    lines = placed["source_line"].astype(int)
    assert lines.is_monotonic_increasing and lines.is_unique  # in input order
    share = placed["geo_precision"].isin(["manual", "address", "city"]).mean()
    assert share >= 0.97, f"only {share:.1%} placed at city precision"
    assert "Wrote 5912 rows (of 5912 read)" in capsys.readouterr().err
    assert (tmp_path / ".geocache.json").is_file()
