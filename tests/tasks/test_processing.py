"""Uploads are queued and answered at once; the Processing page shows each file's state; Retry."""

from __future__ import annotations

import io
import re

import pytest

from casetracker.extensions import db
from tests.conftest import VISITORS, expect_status


@pytest.fixture
def request_id(make_request):
    return make_request(title="Attendance pilot")


def _jobs(app):
    from casetracker.tasks.models import Job

    with app.app_context():
        return [(j.filename, j.state, j.document_id, j.pages, j.reason) for j in
                db.session.scalars(db.select(Job).order_by(Job.id))]


def _upload(auth, request_id, files):
    return auth.post(f"/requests/{request_id}/documents",
                     {"files": [(io.BytesIO(data), name) for name, data in files]},
                     content_type="multipart/form-data")


def _search(app, text, team_id):
    from casetracker.documents.indexing import index_for_search

    with app.app_context():
        return [d.document_id for d in index_for_search().search(text, team_ids=[team_id]).documents]


def test_upload_queues_each_file_and_redirects_to_processing(app, auth, actors, request_id):
    auth.login("editor")
    response = _upload(auth, request_id, [("a.txt", b"Minutes about the zephyrine contract."),
                                          ("broken.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog")])
    assert response.status_code == 303
    assert response.headers["Location"] == f"/requests/{request_id}/processing"
    jobs = _jobs(app)
    assert [(name, state) for name, state, *_ in jobs] == [("a.txt", "done"), ("broken.pdf", "failed")]
    assert jobs[0][3] == 1 and jobs[1][2] is None and "PDF" in jobs[1][4]
    assert _search(app, "zephyrine", actors.team_ids["alpha"]) == [jobs[0][2]]
    page = auth.get(f"/requests/{request_id}/processing").get_data(as_text=True)
    assert 'src="/static/js/processing.js"' in page and "<script>" not in page
    row = re.search(r'<tr id="job-2".*?</tr>', page, re.S).group(0)
    # A damaged PDF can never be read as it is: no Retry, and the page says why.
    assert "failed: " in row and "Retry</button>" not in row and 'name="force_ocr"' not in row
    assert "Retrying cannot help: this file would fail the same way again. Upload a corrected copy." in row
    status = auth.get(f"/requests/{request_id}/processing.json").get_json()
    assert status["open"] == 0
    assert [(j["filename"], j["state"], j["pages"]) for j in status["jobs"]] == [
        ("broken.pdf", "failed", 0), ("a.txt", "done", 1)]


def test_upload_with_no_file_is_refused_with_a_message(auth, request_id):
    auth.login("editor")
    response = auth.post(f"/requests/{request_id}/documents", {"files": (io.BytesIO(b""), "")},
                         content_type="multipart/form-data")
    assert response.status_code == 422
    assert "Choose at least one file." in response.get_data(as_text=True)


def test_file_names_are_escaped_on_the_processing_page(app, auth, request_id):
    auth.login("editor")
    _upload(auth, request_id, [("<img src=x onerror=alert(1)>.txt", b"hello there")])
    page = auth.get(f"/requests/{request_id}/processing").get_data(as_text=True)
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;.txt" in page


def test_a_file_name_keeps_no_path_and_no_control_character(app, auth, request_id):
    # It is shown on pages and sent back in Content-Disposition (found by the new-user run).
    auth.login("editor")
    assert _upload(auth, request_id, [("../../etc/\x01evil\x1b.txt", b"one"), ("a\x7fb.txt", b"two"),
                                      ("C:\\Users\\jo\\" + "n" * 600 + ".pdf", b"three")]).status_code == 303
    names = [name for name, *_ in _jobs(app)]
    assert names[:2] == ["_evil_.txt", "a_b.txt"]
    assert len(names[2]) == 500 and names[2].endswith("nnn.pdf") and "\\" not in names[2]


def test_request_page_lists_files_still_being_read(app, auth, request_id):
    from casetracker.tasks.constants import JobState
    from casetracker.tasks.models import Job

    with app.app_context():
        from casetracker.info_requests.models import InfoRequest

        r = db.session.get(InfoRequest, request_id)
        db.session.add(Job(team_id=r.team_id, request_id=r.id, filename="scan.pdf", state=JobState.OCR,
                           progress_done=37, progress_total=212))
        db.session.commit()
    auth.login("viewer")
    page = auth.get(f"/requests/{request_id}").get_data(as_text=True)
    assert "1 file still being read:" in page and "scan.pdf (OCR page 37 of 212)" in page
    status = auth.get(f"/requests/{request_id}/processing.json").get_json()
    assert status["open"] == 1 and status["jobs"][0]["label"] == "OCR page 37 of 212"


@pytest.mark.parametrize("who", VISITORS)
def test_processing_pages_follow_team_rules(app, auth, actors, request_id, who):
    auth.login(who)
    expect_status(auth.get(f"/requests/{request_id}/processing"), who, viewer=200, editor=200, other=404)
    expect_status(auth.get(f"/requests/{request_id}/processing.json"), who, viewer=200, editor=200, other=404)
    team = actors.team_ids["alpha"]
    expect_status(auth.get(f"/teams/{team}/processing"), who, viewer=200, editor=200, other=404)
    expect_status(auth.get(f"/teams/{team}/processing.json"), who, viewer=200, editor=200, other=404)


@pytest.mark.parametrize("who", VISITORS)
def test_retry_is_for_editors_of_the_team(app, auth, request_id, who):
    from tests.conftest import AuthClient

    editor = AuthClient(app.test_client())
    editor.login("editor")
    _upload(editor, request_id, [("broken.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog")])
    auth.login(who)
    response = auth.post("/jobs/1/retry", {"force_ocr": "y"})
    expect_status(response, who, viewer=403, editor=303, other=404)
    assert _jobs(app)[0][1] == "failed"  # read again, and failed again for the same reason


def test_retry_with_force_ocr_reads_a_partly_read_file_again(app, auth, actors, request_id, monkeypatch):
    from casetracker.documents.extraction import progress
    from casetracker.documents.extraction.results import ExtractionResult, PageText
    from casetracker.documents.extraction.constants import ExtractionMethod
    from casetracker.documents.services import read_file as real_read_file
    from casetracker.tasks import handlers

    seen = []

    def fake_read(data, filename, **kw):
        seen.append(progress.ocr_forced())
        if not progress.ocr_forced():
            return ExtractionResult(kind="pdf", content_type="application/pdf",
                                    pages=(PageText(1, "", ExtractionMethod.NEEDS_OCR),),
                                    problems=("Page 1 could not be read by OCR because it took too long.",))
        return ExtractionResult(kind="pdf", content_type="application/pdf",
                                pages=(PageText(1, "Forced reading of quillwort", ExtractionMethod.OCR),))

    monkeypatch.setattr(handlers, "read_file", fake_read)
    auth.login("editor")
    _upload(auth, request_id, [("scan.pdf", b"%PDF-fake")])
    name, state, document_id, pages, reason = _jobs(app)[0]
    assert (state, pages, reason) == ("partial", 1, "Page 1 could not be read by OCR because it took too long.")
    page = auth.get(f"/requests/{request_id}/processing").get_data(as_text=True)
    assert "partly read: Page 1 could not be read by OCR" in page
    assert auth.post("/jobs/1/retry", {"force_ocr": "y"}).status_code == 303
    assert seen == [False, True]
    assert _jobs(app)[0][:4] == ("scan.pdf", "done", document_id, 1)
    assert _search(app, "quillwort", actors.team_ids["alpha"]) == [document_id]
    assert real_read_file is not fake_read
    assert auth.post("/jobs/1/retry", {}).status_code == 303  # a finished job is not retried
    assert "Only a failed or partly read file can be retried." in auth.get(f"/requests/{request_id}/processing").get_data(as_text=True)


def test_a_hostile_file_in_a_batch_is_refused_alone_and_the_rest_are_taken(app, auth, actors, request_id):
    from pathlib import Path

    from casetracker.documents.models import Document, StoredFile
    from casetracker.documents.storage import sha256_of
    from tests.documents.test_xml_entities import _message, hostile

    bomb = hostile("docx", "billion-laughs")
    auth.login("editor")
    response = _upload(auth, request_id, [("a.txt", b"Minutes about the zephyrine contract."),
                                          ("release.docx", bomb), ("b.txt", b"Notes on the zephyrine tender.")])
    assert (response.status_code, response.headers["Location"]) == (303, f"/requests/{request_id}/processing")
    reason = ("Refused, nothing stored: This document " + _message("word/document.xml") + "; it is how a file "
              'expands without end ("billion laughs") or reads files on the server, so it was refused.')
    jobs = _jobs(app)
    assert [(name, state) for name, state, *_ in jobs] == [("a.txt", "done"), ("b.txt", "done"),
                                                           ("release.docx", "failed")]
    assert jobs[2][2] is None and jobs[2][4] == reason
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Document.id))) == 2
        assert db.session.scalar(db.select(StoredFile).where(StoredFile.sha256 == sha256_of(bomb))) is None
    assert not (Path(app.config["FILES_PATH"]) / sha256_of(bomb)[:2] / sha256_of(bomb)).exists()
    assert len(_search(app, "zephyrine", actors.team_ids["alpha"])) == 2
    page = auth.get(f"/requests/{request_id}/processing").get_data(as_text=True)
    assert "2 files queued; each is read in the background." in page
    assert f"release.docx: {reason.split(';')[0]}".replace("<", "&lt;") in page
    row = re.search(r'<tr id="job-3".*?</tr>', page, re.S).group(0)
    assert "Retrying cannot help" in row and "Retry</button>" not in row


def test_a_batch_of_only_hostile_files_is_refused_whole_and_stores_nothing(app, auth, request_id):
    from tests.documents.test_xml_entities import hostile

    auth.login("editor")
    response = _upload(auth, request_id, [("release.docx", hostile("docx", "billion-laughs"))])
    assert response.status_code == 422
    assert "release.docx: This document contains a document type declaration" in response.get_data(as_text=True)
    assert _jobs(app) == []


def _zip(members: list[tuple[str, bytes]]) -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_member_refused_inside_a_nested_zip_is_reported_not_dropped(app, auth, request_id):
    from casetracker.documents.models import Document
    from casetracker.release.models import ReleaseCheck

    inner = _zip([("zeros.txt", b"\0" * 3_000_000), ("note.txt", b"The inner note about the quagga survey.")])
    outer = _zip([("inner.zip", inner), ("cover.txt", b"Cover letter for the quagga release.")])
    auth.login("editor")
    assert _upload(auth, request_id, [("release.zip", outer)]).status_code == 303
    ((name, state, document_id, _pages, reason),) = _jobs(app)
    # The inner zip is refused whole (its member is a bomb); the outer one is taken, partly read, and says so.
    refusal = ("“zeros.txt” in this zip file is compressed more than 100 times, the limit (a sign of a zip bomb); "
               "it was refused to protect the server.")
    assert (name, state, reason) == ("release.zip", "partial", f"Not read: inner.zip: {refusal}")
    with app.app_context():
        document = db.session.get(Document, document_id)
        assert [c.filename for c in document.children] == ["cover.txt"]
        assert [p for p in document.problems if p.startswith("Not read:")] == [f"Not read: inner.zip: {refusal}"]
        findings = db.session.get(ReleaseCheck, document_id).findings
        assert [f for f in findings if f["kind"] == "unread_member"] == [
            {"kind": "unread_member", "where": "inner.zip", "detail": refusal}]
    page = auth.get(f"/requests/{request_id}/processing").get_data(as_text=True)
    assert "Not read: inner.zip: “zeros.txt” in this zip file" in page
