"""The release-safety check: what a file would leak if released as it is. Pure: no Flask, no database.

``check_file(data, filename, names=(...))`` returns ``Finding``s (kind, where,
detail), one module per format family: ``ooxml`` (.xlsx, .docx, .pptx),
``legacy`` (.xls, .doc, .ppt), ``pdf``; ``personal`` looks for personal data
in the text of any format ``documents.extraction`` reads. Raises
``ReleaseCheckError`` for a file that cannot be read at all.
"""

from __future__ import annotations

from casetracker.documents.extraction import ExtractionError, FileKind, detect_kind, extract
from casetracker.release_check.findings import Finding, FindingKind, ReleaseCheckError
from casetracker.release_check.legacy import check_ole
from casetracker.release_check.ooxml import check_ooxml
from casetracker.release_check.pdf import check_pdf
from casetracker.release_check.personal import personal_data_findings

__all__ = ["Finding", "FindingKind", "ReleaseCheckError", "check_file"]

_PAGE_WORD = {FileKind.XLSX: "sheet", FileKind.XLS: "sheet", FileKind.ODS: "sheet", FileKind.CSV: "sheet",
              FileKind.PPTX: "slide", FileKind.PPT: "slide", FileKind.ODP: "slide"}


def _structure(data: bytes, kind: FileKind) -> list[Finding]:
    if kind in (FileKind.XLSX, FileKind.DOCX, FileKind.PPTX):
        return check_ooxml(data, str(kind))
    if kind in (FileKind.XLS, FileKind.DOC, FileKind.PPT):
        return check_ole(data, str(kind))
    if kind == FileKind.PDF:
        return check_pdf(data)
    return []


def check_file(data: bytes, filename: str, *, names: tuple[str, ...] = (),
               page_texts: list[str] | None = None) -> list[Finding]:
    """Return what releasing ``data`` as it is would leak, in the order a reviewer meets it.

    ``filename`` is used only when the bytes do not say the format; ``names``
    are people whose names must not appear (the requester's own, when known).
    Scans (pages with no text layer) are not OCR'd here: the text found by the
    upload's reading is what the patterns see. ``page_texts``, when the caller
    has just extracted the file, saves reading it twice.
    """
    if not data:
        raise ReleaseCheckError("The file is empty.")
    kind = detect_kind(data, filename)
    findings = _structure(data, kind)
    if kind == FileKind.ZIP:
        return findings  # each member is stored, and checked, as a document of its own
    word = _PAGE_WORD.get(kind, "page")
    if page_texts is not None:
        pages = [(f"{word} {number}", text) for number, text in enumerate(page_texts, start=1)]
        return findings + personal_data_findings(pages, names=names)
    try:
        result = extract(data, filename, ocr=False)
    except ExtractionError as exc:
        if kind in (FileKind.XLSX, FileKind.DOCX, FileKind.PPTX, FileKind.XLS, FileKind.DOC, FileKind.PPT,
                    FileKind.PDF):
            return findings  # the structure was read; only the text could not be
        raise ReleaseCheckError(str(exc)) from exc
    pages = [(f"{word} {page.number}", page.text) for page in result.pages]
    return findings + personal_data_findings(pages, names=names)
