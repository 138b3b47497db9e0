"""Acceptance: a generated workbook in the Commission's format, both header layouts, every row accounted for."""

from __future__ import annotations

from pathlib import Path

from bench.erasmus_files import LAYOUTS, Ledger, generate, write_xlsx
from dashboard.cli import main
from dashboard.importing import load_mobility, load_partners


def test_both_layouts_every_row_accounted_for_and_the_folder_loads(tmp_path: Path, capsys):
    ledger = Ledger()
    sheets = {
        "2021 call": (LAYOUTS["old"], generate(1200, "old", seed=1, ours_share=0.3, odd_share=0.1, ledger=ledger)),
        "2022 call": (
            LAYOUTS["new"],
            generate(1200, "new", seed=2, ours_share=0.3, odd_share=0.1, ledger=ledger, first_year=2023),
        ),
    }
    workbook = write_xlsx(tmp_path / "ka1.xlsx", sheets)
    data_dir = tmp_path / "data"
    code = main(
        [
            "import-erasmus",
            str(workbook),
            "--institution",
            "B LEUVEN18",
            "--institution",
            "B HASSELT20",
            "--data-dir",
            str(data_dir),
        ]
    )
    err = capsys.readouterr().err
    assert code == 0, err
    assert "sheet 'About': no Erasmus+ header row" in err  # the cover sheet is named, not silently skipped
    assert (
        f"Total: 2,400 rows read = {ledger.used:,} used + {ledger.not_ours:,} not ours (skipped) + "
        f"{ledger.rejected:,} rejected"
    ) in err
    assert ledger.used and ledger.rejected and ledger.not_ours

    partners, partner_report = load_partners(data_dir / "partners.csv")
    mobility, mobility_report = load_mobility(data_dir / "mobility.csv", partners)
    assert partner_report.ok and mobility_report.ok, (partner_report.rejected, mobility_report.rejected)
    assert set(partners["erasmus_code"]) == ledger.partner_codes
    people = mobility.groupby(["direction", "participant", "duration"])["count"].sum().to_dict()
    assert people == ledger.people
