"""The poster: one figure with map, Europe inset, tier pyramid, trend and key figures, rendered offline by kaleido."""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
import sys
from datetime import date
from pathlib import Path

import plotly
import plotly.graph_objects as go
import pytest

from dashboard import poster
from dashboard.filters import FilterState
from dashboard.poster import PosterError, find_browser, kaleido_page, poster_spec, render_poster
from tests.factories import make_dataset

REPO_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
needs_chromium = pytest.mark.usefixtures("chromium_executable")  # fails, never skips, without a browser


def _spec(query: str = "", **options):
    dataset = make_dataset()
    state = FilterState.from_query(query, dataset)
    return dataset, state, poster_spec(dataset, state, day=date(2025, 3, 1), **options)


def _texts(spec) -> str:
    return "\n".join(a["text"] for a in spec["layout"]["annotations"])


def test_the_poster_is_a_valid_plotly_figure():
    _dataset, _state, spec = _spec("?tier=strategic&from=2022-2023")
    go.Figure({"data": spec["data"], "layout": spec["layout"]})  # plotly's own validation raises on a bad property


def test_the_map_outlines_come_from_the_local_assets_and_nothing_names_the_web():
    _dataset, _state, spec = _spec()
    url = spec["config"]["topojsonURL"]
    assert url == (REPO_ROOT / "dashboard" / "assets" / "topojson").resolve().as_uri() + "/"
    assert (REPO_ROOT / "dashboard" / "assets" / "topojson" / "world_110m.json").is_file()
    assert "http://" not in json.dumps(spec, default=str) and "https://" not in json.dumps(spec, default=str)


def test_kaleido_loads_only_local_scripts():
    page = kaleido_page().generate_index()
    assert "http://" not in page and "https://" not in page  # no MathJax from cdnjs, no plotly.js from the CDN
    assert poster.plotly_bundle().as_uri() in page


def test_the_poster_loads_the_plotly_bundle_plotly_itself_serves():
    assert poster.plotly_bundle().read_text(encoding="utf-8") == plotly.offline.get_plotlyjs()


def test_the_poster_names_the_institution_the_filter_and_shows_the_key_figures():
    dataset, state, spec = _spec("?tier=strategic&country=FI,NL&from=2021-2022&to=2022-2023")
    texts = _texts(spec)
    assert "UC Leuven-Limburg" in texts
    assert "tier: strategic; country: Finland, Netherlands; 2021-2022 to 2022-2023" in texts
    # Hanze (NL) and Turku (FI); 16 + 10 mobilities in the two years, from the factory's count formula.
    for count in (2, 2, 26):
        assert f"<b>{count}</b>" in texts
    assert "2025-03-01" in texts


def test_the_pyramid_counts_and_the_map_markers_follow_the_filter():
    _, _, spec = _spec("?country=NL")
    pyramid = next(t for t in spec["data"] if t["type"] == "bar")
    # The Netherlands: Hanze (strategic) and Groningen (collaboration), no mobility partner.
    for tier, count in {"strategic": 1, "collaboration": 1, "mobility": 0}.items():
        assert any(f"<b>{count}</b>" in text and tier.capitalize() in text for text in pyramid["text"])
    world = [
        t
        for t in spec["data"]
        if t["type"] == "scattergeo" and t.get("geo") == "geo" and t.get("customdata") is not None
    ]
    shown = {row[0] for trace in world for row in trace["customdata"]}
    assert shown == {"P01", "P04"}


@pytest.mark.parametrize(
    ("query", "inset", "title"),
    [
        ("", True, "Partners around the world"),
        ("?region=Asia", False, "Partners in Asia"),
        ("?country=KR", False, "Partners around the world"),  # nothing in Europe: the inset would be empty
    ],
)
def test_a_europe_inset_joins_the_world_map_only_when_it_has_something_to_show(query, inset, title):
    _dataset, _state, spec = _spec(query)
    assert ("geo2" in spec["layout"]) is inset
    assert title in _texts(spec)
    if inset:
        assert spec["layout"]["geo2"]["lonaxis"]["range"] == [-25.0, 45.0]


def test_the_poster_speaks_dutch():
    _dataset, _state, spec = _spec("?tier=strategic", language="nl")
    texts = _texts(spec)
    assert "Internationale partners" in texts and "niveau: strategisch" in texts and "landen" in texts
    names = {t.get("name") for t in spec["data"]}
    assert {"Strategisch", "Uitgaande studenten"} <= names


def test_no_mobility_shows_a_message_instead_of_an_empty_chart():
    _dataset, _state, spec = _spec("?q=no-such-partner")
    assert "xaxis2" not in spec["layout"]
    assert "No mobility in this filter" in _texts(spec)


def test_a_missing_browser_is_an_error_that_says_what_to_do(monkeypatch, tmp_path):
    with pytest.raises(PosterError, match="no browser at"):
        find_browser(tmp_path / "chrome")
    monkeypatch.setattr(poster, "BROWSER_CANDIDATES", (str(tmp_path / "nothing"), "no-such-browser-anywhere"))
    with pytest.raises(PosterError, match="never downloads a browser"):
        find_browser()


def test_a_poster_too_small_to_read_is_refused(tmp_path):
    with pytest.raises(PosterError, match="too small"):
        render_poster(make_dataset(), FilterState(), tmp_path / "p.png", width=100, height=80)


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def _never_download(monkeypatch):
    """kaleido's and choreographer's Chrome downloaders fail the test if anything calls them."""
    import choreographer.cli
    import kaleido

    def refuse(*_args, **_kwargs):
        raise AssertionError("tried to download Chrome")

    for module in (kaleido, choreographer.cli):
        monkeypatch.setattr(module, "get_chrome", refuse)
        monkeypatch.setattr(module, "get_chrome_sync", refuse)


@pytest.mark.browser
@needs_chromium
def test_render_a_small_poster_with_the_system_chromium(tmp_path, monkeypatch):
    _never_download(monkeypatch)
    output = render_poster(
        make_dataset(), FilterState(), tmp_path / "out" / "poster.png", width=1200, height=800, browser=CHROMIUM
    )
    assert _png_size(output) == (1200, 800)
    assert output.stat().st_size > 50_000  # a drawn page, not a blank one (a blank 1200x800 PNG is a few KB)


def _unshare_works() -> bool:
    if not shutil.which("unshare"):
        return False
    try:
        return subprocess.run(["unshare", "-rn", "true"], capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


@pytest.mark.browser
@needs_chromium
@pytest.mark.skipif(not _unshare_works(), reason="needs `unshare -rn` (a network namespace) to cut the network")
def test_the_poster_command_works_with_no_network_at_all(tmp_path):
    """`unshare -n` gives the process a network with no interface up: any request for the web would fail."""
    output = tmp_path / "poster.png"
    command = [
        "unshare",
        "-rn",
        sys.executable,
        "-m",
        "dashboard",
        "poster",
        "--output",
        str(output),
        "--data-dir",
        str(REPO_ROOT / "dashboard" / "sample_data"),
        "--tier",
        "strategic",
        "--country",
        "FI,NL",
        "--from",
        "2021-2022",
        "--lang",
        "nl",
        "--width",
        "1000",
        "--height",
        "700",
        "--browser",
        CHROMIUM,
    ]
    result = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=180,
        cwd=REPO_ROOT,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert _png_size(output) == (1000, 700)
    assert "niveau: strategisch; land: Finland, Nederland; vanaf 2021-2022" in result.stderr


def test_the_poster_command_turns_its_options_into_a_filter_and_warns_about_unknown_values():
    from dashboard.cli import _parser, poster_state

    dataset = make_dataset()
    args = _parser().parse_args(
        [
            "poster",
            "-o",
            "p.png",
            "--tier",
            "strategic",
            "--tier",
            "mobility",
            "--country",
            "FI,NL,XX",
            "--region",
            "Europe",
            "--from",
            "2021-2022",
            "--to",
            "2022-2023",
            "--q",
            "hanze",
        ]
    )
    state, warnings = poster_state(args, dataset)
    assert state == FilterState(
        tiers=("strategic", "mobility"),
        countries=("FI", "NL"),
        regions=("Europe",),
        year_from="2021-2022",
        year_to="2022-2023",
        query="hanze",
    )
    assert warnings == ["--country XX: not found in the data, ignored (ISO-2 code as in the data, e.g. FI)"]
