"""Presentation mode: a full-screen auto-tour of the partner network for a projector at a stand (/present)."""

from dashboard.present.mount import PRESENT_PATH, mount_presentation

__all__ = ["PRESENT_PATH", "mount_presentation"]
