"""OpenDocument extraction with odfpy: text documents, spreadsheets, damage and passwords."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from odf import dc, meta
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import CoveredTableCell, Table, TableCell, TableRow
from odf.text import P

from casetracker.documents.extraction import ExtractionError, ExtractionMethod, PageText, extract

NATIVE, EMPTY = ExtractionMethod.NATIVE, ExtractionMethod.EMPTY


def test_an_odt_is_read_as_one_page_with_its_creation_date(shared_bytes):
    result = extract(shared_bytes("ingest-file/Plan.odt"), "Plan.odt")

    assert result.kind == "odt"
    assert result.content_type == "application/vnd.oasis.opendocument.text"
    assert len(result.pages) == 1
    assert result.pages[0].text.startswith("We should paint graffiti on all corners of Trump tower.")
    assert result.document_date == date(2017, 2, 21)


def test_an_odt_that_odfpy_would_choke_on_is_read_whole_and_quietly(shared_bytes, capsys):
    result = extract(shared_bytes("ingest-file/rand-1670433101.440986000.odt"), "rand.odt")

    assert result.pages[0].text.startswith("graphomaniac Talpa Deuteronomical tubber johannite")
    assert result.pages[0].text.endswith("kittenhearted Alhena\n1")  # the footer's page number, from styles.xml
    assert result.problems == ()
    assert capsys.readouterr().out == ""  # odfpy prints the whole part when it fails to parse one


def test_an_odt_whose_styles_part_is_damaged_is_read_with_a_problem(shared_bytes):
    data = _replace_part(shared_bytes("ingest-file/Plan.odt"), "styles.xml", b"<office:document-styles")

    result = extract(data, "Plan.odt")

    assert result.pages[0].text.startswith("We should paint graffiti")
    assert result.problems == (
        "Part of this file (styles.xml) is damaged, so its headers, footers and styles could not be read.",
    )


def test_an_odt_whose_text_part_is_damaged_is_refused(shared_bytes):
    data = _replace_part(shared_bytes("ingest-file/Plan.odt"), "content.xml", b"<office:document-content")

    with pytest.raises(ExtractionError, match=r"^This OpenDocument file is damaged: its text part cannot be read\.$"):
        extract(data, "Plan.odt")


def test_a_password_protected_odt_is_refused(shared_bytes):
    with pytest.raises(
        ExtractionError, match=r"^This document is protected with a password; its text cannot be read without it\.$"
    ):
        extract(shared_bytes("ingest-file/encypted_by_libreoffice.odt"), "encypted_by_libreoffice.odt")


def test_each_ods_sheet_is_a_page_with_repeated_cells_expanded_and_padding_dropped():
    document = OpenDocumentSpreadsheet()
    document.meta.addElement(dc.Title(text="Complaints 2021"))
    document.meta.addElement(meta.CreationDate(text="2021-05-04T10:15:00.123456789"))
    sheet = Table(name="Complaints")
    sheet.addElement(_row(["Authority", "Decision notice", "Outcome"]))
    sheet.addElement(_row(["Home Office", "IC-151664-D5Q4", "Upheld"]))
    repeated = _row(["x"], repeat_columns=3)
    repeated.addElement(CoveredTableCell())
    sheet.addElement(repeated)
    sheet.addElement(TableRow(numberrowsrepeated=1048570))  # how Calc pads a sheet to its full height
    document.spreadsheet.addElement(sheet)
    document.spreadsheet.addElement(Table(name="Empty"))
    buffer = io.BytesIO()
    document.write(buffer)

    result = extract(buffer.getvalue(), "complaints.ods")

    assert result.kind == "ods"
    assert result.title == "Complaints 2021"
    assert result.document_date == date(2021, 5, 4)
    assert result.pages == (
        PageText(1, "Complaints\nAuthority\tDecision notice\tOutcome\nHome Office\tIC-151664-D5Q4\tUpheld\nx\tx\tx", NATIVE),
        PageText(2, "Empty", EMPTY),
    )


def _row(values: list[str], *, repeat_columns: int = 1) -> TableRow:
    row = TableRow()
    for value in values:
        cell = TableCell(valuetype="string", numbercolumnsrepeated=repeat_columns)
        cell.addElement(P(text=value))
        row.addElement(cell)
    row.addElement(TableCell(numbercolumnsrepeated=16000))  # empty padding to the sheet's width
    return row


def _replace_part(data: bytes, name: str, content: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, content if info.filename == name else source.read(info))
    return out.getvalue()
