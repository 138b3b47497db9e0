"""Presentation mode: a full-screen auto-tour of the partner network for a projector at a stand (/present)."""

from dashboard.paths import PRESENT_PATH
from dashboard.present.mount import mount_presentation

__all__ = ["PRESENT_PATH", "mount_presentation"]
