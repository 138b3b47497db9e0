"""The presentation's `fields` scene: partners per broad field of study of their agreements, usable in tour.csv."""

from __future__ import annotations

from dashboard.agreement_stats import partners_by_broad_field
from dashboard.present.scenes import build_scene
from dashboard.present.tour import Scene, default_scenes, load_tour
from tests.agreement_factories import make_agreement, with_agreements

AGREEMENTS = [
    make_agreement(partner_id="P01", fields=("0913", "0923")),  # health and welfare, once for P01
    make_agreement(partner_id="P01", fields=("0413",), direction="incoming"),
    make_agreement(partner_id="P02", fields=("091",)),
    make_agreement(partner_id="P03", fields=("0613",)),
    make_agreement(partner_id="P04", fields=()),
]


def test_partners_are_counted_once_per_broad_field():
    dataset = with_agreements(AGREEMENTS)
    counts = partners_by_broad_field(dataset.agreements, dataset.partners["partner_id"])
    assert counts.values.tolist() == [["09", 2], ["04", 1], ["06", 1]]
    assert partners_by_broad_field(dataset.agreements, ["P03"]).values.tolist() == [["06", 1]]


def test_the_fields_scene_names_the_fields_in_the_language():
    view = build_scene(Scene("fields"), with_agreements(AGREEMENTS), "nl")
    bars = view.figure["data"][0]
    assert list(bars["y"]) == ["09", "04", "06"] and list(bars["x"]) == [2, 1, 1]
    assert list(view.figure["layout"]["yaxis"]["ticktext"])[0] == "Gezondheidszorg en welzijn"
    assert [(f.value, f.label) for f in view.facts][0] == ("2", "Gezondheidszorg en welzijn")
    assert view.kicker == "Studiegebieden"


def test_tour_csv_accepts_a_fields_scene_and_the_default_tour_ends_with_one(tmp_path):
    dataset = with_agreements(AGREEMENTS)
    (tmp_path / "tour.csv").write_text("scene,kind,value\n1,fields,\n2,pyramid,\n", encoding="utf-8")
    tour = load_tour(tmp_path, dataset)
    assert [s.kind for s in tour.scenes] == ["fields", "pyramid"] and not tour.rejected
    assert default_scenes(dataset)[-1].kind == "fields"
    assert default_scenes(with_agreements([]))[-1].kind != "fields"
