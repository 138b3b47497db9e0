"""The lists of the /health page as display tables: the partnership_health computations on the filtered view,
with partner names and columns named in the page's language. The page and its CSV/XLSX downloads both use these.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard import isced
from dashboard import partnership_health as health
from dashboard.filters import FilterState, apply
from dashboard.i18n import country_label, text
from dashboard.model import Dataset

LISTS = ("expiring12", "expiring24", "utilisation", "balance", "quiet")
DEFAULT_QUIET_YEARS = 2
MAX_QUIET_YEARS = 20


@dataclass(frozen=True)
class HealthLists:
    """Each list as a display table whose first column is the partner's id (for links), named "partner_id"."""

    reference: int
    quiet_years: int
    tables: dict[str, pd.DataFrame]


def _academic(year) -> str:
    return "" if pd.isna(year) else f"{int(year)}-{int(year) + 1}"


def _with_partner(frame: pd.DataFrame, partners: pd.DataFrame, language: str) -> pd.DataFrame:
    names = partners.set_index(partners["partner_id"].astype(str))
    out = pd.DataFrame({"partner_id": frame["partner_id"].astype(str).to_numpy()})
    out[text("health.col.partner", language)] = out["partner_id"].map(names["name"]).fillna(out["partner_id"])
    out[text("health.col.country", language)] = [
        country_label(str(c), language) for c in out["partner_id"].map(names["country"]).fillna("")
    ]
    return out


def _expiring(agreements, partners, reference: int, months: int, language: str) -> pd.DataFrame:
    rows = health.expiring(agreements, reference, months)
    out = _with_partner(rows, partners, language)
    out[text("health.col.direction", language)] = [text(f"direction.{d}", language) for d in rows["direction"]]
    out[text("health.col.type", language)] = [text(f"mobility_type.{t}", language) for t in rows["mobility_type"]]
    out[text("health.col.fields", language)] = [
        "; ".join(f"{c} {isced.field_name(c, language)}" for c in codes) for codes in rows["fields"]
    ]
    out[text("health.col.last_year", language)] = [_academic(y) for y in rows["last_year"]]
    out[text("health.col.status", language)] = [text(f"status.{s}", language) for s in rows["status"]]
    return out


def _utilisation(agreements, mobility, partners, years, language: str) -> pd.DataFrame:
    rows = health.utilisation(agreements, mobility, years)
    rows = rows[rows["verdict"] != "ok"].reset_index(drop=True)  # the list is what needs attention
    out = _with_partner(rows, partners, language)
    out[text("health.col.direction", language)] = [text(f"direction.{d}", language) for d in rows["direction"]]
    out[text("participant", language)] = [text(f"participant.{p}", language) for p in rows["participant"]]
    out[text("health.col.year", language)] = [_academic(y) for y in rows["year"]]
    out[text("health.col.places", language)] = rows["places"].round().astype("int64").to_numpy()
    out[text("health.col.realised", language)] = rows["realised"].to_numpy()
    out[text("health.col.verdict", language)] = [text(f"health.verdict.{v}", language) for v in rows["verdict"]]
    return out


def _balance(mobility, partners, language: str) -> pd.DataFrame:
    rows = health.balance(mobility, partners["partner_id"])
    rows = rows[(rows["outgoing"] + rows["incoming"]) > 0].reset_index(drop=True)
    out = _with_partner(rows, partners, language)
    for column, key in (
        ("outgoing", "health.col.outgoing"),
        ("incoming", "health.col.incoming"),
        ("balance", "health.col.balance"),
    ):
        out[text(key, language)] = rows[column].to_numpy()
    return out


def _quiet(mobility, partners, reference: int, years: int, language: str) -> pd.DataFrame:
    rows = health.quiet_partners(mobility, partners["partner_id"], reference, years)
    out = _with_partner(rows, partners, language)
    out[text("health.col.last_mobility", language)] = [
        _academic(y) or text("health.never", language) for y in rows["last_mobility"]
    ]
    return out


def health_lists(
    dataset: Dataset,
    state: FilterState,
    language: str = "en",
    reference: int | None = None,
    quiet_years: int = DEFAULT_QUIET_YEARS,
) -> HealthLists:
    """Every list for the partners and mobility `state` shows; reference defaults to the latest year with mobility."""
    view = apply(state, dataset)
    reference = reference if reference is not None else health.reference_year(dataset.mobility)
    quiet_years = min(max(int(quiet_years), 1), MAX_QUIET_YEARS)
    agreements = health.agreements_in_view(dataset.agreements, view.partners["partner_id"], state)
    # Mobility is not recorded per field or level: places are compared over all of a shown partner's agreements.
    all_agreements = health.agreements_in_view(dataset.agreements, view.partners["partner_id"])
    years = [int(y[:4]) for y in view.years]
    tables = {
        "expiring12": _expiring(agreements, view.partners, reference, 12, language),
        "expiring24": _expiring(agreements, view.partners, reference, 24, language),
        "utilisation": _utilisation(all_agreements, view.mobility, view.partners, years, language),
        "balance": _balance(view.mobility, view.partners, language),
        "quiet": _quiet(view.mobility, view.partners, reference, quiet_years, language),
    }
    return HealthLists(reference, quiet_years, tables)


def reference_choices(dataset: Dataset) -> list[int]:
    """Academic years a person may count from: those with mobility, and those the agreements span."""
    years = set(pd.to_numeric(dataset.mobility["year"], errors="coerce").dropna().astype(int))
    for column in ("first_year", "last_year"):
        years |= set(pd.to_numeric(dataset.agreements[column], errors="coerce").dropna().astype(int))
    return sorted(years)
