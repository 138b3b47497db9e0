"""The one reach into plotly's copying (figures/geo_map.shared_cards): plotly must still deep-copy a figure's
object arrays element by element (else the wrapper can go), and the wrapped cards must still reach the figure's
JSON uncopied and unchanged."""

from __future__ import annotations

import copy

import numpy as np
import plotly.graph_objects as go
from plotly.io.json import to_json_plotly

from dashboard.figures.geo_map import shared_cards
from dashboard.figures.theme import unvalidated_figure


class Counted(str):
    """A card field that counts how often something deep-copies it."""

    copies = 0

    def __deepcopy__(self, memo: dict | None = None) -> Counted:
        Counted.copies += 1
        return Counted(str(self))


def cards() -> np.ndarray:
    table = np.empty((3, 3), dtype=object)
    table[:, 0] = [Counted("P01"), Counted("P02"), Counted("P03")]
    table[:, 1] = ["Ghent University", "KU &amp; Co", "Strathmore"]
    table[:, 2] = [12, 0, 1234]
    return table


def figure_json(customdata: np.ndarray, *, validate: bool) -> dict:
    spec = {"data": [{"type": "scattergeo", "lat": [1, 2, 3], "lon": [4, 5, 6], "customdata": customdata}]}
    figure = go.Figure(spec) if validate else unvalidated_figure(spec)
    return figure.to_plotly_json()


def test_plotly_still_deep_copies_a_plain_object_array_element_by_element():
    Counted.copies = 0
    figure_json(cards(), validate=False)
    # Building the figure and serialising it each copy all three ids: when this fails plotly stopped copying
    # element by element, and shared_cards (with its __deepcopy__) can go.
    assert Counted.copies >= 6


def test_shared_cards_reach_the_figure_uncopied_and_unchanged():
    Counted.copies = 0
    shared = figure_json(shared_cards(cards()), validate=False)["data"][0]["customdata"]
    assert Counted.copies == 0
    assert np.asarray(shared).tolist() == [
        ["P01", "Ghent University", 12],
        ["P02", "KU &amp; Co", 0],
        ["P03", "Strathmore", 1234],
    ]
    plain = figure_json(cards(), validate=False)["data"][0]["customdata"]
    assert to_json_plotly(shared) == to_json_plotly(plain)


def test_a_copy_of_shared_cards_is_a_new_array_over_the_same_fields():
    original = shared_cards(cards())
    copied = copy.deepcopy(original)
    copied[0, 1] = "changed"
    assert original[0, 1] == "Ghent University"  # a new array: changing the copy leaves the figure's cards alone
    assert copied[1, 0] is original[1, 0]


def test_plotlys_validated_path_keeps_the_shared_cards_too():
    shared = figure_json(shared_cards(cards()), validate=True)["data"][0]["customdata"]
    assert np.asarray(shared)[2].tolist() == ["P03", "Strathmore", 1234]
