"""The public pages' map (figures/public_map.py): the dashboard's map figure with hover cards cut to name and
place. Fails when world_map's hover fields move, so the public pages never start sending counts of people."""

from __future__ import annotations

import numpy as np

from dashboard.figures.public_map import public_hover, public_partners
from dashboard.figures.world_map import world_map
from dashboard.filters import FilterState, apply
from tests.factories import make_dataset


def test_public_hover_cards_hold_name_and_place_and_no_mobility():
    dataset = make_dataset()
    view = apply(FilterState(), dataset)
    figure = public_hover(world_map(public_partners(view.partners), home=dataset.institution))
    cards = [row for trace in figure.data if trace.customdata is not None for row in np.asarray(trace.customdata)]
    assert len(cards) == 9  # every partner of the factory has a place
    names = dict(zip(dataset.partners["partner_id"], dataset.partners["name"]))
    for pid, name, place in cards:
        assert name == names[pid] and place  # what the public card shows is the partner's name and place
    templates = [t.hovertemplate or "" for t in figure.data]
    assert not any("%{customdata[3]" in t or "%{customdata[5]" in t for t in templates)
    assert not any(column in public_partners(view.partners) for column in ("volume", "outgoing", "incoming"))
