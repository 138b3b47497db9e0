"""axe-core in the test browser: vendored in tests/browser/vendor (never served by the app), run on a page."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

AXE = Path(__file__).with_name("vendor") / "axe.min.js"

# Rules that cannot apply to a state, rule by rule, with the reason; everything else must pass. Empty: none so far.
NOT_APPLICABLE: dict[str, str] = {}

RUN_AXE_JS = """
async (disabled) => {
  const rules = Object.fromEntries(disabled.map((id) => [id, {enabled: false}]));
  const result = await window.axe.run(document, {rules, resultTypes: ["violations"]});
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ") + ": " + (n.failureSummary || "").split("\\n").slice(1, 2).join(" ").trim()),
  }));
}
"""


@lru_cache(maxsize=1)
def _axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


def axe_violations(page) -> list[str]:
    """Every axe-core violation on the page as it is now, one line each (rule, impact, first elements)."""
    if not page.evaluate("() => Boolean(window.axe)"):
        # Evaluated through the DevTools protocol, so the app's CSP (rightly) never has to allow it.
        page.evaluate(_axe_source())
    found = page.evaluate(RUN_AXE_JS, list(NOT_APPLICABLE))
    return [f"{v['id']} ({v['impact']}): {v['help']} -> {'; '.join(v['nodes'])}" for v in found]
