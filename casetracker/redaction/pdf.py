"""Produce a redacted copy of a PDF whose text layer and metadata no longer hold the redacted passages.

Pure: bytes in, bytes out. PyMuPDF's redaction annotations are applied
(``Page.apply_redactions``: the characters under them are removed from the
content stream, images under them blanked), every annotation, attached file and
metadata field is dropped, the file is rewritten whole (no incremental update
keeps the old version, ISO 32000-1 §7.5.6), and a last page lists each
redaction with its page and reason, as the ICO expects a redacted release to
show where and why information was withheld (ICO, "How to disclose information
safely", 2018; FOIA s17(1): name the exemption). The copy is then read back with
PyMuPDF and pypdfium2; if any redacted string is still there, nothing is
returned (``RedactionError``).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import pymupdf
import pypdfium2

from casetracker.release_check.findings import ReleaseCheckError
from casetracker.release_check.pdf import open_pdf

__all__ = ["Mark", "Redacted", "RedactionError", "redact_pdf", "remaining_text"]

_BLACK = (0, 0, 0)
_A4 = pymupdf.paper_rect("a4")
_RASTER_DPI = 150
#: The log's reason for a redaction marked in the file as received (its reason is not known).
UNEXPLAINED = "marked for redaction in the file as received"


class RedactionError(ValueError):
    """The redaction cannot be made as asked, or did not remove everything; the message is for the user."""


@dataclass(frozen=True)
class Mark:
    """One passage to remove: its exact ``text`` (on ``page``, or on every page when None), or an area.

    ``rect`` is (x0, y0, x1, y1) in PDF points from the top-left of ``page``;
    ``reason`` is the exemption relied on as the log prints it ("s40(2) personal information").
    """

    reason: str
    text: str = ""
    page: int | None = None
    rect: tuple[float, float, float, float] | None = None


@dataclass(frozen=True)
class Redacted:
    """The redacted copy and its log: one (page, reason) row per area removed."""

    data: bytes
    log: list[tuple[int, str]]


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip().lower()


def _open(data: bytes) -> pymupdf.Document:
    try:
        return open_pdf(data)
    except ReleaseCheckError as exc:
        raise RedactionError(f"{exc} Only a readable PDF can be redacted here.") from exc


def _mark_areas(doc: pymupdf.Document, mark: Mark) -> list[tuple[int, pymupdf.Rect]]:
    if mark.page is not None and not 1 <= mark.page <= doc.page_count:
        raise RedactionError(f"There is no page {mark.page}; the document has {doc.page_count}.")
    if mark.rect is not None:
        if mark.page is None:
            raise RedactionError("Give the page of an area to redact.")
        rect = pymupdf.Rect(mark.rect) & doc[mark.page - 1].rect
        if rect.is_empty:
            raise RedactionError(f"The area {mark.rect} is not on page {mark.page}.")
        return [(mark.page, rect)]
    if not mark.text.strip():
        raise RedactionError("Give the passage to redact, or an area of a page.")
    numbers = [mark.page] if mark.page is not None else range(1, doc.page_count + 1)
    areas = [(n, rect) for n in numbers for rect in doc[n - 1].search_for(mark.text.strip())]
    if not areas:
        where = f"page {mark.page}" if mark.page is not None else "any page"
        raise RedactionError(f"“{mark.text.strip()}” is not on {where} of the text layer.")
    return areas


def _rasterise(doc: pymupdf.Document) -> pymupdf.Document:
    """Return a copy whose pages are images only (no text layer at all)."""
    out = pymupdf.open()
    for page in doc:
        pixmap = page.get_pixmap(dpi=_RASTER_DPI)
        new = out.new_page(width=page.rect.width, height=page.rect.height)
        new.insert_image(new.rect, pixmap=pixmap)
    return out


def _append_log(doc: pymupdf.Document, log: list[tuple[int, str]], title: str) -> None:
    page = doc.new_page(width=_A4.width, height=_A4.height)
    lines = ["Redaction log", "", f"{len(log)} redaction{'' if len(log) == 1 else 's'} in {title}.",
             "Each black box marks information withheld; the reason is the exemption relied on.", ""]
    lines += [f"Page {number}: {reason}" for number, reason in log]
    page.insert_textbox(pymupdf.Rect(56, 56, _A4.width - 56, _A4.height - 56), "\n".join(lines),
                        fontsize=11, fontname="helv")


def remaining_text(data: bytes, strings: list[str]) -> list[str]:
    """Return the strings still found in the PDF's text (PyMuPDF and pypdfium2), metadata or raw bytes."""
    texts = []
    with _open(data) as doc:
        texts += [page.get_text() for page in doc]
        texts += [str(v) for v in (doc.metadata or {}).values() if v]
        texts.append(doc.get_xml_metadata() or "")
    pdf = pypdfium2.PdfDocument(data)
    try:
        for page in pdf:
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            textpage.close()
            page.close()
        texts += [str(v) for v in pdf.get_metadata_dict().values() if v]
    finally:
        pdf.close()
    haystack = _squash(" ".join(texts))
    raw = data.lower()
    left = []
    for string in strings:
        squashed = _squash(string)
        if squashed and (squashed in haystack or squashed.encode("latin-1", "ignore") in raw):
            left.append(string)
    return left


def _apply(doc: pymupdf.Document, marks: list[Mark]) -> list[tuple[int, str]]:
    """Remove each mark's text from ``doc`` (and annotations, attachments, metadata); return the log rows."""
    log: list[tuple[int, str]] = []
    for number, page in enumerate(doc, start=1):
        # A redaction the file came with but never applied is applied too, and logged as such.
        log += [(number, UNEXPLAINED) for _annot in page.annots(types=[pymupdf.PDF_ANNOT_REDACT]) or []]
    boxes: list[tuple[int, pymupdf.Rect]] = []
    for mark in marks:
        for number, rect in _mark_areas(doc, mark):
            doc[number - 1].add_redact_annot(rect, fill=False)
            boxes.append((number, rect))
            log.append((number, mark.reason))
    for page in doc:
        page.apply_redactions()
        for annot in list(page.annots() or []):
            page.delete_annot(annot)
    for number, rect in boxes:
        # Behind the text, not over it: MuPDF 1.28 may move a glyph that followed the removed words a
        # few points left (it rewrites the TJ spacing), and a box over it would hide a word not redacted.
        doc[number - 1].draw_rect(rect, color=None, fill=_BLACK, overlay=False)
    for name in doc.embfile_names():
        doc.embfile_del(name)
    doc.set_metadata({})
    doc.del_xml_metadata()
    return sorted(log, key=lambda row: row[0])


def _finish(doc: pymupdf.Document, log: list[tuple[int, str]], title: str) -> bytes:
    """Append the log page and return the file rewritten whole (unused objects, old versions dropped)."""
    _append_log(doc, log, title)
    out = io.BytesIO()
    doc.save(out, garbage=4, deflate=True, clean=True)
    return out.getvalue()


def redact_pdf(data: bytes, marks: list[Mark], *, rasterise: bool = False, title: str = "this document") -> Redacted:
    """Return a redacted copy of the PDF ``data``: each mark's text removed, a log page added.

    ``rasterise`` turns every page into an image (no text layer), for pages
    whose text cannot be trusted to go (type 3 fonts, text drawn as curves).
    Raises ``RedactionError`` when a passage is not found, or when a passage is
    still in the copy's text afterwards (nothing is returned then).
    """
    if not marks:
        raise RedactionError("Add at least one passage to redact.")
    with _open(data) as doc:
        log = _apply(doc, marks)
        if rasterise:
            with _rasterise(doc) as raster:
                redacted = _finish(raster, log, title)
        else:
            redacted = _finish(doc, log, title)
    strings = [mark.text for mark in marks if mark.text.strip() and mark.rect is None]
    left = remaining_text(redacted, strings)
    if left:
        raise RedactionError("The redacted copy still contains " + ", ".join(f"“{s}”" for s in left)
                             + "; it was not saved. Try again with “rasterise”.")
    _check_areas(redacted, marks)
    return Redacted(redacted, log)


def _check_areas(data: bytes, marks: list[Mark]) -> None:
    """Raise RedactionError if any text is left inside an area mark."""
    with _open(data) as doc:
        for mark in marks:
            if mark.rect is not None and mark.page is not None:
                inside = doc[mark.page - 1].get_textbox(pymupdf.Rect(mark.rect)).strip()
                if inside:
                    raise RedactionError(f"Text is still inside the area on page {mark.page}; it was not saved.")
