"""Reading city fields and Erasmus codes: postal noise, mojibake, abbreviations (no gazetteer needed)."""

import pytest

from dashboard.folding import WILDCARD, fold, fold_lines
from dashboard.geocoding.names import code_city, name_city_keys, parse_city


@pytest.mark.parametrize(
    "name",
    [
        "Hämeenlinna",
        "Gödöllő",
        "Setúbal",
        "Timișoara",
        "Köln",
        "Sankt Pölten",
        "BRUXELLES - BRUSSEL",
        "Saint-Martin-d'Hères",
        "L’Eliana",
        "Jyväskylä",
        "  Straße  ",
        "İstanbul",
        "A_B",
    ],
)
def test_batch_folding_matches_folding_one_name(name):
    assert fold_lines(f"Gent\n{name}\nLeuven") == ["gent", fold(name), "leuven"]


@pytest.mark.parametrize("name, key", [("Łódź", "lodz"), ("Ærøskøbing", "aeroskobing"), ("Đakovo", "dakovo")])
def test_letters_without_accents_to_strip_are_written_in_ascii(name, key):
    assert fold(name) == key


def test_folding_many_names_keeps_their_order():
    assert fold_lines("Gent\nLEUVEN\nLiège") == ["gent", "leuven", "liege"]


@pytest.mark.parametrize(
    "field, key",
    [
        ("PARIS CEDEX 05", "paris"),
        ("Rennes Cedex 9", "rennes"),
        ("Le Tampon Cédex", "le tampon"),
        ("Praha 3", "praha"),
        ("Dublin 7", "dublin"),
        ("DUBLIN  4", "dublin"),
        ("Paris 05", "paris"),
        ("75005 Paris", "paris"),
        ("69373 Lyon Cedex 08", "lyon"),
        ("4100-442 Porto", "porto"),
        ("Lyon 7e arrondissement", "lyon"),
        ("Brive-La-Gaillarde - (19100)", "brive la gaillarde"),
        ("Leuven - Campus Proximus", "leuven"),
        ("Baza (Granada)", "baza"),
        ("Ede [Gelderland]", "ede"),
        ("1012 AB Amsterdam", "amsterdam"),
        ("MLADA BOLESLAV II", "mlada boleslav"),
        ("Rennes BP 1234", "rennes"),
    ],
)
def test_postal_noise_is_removed_from_the_whole_field(field, key):
    assert parse_city(field).whole[0] == key


@pytest.mark.parametrize(
    "field, key",
    [("Aarhus N", "aarhus"), ("København K", "kobenhavn"), ("Odense C.", "odense"), ("CERNOBBIO CO", "cernobbio")],
)
def test_a_trailing_district_letter_or_province_code_is_tried_without(field, key):
    assert key in parse_city(field).whole


@pytest.mark.parametrize(
    "field, expanded",
    [("St Brieuc", "saint brieuc"), ("St. Pölten", "sankt polten"), ("Ste Clotilde", "sainte clotilde")],
)
def test_abbreviated_saints_are_spelled_out(field, expanded):
    assert expanded in parse_city(field).whole


def test_separated_pieces_come_before_shorter_runs_of_words():
    query = parse_city("ALCALA DE HENARES/MADRID")
    assert query.whole == ("alcala de henares madrid",)
    assert query.pieces[:2] == ("alcala de henares", "madrid")
    assert "henares" in query.runs


def test_the_site_after_a_campus_word_is_not_a_city_to_try():
    query = parse_city("Leuven - Campus Proximus")
    assert not any("proximus" in key for key in (*query.pieces, *query.runs))


def test_mojibake_is_repaired():
    assert parse_city("ZÃ¼rich").whole[0] == "zurich"


def test_letters_lost_to_a_code_page_become_wildcards():
    assert parse_city("Wroc?aw").whole[0] == f"wroc{WILDCARD}aw"


def test_an_empty_field_has_no_keys():
    assert parse_city("  ").whole == ()


@pytest.mark.parametrize(
    "code, key, segments",
    [
        ("NL ROTTERD03", "rotterd", ("rotterd",)),
        ("SF HELSINK39", "helsink", ("helsink",)),
        ("D  BERLIN01", "berlin", ("berlin",)),
        ("D\u00a0 BERLIN01", "berlin", ("berlin",)),
        ("IRLDUBLIN01", "dublin", ("dublin",)),
        ("F  CHALO-S01", "chalos", ("chalo", "s")),
        ("E  LAS-PAL60", "laspal", ("las", "pal")),
    ],
)
def test_the_city_part_of_an_erasmus_code(code, key, segments):
    city = code_city(code)
    assert (city.key, city.segments) == (key, segments)


@pytest.mark.parametrize("code", ["", None, "not a code", "12345"])
def test_text_that_is_no_erasmus_code_has_no_city(code):
    assert code_city(code) is None


@pytest.mark.parametrize(
    "name, city",
    [
        ("Universiteit Utrecht", "utrecht"),
        ("Hochschule Fulda", "fulda"),
        ("University of Helsinki", "helsinki"),
        ("Politehnica University Timișoara", "timisoara"),
    ],
)
def test_the_city_named_in_an_institution_name_is_a_candidate(name, city):
    assert city in name_city_keys(name)


def test_institution_words_are_never_city_candidates():
    assert name_city_keys("Hogeschool University College") == ()
