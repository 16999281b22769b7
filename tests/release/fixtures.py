"""Files with something to hide, built the way real ones come to be (python-docx, pymupdf, raw XML edits)."""

from __future__ import annotations

import io
import zipfile

import pymupdf
from docx import Document as WordDocument

COMMENTS_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<authors><author>Pat Clerk</author></authors><commentList>'
    '<comment ref="D5" authorId="0"><text><r><t>Check with HR before release</t></r></text></comment>'
    '</commentList></comments>')
SHEET3_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rIdC1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"'
    ' Target="../comments1.xml"/></Relationships>')


def xlsx_with_comment(suspect: bytes) -> bytes:
    """Return suspect.xlsx with a cell comment on D5 of its 'Hidden Row & Col' sheet (as Excel writes one)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(suspect)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/xl/comments1.xml" ContentType="application/'
                                    b'vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/></Types>')
            dst.writestr(info, data)
        dst.writestr("xl/comments1.xml", COMMENTS_XML)
        dst.writestr("xl/worksheets/_rels/sheet3.xml.rels", SHEET3_RELS)
    return out.getvalue()


_INS = ('<w:ins xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:id="91" '
        'w:author="Pat Clerk" w:date="2022-06-01T10:00:00Z"><w:r><w:t>the pupils at Ambridge School</w:t></w:r></w:ins>')
_DEL = ('<w:del xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:id="92" '
        'w:author="Pat Clerk" w:date="2022-06-01T10:01:00Z"><w:r><w:delText>retained for 66 years</w:delText></w:r>'
        '</w:del>')


def docx_with_comment_and_changes() -> bytes:
    """Return a .docx by Pat Clerk with a comment, an insertion and a deletion left tracked."""
    doc = WordDocument()
    first = doc.add_paragraph("The data of ")
    doc.add_paragraph("Records are kept as the schedule says.")
    doc.add_comment(first.runs, text="Do we have to release this?", author="Pat Clerk", initials="PC")
    doc.core_properties.author, doc.core_properties.last_modified_by = "Pat Clerk", "Sam Editor"
    out = io.BytesIO()
    doc.save(out)
    data = out.getvalue()
    # Word writes tracked changes as w:ins / w:del runs inside the paragraph; python-docx cannot, so edit the XML.
    rebuilt = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(rebuilt, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            part = src.read(info)
            if info.filename == "word/document.xml":
                text = part.decode()
                end = text.index("</w:p>")
                part = (text[:end] + _INS + _DEL + text[end:]).encode()
            dst.writestr(info, part)
    return rebuilt.getvalue()


def pdf_with_box_and_unapplied_redaction() -> bytes:
    """Return a PDF whose "redactions" hide nothing: a black box drawn over text, and a /Redact never applied."""
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 100), "The pilot collected pupils' data.", fontsize=12)
    page.insert_text((72, 130), "Named officer: Pat Clerk", fontsize=12)
    page.draw_rect(pymupdf.Rect(160, 118, 260, 135), color=None, fill=(0, 0, 0))
    second = doc.new_page()
    second.insert_text((72, 100), "Retention: 66 years", fontsize=12)
    second.add_redact_annot(pymupdf.Rect(128, 88, 220, 104), fill=(0, 0, 0))
    doc.set_metadata({"author": "Pat Clerk", "creator": "Word", "producer": "Acme PDF"})
    data = doc.tobytes(garbage=3, deflate=True)
    doc.close()
    return data


def pdf_to_redact() -> bytes:
    """Return a two-page PDF naming a person on both pages, with their email in the metadata."""
    doc = pymupdf.open()
    for number, lines in enumerate((["Minutes of the board, 3 May 2022", "Present: Jo Bloggs, Pat Clerk",
                                     "Contact: jo.bloggs@example.net or 020 7946 0018"],
                                    ["Action: Jo Bloggs to draft the DPIA", "Salary band: 47,000"]), start=1):
        page = doc.new_page()
        for i, line in enumerate(lines):
            page.insert_text((72, 100 + 30 * i), line, fontsize=12)
    doc.set_metadata({"author": "Jo Bloggs", "title": "Board minutes for Jo Bloggs",
                      "subject": "jo.bloggs@example.net"})
    data = doc.tobytes(garbage=3, deflate=True)
    doc.close()
    return data
