"""Read Microsoft Office files: Word (.docx), Excel (.xlsx, .xls) and legacy Word (.doc)."""

from __future__ import annotations

import io
import shutil
import struct
import subprocess
import tempfile
import warnings
import zipfile
from datetime import date, datetime, time, timezone

import docx
import olefile
import openpyxl
import xlrd
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from casetracker.documents.extraction.constants import CONTENT_TYPES, ExtractionMethod, FileKind
from casetracker.documents.extraction.dates import uk_date
from casetracker.documents.extraction.results import (
    ExtractionError,
    ExtractionResult,
    FileMetadata,
    PageText,
    ToolMissing,
    native_pages,
)

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Properties, field codes, the VML copy of a text box and the old place of moved text hold no
# text a reader sees (deleted text is w:delText, which is never read).
_SKIPPED = {
    *(_W + name for name in ("pPr", "rPr", "sectPr", "tblPr", "trPr", "tcPr", "instrText", "moveFrom")),
    _MC_FALLBACK,
}
# Parts python-docx does not model are parsed here; never with entities, which could read local files.
_SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True)
_NOTE_PARTS = (RT.FOOTNOTES, RT.ENDNOTES, RT.COMMENTS)
_ANTIWORD_TIMEOUT_SECONDS = 60


class _Pages:
    """Lines of text gathered into pages, split where the author put a page break."""

    def __init__(self) -> None:
        self.pages: list[list[str]] = [[]]
        self._line: list[str] = []

    def write(self, text: str) -> None:
        self._line.append(text)

    def end_line(self) -> None:
        self.pages[-1].append("".join(self._line))
        self._line = []

    def page_break(self) -> None:
        if self._line:
            self.end_line()
        self.pages.append([])

    def texts(self) -> list[str]:
        if self._line:
            self.end_line()
        return ["\n".join(lines).strip("\n") for lines in self.pages]


def extract_docx(data: bytes) -> ExtractionResult:
    """Read a Word document: body paragraphs and tables in order, headers, footers, notes, comments.

    Word has no fixed pages, so the text is one page, split only at explicit page breaks; headers
    open the first page, and notes, comments and footers close the last.
    Raises ExtractionError for a damaged or password-protected file.
    """
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as error:
        raise ExtractionError("This Word document is damaged and cannot be opened.") from error
    body = _Pages()
    _walk(document.element.body, body)
    pages = body.texts()
    before = _join(_texts(part) for part in _header_footer_parts(document, footers=False))
    after = _join(
        [_join(_texts(etree.fromstring(rel.target_part.blob, _SAFE_XML)) for rel in _note_rels(document))]
        + [_texts(part) for part in _header_footer_parts(document, footers=True)]
    )
    pages[0] = _join([before, pages[0]])
    pages[-1] = _join([pages[-1], after])
    properties = document.core_properties
    return ExtractionResult(
        kind=FileKind.DOCX,
        content_type=CONTENT_TYPES[FileKind.DOCX],
        title=(properties.title or "").strip() or None,
        pages=native_pages(pages),
        document_date=uk_date(_as_utc(properties.created)),
        metadata=office_metadata(properties.created, properties.modified, properties.author),
    )


def office_metadata(created: datetime | None, modified: datetime | None, author: str | None) -> FileMetadata:
    """Return Office core properties (stored in UTC, ECMA-376 Part 2 s11) as file metadata."""
    return FileMetadata(created=_as_utc(created), modified=_as_utc(modified),
                        author=(author or "").strip()[:300] or None)


def _walk(element: etree._Element, out: _Pages) -> None:
    for child in element:
        tag = child.tag
        if tag in _SKIPPED or not isinstance(tag, str):
            continue
        if tag == _W + "p":
            if child.find(f"{_W}pPr/{_W}pageBreakBefore") is not None and any(out.pages[-1]):
                out.page_break()
            _walk(child, out)
            out.end_line()
        elif tag == _W + "tbl":
            for row in child.iterchildren(_W + "tr"):
                out.write("\t".join(_cell_text(cell) for cell in row.iterchildren(_W + "tc")))
                out.end_line()
        elif tag == _W + "t":
            out.write(child.text or "")
        elif tag == _W + "tab":
            out.write("\t")
        elif tag in (_W + "br", _W + "cr"):
            if child.get(_W + "type") == "page":
                out.page_break()
            else:
                out.write("\n")
        elif tag == _W + "noBreakHyphen":
            out.write("-")
        else:
            _walk(child, out)


def _cell_text(cell: etree._Element) -> str:
    return " ".join(" ".join(_texts(cell).split("\n")).split())


def _texts(element: etree._Element) -> str:
    out = _Pages()
    _walk(element, out)
    return _join(out.texts())


def _join(parts) -> str:
    return "\n".join(part for part in parts if part.strip())


def _header_footer_parts(document, *, footers: bool) -> list[etree._Element]:
    elements, seen = [], set()
    for section in document.sections:
        if footers:
            variants = (section.first_page_footer, section.footer, section.even_page_footer)
        else:
            variants = (section.first_page_header, section.header, section.even_page_header)
        for variant in variants:
            # Checked first: reading .part of a linked header would add a definition to the file.
            if variant.is_linked_to_previous or id(variant.part) in seen:
                continue
            seen.add(id(variant.part))
            elements.append(variant.part.element)
    return elements


def _note_rels(document):
    return [rel for rel in document.part.rels.values() if rel.reltype in _NOTE_PARTS and not rel.is_external]


def _as_utc(moment: datetime | None) -> datetime | None:
    # Office stores created/modified times in UTC, without saying so to openpyxl.
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment


def extract_xlsx(data: bytes) -> ExtractionResult:
    """Read an Excel workbook: each sheet a page, its name first, cells tab-separated.

    Hidden sheets are read too, and marked, since releases often leak data in them.
    Raises ExtractionError for a damaged workbook.
    """
    try:
        with warnings.catch_warnings():
            # openpyxl warns about extensions it drops (data validation, slicers); text is unaffected.
            warnings.filterwarnings("ignore", category=UserWarning, module="openpyxl")
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                pages = [
                    _sheet_text(sheet.title, sheet.sheet_state != "visible", sheet.iter_rows(values_only=True))
                    for sheet in workbook.worksheets
                ]
            finally:
                workbook.close()
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, etree.XMLSyntaxError) as error:
        raise ExtractionError("This Excel workbook is damaged and cannot be opened.") from error
    properties = workbook.properties
    return ExtractionResult(
        kind=FileKind.XLSX,
        content_type=CONTENT_TYPES[FileKind.XLSX],
        title=(properties.title or "").strip() or None,
        pages=_sheet_pages(pages),
        document_date=uk_date(_as_utc(properties.created)),
        metadata=office_metadata(properties.created, properties.modified, properties.creator),
    )


def extract_xls(data: bytes) -> ExtractionResult:
    """Read an Excel 97-2003 workbook: each sheet a page, its name first, cells tab-separated.

    Raises ExtractionError for a damaged or password-protected workbook.
    """
    try:
        book = xlrd.open_workbook(file_contents=data, on_demand=True, logfile=io.StringIO())
    except xlrd.XLRDError as error:
        if "encrypted" in str(error).lower():
            raise ExtractionError(_PASSWORD_MESSAGE) from error
        raise ExtractionError("This Excel workbook is damaged and cannot be opened.") from error
    except (OSError, ValueError, IndexError, AssertionError) as error:
        raise ExtractionError("This Excel workbook is damaged and cannot be opened.") from error
    try:
        pages = []
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            rows = ([_xls_value(cell, book.datemode) for cell in sheet.row(number)] for number in range(sheet.nrows))
            pages.append(_sheet_text(sheet.name, sheet.visibility != 0, rows))
    finally:
        book.release_resources()
    title, metadata = ole_metadata(data)
    return ExtractionResult(
        kind=FileKind.XLS,
        content_type=CONTENT_TYPES[FileKind.XLS],
        title=title,
        pages=_sheet_pages(pages),
        document_date=uk_date(metadata.created),
        metadata=metadata,
    )


_PASSWORD_MESSAGE = "This file is protected with a password; its contents cannot be read without it."


def _sheet_text(name: str, hidden: bool, rows) -> tuple[str, bool]:
    lines = []
    for row in rows:
        cells = [_cell(value) for value in row]
        while cells and not cells[-1]:
            cells.pop()
        if cells:
            lines.append("\t".join(cells))
    heading = f"{name} (hidden sheet)" if hidden else name
    return "\n".join([heading, *lines]), bool(lines)


def _sheet_pages(sheets: list[tuple[str, bool]]) -> tuple[PageText, ...]:
    # A sheet with no cells is empty even though its name is on the page.
    return tuple(
        PageText(number, text, ExtractionMethod.NATIVE if has_cells else ExtractionMethod.EMPTY)
        for number, (text, has_cells) in enumerate(sheets, start=1)
    )


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, (date, time)):
        return value.isoformat()
    return " ".join(str(value).split())


def _xls_value(cell: xlrd.sheet.Cell, datemode: int):
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate.xldate_as_datetime(cell.value, datemode)
        except (xlrd.xldate.XLDateError, OverflowError):
            return cell.value
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(cell.value, "#ERROR")
    return cell.value


def ole_metadata(data: bytes) -> tuple[str | None, FileMetadata]:
    """Return the title and file metadata of an Office 97-2003 file's SummaryInformation stream."""
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:  # bytes under 1.5 KB would be taken as a path
            metadata = ole.get_metadata()
    except (OSError, ValueError, IndexError, struct.error):
        return None, FileMetadata()
    title, author = (_ole_text(value, metadata.codepage) for value in (metadata.title, metadata.author))
    return title, office_metadata(metadata.create_time, metadata.last_saved_time, author)


def _ole_text(value: bytes | str | None, codepage: int | None) -> str | None:
    if isinstance(value, bytes):
        try:
            value = value.decode(f"cp{codepage}")
        except (LookupError, TypeError, UnicodeDecodeError):
            value = value.decode("latin-1")
    return (value or "").strip("\x00 ") or None


def extract_doc(data: bytes) -> ExtractionResult:
    """Read a Word 97-2003 document with ``antiword`` (Debian package antiword) when it is installed.

    Raises ExtractionError, naming the package to install, when antiword is missing, or when
    it cannot read the file.
    """
    antiword = shutil.which("antiword")
    if antiword is None:
        raise ToolMissing(
            "Word 97-2003 .doc files are read with antiword, which is not installed on this server: "
            "install the Debian package antiword (or save the file as .docx)."
        )
    try:
        with tempfile.NamedTemporaryFile(suffix=".doc") as source:
            source.write(data)
            source.flush()
            completed = subprocess.run(
                [antiword, "-m", "UTF-8.txt", "-w", "0", source.name],
                capture_output=True,
                timeout=_ANTIWORD_TIMEOUT_SECONDS,
                check=True,
            )
    except (subprocess.SubprocessError, OSError) as error:
        raise ExtractionError("This Word 97-2003 document is damaged or protected and cannot be read.") from error
    title, metadata = ole_metadata(data)
    text = completed.stdout.decode("utf-8", "replace")
    return ExtractionResult(
        kind=FileKind.DOC,
        content_type=CONTENT_TYPES[FileKind.DOC],
        title=title,
        pages=native_pages(text.split("\f")),
        document_date=uk_date(metadata.created),
        metadata=metadata,
    )
