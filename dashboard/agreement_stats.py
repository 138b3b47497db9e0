"""Counts over agreements for charts and the presentation (pure, pandas in, pandas out)."""

from __future__ import annotations

import pandas as pd

from dashboard import isced


def partners_by_broad_field(agreements: pd.DataFrame, partner_ids) -> pd.DataFrame:
    """(field, partners): how many of the given partners have an agreement in each broad field, most first.

    A partner counts once per broad field however many agreements it has there.
    """
    shown = {str(p) for p in partner_ids}
    rows = zip(agreements["partner_id"], agreements["fields"], strict=True)
    pairs = {(str(pid), isced.broad_of(code)) for pid, codes in rows if str(pid) in shown for code in codes}
    frame = pd.DataFrame(sorted(pairs), columns=["partner_id", "field"])
    counts = frame.groupby("field").size().rename("partners").reset_index()
    return counts.sort_values(["partners", "field"], ascending=[False, True], kind="stable").reset_index(drop=True)
