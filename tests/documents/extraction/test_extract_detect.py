"""Format detection from content first and name second; scanned pictures read by OCR."""

from __future__ import annotations

import io
import zipfile

import pytest
from PIL import Image

from casetracker.documents.extraction import ExtractionError, ExtractionMethod, PageText, detect_kind, extract


@pytest.mark.parametrize(
    ("relative", "kind"),
    [
        ("ingest-file/fnf.msg", "eml"),
        ("ingest-file/piste.msg", "msg"),
        ("ingest-file/doc.doc", "doc"),
        ("ingest-file/rom.xls", "xls"),
        ("ingest-file/password_protected.xlsx", "xlsx"),
        ("ingest-file/encypted_by_libreoffice.odt", "odt"),
        ("ingest-file/multipage_tiff_example.tif", "image"),
        ("ingest-file/EDRM Micro Datasets « EDRM.htm", "html"),
        ("alaveteli/example.zip", "zip"),
        ("alaveteli/iso8859_2_raw_email.eml", "eml"),
        ("striprtf/issue_11.rtf", "rtf"),
        ("libraries/FOI_request.md", "txt"),
    ],
)
def test_shared_files_are_recognised(shared_bytes, relative, kind):
    assert detect_kind(shared_bytes(relative), relative.rsplit("/", 1)[-1]) == kind


def test_content_beats_a_misleading_name(shared_bytes):
    assert detect_kind(shared_bytes("alaveteli/tfl.pdf"), "response.txt") == "pdf"
    assert detect_kind(shared_bytes("ingest-file/Plan.odt"), "Plan.zip") == "odt"


def test_the_name_decides_when_the_content_cannot():
    assert detect_kind(b"a,b\n1,2\n", "figures.csv") == "csv"
    assert detect_kind(b"a,b\n1,2\n", "figures") == "txt"
    assert detect_kind(bytes(range(256)) * 4, "blob") == "unknown"


def test_an_unknown_binary_file_is_refused_with_its_extension():
    with pytest.raises(ExtractionError, match=r"^This type of file \(\.bin\) is not one whose text can be read\.$"):
        extract(bytes(range(256)) * 4, "firmware.bin")


def test_a_presentation_without_its_parts_is_refused_as_damaged():
    with pytest.raises(ExtractionError, match=r"^This PowerPoint presentation is damaged and cannot be opened\.$"):
        extract(_zip_with("[Content_Types].xml", "ppt/presentation.xml"), "deck.pptx")


def test_each_frame_of_a_scanned_tiff_is_an_ocr_page(shared_bytes, needs_tesseract):
    result = extract(shared_bytes("ingest-file/multipage_tiff_example.tif"), "scan.tif")

    assert result.kind == "image"
    assert result.content_type == "image/tiff"
    assert len(result.pages) == 10
    assert {page.method for page in result.pages} == {ExtractionMethod.OCR}
    assert result.pages[2].text.split() == ["Multipage", "TIFF", "Example", "Page", "3"]


def test_without_ocr_a_picture_is_pages_needing_it(shared_bytes):
    result = extract(shared_bytes("ingest-file/multipage_tiff_example.tif"), "scan.tif", ocr=False)

    assert result.pages == tuple(PageText(number, "", ExtractionMethod.NEEDS_OCR) for number in range(1, 11))
    assert result.problems == ("This is a picture of text and OCR is turned off, so its text was not read.",)


def test_a_png_picture_of_nothing_is_one_empty_page(needs_tesseract):
    buffer = io.BytesIO()
    Image.new("L", (400, 300), color=255).save(buffer, format="PNG")

    result = extract(buffer.getvalue(), "blank.png")

    assert result.content_type == "image/png"
    assert result.pages == (PageText(1, "", ExtractionMethod.EMPTY),)


def test_a_damaged_picture_is_refused():
    with pytest.raises(ExtractionError, match=r"^This picture is damaged or in a format that cannot be read\.$"):
        extract(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "broken.png")


def _zip_with(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()
