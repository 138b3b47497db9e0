"""The translations: one gettext catalogue (.po) per language under locale/, read with Babel when first asked.

Each message's context (msgctxt) is its key and its msgid the English of english.py, so a translator sees the
English in Poedit or Weblate and the code looks strings up by key. Fuzzy or empty translations count as
missing: the page shows the English and tests/unit/test_catalogue.py fails.
"""

from __future__ import annotations

import gettext
import logging
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "messages"
DEFAULT_LANGUAGE = "en"
log = logging.getLogger(__name__)


class CatalogueError(ValueError):
    """A .po file gettext cannot read: the message names the file and the line."""


def po_path(language: str, locale_dir: Path = LOCALE_DIR) -> Path:
    return locale_dir / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def translated_languages(locale_dir: Path = LOCALE_DIR) -> tuple[str, ...]:
    """The languages with a catalogue, in code order (a new .po under locale/ adds its language)."""
    return tuple(sorted(path.parents[1].name for path in locale_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po")))


def read_catalogue(path: Path, language: str) -> Catalog:
    """The .po file as a Babel catalogue; a broken file raises CatalogueError naming the file and line."""
    with path.open("rb") as handle:
        try:
            return read_po(handle, locale=language, abort_invalid=True)
        except PoFileError as error:
            raise CatalogueError(
                f"{path}, line {error.lineno}: cannot read {error.line.strip()!r}. Open the file in "
                "Poedit (or check it with `msgfmt -c`) and fix that entry."
            ) from None


@lru_cache(maxsize=32)
def translations(language: str) -> gettext.NullTranslations:
    """The language's translations (English, i.e. none, for "en", unknown languages and unreadable files)."""
    path = po_path(language)
    if language == DEFAULT_LANGUAGE or language not in translated_languages():
        return gettext.NullTranslations()
    try:
        catalogue = read_catalogue(path, language)
    except (OSError, CatalogueError) as error:
        log.error("The %s texts show in English: %s", language, error)
        return gettext.NullTranslations()
    compiled = BytesIO()
    write_mo(compiled, catalogue, use_fuzzy=False)  # fuzzy entries wait for a translator, as msgfmt does
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)
