"""EWP IIA import against the Commission's list of Erasmus Charter holders: every institution named by the hei-id
its own website gives is matched, through 5,900 real (messy) website addresses, quickly."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from dashboard.importing import read_partner_rows
from dashboard.importing.iias import HeiIndex, read_iias

REAL = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "real"
ECHE = REAL / "eche" / "eche_holders.csv"
HOME = "ucll.be"
TIME_LIMIT = 10.0  # seconds on the shared 2-core machine for 5,393 IIAs against 5,700 partners; measured 1.1 s

pytestmark = [
    pytest.mark.real_data,
    pytest.mark.skipif(
        not REAL.is_dir(), reason="../shared/data/real not found: acceptance test needs the shared real data"
    ),
]


def hei_id(website: str) -> str:
    """What an EWP node would publish for the institution: its web host without "www." (SCHAC style)."""
    host = website.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0].lower()
    return host[4:] if host.startswith("www.") else host


def test_every_institution_is_found_by_the_hei_id_of_its_website(tmp_path):
    rows, report = read_partner_rows(ECHE, require_tier=False)
    partners = rows[(rows["rejected"] == "") & (rows["website"] != "")].reset_index(drop=True)
    partners["partner_id"] = [f"p{i}" for i in range(len(partners))]  # ids as the loader would make them, unique
    owners: dict[str, set[str]] = {}
    for pid, website in zip(partners["partner_id"], partners["website"], strict=True):
        owners.setdefault(hei_id(website), set()).add(pid)
    iias = "".join(
        f"<iia><partner><hei-id>{HOME}</hei-id><iia-id>I{n}</iia-id></partner><partner><hei-id>{hei}</hei-id>"
        f"</partner><in-effect>true</in-effect><cooperation-conditions><student-studies-mobility-spec>"
        f"<sending-hei-id>{HOME}</sending-hei-id><receiving-hei-id>{hei}</receiving-hei-id>"
        f"<receiving-first-academic-year-id>2025/2026</receiving-first-academic-year-id>"
        f"<receiving-last-academic-year-id>2028/2029</receiving-last-academic-year-id>"
        f"<mobilities-per-year>2</mobilities-per-year></student-studies-mobility-spec></cooperation-conditions></iia>"
        for n, hei in enumerate(sorted(owners))
    )
    path = tmp_path / "iias.xml"
    path.write_text(
        '<iias-get-response xmlns="https://github.com/erasmus-without-paper/ewp-specs-api-iias/blob/'
        f'stable-v7/endpoints/get-response.xsd">{iias}</iias-get-response>',
        encoding="utf-8",
    )
    started = time.perf_counter()
    records, iia_report = read_iias(path, HOME, HeiIndex.of(partners))
    elapsed = time.perf_counter() - started
    assert len(partners) > 5000 and iia_report.rows_read == len(owners) and iia_report.accounted
    assert iia_report.rejected == []
    by_iia = {r["agreement_id"]: r["partner_id"] for r in records}
    for n, hei in enumerate(sorted(owners)):
        assert by_iia[f"I{n}"] in owners[hei], hei  # one of the institutions on that website
    print(f"{len(owners)} IIAs matched in {elapsed:.2f} s")
    assert elapsed < TIME_LIMIT, f"{elapsed:.1f} s"
