"""Agreement rows built in code, for the filter, detail panel and health tests (see tests/factories.py)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from dashboard.importing.agreements import agreements_frame
from dashboard.model import Dataset
from tests.factories import make_dataset


def make_agreement(**overrides: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "agreement_id": "",
        "partner_id": "P01",
        "department": "",
        "mobility_type": "student_studies",
        "direction": "outgoing",
        "fields": ("0913",),
        "field_note": "",
        "levels": (6,),
        "places": 2.0,
        "months_per_year": 10.0,
        "days_per_year": None,
        "languages": ("en:B2",),
        "first_year": 2021,
        "last_year": 2027,
        "status": "in_effect",
        "blended": None,
        "source_line": 2,
    }
    row.update(overrides)
    return row


def with_agreements(rows: list[dict[str, Any]], dataset: Dataset | None = None, **dataset_args: Any) -> Dataset:
    """The factories' dataset (or `dataset`) with these agreements."""
    return replace(dataset or make_dataset(**dataset_args), agreements=agreements_frame(rows))
