"""CSV and XLSX downloads of the partner list: formula injection neutralised, accents intact, titles naming the filter."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from dashboard.exports import (
    FORMULA_TRIGGERS,
    export_filename,
    export_title,
    in_table_order,
    neutralise_formula,
    neutralise_frame,
    partners_csv,
    partners_table,
    partners_xlsx,
)
from dashboard.filters import FilterState, apply
from tests.factories import default_partners, make_dataset, make_partner

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "partners"

HOSTILE = [
    ('=HYPERLINK("http://evil","x")', '\'=HYPERLINK("http://evil","x")'),
    ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
    ("-2+3", "'-2+3"),
    ("@SUM(1)", "'@SUM(1)"),
    ("\t=1", "'\t=1"),
    ("\r=1", "'\r=1"),
]
HARMLESS = [
    "<img src=x onerror=alert(1)>",
    "جامعة القاهرة",
    "האוניברסיטה העברית בירושלים",
    "🎓 Emoji Academy 🌍",
    "Graduate 👩\u200d🎓 School",
    "Universidad Tecnológica",
    "'already quoted",
    "University of 1+1",  # a formula character inside the text is harmless
]


@pytest.mark.parametrize(("value", "expected"), HOSTILE)
def test_a_cell_that_would_start_a_formula_gets_a_leading_apostrophe(value, expected):
    assert neutralise_formula(value) == expected
    assert neutralise_formula(neutralise_formula(value)) == expected  # exporting twice adds nothing


@pytest.mark.parametrize("value", HARMLESS)
def test_text_that_is_not_a_formula_is_unchanged(value):
    assert neutralise_formula(value) == value


@pytest.mark.parametrize(
    ("value", "expected"), [(-5, -5), (2.5, 2.5), (0, 0), (None, ""), (float("nan"), ""), (pd.NA, "")]
)
def test_numbers_stay_numbers_and_missing_values_become_empty(value, expected):
    result = neutralise_formula(value)
    assert result == expected and type(result) is type(expected)


def _hostile_dataset():
    names = [value for value, _ in HOSTILE] + HARMLESS
    partners = [
        make_partner(
            partner_id=f"H{i:02d}",
            name=name,
            city="=cmd" if i == 0 else "Gent",
            website="@evil" if i == 1 else "https://example.edu",
            networks=("-net",) if i == 2 else (),
        )
        for i, name in enumerate(names)
    ]
    return make_dataset(partners=partners)


def _hostile_table() -> pd.DataFrame:
    dataset = _hostile_dataset()
    return partners_table(apply(FilterState(), dataset).partners)


def test_the_csv_neutralises_every_hostile_field_and_keeps_counts_numeric():
    table = _hostile_table()
    read = _read_csv(partners_csv(table))
    assert read["Partner"].tolist()[: len(HOSTILE)] == [expected for _, expected in HOSTILE]
    assert read["Partner"].tolist()[len(HOSTILE) :] == HARMLESS
    assert read["City"].iloc[0] == "'=cmd"
    assert read["Website"].iloc[1] == "'@evil"
    assert read["Networks"].iloc[2] == "'-net"
    assert table["Agreement from"].tolist() == [2020] * len(table)
    assert pd.api.types.is_integer_dtype(table["Mobility in filter"])


def test_the_partner_table_has_human_headers_labels_and_the_mobility_in_the_filter():
    dataset = make_dataset()
    view = apply(FilterState.from_query("?tier=strategic&from=2022-2023", dataset), dataset)
    table = partners_table(view.partners)
    assert table.columns.tolist() == [
        "Partner",
        "City",
        "Country",
        "Erasmus code",
        "Tier",
        "Activities",
        "Networks",
        "Website",
        "Agreement from",
        "Agreement until",
        "Mobility in filter",
        "Outgoing",
        "Incoming",
    ]
    hanze = table[table["Partner"] == "Hanze University of Applied Sciences"].iloc[0]
    assert hanze["Country"] == "Netherlands"
    assert hanze["Tier"] == "Strategic"
    assert hanze["Activities"] == "Student mobility; Staff mobility; Research"
    assert hanze["Agreement from"] == 2018 and pd.isna(hanze["Agreement until"])
    # Hanze, Turku and Strathmore from 2022-2023 on, from the factory's count formula.
    assert table["Mobility in filter"].tolist() == [16, 10, 16]
    assert table["Outgoing"].tolist() == [8, 5, 8]
    assert (table["Outgoing"] + table["Incoming"]).tolist() == [16, 10, 16]


def test_the_partner_table_speaks_dutch():
    dataset = make_dataset()
    table = partners_table(apply(FilterState(), dataset).partners, language="nl")
    assert {"Stad", "Land", "Niveau", "Activiteiten", "Akkoord vanaf"} <= set(table.columns)
    row = table[table["Partner"] == "Hanyang University"].iloc[0]
    assert (row["Land"], row["Niveau"], row["Activiteiten"]) == ("Zuid-Korea", "Mobiliteit", "Studentenmobiliteit")


def _read_csv(data: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str, keep_default_na=False)


def _as_text(table: pd.DataFrame) -> pd.DataFrame:
    return table.astype(object).map(lambda v: "" if pd.isna(v) else str(v))


def test_the_csv_starts_with_a_byte_order_mark_and_reads_back_as_the_neutralised_table():
    table = _hostile_table()
    data = partners_csv(table)
    assert data.startswith(b"\xef\xbb\xbf")  # Excel then reads UTF-8, so accents and Arabic survive
    pd.testing.assert_frame_equal(_read_csv(data), _as_text(neutralise_frame(table)))
    assert "جامعة القاهرة".encode() in data and "🎓 Emoji Academy 🌍".encode() in data


def test_no_csv_cell_starts_a_formula_even_when_given_a_raw_frame():
    raw = pd.DataFrame({"Partner": [v for v, _ in HOSTILE], "Count": range(len(HOSTILE))})
    rows = list(csv.reader(io.StringIO(partners_csv(raw).decode("utf-8-sig"), newline="")))
    cells = [cell for row in rows[1:] for cell in row]
    assert cells and not [cell for cell in cells if cell.startswith(FORMULA_TRIGGERS)]
    assert [row[1] for row in rows[1:]] == [str(i) for i in range(len(HOSTILE))]


def test_a_semicolon_csv_for_dutch_excel():
    table = partners_table(apply(FilterState(), make_dataset()).partners, language="nl")
    data = partners_csv(table, delimiter=";")
    assert data.decode("utf-8-sig").splitlines()[0].startswith("Partner;Stad;Land;")
    read = pd.read_csv(io.BytesIO(data), sep=";", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(read, _as_text(table))


def _cells(data: bytes):
    sheet = load_workbook(io.BytesIO(data)).active
    return sheet, [cell for row in sheet.iter_rows() for cell in row]


def test_the_xlsx_stores_no_formula_and_shows_hostile_text_as_typed_in_text_cells():
    table = _hostile_table()
    sheet, cells = _cells(partners_xlsx(table, title="UCLL partners - all partners"))
    assert [cell for cell in cells if cell.data_type == "f"] == []
    names = [cell.value for cell in sheet["A"][1:]]
    # XML reads a carriage return back as a line feed. No apostrophe: "-2+3" reads as typed, as text.
    assert names[: len(HOSTILE)] == [value.replace("\r", "\n") for value, _ in HOSTILE]
    assert names[len(HOSTILE) :] == HARMLESS
    assert all(cell.data_type == "s" and cell.number_format == "@" for cell in sheet["A"])
    assert (sheet["B"][1].value, sheet["B"][1].number_format) == ("=cmd", "@")  # the hostile city, as text
    assert [cell.value for cell in sheet[1]] == table.columns.tolist()
    counts = list(sheet["K"][1:])
    assert all(cell.data_type == "n" for cell in counts)
    assert [cell.value for cell in counts] == table["Mobility in filter"].tolist()
    assert sheet.freeze_panes == "A2"


def test_the_xlsx_writer_refuses_formulas_in_a_raw_frame_and_drops_control_characters():
    raw = pd.DataFrame(
        {"=Header": ["=1+1", "bell\x07 University", None], "Year": pd.array([2020, None, 2022], dtype="Int64")}
    )
    sheet, cells = _cells(partners_xlsx(raw))
    assert [cell for cell in cells if cell.data_type == "f"] == []
    assert [cell.value for cell in sheet["A"]] == ["=Header", "=1+1", "bell University", None]
    assert [cell.data_type for cell in sheet["A"][:3]] == ["s", "s", "s"]
    assert [cell.value for cell in sheet["B"]] == ["Year", 2020, None, 2022]


@pytest.mark.parametrize("corpus_file", ["formulas.csv", "html_js.csv", "rtl_emoji.csv"])
def test_partners_imported_from_the_hostile_corpus_export_safely(corpus_file):
    from dashboard.importing import load_partners

    loaded, _report = load_partners(CORPUS / corpus_file)
    assert len(loaded), f"{corpus_file} should load some rows"
    rows = [
        make_partner(**{**p, "partner_id": f"C{i}"})
        for i, p in enumerate(
            loaded.drop(columns=[c for c in ("street", "postcode") if c in loaded]).to_dict("records")
        )
    ]
    table = partners_table(apply(FilterState(), make_dataset(partners=rows)).partners)
    text_cells = list(_read_csv(partners_csv(table)).to_numpy().ravel())
    assert not [c for c in text_cells if c.startswith(FORMULA_TRIGGERS)]
    _sheet, cells = _cells(partners_xlsx(table))
    assert not [c for c in cells if c.data_type == "f"]
    assert not [c for c in cells if isinstance(c.value, str) and c.number_format != "@"]  # text is stored as text
    assert set(table["Partner"]) == set(loaded["name"])  # every name is there, as typed


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["UCLL partners - all partners"]),
        ("?tier=strategic", ["UCLL partners - ", "tier: strategic"]),
        ("?tier=strategic,mobility", ["tier: strategic, mobility"]),
        ("?country=FI,NL", ["country: Finland, Netherlands"]),
        ("?region=Europe", ["region: Europe"]),
        ("?activity=research", ["activity: research"]),
        ("?campus=Leuven", ["campus: Leuven"]),
        ("?from=2021-2022&to=2023-2024", ["2021-2022 to 2023-2024"]),
        ("?from=2022-2023", ["from 2022-2023"]),
        ("?to=2022-2023", ["up to 2022-2023"]),
        ("?participant=staff&direction=incoming", ["participant: staff", "direction: incoming"]),
        ("?q=hanze", ["search: \u201chanze\u201d"]),
    ],
)
def test_the_export_title_names_each_active_filter(query, expected):
    dataset = make_dataset()
    title = export_title(FilterState.from_query(query, dataset), dataset)
    for part in expected:
        assert part in title


def test_the_brief_example_title():
    dataset = make_dataset()
    state = FilterState.from_query("?tier=strategic&country=NL,FI&from=2021-2022&to=2024-2025", dataset)
    assert (
        export_title(state, dataset)
        == "UCLL partners - tier: strategic; country: Finland, Netherlands; 2021-2022 to 2024-2025"
    )
    assert (
        export_title(state, dataset, "nl")
        == "UCLL-partners - niveau: strategisch; land: Finland, Nederland; 2021-2022 tot 2024-2025"
    )


@pytest.mark.parametrize(
    ("query", "ext", "expected"),
    [
        ("", "csv", "partners.csv"),
        (
            "?tier=strategic&country=FI,NL&from=2021-2022",
            ".XLSX",
            "partners_tier-strategic_country-FI-NL_from-2021-2022.xlsx",
        ),
        ("?q=../../etc/passwd", "png", "partners_q-etc-passwd.png"),
        ("?q=Jyväskylä", "csv", "partners_q-Jyvaskyla.csv"),
    ],
)
def test_the_export_filename_is_safe_and_names_the_filter(query, ext, expected):
    dataset = make_dataset()
    assert export_filename(FilterState.from_query(query, dataset), ext) == expected


def test_a_long_filter_gives_a_bounded_filename_without_half_filters():
    dataset = make_dataset()
    countries = ",".join(p["country"] for p in default_partners())
    state = FilterState.from_query(f"?country={countries}&region=Europe,Asia,Africa&q={'x' * 90}", dataset)
    name = export_filename(state, "csv")
    assert len(name) <= 104 and name.endswith(".csv")
    assert "_q-" not in name  # the search did not fit, so it is left out rather than cut


# -- the rows the table shows, in its order --------------------------------------------------------------


def test_an_export_holds_the_rows_the_table_shows_in_the_tables_order():
    dataset = make_dataset()
    partners = apply(FilterState(), dataset).partners
    # The grid after a search for "groningen" sorted by name, descending: P04 then P01.
    shown = in_table_order(partners, ["P04", "P01"])
    assert shown["partner_id"].tolist() == ["P04", "P01"]
    assert partners_table(shown)["Partner"].tolist() == [
        "University of Groningen",
        "Hanze University of Applied Sciences",
    ]


def test_an_export_leaves_out_ids_outside_the_filter_and_repeats():
    dataset = make_dataset()
    strategic = apply(FilterState(tiers=("strategic",)), dataset).partners  # P01, P02, P03
    assert in_table_order(strategic, ["P09", "P03", "P03", "nope", "P01"])["partner_id"].tolist() == ["P03", "P01"]
    assert in_table_order(strategic, [])["partner_id"].tolist() == []  # a search that found nothing


def test_before_the_grid_reports_its_rows_an_export_follows_the_tables_first_sort():
    dataset = make_dataset()
    partners = apply(FilterState(), dataset).partners
    volumes = in_table_order(partners, None)["volume"].tolist()
    assert volumes == sorted(partners["volume"].tolist(), reverse=True) and len(volumes) == 9


def test_the_table_search_is_named_in_the_file_name_and_the_title():
    dataset = make_dataset()
    state = FilterState.from_query("?tier=strategic", dataset)
    assert export_filename(state, "csv", table_search=" Kraków ") == "partners_tier-strategic_search-Krakow.csv"
    assert export_title(state, dataset, table_search="Kraków").endswith("table search: “Kraków”")
    assert export_filename(state, "", stem="tier-pyramid") == "tier-pyramid_tier-strategic"  # a PNG's name
