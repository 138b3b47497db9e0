"""Partnership health, computed from plain frames: agreements ending soon, places against realised mobility,
incoming against outgoing, partners gone quiet. No Dash, no Flask: the /health page and its downloads call these.

Years are first calendar years of academic years (2024 is 2024-2025), as in the data model.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from dashboard.agreement_filters import matching_agreements

PARTICIPANT_OF_TYPE = {
    "student_studies": "student",
    "student_traineeship": "student",
    "staff_teaching": "staff",
    "staff_training": "staff",
}
EXPIRING_COLUMNS = ("partner_id", "direction", "mobility_type", "fields", "last_year", "status", "places")
UTILISATION_COLUMNS = ("partner_id", "direction", "participant", "year", "places", "realised", "verdict")
BALANCE_COLUMNS = ("partner_id", "outgoing", "incoming", "balance")
QUIET_COLUMNS = ("partner_id", "last_mobility")


def reference_year(mobility: pd.DataFrame, today: date | None = None) -> int:
    """The latest academic year with mobility in the data; the current academic year when there is none."""
    years = pd.to_numeric(mobility["year"], errors="coerce").dropna() if len(mobility) else pd.Series(dtype=float)
    if len(years):
        return int(years.max())
    today = today or date.today()
    return today.year if today.month >= 9 else today.year - 1


def agreements_in_view(agreements: pd.DataFrame, partner_ids, state=None) -> pd.DataFrame:
    """The agreements of the partners a filter shows, and only those matching its agreement filters."""
    rows = agreements["partner_id"].astype(str).isin({str(p) for p in partner_ids}).to_numpy(dtype=bool)
    if state is not None:
        rows = rows & matching_agreements(agreements, state.fields, state.levels, state.types, state.valid)
    return agreements.loc[rows]


def expiring(agreements: pd.DataFrame, reference: int, months: int) -> pd.DataFrame:
    """Agreements whose last academic year ends within `months` of the start of the reference year.

    With 12 months that is the agreements whose last year is the reference year itself; with 24, that year or
    the next. Terminated agreements have ended already and are left out; so are agreements without an end.
    """
    last = pd.to_numeric(agreements["last_year"], errors="coerce")
    horizon = reference + max(months // 12, 1) - 1
    rows = (last >= reference) & (last <= horizon) & (agreements["status"] != "terminated")
    out = agreements.loc[rows.fillna(False).to_numpy(dtype=bool), list(EXPIRING_COLUMNS)]
    return out.sort_values(["last_year", "partner_id", "direction", "mobility_type"], kind="stable").reset_index(
        drop=True
    )


def places_per_year(agreements: pd.DataFrame, years) -> pd.DataFrame:
    """Places the agreements offer per partner, direction, participant (student/staff) and year.

    An agreement counts in each of the years between its first and last (open ends run through every year);
    drafts offer nothing yet; agreements without a number of places are left out.
    """
    usable = agreements[agreements["places"].notna() & (agreements["status"] != "draft")]
    records = []
    for row in usable.itertuples(index=False):
        first = -np.inf if pd.isna(row.first_year) else int(row.first_year)
        last = np.inf if pd.isna(row.last_year) else int(row.last_year)
        for year in years:
            if first <= year <= last:
                records.append(
                    (
                        str(row.partner_id),
                        row.direction,
                        PARTICIPANT_OF_TYPE[row.mobility_type],
                        year,
                        float(row.places),
                    )
                )
    frame = pd.DataFrame(records, columns=["partner_id", "direction", "participant", "year", "places"])
    return frame.groupby(["partner_id", "direction", "participant", "year"], as_index=False)["places"].sum()


def utilisation(agreements: pd.DataFrame, mobility: pd.DataFrame, years) -> pd.DataFrame:
    """Places against realised mobility per partner, direction, participant and year, with a verdict:
    "unused" (places, nobody went), "over" (more went than the places), "ok" otherwise.

    Only years in `years` (those the filter shows) and only where the agreements offer places.
    """
    places = places_per_year(agreements, list(years))
    realised = (
        mobility.assign(
            partner_id=mobility["partner_id"].astype(str),
            direction=mobility["direction"].astype(str),
            participant=mobility["participant"].astype(str),
            year=pd.to_numeric(mobility["year"]).astype("int64"),
        )
        .groupby(["partner_id", "direction", "participant", "year"], as_index=False, observed=True)["count"]
        .sum()
        .rename(columns={"count": "realised"})
    )
    out = places.merge(realised, how="left", on=["partner_id", "direction", "participant", "year"])
    out["realised"] = out["realised"].fillna(0).astype("int64")
    out["verdict"] = np.select([out["realised"] == 0, out["realised"] > out["places"]], ["unused", "over"], "ok")
    return (
        out[list(UTILISATION_COLUMNS)]
        .sort_values(["partner_id", "year", "direction", "participant"], kind="stable")
        .reset_index(drop=True)
    )


def balance(mobility: pd.DataFrame, partner_ids) -> pd.DataFrame:
    """Outgoing and incoming mobility per partner and their balance (incoming minus outgoing), the most
    unbalanced first; partners without mobility have 0 and 0."""
    counts = mobility.assign(
        partner_id=mobility["partner_id"].astype(str), direction=mobility["direction"].astype(str)
    ).pivot_table(index="partner_id", columns="direction", values="count", aggfunc="sum", fill_value=0)
    out = pd.DataFrame({"partner_id": [str(p) for p in partner_ids]})
    for direction in ("outgoing", "incoming"):
        column = counts[direction] if direction in counts else pd.Series(dtype="int64")
        out[direction] = out["partner_id"].map(column).fillna(0).astype("int64")
    out["balance"] = out["incoming"] - out["outgoing"]
    order = out["balance"].abs().sort_values(ascending=False, kind="stable").index
    return out.loc[order, list(BALANCE_COLUMNS)].reset_index(drop=True)


def quiet_partners(mobility: pd.DataFrame, partner_ids, reference: int, years: int) -> pd.DataFrame:
    """Partners with no mobility (a count above 0) in the `years` academic years up to the reference year,
    with the first year of their last academic year with mobility (<NA> when never)."""
    moved = mobility[pd.to_numeric(mobility["count"]) > 0]
    last = moved.assign(partner_id=moved["partner_id"].astype(str)).groupby("partner_id")["year"].max()
    out = pd.DataFrame({"partner_id": [str(p) for p in partner_ids]})
    out["last_mobility"] = pd.array(
        [None if pd.isna(v) else int(v) for v in out["partner_id"].map(last)], dtype="Int64"
    )
    quiet = out["last_mobility"].isna() | (out["last_mobility"] <= reference - years)
    return (
        out.loc[quiet.to_numpy(dtype=bool)]
        .sort_values("last_mobility", na_position="first", kind="stable")
        .reset_index(drop=True)
    )
