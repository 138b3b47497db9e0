"""Colour in both themes: text at least 4.5:1, graphics at least 3:1 (WCAG 2.1 1.4.3, 1.4.11), and the three tier
colours still far apart for the three kinds of colour blindness (Machado et al. 2009 simulation, CIELAB distance)."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from dashboard.figures.theme import DARK, LIGHT

CSS = (Path(__file__).resolve().parents[2] / "dashboard" / "assets" / "app.css").read_text(encoding="utf-8")
TIERS = ("strategic", "collaboration", "mobility")
# Machado, Oliveira & Fernandes (2009), severity 1.0, on linear RGB.
CVD = {
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602), (0.004733, 0.691367, 0.303900)),
}
# CIELAB ΔE76 between any two tiers as a colour-blind visitor sees them: 10 is clearly apart side by side. Three
# colours dark enough for 3:1 on white cannot be much further apart for tritanopia; shapes carry tier as well.
MIN_CVD_DISTANCE = 10


def _linear(hex_colour: str) -> tuple[float, float, float]:
    h = hex_colour.lstrip("#")
    channels = [int(h[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    return tuple(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)


def contrast(a: str, b: str) -> float:
    def luminance(colour: str) -> float:
        r, g, b_ = _linear(colour)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b_

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _lab(rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    r, g, b = (min(max(c, 0.0), 1.0) for c in rgb)
    x, y, z = (
        (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047,
        0.2126 * r + 0.7152 * g + 0.0722 * b,
        (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883,
    )
    f = [t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in (x, y, z)]
    return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])


def seen_with(kind: str, colour: str) -> tuple[float, float, float]:
    rgb = _linear(colour)
    return _lab(tuple(sum(m * c for m, c in zip(row, rgb)) for row in CVD[kind]))


def css_variables(scheme: str) -> dict[str, str]:
    block = re.search(
        r":root \{(.*?)\}" if scheme == "light" else r'\[data-mantine-color-scheme="dark"\] \{(.*?)\}', CSS, re.S
    ).group(1)
    return dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", block))


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
def test_figure_colours_meet_wcag_aa(theme):
    for name in ("text", "muted"):
        assert contrast(getattr(theme, name), theme.surface) >= 4.5, name
    for tier, colour in theme.tiers.items():
        assert contrast(colour, theme.surface) >= 3, f"{tier} marks on the surface"
        assert contrast(theme.on_tier, colour) >= 4.5, f"labels on the {tier} colour"
    for direction, colour in theme.directions.items():
        assert contrast(colour, theme.surface) >= 3, direction


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_page_colours_meet_wcag_aa(scheme):
    css = css_variables(scheme)
    for name in ("atlas-text", "atlas-muted", "atlas-accent"):
        for ground in ("atlas-surface", "atlas-bg"):
            assert contrast(css[name], css[ground]) >= 4.5, f"{name} on {ground}"
    chip_text = "#ffffff" if scheme == "light" else "#10141a"
    for tier in TIERS:
        assert contrast(css[f"tier-{tier}"], css["atlas-surface"]) >= 3, tier
        assert contrast(chip_text, css[f"tier-{tier}"]) >= 4.5, f"a checked {tier} chip's label"


@pytest.mark.parametrize("kind", list(CVD))
@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
def test_the_tiers_stay_apart_for_colour_blind_eyes(theme, kind):
    for (a, first), (b, second) in itertools.combinations(theme.tiers.items(), 2):
        distance = sum((p - q) ** 2 for p, q in zip(seen_with(kind, first), seen_with(kind, second))) ** 0.5
        assert distance >= MIN_CVD_DISTANCE, f"{a} and {b} look alike with {kind} ({distance:.0f})"


def test_the_contrast_function_knows_the_extremes():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
