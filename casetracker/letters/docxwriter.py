"""Write a ``Letter`` into a Word document with python-docx.

Only direct formatting is used (bold runs, indents, table borders), never named
styles, so the same blocks look right inside a team's letterhead, whose style
names may differ.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Protocol

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from casetracker.docx_pages import set_up_pages
from casetracker.letters.layout import Heading, Items, Letter, Para, Table

__all__ = ["letter_docx", "write_letter"]


class _Container(Protocol):
    def add_paragraph(self, text: str = "", style: object = None): ...

    def add_table(self, rows: int, cols: int): ...


def letter_docx(letter: Letter, *, created: dt.date | None = None) -> bytes:
    """Return ``letter`` as the bytes of a new .docx file.

    ``created`` sets the document's creation date, so the same letter gives the
    same properties (python-docx's blank template would say 2013).
    """
    document = Document()
    section = document.sections[0]
    set_up_pages(document)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.5))
    write_letter(document, letter)
    props = document.core_properties
    props.title = letter.subject
    props.author = props.last_modified_by = letter.signature[0] if letter.signature else ""
    props.comments = props.keywords = props.subject = ""
    if created is not None:
        stamp = dt.datetime(created.year, created.month, created.day)
        props.created = props.modified = stamp
    props.revision = 1
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def write_letter(target: _Container, letter: Letter) -> None:
    """Append every part of ``letter`` to ``target`` (a Document or a docxtpl Subdoc)."""
    _lines(target, letter.sender)
    target.add_paragraph(letter.date)
    _lines(target, letter.recipient)
    if letter.references:
        _lines(target, letter.references)
    target.add_paragraph(letter.salutation)
    _bold(target, letter.subject)
    for block in letter.body:
        _block(target, block)
    target.add_paragraph(letter.closing)
    signature = target.add_paragraph()
    signature.paragraph_format.space_before = Pt(30)
    _join_lines(signature, letter.signature)
    if letter.enclosures:
        _bold(target, "Enclosures")
        _items(target, Items(letter.enclosures))


def _lines(target: _Container, lines: tuple[str, ...]) -> None:
    _join_lines(target.add_paragraph(), lines)


def _join_lines(paragraph, lines: tuple[str, ...]) -> None:
    for i, line in enumerate(lines):
        run = paragraph.add_run(line)
        if i < len(lines) - 1:
            run.add_break()


def _bold(target: _Container, text: str) -> None:
    paragraph = target.add_paragraph()
    paragraph.paragraph_format.keep_with_next = True
    paragraph.add_run(text).bold = True


def _block(target: _Container, block: object) -> None:
    if isinstance(block, Heading):
        _bold(target, block.text)
    elif isinstance(block, Para):
        paragraph = target.add_paragraph()
        if block.label:
            paragraph.add_run(f"{block.label} ").bold = True
        paragraph.add_run(block.text)
    elif isinstance(block, Items):
        _items(target, block)
    elif isinstance(block, Table):
        _table(target, block)
    else:  # pragma: no cover - a builder bug, not user input
        raise TypeError(f"unknown block {block!r}")


def _items(target: _Container, block: Items) -> None:
    for number, item in enumerate(block.items, start=1):
        marker = f"{number}." if block.numbered else "•"
        paragraph = target.add_paragraph(f"{marker}\t{item}")
        fmt = paragraph.paragraph_format
        fmt.left_indent, fmt.first_line_indent = Cm(1), Cm(-1)
        fmt.tab_stops.add_tab_stop(Cm(1))


def _table(target: _Container, block: Table) -> None:
    table = target.add_table(rows=1 + len(block.rows), cols=len(block.header))
    _borders(table)
    for row_index, values in enumerate((block.header, *block.rows)):
        row = table.rows[row_index]
        for cell, value in zip(row.cells, values, strict=True):
            run = cell.paragraphs[0].add_run(value)
            run.bold = row_index == 0
    _repeat_header(table.rows[0])
    # A blank paragraph keeps the next text off the table's bottom border.
    target.add_paragraph()


def _borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        for key, value in (("val", "single"), ("sz", "4"), ("space", "0"), ("color", "auto")):
            element.set(qn(f"w:{key}"), value)
        borders.append(element)
    # OOXML fixes the order of table properties; Word rejects borders after tblLook.
    table._tbl.tblPr.insert_element_before(
        borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption",
        "w:tblDescription", "w:tblPrChange",
    )


def _repeat_header(row) -> None:
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(header)
