"""Search: names, cities and countries in any language, accents and case ignored, one matcher for the side panel's
search and the table's."""

from __future__ import annotations

import pytest

from dashboard.filters import FilterState, apply
from dashboard.folding import fold
from dashboard.search import search_mask
from tests.factories import make_dataset, make_partner


@pytest.mark.parametrize(
    ("typed", "written"),
    [("krakow", "Kraków"), ("LODZ", "Łódź"), ("aeroskobing", "Ærøskøbing"), ("weissrussland", "Weißrussland")],
)
def test_folding_ignores_case_accents_and_letters_people_write_in_ascii(typed, written):
    assert fold(typed) == fold(written)


@pytest.fixture(scope="module")
def dataset():
    extra = [
        make_partner(
            partner_id="K1", name="Akademia Górniczo-Hutnicza", city="Kraków", country="PL", country_name="Poland"
        ),
        make_partner(partner_id="L1", name="Politechnika Łódzka", city="Łódź", country="PL", country_name="Polska"),
    ]
    from tests.factories import default_partners

    return make_dataset(partners=default_partners() + extra)


def found(query, dataset):
    return dataset.partners.loc[search_mask(query, dataset.indexes), "partner_id"].tolist()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("krakow", ["K1"]),  # a city without its accent
        ("KRAKÓW", ["K1"]),
        ("lodz", ["L1"]),
        ("gorniczo", ["K1"]),  # a name without its accent
        ("Finland", ["P02", "P08"]),  # a country in English ...
        ("Finnland", ["P02", "P08"]),  # ... German
        ("Finlande", ["P02", "P08"]),  # ... French
        ("finl", ["P02", "P08"]),  # the start of a country's name
        ("Suomi", ["P02", "P08"]),  # ... and in its own language
        ("Polen", ["K1", "L1"]),  # Dutch and German
        ("Zuid-Korea", ["P07"]),  # Dutch, with its hyphen
        ("Mexique", ["P06"]),
        ("turku finland", ["P02"]),  # every word must match: a city and a country
        ("turku kenya", []),
        ("", None),
    ],
)
def test_a_search_finds_names_cities_and_countries_in_any_language(query, expected, dataset):
    result = found(query, dataset)
    assert result == (dataset.partners["partner_id"].tolist() if expected is None else expected)


def test_a_country_is_found_by_the_start_of_its_names_not_by_any_fragment(dataset):
    # "land" is inside "Finland", "Poland" and "Netherlands", but starts none of their names.
    assert found("land", dataset) == []
    assert found("nether", dataset) == ["P01", "P04"]


def test_the_side_panels_search_filters_with_the_same_matcher(dataset):
    view = apply(FilterState.from_query("?q=Finnland", dataset), dataset)
    assert sorted(view.partners["partner_id"]) == ["P02", "P08"]
    view = apply(FilterState.from_query("?q=krakow", dataset), dataset)
    assert view.partners["partner_id"].tolist() == ["K1"]


def test_the_country_box_options_carry_their_names_in_every_language(dataset):
    from dashboard.components.filters_panel import country_options

    options = {option["value"]: option for option in country_options(dataset, "en")}
    finland = options["FI"]["search"].split()
    assert finland[0] == "finland"  # the label shown, folded, first
    assert {"finnland", "finlande", "suomi"} <= set(finland)  # German, French, Finnish
    assert "polen" in options["PL"]["search"].split() and "zuid" in options["KR"]["search"].split()
    # On a Dutch page the label is Dutch, and the English name still finds it.
    dutch = {option["value"]: option for option in country_options(dataset, "nl")}
    assert dutch["KR"]["label"] == "Zuid-Korea" and "south" in dutch["KR"]["search"].split()
