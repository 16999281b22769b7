"""PDF extraction: text layers, OCR of scanned pages, encrypted and damaged files."""

from __future__ import annotations

import hashlib
import io
from datetime import date

import pypdfium2 as pdfium
import pytest

from casetracker.documents.extraction import ChildFile, ExtractionError, ExtractionMethod, PageText, extract
from casetracker.documents.extraction.dates import pdf_date, uk_date

TEXT, OCR, NEEDS_OCR, EMPTY = (
    ExtractionMethod.TEXT_LAYER,
    ExtractionMethod.OCR,
    ExtractionMethod.NEEDS_OCR,
    ExtractionMethod.EMPTY,
)


def test_every_page_of_a_500_page_pdf_is_read_from_its_text_layer(shared_bytes):
    result = extract(shared_bytes("ingest-file/500 pages.pdf"), "500 pages.pdf")

    assert result.kind == "pdf"
    assert result.content_type == "application/pdf"
    assert len(result.pages) == 500
    assert {page.method for page in result.pages} == {TEXT}
    assert result.pages[-1] == PageText(500, "Hello, World!\nHello, World!", TEXT)
    assert result.document_date == date(2016, 7, 18)


def test_a_tfl_response_is_found_by_its_internal_review_wording(shared_bytes):
    result = extract(shared_bytes("alaveteli/tfl.pdf"), "tfl.pdf")

    assert len(result.pages) == 1
    assert result.pages[0].method is TEXT
    assert result.pages[0].text.startswith("Your right to appeal \nIf you are dissatisfied with the way TfL")
    assert "internal review" in result.pages[0].text
    assert result.document_date == date(2009, 4, 22)
    assert result.problems == ()


def test_a_creation_date_with_a_far_time_zone_becomes_the_uk_date(shared_bytes):
    # D:20200306162051+08'00' is 08:20 GMT on the same day.
    result = extract(shared_bytes("ingest-file/106972554.pdf"), "judgment.pdf")

    assert uk_date(result.metadata.created) == date(2020, 3, 6)
    assert result.metadata.modified is not None
    assert len(result.pages) == 3
    assert "REGISTRAR" in result.pages[0].text  # near the page's end, which get_text_bounded() loses


@pytest.mark.parametrize(
    ("stored", "expected"),
    [
        ("D:20211231233000Z", date(2021, 12, 31)),
        ("D:20210630233000Z", date(2021, 7, 1)),  # 00:30 BST
        ("D:20161107224431-08'00'", date(2016, 11, 8)),
        ("D:20150722100404Z00'00'", date(2015, 7, 22)),
        ("D:20081127134642", date(2008, 11, 27)),
        ("D:2016", None),
        ("D:20221399", None),
        ("", None),
    ],
)
def test_pdf_creation_dates_become_uk_dates(stored, expected):
    assert pdf_date(stored) == expected


def test_german_text_keeps_its_umlauts_and_eszett(shared_bytes):
    result = extract(shared_bytes("ingest-file/udhr_ger.pdf"), "udhr_ger.pdf")

    assert len(result.pages) == 6
    assert "unveräußerlichen" in result.pages[0].text
    assert result.title == "Resolution 217 A (III) der Generalversammlung vom 10"


def test_a_scanned_page_is_found_by_a_word_only_ocr_could_read(shared_bytes, needs_tesseract):
    data = shared_bytes("OCRmyPDF/c02-22.pdf")

    result = extract(data, "c02-22.pdf")

    assert [page.method for page in result.pages] == [OCR]
    assert "tip-toeing along a path" in result.pages[0].text
    assert result.ocr_page_count == 1


def test_without_ocr_a_scanned_page_is_marked_as_needing_it(shared_bytes):
    result = extract(shared_bytes("OCRmyPDF/c02-22.pdf"), "c02-22.pdf", ocr=False)

    assert result.pages == (PageText(1, "", NEEDS_OCR),)
    assert result.problems == ("Page 1 has no text layer and OCR is turned off, so its text was not read.",)


def test_only_the_pages_without_a_text_layer_are_ocrd(shared_bytes, needs_tesseract):
    result = extract(shared_bytes("OCRmyPDF/multipage.pdf"), "multipage.pdf")

    assert [page.method for page in result.pages] == [OCR, OCR, OCR, TEXT, OCR, OCR]


def test_pages_scanned_upside_down_and_sideways_are_read_the_right_way_up(shared_bytes, needs_tesseract):
    result = extract(shared_bytes("OCRmyPDF/cardinal.pdf"), "cardinal.pdf")

    assert [page.method for page in result.pages] == [OCR] * 4
    for page in result.pages:
        assert "32 Track MIDI Sequence Recorder" in page.text, page.number


def test_a_page_with_no_text_at_all_is_empty(shared_bytes, needs_tesseract):
    result = extract(shared_bytes("alaveteli/cat.pdf"), "cat.pdf")

    assert result.pages == (PageText(1, "", EMPTY),)


def test_a_zero_byte_pdf_is_refused():
    with pytest.raises(ExtractionError, match=r"^The file is empty\.$"):
        extract(b"", "empty.pdf")


def test_the_shared_zero_byte_pdf_is_refused(shared_bytes):
    with pytest.raises(ExtractionError, match=r"^The file is empty\.$"):
        extract(shared_bytes("ingest-file/empty.pdf"), "empty.pdf")


def test_a_truncated_pdf_is_refused_as_damaged(shared_bytes):
    cut = shared_bytes("alaveteli/tfl.pdf")[:6000]

    with pytest.raises(ExtractionError, match=r"^This PDF is damaged or incomplete and cannot be opened\.$"):
        extract(cut, "tfl.pdf")


def test_an_encrypted_pdf_is_refused_with_a_clear_message():
    data = _encrypted_pdf(user_password=b"secret")
    assert len(pdfium.PdfDocument(data, password="secret")) == 1  # a real, readable encrypted PDF

    with pytest.raises(ExtractionError, match=r"^This PDF is encrypted; its text cannot be read without the password\.$"):
        extract(data, "encrypted.pdf")


def test_files_embedded_in_a_pdf_become_children():
    document = pdfium.PdfDocument.new()
    document.new_page(595, 842)
    document.new_attachment("schedule.csv").set_data(b"Authority,Response\nTfL,Refused s40(2)\n")
    buffer = io.BytesIO()
    document.save(buffer)

    result = extract(buffer.getvalue(), "with-attachment.pdf", ocr=False)

    assert result.children == (ChildFile("schedule.csv", b"Authority,Response\nTfL,Refused s40(2)\n"),)
    assert result.pages == (PageText(1, "", NEEDS_OCR),)


_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def _rc4(key: bytes, data: bytes) -> bytes:
    state = list(range(256))
    j = 0
    for i in range(256):
        j = (j + state[i] + key[i % len(key)]) % 256
        state[i], state[j] = state[j], state[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + state[i]) % 256
        state[i], state[j] = state[j], state[i]
        out.append(byte ^ state[(state[i] + state[j]) % 256])
    return bytes(out)


def _encrypted_pdf(user_password: bytes) -> bytes:
    """Build a one-page PDF locked with a user password (Standard handler, RC4 40-bit, PDF 1.7 s7.6.3)."""
    file_id = hashlib.md5(b"casetracker").digest()
    owner_entry = _rc4(hashlib.md5(_PAD).digest()[:5], (user_password + _PAD)[:32])
    permissions = (-44).to_bytes(4, "little", signed=True)
    key = hashlib.md5((user_password + _PAD)[:32] + owner_entry + permissions + file_id).digest()[:5]
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -44 >>"
        % (owner_entry.hex().encode(), _rc4(key, _PAD).hex().encode()),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 4 0 R /ID [<%s> <%s>] >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        file_id.hex().encode(),
        file_id.hex().encode(),
        xref,
    )
    return bytes(out)
