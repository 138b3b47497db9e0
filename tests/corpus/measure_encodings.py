"""How many generated name lists read back exactly, over every variant (docs/decisions/0009-code-page-detection.md).

    .venv/bin/python tests/corpus/measure_encodings.py

Every country of real_names.py x every code page that writes it x country as own-language name or ISO code x
with or without a country column x all rows or the first one; prints each variant read wrongly and the total.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parents[2]), str(Path(__file__).resolve().parent)]

from real_names import CENTRAL, CENTRAL_CODE_PAGES, WESTERN, WESTERN_CODE_PAGES  # noqa: E402

from dashboard.importing.encoding import decode  # noqa: E402


def variants():
    for group, pages in ((CENTRAL, CENTRAL_CODE_PAGES), (WESTERN, WESTERN_CODE_PAGES)):
        for page in pages:
            for iso2, (native, names) in group.items():
                for country in (native, iso2):
                    for with_country in (True, False):
                        for single in (False, True):
                            rows = [";".join([n, c, *([country] if with_country else [])]) for n, c in names]
                            rows = [
                                r
                                for r in rows
                                if not r.isascii() and r.encode(page, errors="replace").decode(page) == r
                            ]
                            header = "name;city;country" if with_country else "name;city"
                            text = "\r\n".join([header, *(rows[:1] if single else rows)]) + "\r\n"
                            label = (
                                f"{page} {iso2} {'own name' if country == native else 'ISO'} "
                                f"{'with' if with_country else 'without'} country {'one row' if single else ''}"
                            )
                            yield label, text.encode(page), text


def main() -> None:
    wrong = total = 0
    for label, data, text in variants():
        total += 1
        decoded = decode(data)
        if decoded.text != text:
            wrong += 1
            print(f"wrong: {label} -> {decoded.encoding}")
    print(f"{total - wrong} of {total} read back exactly")


if __name__ == "__main__":
    main()
