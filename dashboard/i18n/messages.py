"""`make messages`: write the template (messages.pot) from english.py and bring every .po up to date with it.

    python -m dashboard.i18n.messages            # update locale/messages.pot and every locale/*/.../messages.po
    python -m dashboard.i18n.messages --add de   # start a catalogue for a new language (then translate it)

A message is matched by its key (msgctxt), not by its English: when the English of a key changes, the old
translation stays, marked fuzzy with the previous English beside it, until a translator confirms it.
Keys no longer in english.py are dropped. Babel reads and writes the files, so Poedit and Weblate open them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import string
import sys
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from dashboard.i18n.catalogues import DOMAIN, LOCALE_DIR, po_path, read_catalogue, translated_languages
from dashboard.i18n.english import ENGLISH

PROJECT = "Partner Atlas"
# A fixed date keeps `make messages` from rewriting every file's header (and conflicting in merges) on each run.
STABLE_DATE = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
WIDTH = 116


def placeholders(message: str | tuple[str, ...]) -> set[str]:
    parts = message if isinstance(message, tuple) else (message,)
    return {name for part in parts for _, name, _, _ in string.Formatter().parse(part) if name}


def template() -> Catalog:
    """Every English message, keyed by msgctxt, in english.py's order."""
    catalogue = Catalog(
        project=PROJECT, domain=DOMAIN, creation_date=STABLE_DATE, revision_date=STABLE_DATE, fuzzy=False
    )
    for key, english in ENGLISH.items():
        catalogue.add(english, context=key, flags=("python-brace-format",) if placeholders(english) else ())
    return catalogue


def updated(old: Catalog, source: Catalog, language: str) -> Catalog:
    """`old`'s translations on `source`'s messages, matched by key; changed English makes a translation fuzzy."""
    by_key = {message.context: message for message in old if message.id}
    catalogue = Catalog(
        locale=language,
        project=PROJECT,
        domain=DOMAIN,
        creation_date=STABLE_DATE,
        revision_date=STABLE_DATE,
        fuzzy=False,
        language_team=old.language_team,
        last_translator=old.last_translator,
    )
    for message in source:
        before = by_key.get(message.context)
        translation, flags, previous = _carried_over(message.id, before, catalogue.num_plurals)
        catalogue.add(
            message.id,
            translation,
            context=message.context,
            flags=message.flags | flags,
            user_comments=before.user_comments if before else (),
            previous_id=previous,
        )
    return catalogue


def _carried_over(english, before, plurals: int):
    if before is None:
        return (("",) * plurals if isinstance(english, tuple) else ""), set(), ()
    translation, flags = before.string, set(before.flags) & {"fuzzy"}
    if isinstance(english, tuple) != isinstance(translation, tuple):  # singular became plural or back
        first = translation[0] if isinstance(translation, tuple) else translation
        translation = (first,) + ("",) * (plurals - 1) if isinstance(english, tuple) else first
        flags.add("fuzzy")
    if before.id != english:
        flags.add("fuzzy")
        return translation, flags, list(before.id) if isinstance(before.id, tuple) else [before.id]
    return translation, flags, before.previous_id


def _write(path: Path, catalogue: Catalog) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(
            handle,
            catalogue,
            width=WIDTH,
            omit_header=False,
            ignore_obsolete=True,
            include_previous=True,
            sort_output=False,
        )


def update(locale_dir: Path = LOCALE_DIR, add: tuple[str, ...] = ()) -> list[Path]:
    """Write messages.pot and update (or, for `add`, create) each language's .po; returns the files written."""
    source = template()
    written = [locale_dir / f"{DOMAIN}.pot"]
    _write(written[0], source)
    for language in sorted(set(translated_languages(locale_dir)) | set(add)):
        path = po_path(language, locale_dir)
        old = read_catalogue(path, language) if path.exists() else Catalog(locale=language)
        _write(path, updated(old, source, language))
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make messages", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--add",
        action="append",
        default=[],
        metavar="LANGUAGE",
        help="start a catalogue for this language code (e.g. de)",
    )
    args = parser.parse_args(argv)
    for language in args.add:
        try:
            Locale.parse(language)
        except (UnknownLocaleError, ValueError):
            print(f"make messages: {language!r} is not a language code CLDR knows (try de, es, it).", file=sys.stderr)
            return 2
    for path in update(add=tuple(args.add)):
        print(f"wrote {path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
