"""Moved to dashboard.i18n (catalogues in dashboard/i18n/locale/*.po, English in dashboard/i18n/english.py).

A thin re-export, kept only so branches written against the old path still import after the merge; new code
imports from dashboard.i18n. Delete once nothing imports it (grep "components.text").
"""

from dashboard.i18n import (  # noqa: F401
    DEFAULT_LANGUAGE,
    LANGUAGES,
    country_label,
    language_or_default,
    number,
    text,
    value_label,
)
