"""Read a PDF page by page: its text layer, else Tesseract OCR of the rendered page."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image

from casetracker.documents.extraction.constants import CONTENT_TYPES, ExtractionMethod, FileKind
from casetracker.documents.extraction.dates import pdf_date, pdf_datetime
from casetracker.documents.extraction.ocr import OCR_LANGUAGE, ocr_images, ocr_scale, tesseract_available
from casetracker.documents.extraction.progress import ocr_forced
from casetracker.documents.extraction.quality import text_layer_unreadable
from casetracker.documents.extraction.results import (
    ChildFile,
    ExtractionError,
    ExtractionResult,
    FileMetadata,
    PageText,
)

#: PDFium is not thread-safe: every call into it, in any thread, goes through this lock.
PDFIUM_LOCK = threading.RLock()
#: The note on a page whose text layer was glyph garbage and was read again by OCR.
UNREADABLE_LAYER_OCR = "text layer unreadable; OCR used"
UNREADABLE_LAYER_NO_OCR = "text layer unreadable; not OCR'd"


def extract_pdf(data: bytes, *, ocr: bool = True, ocr_languages: str = OCR_LANGUAGE) -> ExtractionResult:
    """Read each page's text layer; OCR pages that have none, or mark them ``NEEDS_OCR``.

    A text layer that is glyph garbage (``quality.text_layer_unreadable``) counts as none: the
    page is OCR'd in ``ocr_languages`` and its note says so.

    Raises ExtractionError for a damaged or password-protected PDF.
    """
    with PDFIUM_LOCK:
        document = _open(data)
        if len(document) == 0:
            document.close()
            raise ExtractionError("This PDF has no pages.")
    try:
        with PDFIUM_LOCK:
            texts = [_page_text(document, index) for index in range(len(document))]
            metadata = document.get_metadata_dict(skip_empty=True)
            children = _attachments(document)
        unreadable = {number for number, text in enumerate(texts, start=1) if text_layer_unreadable(text)}
        blank = [number for number, text in enumerate(texts, start=1) if not text.strip() or number in unreadable]
        if ocr and ocr_forced() and tesseract_available():  # a person asked for OCR of every page
            blank = list(range(1, len(texts) + 1))
        problems: list[str] = []
        outcomes = {}
        if blank and ocr and tesseract_available():
            outcomes = ocr_images(_render(document, blank), ocr_languages, total=len(blank))
        elif blank:
            why = "OCR is turned off" if not ocr else "OCR (Tesseract) is not installed on this server"
            problems.append(f"{_count(blank)} no {'readable ' if unreadable else ''}text layer and {why}, "
                            f"so {_their(blank)} text was not read.")
    finally:
        with PDFIUM_LOCK:
            document.close()
    pages = []
    for number, text in enumerate(texts, start=1):
        outcome = outcomes.get(number)
        if number not in blank:
            pages.append(PageText(number, text, ExtractionMethod.TEXT_LAYER))
        elif outcome is None or outcome.failure:
            note = UNREADABLE_LAYER_NO_OCR if number in unreadable else ""
            pages.append(PageText(number, "", ExtractionMethod.NEEDS_OCR, note))
        else:
            method = ExtractionMethod.OCR if outcome.text else ExtractionMethod.EMPTY
            pages.append(PageText(number, outcome.text, method, UNREADABLE_LAYER_OCR if number in unreadable else "",
                                  outcome.confidence))
    problems += [
        f"Page {number} could not be read by OCR because {outcomes[number].failure}."
        for number in blank
        if number in outcomes and outcomes[number].failure
    ]
    return ExtractionResult(
        kind=FileKind.PDF,
        content_type=CONTENT_TYPES[FileKind.PDF],
        title=_title(metadata.get("Title")),
        pages=tuple(pages),
        children=children,
        problems=tuple(problems),
        document_date=pdf_date(metadata.get("CreationDate")),
        metadata=FileMetadata(
            created=pdf_datetime(metadata.get("CreationDate")),
            modified=pdf_datetime(metadata.get("ModDate")),
            author=(metadata.get("Author") or "").strip()[:300] or None,
        ),
    )


def _open(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if error.err_code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise ExtractionError(
                "This PDF is encrypted; its text cannot be read without the password."
            ) from error
        raise ExtractionError("This PDF is damaged or incomplete and cannot be opened.") from error


def _page_text(document: pdfium.PdfDocument, index: int) -> str:
    page = document[index]
    try:
        textpage = page.get_textpage()
        try:
            # get_text_bounded() drops text on some pages; get_text_range() returns the whole layer.
            text = textpage.get_text_range()
        finally:
            textpage.close()
    finally:
        page.close()
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")


def _render(document: pdfium.PdfDocument, numbers: list[int]) -> Iterator[tuple[int, Image.Image]]:
    for number in numbers:
        with PDFIUM_LOCK:
            page = document[number - 1]
            try:
                width, height = page.get_size()
                bitmap = page.render(scale=ocr_scale(width, height), grayscale=True)
                # A copy, so the picture outlives the PDFium buffer it was drawn in.
                image = bitmap.to_pil().copy()
                bitmap.close()
            finally:
                page.close()
        yield number, image


def _attachments(document: pdfium.PdfDocument) -> tuple[ChildFile, ...]:
    children = []
    for index in range(document.count_attachments()):
        attachment = document.get_attachment(index)
        try:
            children.append(ChildFile(attachment.get_name() or f"attachment-{index + 1}", bytes(attachment.get_data())))
        except pdfium.PdfiumError:
            continue  # an embedded file entry without data: nothing to show
    return tuple(children)


def _title(value: str | None) -> str | None:
    # Producers fill Title with placeholders and source paths; those are not titles to show.
    title = (value or "").strip().removeprefix("Microsoft Word - ")
    if not title or title.lower() == "untitled" or "\\" in title or title.startswith("/"):
        return None
    return title


def _count(numbers: list[int]) -> str:
    return f"Page {numbers[0]} has" if len(numbers) == 1 else f"{len(numbers)} pages have"


def _their(numbers: list[int]) -> str:
    return "its" if len(numbers) == 1 else "their"
