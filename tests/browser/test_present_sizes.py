"""The presentation on the projectors people get (1024x768 up to 3840x2160): in every scene no partner name,
caption or key figure is clipped or pushed off the screen, and the key figures are visible."""

from __future__ import annotations

import pytest

from dashboard.present import ids
from tests.browser.helpers import TOUR, wait_scene

pytestmark = pytest.mark.browser

CLIPPED_JS = """
(rootId) => {
  const clipped = [];
  let checked = 0;
  const root = document.getElementById(rootId);
  for (const el of root.querySelectorAll('*')) {
    if (el.closest('.js-plotly-plot') || !el.offsetParent) continue;
    const hasText = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
    if (!hasText) continue;
    checked += 1;
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    const cut = style.overflow !== 'visible' || style.textOverflow !== 'clip';
    if (box.right > innerWidth + 1 || box.bottom > innerHeight + 1 || box.left < -1 || box.top < -1 ||
        (cut && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)))
      clipped.push(`${el.id || el.className}: ${el.textContent.trim().slice(0, 40)}`);
  }
  return {checked, clipped};
}
"""
SIZES = [(1024, 768), (1280, 720), (1280, 800), (1920, 1080), (3840, 2160)]


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_every_scene_fits_the_projector(open_present, size):
    page = open_present("?seconds=60")
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.keyboard.press("Space")
    for index in range(len(TOUR)):
        if index:
            page.keyboard.press("ArrowRight")
        wait_scene(page, index)
        page.wait_for_function("() => document.fonts.status === 'loaded'")
        found = page.evaluate(CLIPPED_JS, ids.ROOT)
        assert found["checked"] >= 5, "the check saw the caption, the name and the key figures"
        assert found["clipped"] == [], f"scene {index} ({TOUR[index][0]}) at {size}"
        facts = page.locator(f"#{ids.FACTS}")
        assert facts.is_visible(), f"key figures hidden in scene {index} at {size}"
        box = facts.bounding_box()
        assert box["y"] + box["height"] <= size[1] and box["x"] + box["width"] <= size[0]
