"""Page set-up every generated .docx shares: A4, en-GB proofing, and "Page N of M" in the footer.

Used by the letters and the chronology export, so a printed bundle is A4 with
numbered pages throughout.
"""

from __future__ import annotations

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from docx.text.paragraph import Paragraph

__all__ = ["set_up_pages"]

#: ISO 216 A4, portrait.
A4_HEIGHT, A4_WIDTH = Cm(29.7), Cm(21.0)


def set_up_pages(document: Document) -> None:
    """Make every section A4 portrait with "Page N of M" centred in its footer; proof in en-GB."""
    for section in document.sections:
        section.page_height, section.page_width = A4_HEIGHT, A4_WIDTH
        footer = section.footer
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
        paragraph.alignment = 1  # centre
        paragraph.add_run("Page ")
        _field(paragraph, "PAGE")
        paragraph.add_run(" of ")
        _field(paragraph, "NUMPAGES")
    _language(document, "en-GB")


def _field(paragraph: Paragraph, instruction: str) -> None:
    """Append a Word field (PAGE, NUMPAGES) that Word fills in when it lays out the pages."""
    for kind, text in (("begin", None), (None, instruction), ("separate", None), ("end", None)):
        run = paragraph.add_run()._r
        if kind is None:
            code = OxmlElement("w:instrText")
            code.set(qn("xml:space"), "preserve")
            code.text = f" {text} "
            run.append(code)
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run.append(char)


def _language(document: Document, tag: str) -> None:
    """Set the proofing language of the Normal style (spelling checked as ``tag``)."""
    rpr = document.styles["Normal"].element.get_or_add_rPr()
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), tag)
