"""Component ids of the presentation page, in one place: its layout, callbacks, assets/present.js and tests."""

from __future__ import annotations

ROOT = "present-root"
URL = "present-url"
TOUR = "present-tour"  # the whole tour, sent once: scenes with figures, captions, facts; timings
STARTED = "present-started"  # what assets/present.js answered when it took the tour over
GRAPH = "present-graph"  # the one graph every scene is drawn into
NAME = "present-name"
SUBTITLE = "present-subtitle"
STATUS = "present-status"  # "Paused", empty while playing
COUNTER = "present-counter"  # "3 / 17"
KICKER = "present-kicker"
CAPTION = "present-caption"
FACTS = "present-facts"
FACT_SLOTS = 3  # scenes have at most this many facts; the slots exist from the start
KEY_FIGURES = "present-key-figures"
KEY_FIGURES_TITLE = "present-key-figures-title"
PROGRESS = "present-progress"
KEYS_HINT = "present-keys"
DATA_BANNER = "present-data-banner"  # as the dashboard's: the data shown is older than the files, or incomplete
DATA_CHECK = "present-data-check"
DATA_SHOWN = "present-data-shown"
DATA_NOW = "present-data-now"
QR = "present-qr"  # the public address as a QR code with the address under it (PARTNER_ATLAS_PUBLIC_URL)


def fact_value(slot: int) -> str:
    return f"present-fact-{slot}-value"


def fact_label(slot: int) -> str:
    return f"present-fact-{slot}-label"
