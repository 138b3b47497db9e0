"""The home institution's tables: campuses.csv and key_figures.csv (institution.toml: test_institution.py)."""

from __future__ import annotations

import math

import pytest

from dashboard.importing import load_campuses, load_key_figures
from dashboard.model import CAMPUS_COLUMNS, KEY_FIGURE_COLUMNS, KEY_FIGURE_TRANSLATIONS, key_figure_text


def test_campuses(tmp_path):
    path = tmp_path / "campuses.csv"
    path.write_text(
        "campus,group,city,lat,lon\n"
        "Gasthuisberg,Leuven,Leuven,50.8798,4.6730\n"
        "Diepenbeek,Limburg,Diepenbeek,50.9307,5.3940\n"
        "Online,,,,\n"
        ",Leuven,Leuven,50.9,4.7\n"
        "Proximus,Leuven,Heverlee,50.86,190.9\n",
        encoding="utf-8",
    )

    campuses, report = load_campuses(path)

    assert list(campuses.columns) == list(CAMPUS_COLUMNS)
    assert campuses["campus"].tolist() == ["Gasthuisberg", "Diepenbeek", "Online"]
    assert campuses["group"].tolist() == ["Leuven", "Limburg", "Online"]
    assert campuses.loc[0, ["lat", "lon"]].tolist() == [50.8798, 4.6730]
    assert math.isnan(campuses.loc[2, "lat"])
    assert [(p.line, p.column) for p in report.rejected] == [(5, "campus"), (6, "lon")]
    assert report.accounted


def test_key_figures_keep_values_as_written(tmp_path):
    path = tmp_path / "key_figures.csv"
    path.write_text(
        "label;value;unit;source\n"
        "Experts from the professional field;1,700;;ucll.be\n"
        "Research turnover;10;million euro;ucll.be\n"
        ";5;;\n",
        encoding="cp1252",
    )

    figures, report = load_key_figures(path)

    assert list(figures.columns) == list(KEY_FIGURE_COLUMNS + KEY_FIGURE_TRANSLATIONS)
    assert figures["value"].tolist() == ["1,700", "10"]
    assert figures.loc[1, "unit"] == "million euro"
    assert [(p.line, p.column) for p in report.rejected] == [(4, "label")]


@pytest.mark.parametrize(
    "loader, columns",
    [(load_campuses, CAMPUS_COLUMNS), (load_key_figures, KEY_FIGURE_COLUMNS + KEY_FIGURE_TRANSLATIONS)],
)
def test_a_missing_optional_file_gives_an_empty_frame_and_a_warning(tmp_path, loader, columns):
    frame, report = loader(tmp_path / "absent.csv")
    assert frame.empty and list(frame.columns) == list(columns)
    assert report.errors == [] and "absent.csv not found" in report.warnings[0].message


def test_a_reference_file_without_its_required_column_fails(tmp_path):
    path = tmp_path / "campuses.csv"
    path.write_text("city,lat,lon\nLeuven,50.8,4.7\n", encoding="utf-8")
    frame, report = load_campuses(path)
    assert frame.empty and "missing required column(s) campus" in report.errors[0].message


def test_key_figures_carry_the_offices_own_dutch_and_french_wording(tmp_path):
    path = tmp_path / "key_figures.csv"
    path.write_text(
        "Label;Value;Unit;Label NL;Eenheid NL;Label FR\n"
        "Experts from the professional field;1700;experts;Experts uit het werkveld;experts;Experts du terrain\n"
        "Research turnover;10;million euro;;;\n",
        encoding="utf-8",
    )
    figures, report = load_key_figures(path)
    assert report.ok and not report.warnings  # the translation columns are known, not "ignored"
    first, second = figures.itertuples(index=False)
    assert key_figure_text(first, "label", "nl") == "Experts uit het werkveld"
    assert key_figure_text(first, "label", "fr") == "Experts du terrain"
    assert key_figure_text(first, "unit", "fr") == "experts"  # no French unit given: the English one
    assert key_figure_text(second, "label", "nl") == "Research turnover"  # a blank translation falls back


def test_a_missing_key_figure_column_names_the_headers_that_would_do(tmp_path):
    path = tmp_path / "key_figures.csv"
    path.write_text("label;amount\nExperts;1700\n", encoding="utf-8")
    _, report = load_key_figures(path)
    message = report.errors[0].message
    assert "missing required column(s) value" in message
    assert "columns found: label, amount" in message and "waarde" in message  # the Dutch header would do
