"""Text extraction from released documents, page by page. Pure: no Flask, no database.

``extract(data, filename)`` detects the format from the bytes, reads each page's text with a
library suited to it (OCR for scanned pages), and returns child files (zip members, email
attachments) for the caller to extract in turn.
"""

from casetracker.documents.extraction.archive import ZipLimits
from casetracker.documents.extraction.constants import CONTENT_TYPES, ExtractionMethod, FileKind
from casetracker.documents.extraction.email import message_result
from casetracker.documents.extraction.extractor import extract, refuse_hostile
from casetracker.documents.extraction.ocr import OCR_LANGUAGE, ocr_language_problem, tesseract_available
from casetracker.documents.extraction.results import (
    ChildFile,
    ExtractionError,
    ExtractionResult,
    FileMetadata,
    PageText,
    ToolMissing,
)
from casetracker.documents.extraction.sniffing import detect_kind

__all__ = [
    "CONTENT_TYPES",
    "ChildFile",
    "ExtractionError",
    "ExtractionMethod",
    "ExtractionResult",
    "FileMetadata",
    "OCR_LANGUAGE",
    "FileKind",
    "PageText",
    "ZipLimits",
    "detect_kind",
    "extract",
    "message_result",
    "ocr_language_problem",
    "refuse_hostile",
    "tesseract_available",
    "ToolMissing",
]
