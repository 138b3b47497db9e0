"""field=, level=, type= and valid= in the URL: parsed, shown as chips, and keeping the partners with a matching
agreement in every view."""

from __future__ import annotations

import pytest

from dashboard.filters import FilterState, apply
from tests.agreement_factories import make_agreement, with_agreements

AGREEMENTS = [
    make_agreement(partner_id="P01", fields=("0913",), levels=(6,), mobility_type="student_studies"),
    make_agreement(partner_id="P02", fields=("0413", "0414"), levels=(6, 7), mobility_type="student_traineeship"),
    make_agreement(
        partner_id="P03", fields=("091",), levels=(7,), mobility_type="staff_teaching", first_year=2018, last_year=2022
    ),
    make_agreement(
        partner_id="P04", fields=("0923",), levels=(), mobility_type="staff_training", first_year=None, last_year=None
    ),
    make_agreement(partner_id="P05", fields=(), levels=(8,), mobility_type="student_studies", status="terminated"),
    make_agreement(
        partner_id="P06",
        fields=("0613",),
        levels=(6,),
        mobility_type="student_studies",
        first_year=2026,
        last_year=2030,
        status="draft",
    ),
]


@pytest.fixture(scope="module")
def dataset():
    return with_agreements(AGREEMENTS)


@pytest.mark.parametrize(
    "query, partners",
    [
        ("", ["P01", "P02", "P03", "P04", "P05", "P06", "P07", "P08", "P09"]),
        ("field=0913", ["P01", "P03"]),  # P03's agreement covers all of 091 health
        ("field=09", ["P01", "P03", "P04"]),  # a broad field takes every narrower one
        ("field=091", ["P01", "P03"]),
        ("field=04", ["P02"]),
        ("field=0414", ["P02"]),
        ("field=913", ["P01", "P03"]),  # a bookmark without the leading zero
        ("field=0913,0923", ["P01", "P03", "P04"]),
        ("level=6", ["P01", "P02", "P06"]),
        ("level=master", ["P02", "P03"]),
        ("level=doctoral", ["P05"]),
        ("type=SMT", ["P02"]),
        ("type=staff_teaching,staff_training", ["P03", "P04"]),
        ("valid=2024-2025", ["P01", "P02", "P04"]),  # P03 ended, P05 terminated, P06 a draft
        ("valid=2020/21", ["P03", "P04"]),  # before P01/P02's first year 2021
        ("field=09&level=7", ["P03"]),
        ("field=09&valid=2024-2025", ["P01", "P04"]),
        ("field=09&tier=strategic", ["P01", "P03"]),
    ],
)
def test_a_partner_is_shown_when_one_of_its_agreements_matches(dataset, query, partners):
    view = apply(FilterState.from_query(query, dataset), dataset)
    assert sorted(view.partners["partner_id"]) == partners
    assert set(view.mobility["partner_id"].astype(str)) <= set(partners)


@pytest.mark.parametrize(
    "query, expected",
    [
        ("field=0913", "?field=0913"),
        ("field=913,04", "?field=04,0913"),
        ("isced=Nursing and midwifery", "?field=0913"),
        ("level=bachelor,EQF 7", "?level=6,7"),
        ("type=SMS,STT", "?type=student_studies,staff_training"),
        ("valid=2024/25", "?valid=2024-2025"),
        ("field=9999x&level=4&type=holiday&valid=soon", ""),  # unknown values are dropped, never an error
    ],
)
def test_the_url_round_trips_in_canonical_form(dataset, query, expected):
    assert FilterState.from_query(query, dataset).to_query() == expected


def test_chips_name_the_field_in_the_page_language(dataset):
    state = FilterState.from_query("field=0913&level=6&type=SMS&valid=2024-2025", dataset)
    assert [label for _, _, label in state.chips("nl")] == [
        "Studiegebied 0913 Verpleeg- en vroedkunde",
        "Bachelor (EQF 6)",
        "Studie (studenten)",
        "Geldig in 2024-2025",
    ]
    assert state.without("fields", "0913").to_query() == "?level=6&type=student_studies&valid=2024-2025"
    assert state.without("valid").valid is None


def test_a_dataset_without_agreements_filters_everyone_out_on_an_agreement_filter():
    empty = with_agreements([])
    assert apply(FilterState.from_query("field=0913", empty), empty).partners.empty
    assert len(apply(FilterState.from_query("", empty), empty).partners) == 9


def test_the_side_panel_controls_show_and_edit_the_agreement_filters(dataset):
    from dashboard import ids
    from dashboard.callbacks.filters import controls_for, sync_filters

    state = FilterState.from_query("field=0913&type=SMS&valid=2024-2025&tier=strategic", dataset)
    controls = controls_for(state, dataset)
    assert (controls[ids.FILTER_FIELD], controls[ids.FILTER_TYPE], controls[ids.FILTER_VALID]) == (
        ["0913"],
        ["student_studies"],
        "2024-2025",
    )
    # Editing another control keeps the agreement filters; clearing the field control drops only the field.
    controls[ids.FILTER_TIER] = ["strategic", "mobility"]
    url, _ = sync_filters(dataset, state.to_query(), ids.FILTER_TIER, None, controls)
    assert url == "?tier=strategic,mobility&field=0913&type=student_studies&valid=2024-2025"
    controls[ids.FILTER_FIELD] = []
    url, _ = sync_filters(dataset, url, ids.FILTER_FIELD, [], controls)
    assert url == "?tier=strategic,mobility&type=student_studies&valid=2024-2025"


def test_the_detail_panel_lists_the_partners_agreements_by_direction_and_type_in_the_page_language():
    from dashboard import ids
    from dashboard.callbacks.selection import select_partner

    dataset = with_agreements(
        [
            make_agreement(
                partner_id="P01",
                direction="incoming",
                mobility_type="staff_teaching",
                fields=("0923",),
                levels=(),
                places=1,
                months_per_year=None,
                days_per_year=5,
                languages=("nl:B1",),
            ),
            make_agreement(partner_id="P01", fields=("0913",), last_year=2022),  # before 2023-2024: expired
            make_agreement(partner_id="P01", fields=("0413",), status="terminated"),
            make_agreement(partner_id="P02", fields=("0611",)),
        ]
    )
    _, opened, _, body, _ = select_partner(dataset, ids.PARTNER_TABLE, {"rowId": "P01"}, None, "nl")
    shown = _flatten(body)
    headings = [
        t
        for t in shown
        if t in ("Wij sturen (uitgaand)", "Wij ontvangen (inkomend)", "Studie (studenten)", "Lesgeven (personeel)")
    ]
    assert opened and headings == [
        "Wij sturen (uitgaand)",
        "Studie (studenten)",
        "Wij ontvangen (inkomend)",
        "Lesgeven (personeel)",
    ]
    assert "0913 Verpleeg- en vroedkunde" in shown and "0923 Sociaal werk en begeleiding" in shown
    assert "0611 Computergebruik" not in shown  # another partner's
    assert {"Verlopen", "Beëindigd", "Van kracht"} <= set(shown) and "nl B1" in shown and "5" in shown
    ended = [c for c in _components(body) if "agreement-ended" in (getattr(c, "className", "") or "")]
    assert len(ended) == 2


def _components(node):
    if isinstance(node, (list, tuple)):
        for child in node:
            yield from _components(child)
    elif hasattr(node, "children") or hasattr(node, "className"):
        yield node
        yield from _components(getattr(node, "children", None))


def _flatten(node) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, (list, tuple)):
        return [t for child in node for t in _flatten(child)]
    return _flatten(getattr(node, "children", None)) if node is not None and not isinstance(node, (int, float)) else []


def test_the_poster_takes_the_agreement_filters_and_warns_about_unknown_values(dataset):
    from dashboard.cli import _parser, poster_state

    args = _parser().parse_args(["poster", "-o", "x.png", "--field", "0913", "--level", "bachelor", "--type", "SMX"])
    state, warnings = poster_state(args, dataset)
    assert (state.fields, state.levels, state.types) == (("0913",), ("6",), ())
    assert warnings == [
        "--type SMX: not found in the data, ignored (mobility type of an agreement, e.g. student_studies or SMS)"
    ]
