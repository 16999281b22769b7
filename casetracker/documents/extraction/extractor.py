"""Pick the reader for a file's format and run it: the one entry point of text extraction."""

from __future__ import annotations

import io
import logging
import zipfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import PurePath

from casetracker.dates.own_date import OwnDateSource, document_own_date
from casetracker.documents.extraction.archive import ZipLimits, check_zip_limits, extract_zip
from casetracker.documents.extraction.constants import FileKind
from casetracker.documents.extraction.email import extract_mbox, extract_message
from casetracker.documents.extraction.html import extract_html, extract_xml
from casetracker.documents.extraction.images import extract_image
from casetracker.documents.extraction.office import extract_doc, extract_docx, extract_xls, extract_xlsx
from casetracker.documents.extraction.opendocument import extract_ods, extract_odt
from casetracker.documents.extraction.ocr import OCR_LANGUAGE
from casetracker.documents.extraction.pdf import extract_pdf
from casetracker.documents.extraction.presentations import extract_pptx, extract_via_libreoffice
from casetracker.documents.extraction.quality import normalise_text
from casetracker.documents.extraction.results import ExtractionError, ExtractionResult
from casetracker.documents.extraction.rtf import extract_rtf
from casetracker.documents.extraction.sniffing import detect_kind, is_encrypted_office_file
from casetracker.documents.extraction.text import extract_text
from casetracker.timeutil import uk_today
from casetracker.xml_safety import XMLEntityError, check_package, check_xml

logger = logging.getLogger(__name__)

_ZIP_CONTAINERS = (FileKind.DOCX, FileKind.XLSX, FileKind.PPTX, FileKind.ODT, FileKind.ODS, FileKind.ODP)
# Sheets hold data, not a date the file bears; emails carry theirs in the Date: header.
_NO_OWN_DATE = (FileKind.XLSX, FileKind.XLS, FileKind.ODS, FileKind.CSV, FileKind.ZIP, FileKind.MBOX)
_HEADER_DATED = (FileKind.EML, FileKind.MSG)
_NAMES = {FileKind.XLSX: "spreadsheet", FileKind.XLS: "spreadsheet", FileKind.PPTX: "presentation"}


def extract(
    data: bytes,
    filename: str,
    *,
    ocr: bool = True,
    ocr_languages: str = OCR_LANGUAGE,
    zip_limits: ZipLimits = ZipLimits(),
    depth: int = 0,
) -> ExtractionResult:
    """Read the text of a file page by page, with its child files and any problems.

    ``filename`` is the original name, used only when the bytes do not say the format.
    ``ocr=False`` leaves pages without a text layer as ``needs-ocr``; ``ocr_languages`` are the
    Tesseract languages scans are read in ("eng", "cym+eng"). Every page's text has its
    ligatures and full-width forms folded (``quality.normalise_text``), and the result is dated
    by the date the document bears (``casetracker.dates.own_date``). ``depth`` counts the
    containers (zips, emails) around this file: extract each child with ``depth + 1`` so
    ``zip_limits.max_depth`` can stop zips nested without end.
    Raises ExtractionError, with a message for the user, when the whole file cannot be read.
    """
    if not data:
        raise ExtractionError("The file is empty.")
    kind = detect_kind(data, filename)
    if is_encrypted_office_file(data):
        raise ExtractionError(
            f"This {_NAMES.get(kind, 'document')} is protected with a password; "
            "its contents cannot be read without it."
        )
    if kind in _ZIP_CONTAINERS:
        _check_container(data, zip_limits)
        _refuse_entities(check_package, data, kind)
    elif kind in (FileKind.XML, FileKind.HTML):
        _refuse_entities(check_xml, data, kind)
    reader = _reader(kind, data, ocr=ocr, ocr_languages=ocr_languages, zip_limits=zip_limits, depth=depth)
    if reader is None:
        extension = PurePath(filename).suffix or "no extension"
        raise ExtractionError(f"This type of file ({extension}) is not one whose text can be read.")
    try:
        result = reader()
    except ExtractionError:
        raise
    except MemoryError:
        raise
    except Exception as error:
        # Hostile or broken files make libraries fail in ways they do not document.
        logger.exception("Unexpected failure reading %r as %s", filename, kind)
        raise ExtractionError(f"This {kind} file could not be read; it may be damaged.") from error
    return _dated(_normalised(_without_duplicate_children(result)))


def _normalised(result: ExtractionResult) -> ExtractionResult:
    pages = tuple(replace(page, text=normalise_text(page.text)) for page in result.pages)
    title = normalise_text(result.title) if result.title else result.title
    return replace(result, pages=pages, title=title)


def _dated(result: ExtractionResult) -> ExtractionResult:
    """Date the result by the date it bears, else keep its file metadata date.

    An email's Date: header is its own date (RFC 5322 s3.6.1: when the author sent it).
    """
    if result.kind in _HEADER_DATED:
        return replace(result, date_source=OwnDateSource.EMAIL_HEADER if result.document_date else "")
    if result.kind not in _NO_OWN_DATE and result.pages:
        found = document_own_date(result.pages[0].text, today=uk_today())
        if found is not None:
            return replace(result, document_date=found.date, date_source=found.source)
    return replace(result, date_source=OwnDateSource.FILE_METADATA if result.document_date else "")


def _reader(
    kind: FileKind, data: bytes, *, ocr: bool, ocr_languages: str, zip_limits: ZipLimits, depth: int
) -> Callable[[], ExtractionResult] | None:
    readers: dict[FileKind, Callable[[], ExtractionResult]] = {
        FileKind.PDF: lambda: extract_pdf(data, ocr=ocr, ocr_languages=ocr_languages),
        FileKind.IMAGE: lambda: extract_image(data, ocr=ocr, ocr_languages=ocr_languages),
        FileKind.PPTX: lambda: extract_pptx(data),
        FileKind.PPT: lambda: extract_via_libreoffice(data, FileKind.PPT),
        FileKind.ODP: lambda: extract_via_libreoffice(data, FileKind.ODP),
        FileKind.DOCX: lambda: extract_docx(data),
        FileKind.XLSX: lambda: extract_xlsx(data),
        FileKind.XLS: lambda: extract_xls(data),
        FileKind.DOC: lambda: extract_doc(data),
        FileKind.ODT: lambda: extract_odt(data),
        FileKind.ODS: lambda: extract_ods(data),
        FileKind.RTF: lambda: extract_rtf(data),
        FileKind.HTML: lambda: extract_html(data),
        FileKind.XML: lambda: extract_xml(data),
        FileKind.TXT: lambda: extract_text(data, FileKind.TXT),
        FileKind.CSV: lambda: extract_text(data, FileKind.CSV),
        FileKind.EML: lambda: extract_message(data, FileKind.EML),
        FileKind.MSG: lambda: extract_message(data, FileKind.MSG),
        FileKind.MBOX: lambda: extract_mbox(data),
        FileKind.ZIP: lambda: extract_zip(data, limits=zip_limits, depth=depth),
    }
    return readers.get(kind)


def _check_container(data: bytes, limits: ZipLimits) -> None:
    # Office files are zips too, so a bomb can hide in one; their XML compresses far more than
    # 100:1 when sheets are sparse, so only the expanded size and file count are held to the limits.
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = [info for info in archive.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, OSError, EOFError):
        return  # the format's reader reports the damage in its own words
    check_zip_limits(members, replace(limits, max_ratio=float("inf")), what="This file")


def refuse_hostile(data: bytes, filename: str, *, zip_limits: ZipLimits = ZipLimits()) -> None:
    """Raise ExtractionError for a file no reader may open: XML entities (billion laughs, XXE) or a zip bomb.

    Cheap (it reads a zip's directory and scans its XML parts for a DTD), so an upload runs it
    before storing anything and answers at once; ``extract`` runs the same checks again.
    """
    kind = detect_kind(data, filename) if data else None
    if kind in _ZIP_CONTAINERS:
        _check_container(data, zip_limits)
        _refuse_entities(check_package, data, kind)
    elif kind in (FileKind.XML, FileKind.HTML):
        _refuse_entities(check_xml, data, kind)


def _refuse_entities(check: Callable[[bytes, str], None], data: bytes, kind: FileKind) -> None:
    # Before any reader: odfpy (expat) and Beautiful Soup expand entities, so a DTD is refused
    # up front rather than trusted to each library (see casetracker.xml_safety).
    try:
        check(data, f"This {_NAMES.get(kind, 'document')}")
    except XMLEntityError as exc:
        raise ExtractionError(str(exc)) from None


def _without_duplicate_children(result: ExtractionResult) -> ExtractionResult:
    # The same file attached twice under the same name is one document.
    unique = tuple(dict.fromkeys(result.children))
    return result if len(unique) == len(result.children) else replace(result, children=unique)
