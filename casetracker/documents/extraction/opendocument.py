"""Read OpenDocument text (.odt) and spreadsheet (.ods) files with odfpy."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime

from lxml import etree
from odf import teletype
from odf.element import Element
from odf.namespaces import DCNS, METANS, STYLENS, TABLENS, TEXTNS
from odf.opendocument import OpenDocument, load

from casetracker.documents.extraction.constants import CONTENT_TYPES, ExtractionMethod, FileKind
from casetracker.documents.extraction.results import ExtractionError, ExtractionResult, FileMetadata, PageText, native_pages
from casetracker.timeutil import UK

_PARAGRAPHS = {(TEXTNS, "p"), (TEXTNS, "h")}
_ROW = (TABLENS, "table-row")
_CELLS = {(TABLENS, "table-cell"), (TABLENS, "covered-table-cell")}
_XML_PARTS = ("content.xml", "styles.xml", "meta.xml", "settings.xml")
#: Spreadsheets pad sheets with "repeat this empty cell a million times"; cap repeats of real values.
_MAX_REPEAT = 1000
_SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True)


def extract_odt(data: bytes) -> ExtractionResult:
    """Read an OpenDocument text as one page: headers, body paragraphs and tables, footers.

    Raises ExtractionError for a damaged or password-protected document.
    """
    document, problems = _load(data)
    body = _office_body(document, "text")
    headers, footers = _master_page_texts(document)
    lines = [*headers, *_lines(body), *footers]
    return ExtractionResult(
        kind=FileKind.ODT,
        content_type=CONTENT_TYPES[FileKind.ODT],
        title=_meta(document, DCNS, "title") or None,
        pages=native_pages(["\n".join(lines).strip("\n")]),
        problems=problems,
        document_date=_meta_date(document),
        metadata=_metadata(document),
    )


def extract_ods(data: bytes) -> ExtractionResult:
    """Read an OpenDocument spreadsheet: each sheet a page, its name first, cells tab-separated.

    Raises ExtractionError for a damaged or password-protected spreadsheet.
    """
    document, problems = _load(data)
    body = _office_body(document, "spreadsheet")
    pages = []
    for number, sheet in enumerate(_children(body, {(TABLENS, "table")}), start=1):
        rows = _sheet_rows(sheet)
        text = "\n".join([sheet.getAttrNS(TABLENS, "name") or f"Sheet {number}", *rows])
        pages.append(PageText(number, text, ExtractionMethod.NATIVE if rows else ExtractionMethod.EMPTY))
    return ExtractionResult(
        kind=FileKind.ODS,
        content_type=CONTENT_TYPES[FileKind.ODS],
        title=_meta(document, DCNS, "title") or None,
        pages=tuple(pages),
        problems=problems,
        document_date=_meta_date(document),
        metadata=_metadata(document),
    )


def _load(data: bytes) -> tuple[OpenDocument, tuple[str, ...]]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            manifest = archive.read("META-INF/manifest.xml") if "META-INF/manifest.xml" in names else b""
            if b"encryption-data" in manifest:
                raise ExtractionError("This document is protected with a password; its text cannot be read without it.")
            if "content.xml" not in names:
                raise ExtractionError("This OpenDocument file is damaged: its text part is missing.")
            parts = {name: _readable_xml(archive.read(name)) for name in _XML_PARTS if name in names}
            if parts["content.xml"] is None:
                raise ExtractionError("This OpenDocument file is damaged: its text part cannot be read.")
            broken = [name for name, xml in parts.items() if xml is None]
            if any(xml is None or xml is not _original for xml in parts.values()):
                data = _rebuilt(archive, parts)
        document = load(io.BytesIO(data))
    except ExtractionError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, EOFError) as error:
        raise ExtractionError("This OpenDocument file is damaged and cannot be opened.") from error
    problems = tuple(
        f"Part of this file ({name}) is damaged, so its {_PART_NAMES[name]} could not be read." for name in broken
    )
    return document, problems


_PART_NAMES = {"styles.xml": "headers, footers and styles", "meta.xml": "title and dates", "settings.xml": "settings"}
_original = b""
# odfpy adds namespace declarations it cannot see when the existing ones follow a line break, and
# then fails on the duplicates (printing the whole part to stdout); one space between attributes avoids it.
_ODFPY_TRIGGER = re.compile(rb"[\r\n\t]xmlns:")


def _readable_xml(xml: bytes) -> bytes | None:
    """Return ``_original`` if odfpy can read ``xml`` as is, a re-serialised copy if it needs one, None if damaged."""
    try:
        root = etree.fromstring(xml, _SAFE_XML)
    except etree.XMLSyntaxError:
        return None
    if _ODFPY_TRIGGER.search(xml[:20000]) is None:
        return _original
    return etree.tostring(root, xml_declaration=True, encoding="utf-8")


def _rebuilt(archive: zipfile.ZipFile, parts: dict[str, bytes | None]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in archive.infolist():
            replacement = parts.get(info.filename, _original)
            if replacement is None:
                continue  # odfpy skips parts that are missing, and is confused by damaged ones
            copy.writestr(info, archive.read(info) if replacement is _original else replacement)
    return out.getvalue()


def _children(element: Element, qnames: set[tuple[str, str]]) -> list[Element]:
    return [node for node in element.childNodes if node.nodeType == node.ELEMENT_NODE and node.qname in qnames]


def _office_body(document: OpenDocument, kind: str) -> Element:
    # odfpy takes the body's first child, which is whitespace in pretty-printed files.
    for body in document.body.childNodes if document.body is not None else ():
        if body.nodeType == body.ELEMENT_NODE and body.qname[1] == kind:
            return body
    raise ExtractionError(f"This OpenDocument file has no {kind} in it.")


def _lines(element: Element) -> list[str]:
    lines = []
    for node in element.childNodes:
        if node.nodeType != node.ELEMENT_NODE:
            continue
        if node.qname in _PARAGRAPHS:
            lines.append(teletype.extractText(node))
        elif node.qname == _ROW:
            lines.append("\t".join(" ".join(" ".join(_lines(cell)).split()) for cell in _children(node, _CELLS)))
        else:
            lines.extend(_lines(node))
    return lines


def _sheet_rows(sheet: Element) -> list[str]:
    rows = []
    for row in _descendant_rows(sheet):
        cells: list[str] = []
        for cell in _children(row, _CELLS):
            value = " ".join(" ".join(_lines(cell)).split())
            repeat = int(cell.getAttrNS(TABLENS, "number-columns-repeated") or 1)
            cells.extend([value] * (min(repeat, _MAX_REPEAT) if value else min(repeat, 1)))
        while cells and not cells[-1]:
            cells.pop()
        if cells:
            repeat = int(row.getAttrNS(TABLENS, "number-rows-repeated") or 1)
            rows.extend(["\t".join(cells)] * min(repeat, _MAX_REPEAT))
    return rows


def _descendant_rows(element: Element):
    for node in element.childNodes:
        if node.nodeType != node.ELEMENT_NODE:
            continue
        if node.qname == _ROW:
            yield node
        elif node.qname[0] == TABLENS:  # header rows, row groups
            yield from _descendant_rows(node)


def _master_page_texts(document: OpenDocument) -> tuple[list[str], list[str]]:
    headers: list[str] = []
    footers: list[str] = []
    for page in _children(document.masterstyles, {(STYLENS, "master-page")}) if document.masterstyles else ():
        for part in page.childNodes:
            if part.nodeType != part.ELEMENT_NODE:
                continue
            target = headers if part.qname[1].startswith("header") else footers if part.qname[1].startswith("footer") else None
            if target is not None:
                lines = (" ".join(line.split()) for line in _lines(part))
                target.extend(line for line in lines if line and line not in target)
    return headers, footers


def _meta(document: OpenDocument, namespace: str, name: str) -> str:
    for node in _children(document.meta, {(namespace, name)}) if document.meta else ():
        return teletype.extractText(node).strip()
    return ""


def _metadata(document: OpenDocument) -> FileMetadata:
    """Return the creation and modification times and the author from meta.xml (ODF 1.2 part 1, 4.3)."""
    def moment(value: str) -> datetime | None:
        try:
            parsed = datetime.fromisoformat(value) if value else None
        except ValueError:
            return None
        return parsed.replace(tzinfo=UK) if parsed is not None and parsed.tzinfo is None else parsed

    return FileMetadata(
        created=moment(_meta(document, METANS, "creation-date")),
        modified=moment(_meta(document, DCNS, "date")),
        author=(_meta(document, METANS, "initial-creator") or _meta(document, DCNS, "creator")).strip()[:300] or None,
    )


def _meta_date(document: OpenDocument) -> date | None:
    value = _meta(document, METANS, "creation-date")
    try:
        # ODF writes local time without a zone (ODF 1.2 part 1, 4.3.2.6).
        return datetime.fromisoformat(value).date() if value else None
    except ValueError:
        return None
