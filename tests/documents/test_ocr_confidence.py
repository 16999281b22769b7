"""Tesseract's confidence is kept per OCR'd page; the document page, the jobs and ``--json`` show the mean."""

from __future__ import annotations

import io
import json
import re

import pytest

from casetracker.extensions import db
from tests.conftest import shared_file


def test_words_to_text_lays_out_lines_and_paragraphs_and_averages_word_confidence():
    from casetracker.documents.extraction.ocr import words_to_text

    data = {  # as pytesseract.image_to_data(..., output_type=DICT) gives it: page, block, paragraph, line, words
        "block_num": [0, 1, 1, 1, 1, 1, 1, 2, 2],
        "par_num": [0, 0, 1, 1, 1, 1, 1, 1, 1],
        "line_num": [0, 0, 0, 1, 1, 2, 2, 1, 1],
        "text": ["", "", "", "Dear", "Ms Jones,", "Thank", "you", "  ", "Yours"],
        "conf": [-1, -1, -1, 96.5, 91.0, 88.25, 95.0, -1, 70.0],
    }
    assert words_to_text(data) == ("Dear Ms Jones,\nThank you\n\nYours", 88.2)
    assert words_to_text({"block_num": [], "par_num": [], "line_num": [], "text": [], "conf": []}) == ("", None)


def _tesseract():
    from casetracker.documents.extraction import tesseract_available

    if not tesseract_available():
        pytest.skip("Tesseract is not installed; apt-get install tesseract-ocr")


def test_a_real_scan_uploaded_shows_its_mean_ocr_confidence(app, auth, make_request):
    _tesseract()
    from casetracker.documents.models import Document, DocumentPage
    from casetracker.tasks.models import Job

    scan = shared_file("ingest-file/jbig2.pdf")  # 5 image-only pages, no text layer
    request_id = make_request(title="Scanned bundle")
    auth.login("editor")
    auth.post(f"/requests/{request_id}/documents", {"files": (io.BytesIO(scan.read_bytes()), scan.name)},
              content_type="multipart/form-data")
    with app.app_context():
        (job,) = db.session.scalars(db.select(Job))
        pages = list(db.session.scalars(db.select(DocumentPage).order_by(DocumentPage.number)))
        document = db.session.get(Document, job.document_id)
        confidences = [page.confidence for page in pages]
        assert [page.method for page in pages] == ["ocr"] * 5
        assert all(0 < c <= 100 and round(c, 1) == c for c in confidences)
        mean = round(sum(confidences) / 5, 1)
        assert (job.state, job.ocr_pages, job.ocr_confidence, document.ocr_confidence) == ("done", 5, mean, mean)
        document_id = document.id
    (status,) = auth.get(f"/requests/{request_id}/processing.json").get_json()["jobs"]
    assert (status["ocr_pages"], status["ocr_confidence"]) == (5, mean)
    page = auth.get(f"/documents/{document_id}").get_data(as_text=True)
    assert f'<dd class="col-10" id="ocr-confidence">5 pages read by OCR (eng), mean confidence {mean:.1f}%</dd>' in page
    assert f"(ocr; OCR confidence {confidences[0]:.0f}%)" in page
    processing = auth.get(f"/requests/{request_id}/processing").get_data(as_text=True)
    assert f'<td class="job-confidence">{mean:.0f}</td>' in processing


def test_a_drawn_scan_imported_on_the_command_line_gives_its_confidence_in_json(app, runner, actors, make_request,
                                                                               tmp_path):
    _tesseract()
    from PIL import Image, ImageDraw, ImageFont

    from casetracker.documents.models import Document
    from casetracker.info_requests.models import InfoRequest

    request_id = make_request(title="A scanned letter")
    image = Image.new("L", (1700, 300), 255)
    ImageDraw.Draw(image).text((60, 80), "The council received your request on 3 March 2021.",
                               font=ImageFont.load_default(size=44), fill=0)
    path = tmp_path / "letter.png"
    image.save(path)
    with app.app_context():
        reference = db.session.get(InfoRequest, request_id).reference
    result = runner.invoke(args=["documents", "import", str(path), "--request", reference, "--json"])
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)
    with app.app_context():
        document = db.session.get(Document, row["document_id"])
        assert re.search(r"council received your request on 3 March 2021", document.pages[0].text)
        expected = document.ocr_confidence
    assert (row["ocr_pages"], row["ocr_confidence"], row["search"]) == (1, expected, "indexed")
    assert 0 < expected <= 100
