"""FilterState <-> URL query, and apply(): which partners and mobility rows a filter selects."""

from __future__ import annotations

import pytest

from dashboard.filters import FilterState, academic_year, apply
from tests.factories import make_dataset, make_partner


@pytest.fixture(scope="module")
def dataset():
    return make_dataset()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ""),
        ("?", ""),
        ("?tier=strategic", "?tier=strategic"),
        ("tier=strategic", "?tier=strategic"),  # without the leading "?"
        ("?tier=STRATEGIC,Mobility", "?tier=strategic,mobility"),
        ("?tier=mobility&tier=strategic", "?tier=strategic,mobility"),  # repeated, put in pyramid order
        ("?country=nl,fi&country=FI", "?country=FI,NL"),
        ("?country=UK,EL", ""),  # Erasmus codes map to GB/GR, which the dataset does not hold
        ("?country=XX,NL", "?country=NL"),
        ("?region=europe,north%20america", "?region=Europe,North+America"),
        ("?activity=Research,joint-degree", "?activity=research,joint_degree"),
        ("?campus=limburg", "?campus=Limburg"),
        ("?participant=Students&direction=INCOMING", "?participant=student&direction=incoming"),
        ("?from=2021-2022&to=2023-2024", "?from=2021-2022&to=2023-2024"),
        ("?from=2021/22&to=2023", "?from=2021-2022&to=2023-2024"),
        ("?from=2024-2025&to=2021-2022", "?from=2021-2022&to=2024-2025"),  # reversed range: swapped
        ("?from=abc&to=2021-2023", ""),  # malformed years dropped
        ("?from=20211-2022", ""),
        ("?q=%20hanze%20%20univ%20", "?q=hanze+univ"),
        ("?q=a,b", "?q=a,b"),  # the search is free text: a comma is not a separator there
        ("?tier=bogus&colour=red&region=Atlantis", ""),
        ("?Tier=strategic&COUNTRY=nl", "?tier=strategic&country=NL"),  # keys are case-insensitive too
        ("?tiers=strategic&countries=NL", "?tier=strategic&country=NL"),  # plural spellings
        ("?tier=&country=,,&q=", ""),
        ("?%%%&&==&tier", ""),
        ("?q=" + "x" * 500, "?q=" + "x" * 100),
    ],
)
def test_from_query_reads_what_the_url_says_and_drops_the_rest(dataset, query, expected):
    assert FilterState.from_query(query, dataset).to_query() == expected


@pytest.mark.parametrize(
    "state",
    [
        FilterState(),
        FilterState(
            tiers=("strategic",),
            countries=("FI", "NL"),
            regions=("Europe",),
            activities=("research",),
            campuses=("Leuven",),
            year_from="2021-2022",
            year_to="2023-2024",
            participants=("student",),
            directions=("outgoing",),
            query="hanze",
        ),
        FilterState(regions=("North America", "South America"), query="école & co?"),
        FilterState(year_to="2022-2023"),
    ],
)
def test_to_query_round_trips(dataset, state):
    assert FilterState.from_query(state.to_query(), dataset) == state


def test_to_query_orders_keys_as_documented(dataset):
    state = FilterState(query="x", tiers=("mobility",), year_from="2021-2022", countries=("NL",))
    assert state.to_query() == "?tier=mobility&country=NL&from=2021-2022&q=x"


@pytest.mark.parametrize("garbage", [None, "", "?" * 10, "?tier=%ZZ", "?\x00=\x00", "?q=%F0%9F%98", "&&&", "?=x"])
def test_from_query_never_raises(dataset, garbage):
    assert isinstance(FilterState.from_query(garbage, dataset), FilterState)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2021-2022", "2021-2022"),
        ("2021/22", "2021-2022"),
        ("2021", "2021-2022"),
        (" 2099-2100 ", "2099-2100"),
        ("2021-2023", None),
        ("21-22", "2021-2022"),  # as a mobility file may write it
        ("1949-1950", None),  # before the first year a data file may hold
        ("2101-2102", None),
        ("", None),
        ("year", None),
    ],
)
def test_academic_year_accepts_common_spellings(text, expected):
    assert academic_year(text) == expected


def test_is_empty_chips_without_and_toggled(dataset):
    state = FilterState.from_query("?tier=strategic&country=FI,NL&from=2021-2022&q=hanze", dataset)
    assert not state.is_empty()
    assert state.chips() == [
        ("tiers", "strategic", "Strategic"),
        ("countries", "FI", "Finland"),
        ("countries", "NL", "Netherlands"),
        ("year_from", "2021-2022", "From 2021-2022"),
        ("query", "hanze", "\u201chanze\u201d"),
    ]
    assert state.without("countries", "FI").countries == ("NL",)
    assert state.without("countries").countries == ()
    assert state.without("year_from").year_from is None
    assert state.without("query").query == ""
    assert state.without("nonsense") == state
    assert state.toggled("tiers", "strategic").tiers == ()
    assert state.toggled("tiers", "mobility").tiers == ("strategic", "mobility")
    assert state.toggled("countries", "BE").countries == ("BE", "FI", "NL")
    emptied = state
    for field, value, _label in state.chips():
        emptied = emptied.without(field, value)
    assert emptied.is_empty()


def _ids(view) -> list[str]:
    return sorted(view.partners["partner_id"])


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["P01", "P02", "P03", "P04", "P05", "P06", "P07", "P08", "P09"]),
        ("?tier=collaboration", ["P04", "P05", "P06"]),
        ("?tier=strategic,mobility", ["P01", "P02", "P03", "P07", "P08", "P09"]),
        ("?country=FI", ["P02", "P08"]),
        ("?country=FI,NL", ["P01", "P02", "P04", "P08"]),
        ("?region=Europe", ["P01", "P02", "P04", "P05", "P08"]),
        ("?region=Africa,Asia", ["P03", "P07"]),
        # Strategic partners take part in every activity, whatever their own list says.
        ("?activity=research", ["P01", "P02", "P03", "P04"]),
        ("?activity=staff_mobility", ["P01", "P02", "P03", "P06", "P08"]),
        ("?activity=joint_degree,double_degree", ["P01", "P02", "P03", "P04", "P05"]),
        ("?campus=Limburg", ["P01", "P03", "P05", "P08"]),
        # Agreements overlapping the range stay; a missing start or end is open.
        ("?from=2022-2023", ["P01", "P02", "P03", "P04", "P06", "P07", "P09"]),
        ("?to=2019-2020", ["P01", "P02", "P04", "P05", "P08"]),
        ("?from=2021-2022&to=2021-2022", ["P01", "P02", "P03", "P04", "P07", "P08"]),
        ("?q=groningen", ["P01", "P04"]),  # the city is searched too
        ("?q=HANZE%20univ", ["P01"]),
        ("?q=jyvaskyla", ["P08"]),  # accents folded
        ("?q=nowhere", []),
        ("?tier=strategic&region=Europe", ["P01", "P02"]),
        # Participant and direction filter mobility rows, not partners.
        ("?participant=staff&direction=incoming", ["P01", "P02", "P03", "P04", "P05", "P06", "P07", "P08", "P09"]),
    ],
)
def test_apply_selects_the_expected_partners(dataset, query, expected):
    assert _ids(apply(FilterState.from_query(query, dataset), dataset)) == expected


@pytest.mark.parametrize(
    "query, counts, shown",
    [
        ("", (3, 3, 3), 9),
        ("?tier=strategic", (3, 3, 3), 3),
        ("?tier=collaboration,mobility", (3, 3, 3), 6),
        # Europe: Hanze, Turku, Groningen, Lisbon and Jyväskylä.
        ("?region=Europe&tier=mobility", (2, 2, 1), 1),
        # Strategic partners take part in every activity; Groningen is the one other partner doing research.
        ("?activity=research", (3, 1, 0), 4),
        ("?q=university&tier=strategic", (3, 1, 2), 3),  # "Universidad(e)" is not "university"
        ("?country=FI,NL,KE", (3, 1, 1), 5),
        # Lisbon's agreement ended in 2020 and Jyväskylä's in 2021.
        ("?from=2023-2024&tier=mobility", (3, 2, 2), 2),
    ],
)
def test_pyramid_counts_ignore_the_tier_filter(dataset, query, counts, shown):
    """Counts per tier (strategic, collaboration, mobility) worked out from the factory's nine partners."""
    view = apply(FilterState.from_query(query, dataset), dataset)
    assert view.tier_counts == dict(zip(("strategic", "collaboration", "mobility"), counts))
    assert len(view.partners) == shown


def test_mobility_rows_follow_the_filter(dataset):
    state = FilterState.from_query("?participant=staff&direction=incoming&campus=Leuven&from=2022-2023", dataset)
    view = apply(state, dataset)
    rows = view.mobility
    assert len(rows) > 0
    assert set(rows["participant"]) == {"staff"}
    assert set(rows["direction"]) == {"incoming"}
    assert set(rows["campus"]) == {"Leuven"}
    assert rows["year"].min() >= 2022
    assert set(rows["partner_id"]) <= set(view.partners["partner_id"])


def test_volume_is_the_mobility_count_in_the_filter(dataset):
    view = apply(FilterState.from_query("?direction=outgoing&from=2023-2024", dataset), dataset)
    # Outgoing in 2023-2024, students + staff, from the factory's count formula; Lisbon's and Jyväskylä's
    # agreements ended before 2023, so they are not shown.
    expected = {"P01": 5, "P02": 1, "P03": 3, "P04": 5, "P06": 9, "P07": 5, "P09": 3}
    assert view.partners.set_index("partner_id")["volume"].to_dict() == expected
    assert (view.partners["outgoing"] + view.partners["incoming"] == view.partners["volume"]).all()
    assert int(view.mobility["count"].sum()) == sum(expected.values())


def test_years_in_range_are_listed_for_charts(dataset):
    assert apply(FilterState(), dataset).years == ("2021-2022", "2022-2023", "2023-2024")
    assert apply(FilterState(year_from="2022-2023"), dataset).years == ("2022-2023", "2023-2024")


def test_a_new_dataset_is_not_served_from_the_previous_ones_cache():
    first = make_dataset()
    assert len(apply(FilterState(), first).partners) == 9
    second = make_dataset(partners=[make_partner(partner_id="A"), make_partner(partner_id="B", tier="strategic")])
    view = apply(FilterState(tiers=("strategic",)), second)
    assert list(view.partners["partner_id"]) == ["B"]
    assert FilterState.from_query("?country=NL", second).countries == ()  # NL is not in the second dataset


def test_mobility_of_unknown_partners_is_ignored():
    dataset = make_dataset(
        partners=[make_partner(partner_id="A")],
        mobility=[
            {
                "academic_year": "2022-2023",
                "year": 2022,
                "partner_id": pid,
                "direction": "outgoing",
                "participant": "student",
                "duration": "semester",
                "campus": "Leuven",
                "count": 3,
            }
            for pid in ("A", "ghost")
        ],
    )
    view = apply(FilterState(), dataset)
    assert view.partners["volume"].tolist() == [3]
    assert int(view.mobility["count"].sum()) == 3


def test_the_length_of_stay_picks_mobility_as_a_click_on_its_bar_asks():
    from tests.factories import default_mobility, default_partners

    dataset = make_dataset()
    # In the test data students go for a semester and staff short-term: short-term is the staff's mobility.
    staff = sum(row["count"] for row in default_mobility(default_partners()) if row["participant"] == "staff")
    view = apply(FilterState.from_query("?duration=short_term", dataset), dataset)
    assert int(view.totals["count"].sum()) == staff
    assert set(view.totals.loc[view.totals["count"] > 0, "duration"]) == {"short_term"}
    assert FilterState.from_query("?duration=Short-Term,nonsense", dataset).durations == ("short_term",)
