"""Check a PDF for text a reader cannot see but a copy-and-paste can, earlier versions and attachments.

Pure (PyMuPDF). "Redactions" that only draw a box leave the words in the text
layer (froide#408, #437): a character counts as under a box when a filled
shape drawn *after* it (a later content-stream operation) covers its centre.
A /Redact annotation (ISO 32000-1 §12.5.6.23) marks text for removal but
removes nothing until applied; other annotations drawn over text hide it the
same way. Each incremental update (§7.5.6) adds a cross-reference section and
an ``%%EOF``, and the versions before it stay in the file.
"""

from __future__ import annotations

import re

import pymupdf

from casetracker.release_check.findings import Finding, FindingKind, ReleaseCheckError, clip

__all__ = ["check_pdf", "open_pdf", "pdf_pages_text"]

_META = (("author", "author"), ("creator", "creator"), ("producer", "producer"))
#: A shape must cover at least this much of the page's width or height in points to hide text (not a rule line).
_MIN_BOX = 3.0
_EOF = re.compile(rb"%%EOF")
_HIDING_ANNOTS = {pymupdf.PDF_ANNOT_SQUARE, pymupdf.PDF_ANNOT_FREE_TEXT, pymupdf.PDF_ANNOT_INK,
                  pymupdf.PDF_ANNOT_POLYGON, pymupdf.PDF_ANNOT_STAMP}


def open_pdf(data: bytes) -> pymupdf.Document:
    """Open a PDF; raise ReleaseCheckError for one that cannot be read or is protected with a password."""
    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except (RuntimeError, ValueError) as exc:
        raise ReleaseCheckError("The PDF could not be read.") from exc
    if doc.needs_pass:
        raise ReleaseCheckError("The PDF is protected with a password.")
    return doc


def _boxes(page: pymupdf.Page) -> list[tuple[int, pymupdf.Rect]]:
    """Return (drawing order, rectangle) of every opaque filled shape on the page."""
    boxes = []
    for drawing in page.get_drawings():
        if "f" not in (drawing.get("type") or "") or drawing.get("fill") is None:
            continue
        if (drawing.get("fill_opacity") or 0) < 0.5:
            continue
        rect = pymupdf.Rect(drawing["rect"])
        if rect.width >= _MIN_BOX and rect.height >= _MIN_BOX:
            boxes.append((drawing.get("seqno", 0), rect))
    return boxes


def _text_under_boxes(page: pymupdf.Page, number: int) -> list[Finding]:
    boxes = _boxes(page)
    if not boxes:
        return []
    hidden: dict[int, list[str]] = {}
    for span in page.get_texttrace():
        if span.get("type") == 3 or (span.get("opacity") or 1) == 0:
            continue  # invisible text (an OCR layer) is not covered by anything
        for char in span["chars"]:
            if chr(char[0]).isspace():
                continue
            x0, y0, x1, y1 = char[3]
            centre = pymupdf.Point((x0 + x1) / 2, (y0 + y1) / 2)
            for index, (seqno, rect) in enumerate(boxes):
                if seqno > span["seqno"] and rect.contains(centre):
                    hidden.setdefault(index, []).append(chr(char[0]))
                    break
    findings = []
    for index, chars in sorted(hidden.items()):
        rect = boxes[index][1]
        words = page.get_textbox(rect).strip() or "".join(chars)
        findings.append(Finding(FindingKind.TEXT_UNDER_BOX,
                                f"page {number} at ({rect.x0:.0f}, {rect.y0:.0f}, {rect.x1:.0f}, {rect.y1:.0f})",
                                f"a filled box covers text still in the text layer: {clip(words)}"))
    return findings


def _annotations(page: pymupdf.Page, number: int) -> list[Finding]:
    findings = []
    for annot in page.annots() or []:
        rect = annot.rect
        where = f"page {number} at ({rect.x0:.0f}, {rect.y0:.0f}, {rect.x1:.0f}, {rect.y1:.0f})"
        kind = annot.type[0]
        under = page.get_textbox(rect).strip()
        if kind == pymupdf.PDF_ANNOT_REDACT:
            findings.append(Finding(FindingKind.REDACTION_ANNOTATION, where,
                                    "a redaction marked but never applied; the text is still there: "
                                    + clip(under or "(no text under it)")))
        elif kind in _HIDING_ANNOTS and under:
            findings.append(Finding(FindingKind.ANNOTATION_OVER_TEXT, where,
                                    f"a {annot.type[1]} annotation over text still extractable: {clip(under)}"))
        elif kind == pymupdf.PDF_ANNOT_FILE_ATTACHMENT:
            findings.append(Finding(FindingKind.ATTACHMENT, where, "a file attached to the page"))
        elif kind == pymupdf.PDF_ANNOT_TEXT or (annot.info.get("content") or "").strip():
            content = (annot.info.get("content") or "").strip()
            findings.append(Finding(FindingKind.COMMENT, where,
                                    f"{annot.type[1]} by {annot.info.get('title') or 'unknown'}: {clip(content)}"))
    return findings


def _revisions(data: bytes, doc: pymupdf.Document) -> list[Finding]:
    ends = len(_EOF.findall(data))
    # A linearised ("fast web view") file has a first-page section and a main one: two is normal there.
    expected = 2 if doc.is_fast_webaccess else 1
    if ends > expected:
        return [Finding(FindingKind.INCREMENTAL_SAVE, "file",
                        f"{ends - expected} incremental update{'' if ends - expected == 1 else 's'}: "
                        "earlier versions of the pages remain in the file")]
    return []


def check_pdf(data: bytes) -> list[Finding]:
    """Return the findings of a PDF, page by page, then the file's own; raise ReleaseCheckError if unreadable."""
    doc = open_pdf(data)
    with doc:
        findings: list[Finding] = []
        for number, page in enumerate(doc, start=1):
            findings += _text_under_boxes(page, number)
            findings += _annotations(page, number)
        findings += _revisions(data, doc)
        for index in range(doc.embfile_count()):
            info = doc.embfile_info(index)
            findings.append(Finding(FindingKind.ATTACHMENT, f"embedded file '{info.get('filename') or index}'",
                                    f"a file embedded in the PDF ({info.get('size', 0)} bytes)"))
        meta = doc.metadata or {}
        for key, label in _META:
            if (meta.get(key) or "").strip():
                findings.append(Finding(FindingKind.METADATA, "document information", f"{label}: {clip(meta[key])}"))
        xmp = doc.get_xml_metadata() or ""
        if re.search(r"<dc:creator>|pdf:Author|xmp:CreatorTool", xmp):
            findings.append(Finding(FindingKind.METADATA, "XMP metadata", "an XMP packet naming its author or tool"))
    return findings


def pdf_pages_text(data: bytes) -> list[str]:
    """Return the text layer of each page (for the personal data patterns)."""
    with open_pdf(data) as doc:
        return [page.get_text() for page in doc]
