"""The cell values of a workbook's sheets, streamed straight from the sheet XML: a call year in seconds.

openpyxl's read-only mode builds a cell object per cell: 100 s of CPU for a 400,000-row call year (bench/README.md);
python-calamine is fast but holds a whole sheet in memory (790 MB). The sheet XML of SpreadsheetML (ECMA-376
part 1, 18.3) is simple enough to read with regular expressions one decompressed megabyte at a time, values only:
shared strings, inline strings, numbers, booleans and formula results. Anything this reader does not expect
raises UnexpectedLayout, and the caller reads the file with openpyxl instead.
"""

from __future__ import annotations

import html
import posixpath
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

CHUNK = 2**20
_NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "p": "http://schemas.openxmlformats.org/package/2006/relationships",
}
_ROW_NUMBER = re.compile(rb'\br="(\d+)"')
_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.DOTALL)
_REF = re.compile(rb'\br="([A-Z]+)\d*"')
_TYPE = re.compile(rb'\bt="(\w+)"')
_VALUE = re.compile(rb"<(?:\w+:)?v>(.*?)</(?:\w+:)?v>", re.DOTALL)
_TEXT = re.compile(rb"<(?:\w+:)?t(?:\s[^>]*)?>(.*?)</(?:\w+:)?t>", re.DOTALL)
# The common form of a cell, as Excel and openpyxl write it: one regular expression for the whole row.
_PLAIN_CELL = re.compile(
    rb'<c r="([A-Z]+)\d+"(?: s="\d+")?(?: t="([A-Za-z]+)")?(?:/>|><v>([^<]*)</v></c>'
    rb'|><is><t(?: xml:space="preserve")?>([^<]*)</t></is></c>|></c>)'
)
_ROW_END_TAG = re.compile(rb"</(?:\w+:)?row>")


class UnexpectedLayout(Exception):
    """The workbook is not laid out as this reader expects; read it with openpyxl."""


def sheet_names_and_paths(archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(title, path in the archive) of each worksheet, in the workbook's order."""
    try:
        workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError) as error:
        raise UnexpectedLayout(str(error)) from None
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.findall("p:Relationship", _NS)}
    sheets = []
    for sheet in workbook.findall("m:sheets/m:sheet", _NS):
        target = targets.get(sheet.get(f"{{{_NS['r']}}}id"), "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        if path not in archive.namelist():
            raise UnexpectedLayout(f"sheet {sheet.get('name')!r} has no part {path!r}")
        sheets.append((sheet.get("name", ""), path))
    if not sheets:  # Strict OOXML and other namespaces: let openpyxl try
        raise UnexpectedLayout("no worksheet in the workbook's transitional namespace")
    return sheets


def shared_strings(archive: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in archive.namelist():
        return []
    strings = []
    with archive.open("xl/sharedStrings.xml") as handle:
        for _, element in ElementTree.iterparse(handle):
            if element.tag == f"{{{_NS['m']}}}si":
                strings.append(_string_item(element))
                element.clear()
    return strings


def _string_item(si) -> str:
    """Plain text in <t>, rich text in runs <r><t>; phonetic hints (<rPh>) are not part of the value."""
    parts = []
    for child in si:
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "t":
            parts.append(child.text or "")
        elif tag == "r":
            parts += [t.text or "" for t in child.findall("m:t", _NS)]
    return "".join(parts)


def _column(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number - 1


def _text(raw: bytes) -> str:
    text = raw.decode("utf-8")
    return html.unescape(text) if "&" in text else text


def sheet_rows(archive: zipfile.ZipFile, path: str, strings: list[str]) -> Iterator[tuple[int, list[str]]]:
    """(spreadsheet row number, cell values as text) of every row of the sheet, in order."""
    with archive.open(path) as handle:
        buffer, number, row_end = b"", 0, None
        while True:
            chunk = handle.read(CHUNK)
            buffer += chunk
            if row_end is None:
                found = _ROW_END_TAG.search(buffer)
                if found is None and chunk:
                    continue
                row_end = found.group(0) if found else b"</row>"
            pieces = buffer.split(row_end)
            buffer = pieces.pop() if chunk else b""
            for piece in pieces:
                # A piece ends with one row's cells; empty rows written as <row r="7"/> may precede its start tag.
                start = max(piece.rfind(b"<row"), piece.rfind(b":row"))
                if start < 0:
                    continue
                tag_end = piece.find(b">", start)
                found = _ROW_NUMBER.search(piece, start, tag_end)
                number = int(found.group(1)) if found else number + 1
                yield number, _cells(piece[tag_end + 1 :], strings)
            if not chunk:
                return


_COLUMNS: dict[bytes, int] = {}


def _cells(row: bytes, strings: list[str]) -> list[str]:
    plain = _PLAIN_CELL.findall(row)
    if len(plain) != row.count(b"<c ") or (not plain and b"<" in row):
        return _any_cells(row, strings)
    values: list[str] = []
    for letters, kind, raw, inline in plain:
        position = _COLUMNS.get(letters)
        if position is None:
            position = _COLUMNS[letters] = _column(letters)
        if position > len(values):
            values.extend([""] * (position - len(values)))
        if kind == b"s":
            values.append(strings[int(raw)])
        elif kind == b"inlineStr":
            values.append(html.unescape(inline.decode()) if b"&" in inline else inline.decode())
        elif kind == b"b":
            values.append("TRUE" if raw == b"1" else "FALSE" if raw else "")
        else:
            text = html.unescape(raw.decode()) if b"&" in raw else raw.decode()
            values.append(text[:-2] if text.endswith(".0") and text[:-2].lstrip("-").isdigit() else text)
    return values


def _any_cells(row: bytes, strings: list[str]) -> list[str]:
    """Cells with attributes in another order, inline strings or formulas: one expression per part."""
    values: list[str] = []
    for attributes, content in _CELL.findall(row):
        ref = _REF.search(attributes)
        if ref is not None:
            position = _column(ref.group(1))
            if position > len(values):
                values.extend([""] * (position - len(values)))
        found = _TYPE.search(attributes)
        kind = found.group(1) if found else b"n"
        if kind == b"inlineStr":
            values.append(_text(b"".join(_TEXT.findall(content))))
            continue
        value = _VALUE.search(content) if content else None
        raw = value.group(1) if value else b""
        if kind == b"s" and raw:
            values.append(strings[int(raw)])
        elif kind == b"b":
            values.append("TRUE" if raw == b"1" else "FALSE" if raw else "")
        elif kind in (b"n", b"str", b"e", b"s", b"d"):
            text = _text(raw)
            values.append(text[:-2] if text.endswith(".0") and text[:-2].lstrip("-").isdigit() else text)
        else:
            raise UnexpectedLayout(f"cell type {kind.decode()!r}")
    return values


def open_workbook(path: Path) -> tuple[zipfile.ZipFile, list[tuple[str, str]], list[str]]:
    """The open archive, its sheets and its shared strings; raises UnexpectedLayout or zipfile.BadZipFile."""
    archive = zipfile.ZipFile(path)
    try:
        return archive, sheet_names_and_paths(archive), shared_strings(archive)
    except (UnexpectedLayout, ElementTree.ParseError, KeyError):
        archive.close()
        raise
