"""EWP IIA XML: the v6 and v7 examples of the specification, hei-id matching, hostile documents refused cleanly,
`partner-atlas import-iias` writing agreements.csv and DATA_DIR/iias/ read at start."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard.cli import main
from dashboard.importing.iias import HeiIndex, read_iias

SPECS = Path(__file__).resolve().parents[3] / "shared" / "specs" / "ewp-iias"
V7, V6, EXAMPLE = SPECS / "get-response-v7.xml", SPECS / "get-response-v6.xml", SPECS / "get-response-example.xml"
PARTNERS = pd.DataFrame(
    {
        "partner_id": ["hibo", "uw"],
        "name": ["University of South-Eastern Norway", "Warsaw"],
        "website": ["https://www.hibo.no", "https://www.uw.edu.pl"],
    }
)


@pytest.fixture(autouse=True)
def _specs():
    if not V7.is_file():
        pytest.skip(f"the EWP specification files are not at {SPECS} (../shared absent)")


def conditions(path, home="uw.edu.pl", partners=PARTNERS, **kwargs):
    records, report = read_iias(path, home, HeiIndex.of(partners, kwargs.pop("hei_ids", None)), **kwargs)
    return records, report


def test_version_7_example():
    records, report = conditions(V7)
    assert report.ok and report.rows_read == 2 == report.rows_loaded
    studies, teaching = records
    assert (studies["partner_id"], studies["mobility_type"], studies["direction"]) == (
        "hibo",
        "student_studies",
        "outgoing",
    )
    assert (studies["fields"], studies["field_note"], studies["levels"]) == (
        ("0314",),
        "Social and behavioural sciences",
        (7, 8),
    )
    assert (studies["places"], studies["months_per_year"], studies["languages"]) == (2, 5, ("en:B1",))
    assert (studies["first_year"], studies["last_year"], studies["blended"]) == (2014, 2020, False)
    assert (studies["agreement_id"], studies["status"], studies["department"]) == (
        "0f7a5682-faf7-49a7-9cc7-ec486c49a281",
        "in_effect",
        "140",
    )
    assert (teaching["mobility_type"], teaching["days_per_year"], teaching["first_year"], teaching["last_year"]) == (
        "staff_teaching",
        8,
        2016,
        2017,
    )


def test_version_6_element_names_give_the_same_agreement():
    records, report = conditions(V6)
    assert report.ok and len(records) == 2
    studies = records[0]
    # v6 lists every academic year and allows 3-digit ISCED codes.
    assert (studies["first_year"], studies["last_year"], studies["fields"]) == (2014, 2020, ("031",))


def test_the_other_side_is_home_so_specifications_it_sends_are_incoming():
    records, report = conditions(
        EXAMPLE, home="hibo.no", partners=PARTNERS.assign(website=["https://www.hibo.no", "https://uw.edu.pl"])
    )
    assert report.ok
    assert [(r["partner_id"], r["direction"], r["mobility_type"]) for r in records] == [
        ("uw", "incoming", "student_studies"),
        ("uw", "incoming", "student_traineeship"),
        ("uw", "incoming", "staff_teaching"),
        ("uw", "outgoing", "staff_teaching"),
        ("uw", "outgoing", "staff_training"),
    ]


def test_a_hei_id_column_wins_over_the_website():
    partners = PARTNERS.assign(website=["https://usn.no", ""])
    records, report = conditions(V7, partners=partners, hei_ids={"hibo": "hibo.no"})
    assert report.ok and {r["partner_id"] for r in records} == {"hibo"}


def test_an_unmatched_partner_is_reported_with_the_closest_candidates():
    partners = pd.DataFrame({"partner_id": ["hi"], "name": ["Hibo college"], "website": ["https://hibo.com"]})
    records, report = conditions(V7, partners=partners)
    assert records == [] and report.rows_read == 2 and len(report.rejected) == 2 and report.accounted
    message = report.rejected[0].message
    assert "no partner with hei-id 'hibo.no'" in message and "closest partners: Hibo college (hibo.com)" in message
    assert report.rejected[0].column.startswith("iia 1 (0f7a5682")


def test_an_iia_without_the_home_institution_is_skipped_with_the_reason():
    records, report = conditions(V7, home="ucll.be")
    assert records == [] and "'ucll.be' is not a partner of this IIA" in report.rejected[0].message


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<iias-get-response><iia><partner><hei-id>&lol3;</hei-id></partner></iia></iias-get-response>"""
XXE = """<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<iias-get-response><iia><partner><hei-id>&secret;</hei-id></partner></iia></iias-get-response>"""


@pytest.mark.parametrize(
    "document, words",
    [
        (BILLION_LAUGHS, "declares a DTD or entities"),
        (XXE, "declares a DTD or entities"),
        ("<iias-get-response><iia>", "not well-formed XML"),
        ("<html><body>login</body></html>", "not an EWP IIAs document"),
    ],
)
def test_hostile_or_broken_xml_is_refused_with_a_message(tmp_path, document, words):
    path = tmp_path / "iias.xml"
    path.write_text(document, encoding="utf-8")
    records, report = conditions(path)
    assert records == [] and len(report.errors) == 1 and words in report.errors[0].message
    assert "root:" not in str(report.errors[0])  # nothing of /etc/passwd is read into the report


def test_a_file_above_the_size_limit_is_not_read(tmp_path):
    path = tmp_path / "huge.xml"
    with path.open("wb") as handle:
        handle.write(b"<iias-get-response>" + b" " * 2_000_000 + b"</iias-get-response>")
    records, report = conditions(path, max_bytes=1_000_000)
    assert records == [] and "larger than the limit of 1,000,000" in report.errors[0].message


# -- the command line and the data folder ----------------------------------------------------------------------


@pytest.fixture
def data_dir(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "partners.csv").write_text(
        "partner_id,name,city,country,tier,website,hei_id\n"
        "usn,University of South-Eastern Norway,Bø,NO,mobility,https://www.usn.no,hibo.no\n"
        "krakow,Jagiellonian University,Kraków,PL,mobility,https://www.uj.edu.pl,\n",
        encoding="utf-8",
    )
    (folder / "institution.toml").write_text(
        'name = "University of Warsaw"\nshort_name = "UW"\ncity = "Warsaw"\ncountry = "PL"\nlat = 52.24\n'
        'lon = 21.02\nhei_id = "uw.edu.pl"\n',
        encoding="utf-8",
    )
    (folder / "agreements.csv").write_text(
        "agreement_id,partner_id,mobility_type,direction,fields\n"
        "0f7a5682-faf7-49a7-9cc7-ec486c49a281,usn,SMS,out,0111\n"  # an older copy of the same IIA: replaced
        "K-1,krakow,STA,in,0413\n",
        encoding="utf-8",
    )  # another agreement: kept
    return folder


def test_import_iias_writes_the_conditions_into_agreements_csv_and_keeps_other_rows(data_dir, capsys):
    # The same IIA exported twice: the later file (v7 here) replaces the earlier copy (v6).
    assert main(["import-iias", str(V6), str(V7), "--data-dir", str(data_dir)]) == 0
    written = pd.read_csv(data_dir / "agreements.csv", dtype=str, keep_default_na=False)
    assert written["agreement_id"].tolist().count("K-1") == 1
    same = written[written["agreement_id"] == "0f7a5682-faf7-49a7-9cc7-ec486c49a281"]
    assert len(same) == 2 and "0111" not in same["fields"].tolist()
    assert same.iloc[0][["partner_id", "mobility_type", "direction", "fields", "levels", "first_year"]].tolist() == [
        "usn",
        "student_studies",
        "outgoing",
        "0314",
        "7;8",
        "2014-2015",
    ]
    assert "2 condition(s) from the XML, 1 other row(s) kept" in capsys.readouterr().err
    assert main(["validate", str(data_dir)]) == 0  # what it wrote reads back without a rejected row


def test_import_iias_refuses_to_rewrite_a_file_with_rejected_rows(data_dir, capsys):
    path = data_dir / "agreements.csv"
    path.write_text(path.read_text(encoding="utf-8") + "K-2,nobody,SMS,out,0413\n", encoding="utf-8")
    before = path.read_text(encoding="utf-8")
    assert main(["import-iias", str(V7), "--data-dir", str(data_dir)]) == 1
    assert path.read_text(encoding="utf-8") == before
    assert "fix them first" in capsys.readouterr().err


def test_xml_in_the_iias_folder_is_read_at_start(data_dir):
    from dashboard.config import Settings
    from dashboard.dataset import load_dataset

    (data_dir / "agreements.csv").unlink()
    (data_dir / "iias").mkdir()
    (data_dir / "iias" / "usn.xml").write_bytes(V7.read_bytes())
    (data_dir / "iias" / "bomb.xml").write_text(BILLION_LAUGHS, encoding="utf-8")
    dataset = load_dataset(Settings(data_dir=data_dir, geocode_cache=str(data_dir / "cache.json")))
    assert dataset.agreements[["partner_id", "mobility_type"]].values.tolist() == [
        ["usn", "student_studies"],
        ["usn", "staff_teaching"],
    ]
    bomb = next(f for f in dataset.report.files if f.file.endswith("bomb.xml"))
    assert bomb.errors and "refused" in bomb.errors[0].message


def test_a_new_or_changed_agreements_file_or_iia_changes_the_data_signature(data_dir):
    from dashboard.store import data_signature

    before = data_signature(data_dir)
    (data_dir / "agreements.csv").write_text("partner_id,mobility_type,direction\nusn,SMS,out\n", encoding="utf-8")
    after_csv = data_signature(data_dir)
    (data_dir / "iias").mkdir()
    (data_dir / "iias" / "usn.xml").write_bytes(V7.read_bytes())
    assert before != after_csv != data_signature(data_dir)
    assert "iias/usn.xml" in [entry[0] for entry in data_signature(data_dir)]
