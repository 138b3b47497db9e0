"""Scene building: each kind gives a valid figure readable from five metres, a caption (the file's or its own),
facts that match the data, and nothing from the data that a browser would run."""

from __future__ import annotations

import json

import numpy as np
import plotly.graph_objects as go
import pytest
from plotly.io.json import to_json_plotly

from dashboard.present.scenes import MIN_FONT_PX, PARTNER_WINDOW, build_scene, build_tour
from dashboard.present.tour import Scene, default_scenes
from tests.factories import default_partners, make_dataset, make_partner
from tests.helpers import font_sizes, plotly_numbers

HOSTILE = "<img src=x onerror=alert(1)>"
DATASET = make_dataset()
MOBILITY = DATASET.mobility
STRATEGIC_MOBILITY = int(MOBILITY[MOBILITY["partner_id"].isin(["P01", "P02", "P03"])]["count"].sum())
SCENES = [
    Scene("network"),
    Scene("tier", "collaboration"),
    Scene("partner", "P03"),
    Scene("region", "Europe"),
    Scene("pyramid"),
    Scene("trend"),
]


@pytest.mark.parametrize("scene", SCENES, ids=lambda s: s.kind)
@pytest.mark.parametrize("language", ["en", "nl"])
def test_every_scene_is_a_valid_figure_with_no_font_under_24_px(scene, language):
    view = build_scene(scene, DATASET, language)
    go.Figure(view.figure)  # plotly validates every property: a typo in a scene would raise here
    sizes = font_sizes(view.figure)
    assert sizes, "the figure should set its type sizes"
    assert min(sizes) >= MIN_FONT_PX
    assert view.figure["layout"]["dragmode"] is False
    assert view.caption and view.kicker


def test_the_map_scenes_have_big_markers_and_the_trend_thick_lines():
    network = build_scene(Scene("network"), DATASET).figure
    partners = [t for t in network["data"] if t.get("customdata") is not None]
    sizes = np.concatenate([plotly_numbers(t["marker"]["size"]) for t in partners])
    # 9 to 30 px on the dashboard, 1.35 times that on a wall: the busiest partner 40 px across.
    assert sizes.min() >= 12 and sizes.max() == 40
    (home,) = [t for t in network["data"] if t.get("marker", {}).get("symbol") == "star"]
    assert home["marker"]["size"] == 34
    trend = build_scene(Scene("trend"), DATASET).figure
    assert trend["data"] and {(t["line"]["width"], t["marker"]["size"]) for t in trend["data"]} == {(6, 16)}


@pytest.mark.parametrize(
    ("scene", "language", "kicker", "caption", "facts"),
    [
        (
            Scene("network"),
            "en",
            "Our network",
            "Our partner network around the world",
            [("9", "partners"), ("7", "countries"), ("216", "mobilities")],
        ),
        (
            Scene("tier", "strategic"),
            "nl",
            "Strategische partners",
            "Strategische partners",
            [("3", "partners"), ("3", "landen"), (str(STRATEGIC_MOBILITY), "mobiliteiten")],
        ),
        (
            Scene("partner", "P03"),
            "en",
            "Strategic partner",
            "Strathmore University, Nairobi, Kenya",
            [("2021", "partner since"), ("11", "of ours went there"), ("15", "came to us")],
        ),
        (
            Scene("region", "Europe"),
            "nl",
            "Europa",
            "Partners en mobiliteit in Europa",
            [("5", "partners"), ("3", "landen"), ("114", "mobiliteiten")],
        ),
        (
            Scene("pyramid"),
            "en",
            "Partnership tiers",
            "Three tiers of partnership: strategic, collaboration, mobility",
            [("3", "Strategic partners"), ("3", "Collaboration partners"), ("3", "Mobility partners")],
        ),
        (
            Scene("trend"),
            "en",
            "Mobility per academic year",
            "Students and staff abroad and welcomed, year by year",
            [("39", "went abroad in 2023\u20112024"), ("45", "welcomed in 2023\u20112024")],
        ),
    ],
)
def test_a_scene_without_a_caption_writes_its_own_kicker_caption_and_facts(scene, language, kicker, caption, facts):
    view = build_scene(scene, DATASET, language)
    assert (view.kicker, view.caption) == (kicker, caption)
    assert [(f.value, f.label) for f in view.facts] == facts


def test_the_caption_from_the_tour_file_wins_in_its_language():
    scene = Scene("network", captions=(("en", "Where we go"), ("nl", "Waar we heen gaan")))
    assert build_scene(scene, DATASET, "nl").caption == "Waar we heen gaan"
    assert build_scene(scene, DATASET, "fr").caption == "Notre réseau de partenaires dans le monde"


def test_a_partner_scene_zooms_on_the_partner_and_highlights_it_by_name():
    view = build_scene(Scene("partner", "P03"), DATASET)  # Strathmore University, Nairobi (-1.29, 36.82)
    geo = view.figure["layout"]["geo"]
    assert geo["lonaxis"]["range"] == pytest.approx([36.8219 - PARTNER_WINDOW[0], 36.8219 + PARTNER_WINDOW[0]])
    assert geo["lataxis"]["range"] == pytest.approx([-1.2921 - PARTNER_WINDOW[1], -1.2921 + PARTNER_WINDOW[1]])
    labelled = [t for t in view.figure["data"] if t.get("mode") == "markers+text"]
    assert [list(t["text"]) for t in labelled] == [["Strathmore University"]]
    others = [t for t in view.figure["data"] if t.get("customdata") is not None]
    assert others and all(t["marker"]["opacity"] < 0.5 for t in others)


def test_a_hostile_partner_name_reaches_the_figure_escaped_and_the_caption_as_plain_text():
    partners = [*default_partners(), make_partner(partner_id="X99", name=HOSTILE, tier="strategic")]
    dataset = make_dataset(partners=partners)
    view = build_scene(Scene("partner", "X99"), dataset)
    payload = to_json_plotly(view.figure)
    assert "<img" not in payload
    assert "&lt;img src=x onerror=alert(1)&gt;" in payload
    # The caption is data: the browser sets it as text, so it keeps the name exactly as written.
    assert view.caption.startswith(HOSTILE)


def test_the_whole_default_tour_builds_and_serialises_for_the_browser():
    views = build_tour(default_scenes(DATASET), DATASET, "nl")
    assert [v.kind for v in views] == [s.kind for s in default_scenes(DATASET)]
    payload = json.loads(to_json_plotly([v.to_json() for v in views]))
    assert {"kind", "kicker", "caption", "facts", "figure"} <= set(payload[0])
    # Each scene has its own uirevision: plotly then applies each scene's zoom instead of keeping the last one.
    revisions = [scene["figure"]["layout"]["uirevision"] for scene in payload]
    assert len(set(revisions)) == len(revisions)
