"""The European Commission's list of Erasmus Charter holders, imported as it is: nothing lost, quickly."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.importing import read_partner_rows

REAL = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "real"
ECHE = REAL / "eche"
DATA_ROWS = 5912

pytestmark = [
    pytest.mark.real_data,
    pytest.mark.skipif(
        not REAL.is_dir(), reason="../shared/data/real not found: acceptance test needs the shared real data"
    ),
]


# The same list as the EC exports it and as Excel saves it; how fast each is read is measured in bench/.
ECHE_FILES = ("eche_holders.csv", "eche_holders.xlsx")


@pytest.fixture(scope="module", params=ECHE_FILES)
def eche(request):
    return read_partner_rows(ECHE / request.param, require_tier=False)


def test_every_row_is_read_and_accounted_for(eche):
    rows, report = eche

    assert report.errors == []
    assert report.rows_read == DATA_ROWS == len(rows)
    assert report.rows_loaded + len(report.rejected) == DATA_ROWS
    assert (rows["rejected"] != "").sum() == len(report.rejected)
    # The only rejections are institutions listed twice under different codes, each pointing at its first row.
    assert all(p.message.startswith("duplicate of line") for p in report.rejected)
    assert len(report.rejected) < 10


def test_header_on_line_2_and_physical_lines_despite_embedded_newlines(eche):
    rows, _ = eche
    assert rows["source_line"].iloc[0] == 3
    assert rows["source_line"].is_monotonic_increasing
    # Two addresses span two physical lines in the CSV; the spreadsheet keeps them in one row.
    assert rows["source_line"].iloc[-1] - rows["source_line"].iloc[0] in (DATA_ROWS - 1, DATA_ROWS + 1)


def test_countries_codes_and_cities_are_normalised(eche):
    rows, _ = eche

    assert set(rows["country"]) >= {"GR", "XK", "DE", "BE"} and "EL" not in set(rows["country"])
    assert rows["country"].str.fullmatch(r"[A-Z]{2}").all()
    greek = rows[rows["erasmus_code"].str.startswith("G ")]
    assert len(greek) > 20 and set(greek["country"]) == {"GR"}
    for column in ("erasmus_code", "city", "name"):
        assert not rows[column].str.contains("\u00a0|^ | $|  ", regex=True).any(), column
    first = rows.iloc[0]
    assert (first["erasmus_code"], first["city"], first["street"], first["postcode"]) == (
        "A BADEN01",
        "Baden",
        "Mühlgasse 67",
        "2500",
    )
    loaded = rows[rows["rejected"] == ""]
    assert loaded["partner_id"].is_unique and (loaded["partner_id"] != "").all()
