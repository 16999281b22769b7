"""Word and Excel extraction: document order, headers and notes, one page per sheet."""

from __future__ import annotations

import io
import shutil
import zipfile
from datetime import date, datetime, timezone

import docx
import openpyxl
import pytest
from docx.enum.text import WD_BREAK

from casetracker.documents.extraction import ExtractionError, ExtractionMethod, PageText, ZipLimits, detect_kind, extract

NATIVE, EMPTY = ExtractionMethod.NATIVE, ExtractionMethod.EMPTY


def test_a_minimal_word_file_is_one_page(shared_bytes):
    result = extract(shared_bytes("ingest-file/hello world word.docx"), "hello world word.docx")

    assert result.kind == "docx"
    assert result.content_type == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert result.pages == (PageText(1, "Hello world, Word!", NATIVE),)
    assert result.document_date == date(2015, 9, 7)


def test_word_body_tables_headers_footers_and_footnotes_are_read_in_order(tmp_path):
    result = extract(_response_letter(), "response.docx")

    assert result.title == "Response to request FOI-2024-017"
    assert result.document_date == date(2024, 3, 1)
    assert result.pages == (
        PageText(
            1,
            "OFFICIAL - SENSITIVE\n"
            "Dear requester,\n"
            "Information requested\tExemption\n"
            "Names of officers\ts40(2)\n"
            "We have withheld some information.",
            NATIVE,
        ),
        PageText(
            2,
            "You may ask for an internal review.\n"
            "Section 40(2) covers personal data.\n"
            "Transport for London, 5 Endeavour Square",
            NATIVE,
        ),
    )


def test_a_word_file_with_no_text_has_one_empty_page():
    document = docx.Document()
    buffer = io.BytesIO()
    document.save(buffer)

    assert extract(buffer.getvalue(), "blank.docx").pages == (PageText(1, "", EMPTY),)


def test_each_sheet_is_a_page_with_its_name_first_and_hidden_sheets_marked():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Requests"
    sheet.append(["Reference", "Received", "Cost", "Disclosed"])
    sheet.append(["FOI-17", datetime(2022, 1, 14), 450.0, True])
    sheet.append(["FOI-18", datetime(2022, 2, 1, 9, 30), 12.5, None])
    hidden = workbook.create_sheet("Officers")
    hidden.sheet_state = "hidden"
    hidden["B2"] = "Jane Smith"
    workbook.create_sheet("Notes")
    workbook.properties.created = datetime(2022, 3, 31, 23, 30)  # UTC; 00:30 on 1 April in BST
    buffer = io.BytesIO()
    workbook.save(buffer)

    result = extract(buffer.getvalue(), "requests.xlsx")

    assert result.kind == "xlsx"
    assert result.document_date == date(2022, 4, 1)
    assert result.pages == (
        PageText(
            1,
            "Requests\n"
            "Reference\tReceived\tCost\tDisclosed\n"
            "FOI-17\t2022-01-14\t450\tTRUE\n"
            "FOI-18\t2022-02-01 09:30:00\t12.5",
            NATIVE,
        ),
        PageText(2, "Officers (hidden sheet)\n\tJane Smith", NATIVE),
        PageText(3, "Notes", EMPTY),
    )


def test_a_real_foi_workbook_has_a_page_per_sheet(shared_bytes):
    result = extract(shared_bytes("libraries/librariesdata_3sheets.xlsx"), "librariesdata_3sheets.xlsx")

    assert [page.text.split("\n", 1)[0] for page in result.pages] == [
        "library_closures_BBC",
        "LibrariesBookBorrowing",
        "LibrariesWithWiFiPoints",
    ]
    assert result.pages[1].text.split("\n")[2] == "Barking And Dagenham\t748366\t570582\t-177784\t-0.238\tFALSE"


@pytest.mark.parametrize("name", ["alaveteli/suspect.xlsx", "alaveteli/suspect.xls"])
def test_a_hidden_sheet_is_read_and_marked_in_both_excel_formats(shared_bytes, name):
    result = extract(shared_bytes(name), name)

    assert len(result.pages) == 5
    assert result.pages[3] == PageText(4, "Hidden Sheet (hidden sheet)\nThis sheet is hidden", NATIVE)
    assert result.pages[4] == PageText(5, "Ranges\nID\tUser\n1\tAlice\n2\tBob\n3\tPaul", NATIVE)
    assert result.document_date == date(2023, 12, 12)


def test_an_excel_97_workbook_with_cyrillic_sheet_names(shared_bytes):
    result = extract(shared_bytes("ingest-file/rom.xls"), "rom.xls")

    assert result.kind == "xls"
    assert result.content_type == "application/vnd.ms-excel"
    assert [page.method for page in result.pages] == [NATIVE, EMPTY, EMPTY]
    assert result.pages[0].text.split("\n")[0] == "Лист1"
    assert result.pages[1].text == "Лист2"


def test_a_password_protected_workbook_is_refused(shared_bytes):
    data = shared_bytes("ingest-file/password_protected.xlsx")

    assert detect_kind(data, "password_protected.xlsx") == "xlsx"
    with pytest.raises(
        ExtractionError,
        match=r"^This spreadsheet is protected with a password; its contents cannot be read without it\.$",
    ):
        extract(data, "password_protected.xlsx")


def test_without_antiword_a_legacy_word_file_is_refused_naming_the_package(shared_bytes, monkeypatch):
    from casetracker.documents.extraction import office

    data = shared_bytes("ingest-file/doc.doc")
    monkeypatch.setattr(office.shutil, "which", lambda name: None)

    assert detect_kind(data, "doc.doc") == "doc"
    with pytest.raises(
        ExtractionError,
        match=r"^Word 97-2003 \.doc files are read with antiword, which is not installed on this server: "
        r"install the Debian package antiword \(or save the file as \.docx\)\.$",
    ):
        extract(data, "doc.doc")


@pytest.mark.skipif(shutil.which("antiword") is None, reason="antiword is not installed; apt-get install antiword")
def test_a_legacy_word_file_is_read_with_antiword_and_keeps_its_metadata(shared_bytes):
    result = extract(shared_bytes("ingest-file/doc.doc"), "doc.doc")

    assert (result.kind, result.title, result.content_type) == ("doc", "Sample Word Document", "application/msword")
    assert "This is a sample Microsoft Word Document." in result.pages[0].text
    assert "This document includes text that is BOLD and ITALIC." in result.pages[0].text
    assert result.metadata.author == "Keith Bennett"
    assert result.metadata.created == datetime(2010, 11, 12, 16, 22, tzinfo=timezone.utc)
    # Its face bears no date, so it is dated by its file metadata, and says so.
    assert (result.document_date, result.date_source) == (date(2010, 11, 12), "file metadata")


def test_a_word_file_that_would_expand_past_the_limit_is_refused():
    document = docx.Document()
    for number in range(3000):
        document.add_paragraph(f"Paragraph {number}: " + "the public interest test favours disclosure " * 10)
    buffer = io.BytesIO()
    document.save(buffer)

    with pytest.raises(
        ExtractionError,
        match=r"^This file would expand to 2 MB, more than the limit of 500,000 bytes; it was refused to protect the server\.$",
    ):
        extract(buffer.getvalue(), "huge.docx", zip_limits=ZipLimits(max_total_bytes=500_000))


def test_a_damaged_word_file_is_refused():
    with pytest.raises(ExtractionError, match=r"^This Word document is damaged and cannot be opened\.$"):
        extract(b"PK\x03\x04" + b"\x00" * 200, "broken.docx")


def _response_letter() -> bytes:
    """A response letter with a header, a table, a page break, a footnote and a footer."""
    document = docx.Document()
    document.core_properties.title = "Response to request FOI-2024-017"
    document.core_properties.created = datetime(2024, 3, 1, 10, 0)
    document.sections[0].header.paragraphs[0].text = "OFFICIAL - SENSITIVE"
    document.sections[0].footer.paragraphs[0].text = "Transport for London, 5 Endeavour Square"
    document.add_paragraph("Dear requester,")
    table = document.add_table(rows=2, cols=2)
    for row, cells in enumerate([("Information requested", "Exemption"), ("Names of officers", "s40(2)")]):
        for column, text in enumerate(cells):
            table.cell(row, column).text = text
    document.add_paragraph("We have withheld some information.").add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph("You may ask for an internal review.")
    buffer = io.BytesIO()
    document.save(buffer)
    return _with_footnote(buffer.getvalue(), "Section 40(2) covers personal data.")


def _with_footnote(data: bytes, text: str) -> bytes:
    # python-docx cannot write footnotes, so the part is added as Word itself stores it.
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    footnotes = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{w}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        f'<w:footnote w:id="1"><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:footnote></w:footnotes>'
    )
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "[Content_Types].xml":
                content = content.replace(
                    b"</Types>",
                    b'<Override PartName="/word/footnotes.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>',
                )
            elif info.filename == "word/_rels/document.xml.rels":
                content = content.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdFootnotes" Type="http://schemas.openxmlformats.org/officeDocument/'
                    b'2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>',
                )
            target.writestr(info, content)
        target.writestr("word/footnotes.xml", footnotes)
    return out.getvalue()
