"""The fast way through a plain mobility export (importing/plain_csv.py and mobility._plain_flows): it gives the
rows and messages worked out by hand below, and every file it cannot be sure of goes the row-by-row way, which
says what is wrong where."""

from __future__ import annotations

import pytest

from dashboard.importing import load_mobility
from dashboard.importing.headers import header_score
from dashboard.importing.plain_csv import read_plain_csv
from tests.factories import make_partner, partners_frame

HEADER = "academic_year,partner_id,direction,participant,duration,campus,count"
PLAIN = [
    "2022-2023,A,outgoing,student,semester,Leuven,3",  # line 2
    "2022-2023,B,incoming,staff,short_term,Limburg,0",  # line 3
    ",,,,,,",  # line 4: empty cells only, skipped and not counted
    "2023-2024,a,outgoing,student,semester,Leuven,12",  # line 5: partner A, its id in another case
    "2022-2023,A,outgoing,student,semester,Leuven,7",  # line 6: repeats line 2
]


@pytest.fixture
def partners():
    return partners_frame([make_partner(partner_id="A"), make_partner(partner_id="B")])


def write(tmp_path, lines, name="mobility.csv", newline="\n"):
    path = tmp_path / name
    path.write_bytes((newline.join(lines) + newline).encode("utf-8"))
    return path


def read(path):
    return read_plain_csv(path, max_bytes=10**6, header_score=header_score("mobility"))


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_a_plain_export_loads_the_rows_worked_out_by_hand(tmp_path, partners, newline):
    path = write(tmp_path, [HEADER, *PLAIN], newline=newline)
    assert read(path) is not None  # the fast way
    frame, report = load_mobility(path, partners)
    rows = [
        tuple(r)
        for r in frame[
            ["academic_year", "year", "partner_id", "direction", "participant", "duration", "campus", "count"]
        ]
        .astype(object)
        .itertuples(index=False)
    ]
    assert rows == [
        ("2022-2023", 2022, "A", "outgoing", "student", "semester", "Leuven", 3),
        ("2022-2023", 2022, "B", "incoming", "staff", "short_term", "Limburg", 0),
        ("2023-2024", 2023, "A", "outgoing", "student", "semester", "Leuven", 12),
    ]
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (4, 3, 1)
    assert [(p.line, p.message[:25]) for p in report.rejected] == [(6, "duplicate of line 2 (same")]
    assert report.accounted


@pytest.mark.parametrize(
    ("lines", "why"),
    [
        ([HEADER, '2022-2023,A,outgoing,student,semester,"Leuven",3'], "a quote"),
        ([HEADER, "2022-2023,A,outgoing,student,semester,Lëuven,3"], "a letter outside ASCII"),
        ([HEADER, "2022-2023,A,outgoing,student,semester,Leuven ,3"], "a space after a cell"),
        ([HEADER, "2022-2023,A,outgoing,student,semester,Leu  ven,3"], "a run of spaces"),
        ([HEADER, "", "2022-2023,A,outgoing,student,semester,Leuven,3"], "a blank line"),
        (["Mobility 2022", HEADER, "2022-2023,A,outgoing,student,semester,Leuven,3"], "a title above the header"),
        ([HEADER, "2022-2023,A,outgoing,student,semester,Leuven,3,extra"], "a cell too many"),
        ([HEADER, "2022-2023,A,outgoing,student,semester,Leuven\t,3"], "a tab in a comma file"),
    ],
)
def test_files_the_fast_way_cannot_be_sure_of_go_the_careful_way(tmp_path, partners, lines, why):
    path = write(tmp_path, lines)
    assert read(path) is None, why
    frame, report = load_mobility(path, partners)
    assert report.accounted and report.rows_read == 1


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        ("2022-2023,Z,outgoing,student,semester,Leuven,3", "partner_id", "no partner with id 'Z'"),
        ("2022-2023,A,sideways,student,semester,Leuven,3", "direction", "unknown direction 'sideways'"),
        ("2023-24,A,outgoing,student,semester,Leuven,3", None, None),  # another spelling: read, not rejected
        ("2022-2023,A,outgoing,student,semester,Leuven,-3", "count", "count '-3' is negative"),
        ("2022-2023,A,outgoing,student,semester,Leuven,#REF!", "count", "the cell shows Excel's error #REF!"),
    ],
)
def test_a_value_the_fast_way_does_not_take_as_is_gets_the_careful_ways_message(
    tmp_path, partners, row, column, message
):
    path = write(tmp_path, [HEADER, PLAIN[0], row])
    assert read(path) is not None  # plain to read; the value is what needs the careful way
    frame, report = load_mobility(path, partners)
    if message is None:
        assert report.rows_rejected == 0 and frame["academic_year"].tolist() == ["2022-2023", "2023-2024"]
        return
    assert [(p.line, p.column) for p in report.rejected] == [(3, column)]
    assert report.rejected[0].message.startswith(message)
    assert report.rows_loaded == 1


def test_unknown_partners_and_duplicates_get_the_same_report_the_fast_way_and_row_by_row(tmp_path):
    partners = partners_frame([make_partner(partner_id="hanze"), make_partner(partner_id="laurea")])
    rows = [
        "2022-2023,hanze,outgoing,student,semester,Leuven,3",  # line 2
        "2022-2023,hanse,outgoing,student,semester,Leuven,3",  # line 3: an id misspelt
        "2022-2023,,incoming,staff,short_term,Limburg,1",  # line 4: no partner
        "2022-2023,hanze,outgoing,student,semester,Leuven,5",  # line 5: repeats line 2
        "2022-2023,hanse,outgoing,student,semester,Leuven,3",  # line 6: misspelt again, not a repeat of line 3
        "2022-2023,laurea,incoming,staff,short_term,Limburg,1",  # line 7
        "2021-2022,hanse,outgoing,student,semester,Leuven,3",  # line 8: the only row of its year, rejected
    ]
    fast = write(tmp_path, [HEADER, *rows], name="fast.csv")
    # A quoted header cell reads the same but is not plain: this file goes the row-by-row way.
    careful = write(tmp_path, ['"academic_year"' + HEADER.removeprefix("academic_year"), *rows], name="careful.csv")
    assert read(fast) is not None and read(careful) is None
    misspelt = (
        "no partner with id 'hanse' in partners.csv: add the partner there or correct the reference "
        "(closest ids in partners.csv: hanze)"
    )
    expected = [
        (3, "partner_id", misspelt, "hanse"),
        (4, "partner_id", "no partner given: fill in which partner this flow is with", None),
        (
            5,
            None,
            "duplicate of line 2 (same academic year, partner, direction, participant, duration and campus): "
            "add the counts into one row and remove the other",
            None,
        ),
        (6, "partner_id", misspelt, "hanse"),
        (8, "partner_id", misspelt, "hanse"),
    ]
    for path in (fast, careful):
        frame, report = load_mobility(path, partners)
        assert [(p.line, p.column, p.message, p.value) for p in report.rejected] == expected, path.name
        assert report.warnings == []
        assert (report.rows_read, report.rows_loaded) == (7, 2)
        assert frame[["partner_id", "count"]].astype(object).values.tolist() == [["hanze", 3], ["laurea", 1]]
        # The charts list a categorical column's categories: a rejected row's year must not be one (a zero year).
        assert list(frame["academic_year"].astype("category").cat.categories) == ["2022-2023"], path.name
