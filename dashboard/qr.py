"""QR codes made offline (segno) for the presentation screen: people at a stand scan the public address."""

from __future__ import annotations

import segno

# Level M survives a projector's blur and glare while keeping the modules large enough to scan from two metres.
ERROR_CORRECTION = "m"


def qr_svg_data_uri(url: str) -> str:
    """The QR code of `url` as an SVG data: URI (the CSP allows data: images), dark modules on white."""
    return segno.make(url, error=ERROR_CORRECTION).svg_data_uri(dark="#000000", light="#ffffff", border=4)
