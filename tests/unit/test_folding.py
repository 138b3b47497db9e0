"""The one text fold: what search, country names and the gazetteer all match on."""

import pytest

from dashboard.folding import fold, slug


@pytest.mark.parametrize(
    "written, key",
    [
        ("Liège", "liege"),
        ("LIÈGE", "liege"),
        ("Saint-Martin-d'Hères", "saint martin d heres"),
        ("  Straße  ", "strasse"),
        ("Łódź", "lodz"),
        ("Færøerne", "faeroerne"),
        ("A_B", "a b"),
        ("two\nlines", "two lines"),
    ],
)
def test_names_written_differently_fold_to_one_key(written, key):
    assert fold(written) == key


@pytest.mark.parametrize(
    "written, expected",
    [("Łódź (PL)", "lodz-PL"), ("Straße 5", "Strasse-5"), ("Université Lille – FR", "Universite-Lille-FR"), ("--", "")],
)
def test_a_slug_keeps_ascii_letters_and_digits_joined_by_hyphens(written, expected):
    assert slug(written) == expected
