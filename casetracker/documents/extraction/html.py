"""Read the visible text of HTML pages, and the text content of XML files."""

from __future__ import annotations

import warnings

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, XMLParsedAsHTMLWarning
from bs4.dammit import EncodingDetector

from casetracker.documents.extraction.constants import CONTENT_TYPES, FileKind
from casetracker.documents.extraction.results import ExtractionResult, native_pages
from casetracker.documents.extraction.text import decode_text, normalise_line_ends, split_pages

#: Elements whose content is never shown as text on the page.
_INVISIBLE = ["script", "style", "noscript", "template", "head"]


def extract_html(data: bytes) -> ExtractionResult:
    """Read the text a browser would show (no scripts, styles or markup) and the page title."""
    soup = _soup(data, "lxml", is_html=True)
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    for element in soup(_INVISIBLE):
        element.decompose()
    return ExtractionResult(
        kind=FileKind.HTML,
        content_type=CONTENT_TYPES[FileKind.HTML],
        title=title or None,
        pages=native_pages(split_pages(_visible_lines(soup.get_text("\n")))),
    )


def extract_xml(data: bytes) -> ExtractionResult:
    """Read the text content of an XML file, one text node a line."""
    soup = _soup(data, "lxml-xml", is_html=False)
    return ExtractionResult(
        kind=FileKind.XML,
        content_type=CONTENT_TYPES[FileKind.XML],
        pages=native_pages(split_pages(_visible_lines(soup.get_text("\n")))),
    )


def _soup(data: bytes, features: str, *, is_html: bool) -> BeautifulSoup:
    # A declared charset (BOM, <meta charset>, <?xml encoding?>) is Beautiful Soup's to honour;
    # otherwise our own detection, shared with plain text files, picks one.
    markup: bytes | str = data
    if EncodingDetector.find_declared_encoding(data, is_html=is_html) is None and not data.startswith(
        (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
    ):
        markup = decode_text(data).text
    with warnings.catch_warnings():
        # XHTML saved pages and tiny fragments make Beautiful Soup warn; the text comes out the same.
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        return BeautifulSoup(markup, features)


def _visible_lines(text: str) -> str:
    lines = (" ".join(line.split()) for line in normalise_line_ends(text).split("\n"))
    return "\n".join(line for line in lines if line)
