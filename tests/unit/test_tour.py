"""data/tour.csv: read into scenes in order, every bad row reported with file, line and column, the default tour
when the file is absent, empty or unplayable."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.present.tour import KINDS, Scene, default_scenes, load_tour
from tests.factories import make_dataset

DATASET = make_dataset()
HEADER = "scene,kind,value,caption_en,caption_nl\n"


def write_tour(folder: Path, body: str, *, header: str = HEADER, encoding: str = "utf-8") -> Path:
    (folder / "tour.csv").write_bytes((header + body).encode(encoding))
    return folder


def test_a_valid_tour_plays_its_scenes_in_scene_order_with_both_captions(tmp_path):
    write_tour(
        tmp_path,
        "2,partner,P01,Hanze in Groningen,Hanze in Groningen (nl)\n"
        "1,network,,Our network,Ons netwerk\n"
        "3,tier,strategic,Strategic,Strategisch\n"
        "4,region,Africa,Africa,Afrika\n"
        "5,pyramid,,Tiers,Niveaus\n"
        "6,trend,,Trend,Verloop\n",
    )
    tour = load_tour(tmp_path, DATASET)
    assert tour.problems == ()
    assert not tour.is_default
    assert [(s.kind, s.value) for s in tour.scenes] == [
        ("network", ""),
        ("partner", "P01"),
        ("tier", "strategic"),
        ("region", "Africa"),
        ("pyramid", ""),
        ("trend", ""),
    ]
    assert tour.scenes[0].caption("en") == "Our network"
    assert tour.scenes[0].caption("nl") == "Ons netwerk"
    assert tour.scenes[1].line == 2


@pytest.mark.parametrize(
    ("row", "column", "message_part", "value"),
    [
        (
            "1,netwerk,,A,B",
            "kind",
            "unknown kind (did you mean 'network'?): write one of " + ", ".join(KINDS),
            "netwerk",
        ),
        ("1,slideshow,,A,B", "kind", "unknown kind: write one of", "slideshow"),
        ("1,partner,P1O,A,B", "value", "no partner with this partner_id in partners.csv: did you mean 'P10'?", "P1O"),
        ("1,partner,hanze,A,B", "value", "copy the partner_id from partners.csv", "hanze"),
        ("1,partner,,A,B", "value", "a partner scene needs a partner_id from partners.csv in the value column", ""),
        ("1,tier,gold,A,B", "value", "unknown tier 'gold'", "gold"),
        ("1,region,Atlantis,A,B", "value", "unknown world region: write one of Europe", "Atlantis"),
        ("1,region,Oceania,A,B", "value", "no partner in Oceania", "Oceania"),
        ("first,network,,A,B", "scene", "the scene number must be a whole number", "first"),
        ("0,network,,A,B", "scene", "the scene number must be 1 or more", "0"),
    ],
)
def test_a_bad_row_is_left_out_with_its_line_column_and_what_to_do(tmp_path, row, column, message_part, value):
    # Line 2 is a good scene, line 3 the bad one: the tour plays on without it.
    write_tour(tmp_path, "1,network,,Our network,Ons netwerk\n" + row + "\n")
    tour = load_tour(tmp_path, _with_p10())
    assert [s.kind for s in tour.scenes] == ["network"]
    (problem,) = tour.rejected
    assert problem.file.endswith("tour.csv")
    assert (problem.line, problem.column) == (3, column)
    assert message_part in problem.message
    assert problem.value == value
    assert f"tour.csv, line 3, column '{column}': " in str(problem)


def _with_p10():
    from tests.factories import default_partners, make_partner

    return make_dataset(partners=[*default_partners(), make_partner(partner_id="P10", name="Tenth University")])


def test_a_missing_file_plays_the_default_tour(tmp_path):
    tour = load_tour(tmp_path, DATASET)
    assert tour.is_default
    assert tour.problems == ()
    # The network, each strategic partner in file order, each region with partners (most first, then as the map
    # lists them), the pyramid, the trend.
    assert [(s.kind, s.value) for s in tour.scenes] == [
        ("network", ""),
        ("partner", "P01"),
        ("partner", "P02"),
        ("partner", "P03"),
        ("region", "Europe"),
        ("region", "Asia"),
        ("region", "Africa"),
        ("region", "North America"),
        ("region", "South America"),
        ("pyramid", ""),
        ("trend", ""),
    ]
    assert all(s.captions == () for s in tour.scenes)  # the scenes write their own captions


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "file is empty"),
        (HEADER, "has a header but no scenes: playing the default tour"),
        (HEADER + "1,slides,,A,B\n", "no scene could be played: playing the default tour"),
        ("scene,value,caption_en\n1,,Our network\n", "no 'kind' column"),
    ],
)
def test_an_empty_or_unplayable_file_plays_the_default_tour_and_says_why(tmp_path, content, message):
    (tmp_path / "tour.csv").write_text(content, encoding="utf-8")
    tour = load_tour(tmp_path, DATASET)
    assert tour.is_default
    assert tour.scenes == default_scenes(DATASET)
    assert any(message in p.message for p in tour.problems), [str(p) for p in tour.problems]


def test_an_excel_export_with_semicolons_dutch_values_and_headers_is_read(tmp_path):
    header = "Volgorde;Soort;Waarde;Bijschrift EN;Bijschrift NL\n"
    body = "1;network;;Our network;Ons netwerk\n2;tier;strategisch;Top;Top (nl)\n3;region;Europa;Europe;Europa\n"
    write_tour(tmp_path, body, header=header, encoding="cp1252")
    tour = load_tour(tmp_path, DATASET)
    assert tour.rejected == ()
    assert [(s.kind, s.value) for s in tour.scenes] == [("network", ""), ("tier", "strategic"), ("region", "Europe")]
    assert tour.scenes[2].caption("nl") == "Europa"


def test_without_scene_numbers_the_file_order_decides_and_repeated_numbers_are_warned(tmp_path):
    write_tour(tmp_path, "2,pyramid,,P,P\n,trend,,T,T\n1,network,,N,N\n2,tier,mobility,M,M\n")
    tour = load_tour(tmp_path, DATASET)
    assert [s.kind for s in tour.scenes] == ["network", "pyramid", "trend", "tier"]
    (warning,) = tour.warnings
    assert (warning.line, warning.column) == (5, "scene")
    assert "scene 2 is also on line 2" in warning.message


def test_a_caption_in_another_language_column_is_kept_and_unknown_columns_are_warned(tmp_path):
    write_tour(
        tmp_path,
        "1,network,,Our network,Ons netwerk,Notre réseau,x\n",
        header="scene,kind,value,caption_en,caption_nl,caption_fr,notes\n",
    )
    tour = load_tour(tmp_path, DATASET)
    assert tour.scenes[0].caption("fr") == "Notre réseau"
    assert tour.scenes[0].caption("de") == ""
    (warning,) = tour.warnings
    assert (warning.line, warning.column) == (1, "notes")


def test_partner_ids_match_whatever_their_case(tmp_path):
    write_tour(tmp_path, "1,partner,p03,Strathmore,Strathmore\n")
    assert load_tour(tmp_path, DATASET).scenes == (
        Scene("partner", "P03", (("en", "Strathmore"), ("nl", "Strathmore")), 2),
    )


def test_the_sample_tour_plays_whole_against_the_sample_data():
    root = Path(__file__).resolve().parents[2]
    from dashboard.config import Settings
    from dashboard.dataset import load_dataset

    dataset = load_dataset(Settings(data_dir=root / "dashboard" / "sample_data"))
    tour = load_tour(root / "dashboard" / "sample_data", dataset)
    assert tour.problems == ()
    assert (
        len(tour.scenes)
        == len((root / "dashboard" / "sample_data" / "tour.csv").read_text(encoding="utf-8").splitlines()) - 1
    )


def test_the_check_command_lists_the_scenes_and_fails_on_a_left_out_row(tmp_path, capsys):
    from dashboard.present.__main__ import main

    (tmp_path / "partners.csv").write_text(
        "partner_id,name,city,country,tier\nhanze,Hanze University of Applied Sciences,Groningen,NL,strategic\n",
        encoding="utf-8",
    )
    write_tour(tmp_path, "1,network,,Our network,Ons netwerk\n2,partner,hanse,Hanze,Hanze\n")
    assert main([str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "1 scene from" in out and "1. network: Our network" in out
    assert (
        "tour.csv, line 3, column 'value': no partner with this partner_id in partners.csv: did you mean 'hanze'?"
        in out
    )
