"""True redaction: the redacted copy's text layer and metadata hold none of the redacted words; its log says why."""

from __future__ import annotations

import pymupdf
import pypdfium2
import pytest

from casetracker.redaction import Mark, RedactionError, redact_pdf
from casetracker.release_check import check_file
from tests.release.fixtures import pdf_to_redact

SECRETS = ["Jo Bloggs", "jo.bloggs@example.net", "020 7946 0018"]


def _texts(data: bytes) -> tuple[str, str, str]:
    """Return (PyMuPDF text, pypdfium2 text, every metadata value) of a PDF."""
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        mupdf = "\n".join(page.get_text() for page in doc)
        meta = " ".join(str(v) for v in doc.metadata.values() if v) + (doc.get_xml_metadata() or "")
    pdf = pypdfium2.PdfDocument(data)
    pdfium = []
    for page in pdf:
        textpage = page.get_textpage()
        pdfium.append(textpage.get_text_range())
        textpage.close()
        page.close()
    meta += " ".join(str(v) for v in pdf.get_metadata_dict().values() if v)
    pdf.close()
    return mupdf, "\n".join(pdfium), meta


def test_redacted_copy_holds_none_of_the_redacted_strings():
    result = redact_pdf(pdf_to_redact(), [
        Mark("s40(2) personal information", text="Jo Bloggs"),
        Mark("s40(2) personal information", text="jo.bloggs@example.net", page=1),
        Mark("s40(2) personal information", text="020 7946 0018", page=1),
        Mark("s43(2) commercial interests", page=2, rect=(60, 115, 300, 135)),
    ])
    mupdf, pdfium, meta = _texts(result.data)
    for text in (mupdf, pdfium, meta):
        for secret in [*SECRETS, "47,000"]:
            assert secret.lower() not in text.lower(), (secret, text)
    # What was not redacted is still there, on both readers.
    for text in (mupdf, pdfium):
        assert "Minutes of the board, 3 May 2022" in text
        assert "Pat Clerk" in text
    assert result.log == [(1, "s40(2) personal information"), (1, "s40(2) personal information"),
                          (1, "s40(2) personal information"), (2, "s40(2) personal information"),
                          (2, "s43(2) commercial interests")]
    with pymupdf.open(stream=result.data, filetype="pdf") as doc:
        assert doc.page_count == 3
        log_page = doc[2].get_text()
    assert [line for line in log_page.splitlines() if line.startswith("Page ")] == [
        "Page 1: s40(2) personal information", "Page 1: s40(2) personal information",
        "Page 1: s40(2) personal information", "Page 2: s40(2) personal information",
        "Page 2: s43(2) commercial interests"]
    findings = check_file(result.data, "minutes (redacted).pdf", names=("Jo Bloggs",))
    assert [f for f in findings if f.kind in ("text_under_box", "redaction_annotation", "personal_data",
                                              "metadata")] == []


def test_rasterised_copy_has_no_text_layer_but_its_log():
    result = redact_pdf(pdf_to_redact(), [Mark("s40(2) personal information", text="Jo Bloggs")], rasterise=True)
    mupdf, pdfium, meta = _texts(result.data)
    assert "Jo Bloggs" not in mupdf + pdfium + meta
    with pymupdf.open(stream=result.data, filetype="pdf") as doc:
        assert [doc[i].get_text() for i in range(2)] == ["", ""]
        assert "Page 1: s40(2) personal information" in doc[2].get_text()


def test_a_passage_not_on_the_page_is_refused():
    with pytest.raises(RedactionError, match="“Jo Smith” is not on page 2 of the text layer."):
        redact_pdf(pdf_to_redact(), [Mark("s40(2)", text="Jo Smith", page=2)])
    with pytest.raises(RedactionError, match="There is no page 5; the document has 2."):
        redact_pdf(pdf_to_redact(), [Mark("s40(2)", text="Jo Bloggs", page=5)])
    with pytest.raises(RedactionError, match="Add at least one passage"):
        redact_pdf(pdf_to_redact(), [])
