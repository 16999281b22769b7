"""Extraction fidelity: garbage text layers, OCR languages, compatibility characters, presentations."""

from __future__ import annotations

import io
import shutil
from datetime import datetime, timezone
from email.message import EmailMessage

import docx
import pptx
import pytest
from pptx.util import Inches

from casetracker.documents.extraction import ExtractionError, ExtractionMethod, extract, ocr_language_problem
from casetracker.documents.extraction.quality import normalise_text, text_layer_unreadable
from tests.documents.fidelity_files import (
    WELSH_LINES,
    garbage_pdf,
    needs_ocr_language,
    private_use,
    shifted,
    welsh_scan,
)

LINES = ["Pterodactyl survey results", "The council holds the information"]
ENGLISH = ("We received your request for information under the Freedom of Information Act 2000 on 3 March "
           "2021. The council holds some of the information you asked for and it is attached to this letter, "
           "with the reasons for what is withheld.")


@pytest.mark.parametrize("mapping", [private_use, shifted], ids=["private-use", "shifted-letters"])
def test_a_text_layer_of_glyph_garbage_is_replaced_by_ocr_and_the_page_says_so(mapping, needs_tesseract):
    data = garbage_pdf(LINES, mapping)
    import pypdfium2 as pdfium

    layer = pdfium.PdfDocument(data)[0].get_textpage().get_text_range()
    assert "Pterodactyl" not in layer  # the text layer really is garbage

    result = extract(data, "scan.pdf")

    (page,) = result.pages
    assert (page.method, page.note) == (ExtractionMethod.OCR, "text layer unreadable; OCR used")
    assert page.text.split("\n") == LINES
    assert result.problems == ()


def test_without_ocr_a_garbage_text_layer_is_dropped_not_indexed():
    result = extract(garbage_pdf(LINES, private_use), "scan.pdf", ocr=False)

    (page,) = result.pages
    assert (page.text, page.method, page.note) == ("", ExtractionMethod.NEEDS_OCR, "text layer unreadable; not OCR'd")
    assert result.problems == ("Page 1 has no readable text layer and OCR is turned off, so its text was not read.",)


@pytest.mark.parametrize("text", [
    ENGLISH,
    " ".join(WELSH_LINES * 4),
    "Η αίτησή σας για πληροφορίες ελήφθη στις 3 Μαρτίου 2021 και θα απαντηθεί εντός είκοσι εργάσιμων ημερών. " * 3,
    "Total 12 34 56",  # too short to judge by words
], ids=["english", "welsh", "greek", "short"])
def test_real_text_layers_are_kept(text):
    assert text_layer_unreadable(text) is False


@pytest.mark.parametrize("text", [
    "".join(chr(0xE000 + ord(c)) if c != " " else c for c in ENGLISH),
    "".join(chr(1 + ord(c) % 30) if c != " " else c for c in ENGLISH),
    "".join(chr(shifted(ord(c))) for c in ENGLISH),
], ids=["private-use", "control-characters", "shifted-letters"])
def test_glyph_garbage_is_recognised(text):
    assert text_layer_unreadable(text) is True


def test_a_welsh_scan_is_read_with_the_welsh_language_data(needs_tesseract):
    needs_ocr_language("cym")
    result = extract(welsh_scan(), "sgan.png", ocr_languages="cym")

    (page,) = result.pages
    assert page.method is ExtractionMethod.OCR
    assert page.text.split("\n") == [WELSH_LINES[0], WELSH_LINES[1], "", WELSH_LINES[2]]


def test_an_ocr_language_that_is_not_installed_names_its_package():
    assert ocr_language_problem("eng") is None if shutil.which("tesseract") else True
    problem = ocr_language_problem("cym+xyz")
    if shutil.which("tesseract"):
        assert problem == ("The OCR language data xyz is not installed on this server: "
                           "install the Debian package tesseract-ocr-xyz.")
    assert ocr_language_problem("welsh; rm -rf /") == (
        "'welsh; rm -rf /' is not a list of OCR languages: give Tesseract codes joined by +, e.g. eng, cym or cym+eng.")


def test_normalising_folds_ligatures_and_full_width_forms_but_keeps_meaning():
    assert normalise_text("The ﬁle ﬂows ＦＯＩ\u00a0request") == "The file flows FOI request"
    assert normalise_text("10 m² and ½ a page, ① item") == "10 m² and ½ a page, ① item"


def _eml(body: str) -> bytes:
    message = EmailMessage()
    message["From"] = "foi@council.gov.uk"
    message["To"] = "me@example.org"
    message["Subject"] = "Your ﬁle"
    message["Date"] = "Wed, 03 Mar 2021 10:00:00 +0000"
    message.set_content(body)
    return bytes(message)


def _docx(text: str) -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("name, data", [
    ("note.txt", "The ﬁle was closed.".encode()),
    ("mail.eml", _eml("The ﬁle was closed.")),
    ("letter.docx", _docx("The ﬁle was closed.")),
])
def test_ligatures_are_folded_in_every_format(name, data):
    result = extract(data, name)

    assert "The file was closed." in result.pages[0].text
    assert "ﬁ" not in result.text and "ﬁ" not in (result.title or "")


def _pptx() -> bytes:
    deck = pptx.Presentation()
    first = deck.slides.add_slide(deck.slide_layouts[1])
    first.shapes.title.text = "Camera enforcement review"
    first.placeholders[1].text = "Bus lane fines rose in 2021"
    first.notes_slide.notes_text_frame.text = "Figures from the traffic team"
    second = deck.slides.add_slide(deck.slide_layouts[5])
    second.shapes.title.text = "Fines by month"
    table = second.shapes.add_table(2, 2, Inches(1), Inches(2), Inches(6), Inches(1)).table
    for row, cells in enumerate([("Month", "Fines"), ("March", "412")]):
        for column, value in enumerate(cells):
            table.cell(row, column).text = value
    deck.core_properties.author = "Traffic Team"
    deck.core_properties.created = datetime(2021, 4, 1, 9, 30)
    deck.core_properties.title = "Enforcement review"
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def test_a_powerpoint_presentation_is_read_slide_by_slide():
    result = extract(_pptx(), "review.pptx")

    assert (result.kind, result.title) == ("pptx", "Enforcement review")
    assert [page.text for page in result.pages] == [
        "Camera enforcement review\nBus lane fines rose in 2021\nNotes:\nFigures from the traffic team",
        "Fines by month\nMonth\tFines\nMarch\t412",
    ]
    assert {page.method for page in result.pages} == {ExtractionMethod.NATIVE}
    assert (result.metadata.author, result.metadata.created) == (
        "Traffic Team", datetime(2021, 4, 1, 9, 30, tzinfo=timezone.utc))


def _ppt(shared_bytes) -> bytes:
    """A real PowerPoint 97-2003 file (Microsoft PowerPoint X for Mac), from the ingest-file test documents."""
    import zipfile

    with zipfile.ZipFile(io.BytesIO(shared_bytes("ingest-file/test-documents.zip"))) as archive:
        return archive.read("testPPT.ppt")


@pytest.mark.skipif(shutil.which("soffice") is None,
                    reason="LibreOffice is not installed (apt-get install libreoffice-impress; .ci/run installs it)")
def test_a_ppt_is_read_through_libreoffice_slide_by_slide(shared_bytes):
    result = extract(_ppt(shared_bytes), "testPPT.ppt")

    assert (result.kind, result.content_type) == ("ppt", "application/vnd.ms-powerpoint")
    assert [page.text for page in result.pages] == [
        "Sample Powerpoint Slide\nCreated with Microsoft \nPowerpoint X for Mac\nService Release 1"]
    assert {page.method for page in result.pages} == {ExtractionMethod.NATIVE}


@pytest.mark.skipif(shutil.which("soffice") is not None, reason="LibreOffice is installed, so .ppt files are read")
def test_without_libreoffice_a_ppt_is_refused_naming_the_package(shared_bytes):
    data = _ppt(shared_bytes)
    with pytest.raises(ExtractionError, match=r"install the Debian package libreoffice-impress"):
        extract(data, "testPPT.ppt")
