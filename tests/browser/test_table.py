"""The partner table's mobility column in a real browser: a filter on the mobility itself changes each row's
volume and the order, and clearing it brings back the unfiltered volumes (the grid keeps its rows; a filter
sends only what differs, see partner_table.table_filter).

Three partners (C strategic, A and B mobility partners) with mobility worked out by hand:
    A: 2021-2022 outgoing 5, 2022-2023 incoming 4   -> 9 in all, 4 incoming
    B: 2022-2023 outgoing 1, 2023-2024 incoming 6   -> 7 in all, 6 incoming
    C: 2023-2024 outgoing 2                         -> 2 in all, 0 incoming
"""

from __future__ import annotations

import pytest

from dashboard import ids
from tests.browser.helpers import serve
from tests.factories import make_dataset, make_partner

pytestmark = pytest.mark.browser

FLOWS = [
    ("2021-2022", "A", "outgoing", 5),
    ("2022-2023", "A", "incoming", 4),
    ("2022-2023", "B", "outgoing", 1),
    ("2023-2024", "B", "incoming", 6),
    ("2023-2024", "C", "outgoing", 2),
]

ROWS_JS = """
(tableId) => {
  let api = null;
  try { api = window.dash_ag_grid.getApi(tableId); } catch (e) { return null; }
  const rows = [];
  api.forEachNodeAfterFilterAndSort((node) => rows.push([node.data.partner_id, node.data.volume]));
  // The cells drawn in the volume column, top to bottom, as the person reads them.
  const cells = Array.from(document.querySelectorAll(`#${tableId} .ag-center-cols-container [col-id=volume]`))
    .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)
    .map((cell) => cell.textContent.trim());
  return {rows, cells};
}
"""


@pytest.fixture(scope="module")
def three_partners():
    partners = [
        make_partner(partner_id=pid, name=f"{pid} University", city=city, country=country, tier=tier)
        for pid, city, country, tier in (
            ("A", "Ghent", "BE", "mobility"),
            ("B", "Turku", "FI", "mobility"),
            ("C", "Porto", "PT", "strategic"),
        )
    ]
    mobility = [
        {
            "academic_year": y,
            "year": int(y[:4]),
            "partner_id": p,
            "direction": d,
            "participant": "student",
            "duration": "semester",
            "campus": "Leuven",
            "count": n,
        }
        for y, p, d, n in FLOWS
    ]
    server = serve(make_dataset(partners=partners, mobility=mobility))
    app = next(server)
    yield app
    server.close()


def wait_for_rows(page, expected: list[list]) -> None:
    cells = [str(volume) for _, volume in expected]
    page.wait_for_function(
        "([tableId, rows, cells]) => { const read = " + ROWS_JS + "; const s = read(tableId);"
        " return s !== null && JSON.stringify(s.rows) === JSON.stringify(rows)"
        " && JSON.stringify(s.cells) === JSON.stringify(cells); }",
        arg=[ids.PARTNER_TABLE, expected, cells],
        timeout=15_000,
    )


def test_mobility_filters_change_the_volume_column_and_clearing_them_restores_it(three_partners, open_page):
    page = open_page(three_partners.url + "/")
    wait_for_rows(page, [["A", 9], ["B", 7], ["C", 2]])

    page.click(".chip-incoming label")
    wait_for_rows(page, [["B", 6], ["A", 4], ["C", 0]])

    # A partner filter on top: only C (strategic) stays, with its incoming volume.
    page.click(".chip-strategic label")
    wait_for_rows(page, [["C", 0]])
    page.click(".chip-strategic label")
    wait_for_rows(page, [["B", 6], ["A", 4], ["C", 0]])

    page.click(f"#{ids.RESET}")
    wait_for_rows(page, [["A", 9], ["B", 7], ["C", 2]])
