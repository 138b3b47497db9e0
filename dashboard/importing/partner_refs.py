"""A row's partner, found in partners.csv by partner_id, Erasmus code or name (tried in that order): one way for
every file that names partners (mobility, agreements), with the same warnings and rejections in each.

A reference that finds nothing while a later one finds the partner is a warning on its own column (the row
loads). A row whose references all fail is rejected on the first one's column, with the closest names (or ids,
or codes) in partners.csv as a hint. The index is built once per file; the hint, which compares the text with
every partner, only for a rejected row, and once per distinct text (a misspelt name repeats down a big export);
docs/decisions/0018-one-partner-reference-resolver.md has the measurements.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

import pandas as pd

from dashboard.folding import fold
from dashboard.importing import values as v
from dashboard.importing.headers import ColumnMap
from dashboard.importing.reading import Row
from dashboard.report import FileReport

REFERENCES = ("partner_id", "erasmus_code", "name")  # tried in this order
_ONE = {"partner_id": "id", "erasmus_code": "Erasmus code", "name": "name"}
_MANY = {"partner_id": "ids", "erasmus_code": "Erasmus codes", "name": "names"}
_NEAR = 85  # fuzz.ratio of a near-exact spelling: "Univrsity" for "University" in a 40-letter name scores 99
# Distinct texts a file gets a hint for: enough to fix by hand, and at most ~6 s of looking (30 ms each); a file
# with more unknown partners is more likely checked against the wrong partners.csv.
MAX_HINTS = 200


class NotFound(v.Invalid):
    """No partner in partners.csv has this reference."""

    fix = "add the partner there or correct the reference"


class Ambiguous(v.Invalid):
    """Several partners share this name."""

    fix = "use a partner_id or erasmus_code column to say which"


def closest_names(text: str, names: Mapping[str, str] | list[str], limit: int = 3) -> list[str]:
    """The names most like `text`, for a hint when nothing matches exactly; `names` may map each name to its
    folded form already (folding 12,000 names again for every rejected row is what that saves)."""
    from rapidfuzz import fuzz, process  # imported here: only a rejected row needs it, not the app's start

    choices = names if isinstance(names, Mapping) else {n: fold(n) for n in names}
    query = fold(text)
    # A spelling a letter or two off is found by the plain edit ratio in a tenth of WRatio's time (2 ms against
    # 30 ms among 12,000 names); WRatio, which also finds a part of a name or words in another order, runs only
    # when there is no such near match.
    found = process.extract(query, choices, scorer=fuzz.ratio, limit=limit, score_cutoff=_NEAR)
    found = found or process.extract(query, choices, scorer=fuzz.WRatio, limit=limit, score_cutoff=60)
    return [name for _folded, _score, name in found]


class PartnerIndex:
    """Finds a loaded partner's id from any of the references a file may carry."""

    def __init__(self, partners: pd.DataFrame):
        self.ids = {
            str(p).casefold(): str(p) for p in (partners["partner_id"].tolist() if "partner_id" in partners else [])
        }
        self.codes: dict[str, str] = {}
        self.names: dict[str, list[str]] = defaultdict(list)
        if len(partners):
            columns = (partners[c].tolist() for c in REFERENCES)
            for pid, code, name in zip(*columns):
                if code:
                    self.codes.setdefault(v.erasmus_key(str(code)), str(pid))
                self.names[fold(str(name))].append(str(pid))
        self._partners = partners
        self._choices: dict[str, dict[str, str]] = {}  # reference -> {value: folded value}, built at the first hint

    def find(self, reference: str, text: str) -> str:
        """The partner_id; raises NotFound or Ambiguous saying what was not found."""
        if reference == "partner_id":
            found = self.ids.get(text.casefold())
        elif reference == "erasmus_code":
            found = self.codes.get(v.erasmus_key(text))
        else:
            matches = self.names.get(fold(text), [])
            if len(matches) > 1:
                raise Ambiguous(f"name {text!r} matches {len(matches)} partners ({', '.join(matches)})")
            found = matches[0] if matches else None
        if found is None:
            raise NotFound(f"no partner with {_ONE[reference]} {text!r} in partners.csv")
        return found

    def closest(self, reference: str, text: str) -> list[str]:
        """The partners' values of `reference` (names, ids or codes) most like `text`."""
        choices = self._choices.get(reference)
        if choices is None:
            values = self._partners[reference].tolist() if reference in self._partners else []
            choices = self._choices[reference] = {str(value): fold(str(value)) for value in values if value}
        return closest_names(text, choices)


class PartnerRefs:
    """The partner of each row of one file, reported the same way in every kind of file; build it once per file.

    `subject` is what a row is ("flow", "agreement"): it names the row in "fill in which partner this flow is with".
    """

    def __init__(self, partners: pd.DataFrame, columns: ColumnMap, report: FileReport, subject: str):
        self.index = PartnerIndex(partners)
        self.report = report
        self.subject = subject
        self.written = columns.written
        self._positions = [(ref, columns.positions[ref]) for ref in REFERENCES if ref in columns]
        self._hints: dict[tuple[str, str], str] = {}

    def of_row(self, row: Row) -> str | None:
        """The partner_id of the row, or None after rejecting it; warns about a reference that failed."""
        cells = row.cells
        return self.find(row.line, [(ref, cells[position]) for ref, position in self._positions if cells[position]])

    def find(self, line: int, given: list[tuple[str, str]]) -> str | None:
        """The partner_id for the non-empty references (reference, text) of the row on `line`, in REFERENCES
        order; None after rejecting the row."""
        if not given:
            columns = " / ".join(self.written[ref] for ref, _position in self._positions)
            self.report.reject(line, columns, f"no partner given: fill in which partner this {self.subject} is with")
            return None
        failures: list[tuple[str, str, v.Invalid]] = []
        for ref, text in given:
            try:
                found = self.index.find(ref, text)
            except v.Invalid as error:
                failures.append((ref, text, error))
                continue
            for failed, failed_text, failure in failures:
                self.report.warn(line, self.written[failed], self._warning(failure, failed, ref, text), failed_text)
            return found
        self._reject(line, failures)
        return None

    def _warning(self, error: v.Invalid, failed: str, ref: str, text: str) -> str:
        # Only a NotFound: the name, the one reference that can be ambiguous, is tried last.
        matched = f"{self.written[ref]} {text!r}"
        return f"{error}; matched the partner by {matched} instead: correct the {_ONE[failed]} or leave it empty"

    def _reject(self, line: int, failures: list[tuple[str, str, v.Invalid]]) -> None:
        ref, text, _error = failures[0]
        not_found = [(failed, failed_text) for failed, failed_text, error in failures if isinstance(error, NotFound)]
        fix = NotFound.fix if not_found else Ambiguous.fix
        message = "; ".join(str(error) for _ref, _text, error in failures)
        # The hint looks among names when a name was given (the likeliest to be misspelt), else among ids or codes.
        hinted = next((found for found in not_found if found[0] == "name"), not_found[0] if not_found else None)
        hint = self._hint(*hinted) if hinted else ""
        self.report.reject(line, self.written[ref], f"{message}: {fix}{hint}", text)

    def _hint(self, ref: str, text: str) -> str:
        hint = self._hints.get((ref, text))
        if hint is not None:
            return hint
        if len(self._hints) >= MAX_HINTS:
            return (
                f" (no closest {_MANY[ref]} looked up: more than {MAX_HINTS} different unknown partners in this "
                "file; check that it goes with this partners.csv)"
            )
        close = self.index.closest(ref, text)
        hint = self._hints[(ref, text)] = (
            f" (closest {_MANY[ref]} in partners.csv: {'; '.join(close)})" if close else ""
        )
        return hint
