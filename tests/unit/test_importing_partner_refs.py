"""A row's partner, named by partner_id, Erasmus code or name: found, warned about and rejected in the same words
in mobility.csv and agreements.csv (importing/partner_refs.py); only the word for a row ("flow", "agreement")
differs. Every expected message is written out by hand."""

from __future__ import annotations

import pytest

from dashboard.importing import load_agreements, load_mobility
from tests.factories import make_partner, partners_frame

REFS = "partner_id,erasmus_code,name"
KINDS = {
    # kind: (loader, file name, header, the rest of a valid row after the references, the word for a row)
    "mobility": (
        load_mobility,
        "mobility.csv",
        f"academic_year,{REFS},direction,participant,duration,count",
        ",outgoing,student,semester,1",
        "flow",
    ),
    "agreements": (load_agreements, "agreements.csv", f"{REFS},mobility_type,direction", ",SMS,out", "agreement"),
}


@pytest.fixture
def partners():
    return partners_frame(
        [
            make_partner(partner_id="hanze", name="Hanze University of Applied Sciences", erasmus_code="NL GRONING03"),
            make_partner(partner_id="liege", name="Université de Liège", erasmus_code="B LIEGE01"),
            make_partner(partner_id="smc-dublin", name="Saint Mary's College"),
            make_partner(partner_id="smc-london", name="Saint Mary's College"),
        ]
    )


def load(tmp_path, partners, kind, *references):
    """Load a file of the kind with one row per `references` ("id,code,name"), from line 2 on."""
    loader, name, header, rest, _word = KINDS[kind]
    prefix = "2023-2024," if kind == "mobility" else ""
    path = tmp_path / name
    path.write_text("\n".join([header, *(prefix + refs + rest for refs in references)]) + "\n", encoding="utf-8")
    frame, report = loader(path, partners)
    return path, frame, report


@pytest.mark.parametrize("kind", KINDS)
def test_a_misspelt_name_is_rejected_with_the_closest_names_and_where_it_is(tmp_path, partners, kind):
    path, frame, report = load(tmp_path, partners, kind, "hanze,,", ",,Hanze Univrsity of Aplied Sciences")

    assert frame["partner_id"].tolist() == ["hanze"]
    assert [str(p) for p in report.rejected] == [
        f"{path}, line 3, column 'name': no partner with name 'Hanze Univrsity of Aplied Sciences' in partners.csv: "
        "add the partner there or correct the reference "
        "(closest names in partners.csv: Hanze University of Applied Sciences) "
        "(value: 'Hanze Univrsity of Aplied Sciences')"
    ]
    assert report.warnings == [] and report.accounted


@pytest.mark.parametrize("kind", KINDS)
def test_a_wrong_id_with_a_matching_name_loads_with_a_warning_on_the_id(tmp_path, partners, kind):
    path, frame, report = load(tmp_path, partners, kind, "hanz,,Université de Liège")

    assert frame["partner_id"].tolist() == ["liege"]
    assert report.rejected == []
    assert [str(w) for w in report.warnings] == [
        f"{path}, line 2, column 'partner_id': no partner with id 'hanz' in partners.csv; matched the partner by "
        "name 'Université de Liège' instead: correct the id or leave it empty (value: 'hanz')"
    ]


@pytest.mark.parametrize("kind", KINDS)
def test_a_wrong_id_and_code_with_a_matching_name_warn_on_both_columns(tmp_path, partners, kind):
    _, frame, report = load(tmp_path, partners, kind, "nobody,XX NOWHERE01,hanze university of applied sciences")

    assert frame["partner_id"].tolist() == ["hanze"]
    assert [(w.line, w.column, w.message) for w in report.warnings] == [
        (
            2,
            "partner_id",
            "no partner with id 'nobody' in partners.csv; matched the partner by name "
            "'hanze university of applied sciences' instead: correct the id or leave it empty",
        ),
        (
            2,
            "erasmus_code",
            "no partner with Erasmus code 'XX NOWHERE01' in partners.csv; matched the partner by name "
            "'hanze university of applied sciences' instead: correct the Erasmus code or leave it empty",
        ),
    ]


@pytest.mark.parametrize("kind", KINDS)
def test_when_every_reference_fails_the_row_is_rejected_on_the_first_with_a_hint_from_the_name(
    tmp_path, partners, kind
):
    _, frame, report = load(tmp_path, partners, kind, "hanz,B LIEGE02,Universite de Liege Sart Tilman")

    assert frame.empty
    assert [(p.line, p.column, p.value, p.message) for p in report.rejected] == [
        (
            2,
            "partner_id",
            "hanz",
            "no partner with id 'hanz' in partners.csv; no partner with Erasmus code 'B LIEGE02' in partners.csv; "
            "no partner with name 'Universite de Liege Sart Tilman' in partners.csv: add the partner there or "
            "correct the reference (closest names in partners.csv: Université de Liège)",
        )
    ]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    "references, column, message",
    [
        (
            "hanse,,",
            "partner_id",
            "no partner with id 'hanse' in partners.csv: add the partner there or correct the reference "
            "(closest ids in partners.csv: hanze)",
        ),
        (
            ",NL GRONING30,",
            "erasmus_code",
            "no partner with Erasmus code 'NL GRONING30' in partners.csv: add the partner there or correct the "
            "reference (closest Erasmus codes in partners.csv: NL GRONING03)",
        ),
        (
            ",,Saint Mary's College",  # no hint: the name is right, and shared
            "name",
            'name "Saint Mary\'s College" matches 2 partners (smc-dublin, smc-london): '
            "use a partner_id or erasmus_code column to say which",
        ),
    ],
    ids=["id", "code", "shared name"],
)
def test_one_reference_that_fails_rejects_the_row_with_what_to_do(
    tmp_path, partners, kind, references, column, message
):
    _, _, report = load(tmp_path, partners, kind, references)

    assert [(p.line, p.column, p.message) for p in report.rejected] == [(2, column, message)]


@pytest.mark.parametrize("kind", KINDS)
def test_a_row_naming_no_partner_says_so_in_the_words_of_its_file(tmp_path, partners, kind):
    _, _, report = load(tmp_path, partners, kind, ",,")

    word = KINDS[kind][4]
    assert [(p.column, p.message) for p in report.rejected] == [
        ("partner_id / erasmus_code / name", f"no partner given: fill in which partner this {word} is with")
    ]


def test_a_misspelling_repeated_down_a_file_gets_the_same_hint_on_every_row(tmp_path, partners):
    _, frame, report = load(tmp_path, partners, "mobility", *[",,Hanze Universty"] * 3)

    assert frame.empty
    assert [(p.line, p.message) for p in report.rejected] == [
        (
            line,
            "no partner with name 'Hanze Universty' in partners.csv: add the partner there or correct the reference "
            "(closest names in partners.csv: Hanze University of Applied Sciences)",
        )
        for line in (2, 3, 4)
    ]


def test_past_200_different_unknown_partners_a_file_gets_no_more_hints_and_is_told_why(tmp_path, partners):
    _, _, report = load(tmp_path, partners, "mobility", *[f"hanze-{n},," for n in range(1, 202)])

    assert len(report.rejected) == 201 and report.accounted
    first, last = report.rejected[0], report.rejected[-1]
    assert (first.line, first.message) == (
        2,
        "no partner with id 'hanze-1' in partners.csv: add the partner there or correct the reference "
        "(closest ids in partners.csv: hanze)",
    )
    assert (last.line, last.message) == (
        202,
        "no partner with id 'hanze-201' in partners.csv: add the partner there or correct the reference "
        "(no closest ids looked up: more than 200 different unknown partners in this file; "
        "check that it goes with this partners.csv)",
    )
