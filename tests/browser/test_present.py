"""Presentation mode in a real browser at 1920x1080: the tour plays by itself, keys and touches steer it, it stays
offline, every text is readable from five metres, a hostile caption stays text, and it can run all day."""

from __future__ import annotations

import pytest

from dashboard.present import ids
from tests.browser.helpers import HOSTILE, ROOT, TOUR, wait_scene
from tests.browser.page_state import only_origin

pytestmark = pytest.mark.browser

SMALL_TEXT_JS = """
(minimum) => {
  const small = [];
  let count = 0;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const element = node.parentElement;
    if (!element || !node.textContent.trim()) continue;
    const style = getComputedStyle(element);
    if (style.display === "none" || style.visibility === "hidden") continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const box = range.getBoundingClientRect();
    if (!box.width || !box.height || box.right < 0 || box.bottom < 0 || box.left > innerWidth || box.top > innerHeight)
      continue;  // not on screen (plotly measures text in an off-screen element)
    count += 1;
    const size = parseFloat(style.fontSize);
    if (size < minimum) small.push([element.tagName, element.getAttribute("class"), node.textContent.slice(0, 40), size]);
  }
  return {count, small};
}
"""


def scene(page) -> int:
    return int(page.get_attribute(ROOT, "data-scene"))


def changes(page) -> int:
    return int(page.get_attribute(ROOT, "data-changes"))


def drawn_scene(page, index: int) -> None:
    """Until scene `index` is drawn and plotly has finished its redraw (data-drawing back to 0)."""
    page.wait_for_function(
        """([root, index]) => { const r = document.getElementById(root);
             return r.dataset.scene === String(index) && r.dataset.drawing === "0" && !r.classList.contains("is-leaving"); }""",
        arg=[ids.ROOT, index],
    )


def idle_browser(page) -> None:
    """Until the page has nothing left to do for a moment (the browser calls requestIdleCallback)."""
    page.evaluate("() => new Promise(done => requestIdleCallback(() => done(), {timeout: 2000}))")


def with_clock(page) -> None:
    """Playwright's clock in the page before it loads: time flows as usual until a test moves it on by hand."""
    page.clock.install()


def caption(page) -> str:
    return page.text_content(f"#{ids.CAPTION}")


def test_the_tour_advances_by_itself_and_loops(open_present, page_log):
    page = open_present("?seconds=0.3")
    start = scene(page)
    for step in range(1, len(TOUR) + 1):  # once round the loop, in order, back to where it was
        wait_scene(page, (start + step) % len(TOUR))
    assert page.text_content(f"#{ids.COUNTER}") == f"{start + 1} / {len(TOUR)}"
    assert caption(page) == TOUR[start][2]
    assert page_log.errors == []


def test_right_and_left_move_between_scenes_and_wrap(open_present):
    page = open_present("?seconds=60")
    wait_scene(page, 0)
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    wait_scene(page, 2)
    assert (caption(page), page.text_content(f"#{ids.COUNTER}")) == ("Three tiers", "3 / 5")
    page.keyboard.press("ArrowLeft")
    wait_scene(page, 1)
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    wait_scene(page, 4)
    assert (caption(page), page.text_content(f"#{ids.COUNTER}")) == ("Year by year", "5 / 5")


def test_space_pauses_for_longer_than_two_scenes_and_resumes(open_present):
    page = open_present("?seconds=0.4", setup=with_clock)
    page.keyboard.press("Space")
    page.wait_for_selector(f"{ROOT}[data-state=paused]:not(.is-leaving)")  # a fade under way ends first
    assert page.text_content(f"#{ids.STATUS}") == "Paused"
    held, count = scene(page), changes(page)
    page.clock.run_for(1_000)  # two and a half scene times, every timer due in them fired
    assert (scene(page), changes(page)) == (held, count)
    page.keyboard.press("Space")
    page.wait_for_selector(f"{ROOT}[data-state=playing]")
    assert page.text_content(f"#{ids.STATUS}") == ""
    page.clock.run_for(500)  # one scene time: the next scene is due
    wait_scene(page, (held + 1) % len(TOUR), timeout=3_000)


def test_a_click_pauses_and_the_tour_plays_on_after_a_minute_without_input(open_present):
    page = open_present("?seconds=0.4", setup=with_clock)  # the idle time is left at its default, 60 s
    stage = page.locator(".present-stage").bounding_box()
    page.mouse.click(stage["x"] + stage["width"] / 2, stage["y"] + stage["height"] / 2)
    page.wait_for_selector(f"{ROOT}[data-state=paused]:not(.is-leaving)")
    held, count = scene(page), changes(page)
    page.clock.run_for(1_000)
    page.clock.fast_forward(58_000)  # 59 s after the click
    assert (scene(page), changes(page)) == (held, count), "still paused within the idle time"
    assert page.get_attribute(ROOT, "data-state") == "paused"
    page.clock.fast_forward(2_000)  # past 60 s: the idle timer resumes the tour
    page.wait_for_selector(f"{ROOT}[data-state=playing]", timeout=3_000)
    page.clock.run_for(500)
    wait_scene(page, (held + 1) % len(TOUR), timeout=3_000)


def test_f_asks_for_full_screen_and_esc_leaves_it_before_leaving_the_page(open_present, present_app):
    page = open_present("?seconds=60")
    page.keyboard.press("f")
    page.wait_for_function(
        "root => document.fullscreenElement !== null || document.getElementById(root).classList.contains('fullscreen-refused')",
        arg=ids.ROOT,
    )
    if page.evaluate("document.fullscreenElement !== null"):
        page.wait_for_selector(f"{ROOT}.is-fullscreen")
        page.keyboard.press("Escape")
        page.wait_for_function("document.fullscreenElement === null")
        assert "/present/" in page.url  # the first Esc only leaves full screen
    page.keyboard.press("Escape")
    page.wait_for_url(present_app.url + "/", timeout=10_000)


def test_esc_goes_back_to_the_dashboard_in_the_same_language(open_present, present_app):
    page = open_present("?lang=nl&seconds=60")
    page.keyboard.press("Escape")
    page.wait_for_url(present_app.url + "/?lang=nl", timeout=10_000)
    page.wait_for_selector("#world-map", state="attached", timeout=20_000)
    assert page.get_attribute("html", "lang") == "nl"


def test_dutch_captions_and_interface(open_present):
    page = open_present("?lang=nl&seconds=60")
    wait_scene(page, 0)
    assert page.get_attribute("html", "lang") == "nl"
    assert caption(page) == "Ons netwerk"
    assert page.text_content(f"#{ids.SUBTITLE}") == "Internationale partnerschappen"
    assert "Spatie pauze" in page.text_content(f"#{ids.KEYS_HINT}")
    page.keyboard.press("Space")
    page.wait_for_selector(f"{ROOT}[data-state=paused]")
    assert page.text_content(f"#{ids.STATUS}") == "Gepauzeerd"


def test_a_hostile_caption_and_partner_name_show_as_text_and_run_nothing(open_present, page_log, present_app):
    page = open_present("?seconds=60")
    page.keyboard.press("ArrowRight")
    wait_scene(page, 1)
    assert caption(page) == f"{HOSTILE} in Ghent"
    assert page.locator(f"{ROOT} img").count() == 0
    label = page.locator(f"#{ids.GRAPH} text", has_text="onerror").first
    assert label.text_content() == HOSTILE  # the map's label too: escaped by the figure, drawn as text
    page.wait_for_load_state("networkidle")  # an <img> built from the caption would have been fetched by now
    assert page.evaluate("typeof window.alert") == "function"
    assert not [url for url in page_log.requests if url.split("?")[0].endswith("/x")], "the <img> was never built"
    assert page_log.errors == []  # includes every dialog the page opened


def test_the_tour_asks_for_nothing_outside_the_origin(open_present, page_log, present_app):
    origin = present_app.url
    blocked: list[str] = []
    block_other_origins = only_origin(origin, blocked)

    page = open_present("?seconds=0.3", setup=block_other_origins)
    outline = page.locator(f"#{ids.GRAPH} .geo .layer.land path").first
    outline.wait_for(state="attached")
    assert len(outline.get_attribute("d") or "") > 1000, "the map's outlines were drawn"
    page.wait_for_function(
        "root => Number(document.getElementById(root).dataset.changes) >= 6", arg=ids.ROOT, timeout=15_000
    )  # a whole loop: every scene drew
    assert blocked == []
    assert [url for url in page_log.requests if not url.startswith(origin + "/")] == []
    assert any("/assets/topojson/world_" in url for url in page_log.requests)
    assert page_log.errors == []


def test_no_text_on_screen_is_smaller_than_24_px_in_any_scene_or_hover(open_present):
    page = open_present("?seconds=60")
    page.keyboard.press("Space")
    for index in range(len(TOUR)):
        if index:
            page.keyboard.press("ArrowRight")
        drawn_scene(page, index)  # plotly lays its text out after the redraw
        found = page.evaluate(SMALL_TEXT_JS, 24)
        assert found["count"] > 10, "the check saw the page's text"
        assert found["small"] == [], f"scene {index} ({TOUR[index][0]})"
        svg_texts = page.locator(f"#{ids.GRAPH} svg text").count()
        assert svg_texts > 0, "plotly's own text was part of the check"
    # A touch on a marker shows its hover card: large too.
    page.keyboard.press("ArrowRight")
    wait_scene(page, 0)
    point = page.locator(f"#{ids.GRAPH} g.trace.scattergeo path.point").first.bounding_box()
    page.mouse.move(point["x"] + point["width"] / 2, point["y"] + point["height"] / 2)
    page.wait_for_selector(f"#{ids.GRAPH} .hoverlayer .hovertext", timeout=5_000)
    found = page.evaluate(SMALL_TEXT_JS, 24)
    assert found["small"] == []


def test_two_hundred_scene_changes_keep_the_js_heap_flat(open_present, page_log):
    page = open_present("?seconds=0.06")
    cdp = page.context.new_cdp_session(page)

    def wait_changes(count: int) -> None:
        page.wait_for_function(
            "([root, n]) => Number(document.getElementById(root).dataset.changes) >= n",
            arg=[ids.ROOT, count],
            timeout=120_000,
        )

    def settled_heap() -> int:
        """The heap at a like-for-like moment: paused on the first scene, its redraw finished, after a full GC.
        Mid-redraw a zoomed map holds megabytes of outline features for a moment; that is not what stays."""
        page.keyboard.press("Space")
        # Paused mid-fade, the page already counts the next scene while data-scene still names the one leaving:
        # count the steps back to the first scene once that next scene is shown.
        page.wait_for_selector(f"{ROOT}[data-state=paused]:not(.is-leaving)")
        for _ in range((len(TOUR) - scene(page)) % len(TOUR)):
            page.keyboard.press("ArrowRight")
        drawn_scene(page, 0)
        idle_browser(page)
        cdp.send("HeapProfiler.collectGarbage")
        used = int(cdp.send("Runtime.getHeapUsage")["usedSize"])
        page.keyboard.press("Space")
        return used

    wait_changes(len(TOUR))  # the first loop: every scene shown once
    after_first_loop = settled_heap()
    start = changes(page)
    wait_changes(start + 200)
    after_run = settled_heap()
    print(
        f"\nJS heap after the first loop: {after_first_loop / 1e6:.2f} MB; after {changes(page)} scene changes: "
        f"{after_run / 1e6:.2f} MB ({after_run / after_first_loop:.2f}x)"
    )
    assert changes(page) - start >= 200
    assert after_run <= 1.5 * after_first_loop
    assert page_log.errors == []
