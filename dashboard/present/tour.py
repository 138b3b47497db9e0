"""The presentation tour: which scenes play, in which order, with which captions.

An office lists the scenes in tour.csv (see dashboard/sample_data/README.md). Every row is either played or reported with
its file, line and column and what to change; without the file (or with no playable row) the default tour plays:
the whole network, each strategic partner, each world region that has partners, the pyramid, the mobility trend
and, with agreements, the partners per field of study.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from dashboard.importing.headers import header_key
from dashboard.importing.reading import read_table
from dashboard.importing.values import Invalid, parse_tier
from dashboard.model import REGIONS, Dataset
from dashboard.report import FileReport, Problem

KINDS = ("network", "tier", "partner", "region", "pyramid", "trend", "fields")
NEEDS_VALUE = {"tier": "a tier", "partner": "a partner_id from partners.csv", "region": "a world region"}
REGION_ALIASES = {
    "europa": "Europe",
    "afrika": "Africa",
    "azie": "Asia",
    "noordamerika": "North America",
    "zuidamerika": "South America",
    "oceanie": "Oceania",
}
TOUR_FILE = "tour.csv"
MAX_TOUR_BYTES = 1024 * 1024  # a tour is a few dozen lines; anything bigger is the wrong file

# Headers as an office may write them (matched ignoring case, accents, spaces and punctuation).
COLUMNS = {
    "scene": ("scene", "scene nr", "scene number", "nr", "order", "volgorde", "nummer"),
    "kind": ("kind", "type", "scene kind", "soort"),
    "value": ("value", "waarde", "what", "wat", "id"),
}
CAPTION_PREFIXES = ("caption", "bijschrift", "onderschrift", "legende")


@dataclass(frozen=True)
class Scene:
    """One step of the tour: a kind, the tier/partner/region it shows, and its caption per language."""

    kind: str
    value: str = ""
    captions: tuple[tuple[str, str], ...] = ()  # (language, caption), only the non-empty ones
    line: int | None = None  # line in tour.csv; None for the default tour

    def caption(self, language: str) -> str:
        """The caption in `language`; empty when the file gave none (the scene then writes its own)."""
        return dict(self.captions).get(language, "")


@dataclass(frozen=True)
class Tour:
    scenes: tuple[Scene, ...]
    source: str  # the file read, or "default"
    rejected: tuple[Problem, ...] = ()  # rows left out, each with file, line, column and what to do
    warnings: tuple[Problem, ...] = ()
    errors: tuple[Problem, ...] = field(default=())  # problems with the whole file

    @property
    def problems(self) -> tuple[Problem, ...]:
        return (*self.errors, *self.rejected, *self.warnings)

    @property
    def is_default(self) -> bool:
        return self.source == "default"


def default_scenes(dataset: Dataset) -> tuple[Scene, ...]:
    """The network, each strategic partner (file order), each region with partners (most partners first),
    the pyramid, the trend when there is mobility and the fields of study when there are agreements."""
    partners = dataset.partners
    scenes = [Scene("network")]
    strategic = partners[partners["tier"] == "strategic"]
    scenes += [Scene("partner", str(pid)) for pid in strategic["partner_id"]]
    counts = partners["region"].value_counts()
    scenes += [
        Scene("region", region)
        for region in sorted(
            (r for r in REGIONS if counts.get(r, 0)), key=lambda r: (-counts.get(r, 0), REGIONS.index(r))
        )
    ]
    scenes.append(Scene("pyramid"))
    if len(dataset.mobility):
        scenes.append(Scene("trend"))
    if len(dataset.agreements):
        scenes.append(Scene("fields"))
    return tuple(scenes)


def default_tour(dataset: Dataset) -> Tour:
    return Tour(default_scenes(dataset), source="default")


def load_tour(data_dir: str | Path, dataset: Dataset, *, max_bytes: int = MAX_TOUR_BYTES) -> Tour:
    """The tour in data_dir/tour.csv, checked against the dataset; the default tour when the file is absent,
    empty or has no playable row (its problems are kept, so `problems` says why)."""
    path = Path(data_dir) / TOUR_FILE
    if not path.is_file():
        return default_tour(dataset)
    report = FileReport(str(path), "tour")
    table = read_table(path, report, max_bytes=max_bytes, header_score=_header_score)
    scenes: list[tuple[int, int, Scene]] = []
    if table is not None:
        scenes = _read_scenes(table, report, dataset)
    if table is not None and not table.rows:
        report.warn(None, None, "has a header but no scenes: playing the default tour; add one row per scene")
    elif table is not None and not scenes:
        report.warn(None, None, "no scene could be played: playing the default tour until the rows above are fixed")
    played = tuple(scene for _, _, scene in sorted(scenes, key=lambda item: item[:2]))
    problems = dict(rejected=tuple(report.rejected), warnings=tuple(report.warnings), errors=tuple(report.errors))
    if not played:
        return Tour(default_scenes(dataset), source="default", **problems)
    return Tour(played, source=str(path), **problems)


def _column_of(header: str) -> str | None:
    key = header_key(header)
    for name, aliases in COLUMNS.items():
        if key in {header_key(a) for a in aliases}:
            return name
    for prefix in CAPTION_PREFIXES:
        rest = key[len(prefix) :] if key.startswith(prefix) else None
        if rest is not None and (len(rest) == 2 and rest.isalpha() or rest == ""):
            return f"caption_{rest or 'en'}"
    return None


def _header_score(cells: tuple[str, ...]) -> int:
    return sum(1 for cell in cells if cell and _column_of(cell))


def _read_scenes(table, report: FileReport, dataset: Dataset) -> list[tuple[int, int, Scene]]:
    columns: dict[str, int] = {}
    written: dict[str, str] = {}
    for position, header in enumerate(table.header):
        name = _column_of(header) if header else None
        if name and name not in columns:
            columns[name], written[name] = position, header
        elif header:
            report.warn(
                table.header_line,
                header,
                "column not used by the tour: it is ignored "
                "(the tour reads scene, kind, value and caption_en, caption_nl, ...)",
            )
    if "kind" not in columns:
        report.fail(
            "no 'kind' column: the header must name the columns scene, kind, value, caption_en, caption_nl",
            line=table.header_line,
        )
        return []
    partner_ids = {str(p).casefold(): str(p) for p in dataset.partners["partner_id"]}
    regions_with_partners = set(dataset.partners["region"].astype(str))
    scenes = []
    seen_numbers: dict[int, int] = {}
    previous = 0
    for row in table.rows:
        report.rows_read += 1
        if row.problem:
            report.reject(row.line, None, row.problem)
            continue
        cell = {name: row.cells[position] for name, position in columns.items()}
        try:
            number = _scene_number(cell.get("scene", ""), previous)
            kind = _kind(cell["kind"])
            value = _value(kind, cell.get("value", ""), partner_ids, regions_with_partners)
        except _RowProblem as problem:
            report.reject(row.line, written.get(problem.column, problem.column), problem.message, problem.value)
            continue
        if cell.get("scene") and number in seen_numbers:
            report.warn(
                row.line,
                written.get("scene"),
                f"scene {number} is also on line {seen_numbers[number]}: "
                "both play, in file order; renumber them to choose",
                number,
            )
        seen_numbers.setdefault(number, row.line)
        previous = number
        captions = tuple(
            (name.removeprefix("caption_"), cell[name])
            for name in sorted(columns)
            if name.startswith("caption_") and cell[name]
        )
        report.rows_loaded += 1
        scenes.append((number, row.line, Scene(kind, value, captions, row.line)))
    return scenes


class _RowProblem(Exception):
    def __init__(self, column: str, message: str, value: str = "") -> None:
        super().__init__(message)
        self.column, self.message, self.value = column, message, value


def _scene_number(text: str, previous: int) -> int:
    if not text:
        return previous  # no scene column or an empty cell: the scene plays right after the row above it
    try:
        number = int(text.strip())
    except ValueError:
        raise _RowProblem(
            "scene",
            "the scene number must be a whole number (1, 2, 3, ...): it gives the scene's place in the loop",
            text,
        ) from None
    if number < 1:
        raise _RowProblem("scene", "the scene number must be 1 or more", text)
    return number


def _kind(text: str) -> str:
    kind = text.strip().lower()
    if kind not in KINDS:
        hint = difflib.get_close_matches(kind, KINDS, n=1)
        suggestion = f" (did you mean {hint[0]!r}?)" if hint else ""
        raise _RowProblem("kind", f"unknown kind{suggestion}: write one of {', '.join(KINDS)}", text)
    return kind


def _value(kind: str, text: str, partner_ids: dict[str, str], regions_with_partners: set[str]) -> str:
    text = text.strip()
    if kind not in NEEDS_VALUE:
        return ""
    if not text:
        raise _RowProblem("value", f"a {kind} scene needs {NEEDS_VALUE[kind]} in the value column")
    if kind == "tier":
        try:
            return parse_tier(text)
        except Invalid as error:
            raise _RowProblem("value", str(error), text) from None
    if kind == "partner":
        found = partner_ids.get(text.casefold())
        if found is None:
            close = difflib.get_close_matches(text, list(partner_ids.values()), n=1, cutoff=0.6)
            hint = f"did you mean {close[0]!r}? " if close else ""
            raise _RowProblem(
                "value",
                f"no partner with this partner_id in partners.csv: {hint}copy the partner_id from partners.csv",
                text,
            )
        return found
    region = _region(text)
    if region is None:
        raise _RowProblem("value", f"unknown world region: write one of {', '.join(REGIONS)}", text)
    if region not in regions_with_partners:
        raise _RowProblem(
            "value",
            f"no partner in {region}: the scene would show an empty map; remove the row or add partners there",
            text,
        )
    return region


def _region(text: str) -> str | None:
    key = header_key(text)
    for region in REGIONS:
        if header_key(region) == key:
            return region
    return REGION_ALIASES.get(key)
