"""Erasmus Without Paper IIAs: `iias-get-response` documents (version 7, and version 6's element names) turned
into agreement conditions, each tied to a partner by its hei-id; what cannot be used is reported, never dropped.

The XML comes from outside and is treated as hostile: defusedxml refuses DTDs, entity declarations (billion
laughs) and external entities (XXE), and files above the size limit are not read at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element, ParseError

import pandas as pd
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from dashboard import isced
from dashboard.importing import agreement_values as av
from dashboard.importing.partner_refs import closest_names
from dashboard.importing.partners import DEFAULT_MAX_BYTES
from dashboard.model import Institution
from dashboard.report import FileReport

KIND = "iias"
SPECS = {
    "student-studies-mobility-spec": "student_studies",
    "student-traineeship-mobility-spec": "student_traineeship",
    "staff-teacher-mobility-spec": "staff_teaching",
    "staff-training-mobility-spec": "staff_training",
}
_VERSION = re.compile(r"stable-v(\d+)")


def domain(url: str) -> str:
    """ "https://www.ucll.be/en" -> "ucll.be": the part of a website a SCHAC hei-id is usually made of."""
    host = urlsplit(url if "://" in url else f"https://{url}").hostname or ""
    return host[4:] if host.startswith("www.") else host


def home_hei_id(institution: Institution) -> str:
    return institution.hei_id or domain(institution.website)


@dataclass
class HeiIndex:
    """Partners by hei-id: the hei_id column of partners.csv where given, else the website's domain."""

    by_hei: dict[str, str]
    labels: dict[str, str]  # partner_id -> "name (domain)" for hints

    @classmethod
    def of(cls, partners: pd.DataFrame, hei_ids: dict[str, str] | None = None) -> HeiIndex:
        by_hei: dict[str, str] = {}
        labels: dict[str, str] = {}
        for row in partners.itertuples(index=False):
            pid = str(row.partner_id)
            key = (hei_ids or {}).get(pid) or domain(str(row.website or ""))
            if key:
                by_hei.setdefault(key.lower(), pid)
            labels[pid] = f"{row.name} ({key or 'no website'})"
        return cls(by_hei, labels)

    def find(self, hei_id: str) -> str | None:
        hei_id = hei_id.lower().strip()
        if hei_id in self.by_hei:
            return self.by_hei[hei_id]
        # A faculty's own domain (fh.example.de) or a hei-id without the institution's subdomain.
        for key, pid in self.by_hei.items():
            if hei_id.endswith("." + key) or key.endswith("." + hei_id):
                return pid
        return None

    def closest(self, hei_id: str) -> list[str]:
        return closest_names(hei_id, list(self.labels.values()))


def _local(element: Element) -> str:
    return element.tag.rsplit("}", 1)[-1]


def _children(element: Element, name: str) -> list[Element]:
    return [child for child in element if _local(child) == name]


def _text(element: Element, name: str) -> str:
    found = _children(element, name)
    return (found[0].text or "").strip() if found else ""


def read_iias(
    path: str | Path, home: str, index: HeiIndex, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[list[dict], FileReport]:
    """The conditions of every IIA in the file as agreement records (AGREEMENT_COLUMNS), and the report:
    one row per mobility specification, loaded or rejected with the IIA and specification it concerns."""
    path = Path(path)
    report = FileReport(str(path), KIND)
    root = _parse(path, report, max_bytes)
    if root is None:
        return [], report
    if _local(root) != "iias-get-response":
        report.fail(f"not an EWP IIAs document: the root element is <{_local(root)}>, not <iias-get-response>")
        return [], report
    version = _VERSION.search(root.tag)
    if version and version.group(1) not in ("6", "7"):
        report.warn(None, None, f"IIAs API version {version.group(1)}: read with version 7's element names")
    if not home:
        report.fail('no hei-id for the home institution: add hei_id = "..." to institution.toml (or its website)')
        return [], report
    records = []
    for number, iia in enumerate(_children(root, "iia"), start=1):
        records += _iia(iia, number, home, index, report)
    return records, report


def _parse(path: Path, report: FileReport, max_bytes: int) -> Element | None:
    if not path.is_file():
        report.fail(f"file not found: check the path {str(path)!r}")
        return None
    size = path.stat().st_size
    if size > max_bytes:
        report.fail(
            f"file is {size:,} bytes, larger than the limit of {max_bytes:,}: split the export, or raise "
            "the limit with PARTNER_ATLAS_MAX_FILE_BYTES"
        )
        return None
    try:
        return fromstring(path.read_bytes(), forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as error:
        report.fail(
            f"refused: the document declares a DTD or entities ({type(error).__name__}), which an IIAs "
            "response never needs and an attack uses; export it again from the EWP system"
        )
    except ParseError as error:
        report.fail(f"not well-formed XML ({error}): export the file again")
    return None


def _iia(iia: Element, number: int, home: str, index: HeiIndex, report: FileReport) -> list[dict]:
    partners = [
        (_text(p, "hei-id").lower(), _text(p, "iia-id"), _text(p, "iia-code")) for p in _children(iia, "partner")
    ]
    ours = next((p for p in partners if p[0] == home), None)
    label = f"iia {number}"
    conditions = _children(iia, "cooperation-conditions")
    specs = [(spec, SPECS[_local(spec)]) for c in conditions for spec in c if _local(spec) in SPECS]
    report.rows_read += len(specs)
    if ours is None:
        heis = ", ".join(p[0] for p in partners) or "none"
        for spec, _ in specs:
            report.reject(
                None,
                f"{label} / {_local(spec)}",
                f"the home institution {home!r} is not a partner of this "
                f"IIA (partners: {heis}): set hei_id in institution.toml if ours is spelled differently",
            )
        return []
    agreement_id = ours[1] or ours[2] or next((p[1] or p[2] for p in partners if p is not ours), "")
    terminated = any(c.get("terminated-as-a-whole") == "true" for c in conditions)
    status = "terminated" if terminated else ("in_effect" if _text(iia, "in-effect") == "true" else "draft")
    records = []
    for position, (spec, mobility_type) in enumerate(specs, start=1):
        where = f"{label} ({agreement_id or 'no iia-id'}) / {_local(spec)} {position}"
        try:
            record = _spec(spec, mobility_type, home, index)
        except av.v.Invalid as error:
            report.reject(None, where, str(error))
            continue
        record.update(agreement_id=agreement_id, status=status)
        for warning in record.pop("warnings"):
            report.warn(None, where, warning)
        records.append(record)
        report.rows_loaded += 1
    return records


def _spec(spec: Element, mobility_type: str, home: str, index: HeiIndex) -> dict:
    sending, receiving = _text(spec, "sending-hei-id").lower(), _text(spec, "receiving-hei-id").lower()
    if sending == home:
        direction, other, unit = "outgoing", receiving, _text(spec, "sending-ounit-id")
    elif receiving == home:
        direction, other, unit = "incoming", sending, _text(spec, "receiving-ounit-id")
    else:
        raise av.v.Invalid(f"neither side ({sending} sends, {receiving} receives) is the home institution {home!r}")
    partner = index.find(other)
    if partner is None:
        close = index.closest(other)
        hint = f" (closest partners: {'; '.join(close)})" if close else ""
        raise av.v.Invalid(
            f"no partner with hei-id {other!r}: add a hei_id column to partners.csv or the partner's website{hint}"
        )
    warnings: list[str] = []
    fields, notes = [], []
    for area in _children(spec, "subject-area"):
        code = _text(area, "isced-f-code")
        if isced.is_field(code):
            fields.append(code)
        elif code:
            warnings.append(f"ISCED-F code {code!r} is not in ISCED-F 2013: left out")
        if _text(area, "isced-clarification"):
            notes.append(_text(area, "isced-clarification"))
    written = [_text(spec, "receiving-first-academic-year-id"), _text(spec, "receiving-last-academic-year-id")]
    written += [(y.text or "").strip() for y in _children(spec, "receiving-academic-year-id")]  # version 6
    years = [year for year in (_academic(y) for y in written if y) if year is not None]
    languages = []
    for skill in _children(spec, "recommended-language-skill"):
        language, level = _text(skill, "language").lower().split("-")[0], _text(skill, "cefr-level").upper()
        if language:
            languages.append(f"{language}:{level}" if level in av.CEFR else language)
    levels = sorted(
        {int(e.text or 0) for e in _children(spec, "eqf-level") if (e.text or "").strip() in ("5", "6", "7", "8")}
    )
    return {
        "partner_id": partner,
        "department": unit,
        "mobility_type": mobility_type,
        "direction": direction,
        "fields": tuple(dict.fromkeys(fields)),
        "field_note": "; ".join(dict.fromkeys(notes)),
        "levels": tuple(levels),
        "places": _number(_text(spec, "mobilities-per-year")),
        "months_per_year": _number(_text(spec, "total-months-per-year")),
        "days_per_year": _number(_text(spec, "total-days-per-year")),
        "languages": tuple(dict.fromkeys(languages)),
        "first_year": min(years) if years else None,
        "last_year": max(years) if years else None,
        "blended": {"true": True, "false": False}.get(_text(spec, "blended")),
        "source_line": 0,
        "warnings": warnings,
    }


def _academic(text: str) -> int | None:
    try:
        return av.v.parse_academic_year(text)[1]
    except av.v.Invalid:
        return None


def _number(text: str) -> float | None:
    try:
        return float(text) if text else None
    except ValueError:
        return None
