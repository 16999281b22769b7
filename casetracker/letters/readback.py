"""Read the text of a generated .docx back, to check what a letter actually says."""

from __future__ import annotations

import io
from collections.abc import Iterator

from docx import Document
from docx.table import Table
from docx.text.paragraph import Paragraph

__all__ = ["document_paragraphs"]


def document_paragraphs(data: bytes) -> list[str]:
    """Return the text of every paragraph: headers, body and table cells, then footers."""
    document = Document(io.BytesIO(data))
    found: list[str] = []
    for section in document.sections:
        for header in (section.first_page_header, section.header, section.even_page_header):
            if not header.is_linked_to_previous:
                found += _texts(header)
    found += _texts(document)
    for section in document.sections:
        for footer in (section.first_page_footer, section.footer, section.even_page_footer):
            if not footer.is_linked_to_previous:
                found += _texts(footer)
    return found


def _texts(container) -> Iterator[str]:
    for item in container.iter_inner_content():
        if isinstance(item, Paragraph):
            yield item.text
        elif isinstance(item, Table):
            for row in item.rows:
                for cell in row.cells:
                    yield from _texts(cell)
