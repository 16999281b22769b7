"""Storing, deduplicating, indexing and deleting documents through the app."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from casetracker.extensions import db
from tests.conftest import shared_file


@pytest.fixture
def alpha_request(app, make_request):
    return make_request(title="Attendance pilot")


def _ingest(app, request_id, data, name):
    from casetracker.documents.services import ingest_bytes
    from casetracker.info_requests.models import InfoRequest

    with app.app_context():
        r = db.session.get(InfoRequest, request_id)
        outcome = ingest_bytes(data, name, team=r.team, info_request=r, actor=None)
        db.session.commit()
        return outcome.status, (outcome.document.id if outcome.document else None), outcome.reason


def _files(app):
    return sorted(p for p in Path(app.config["FILES_PATH"]).rglob("*") if p.is_file())


def _search(app, text, team_ids):
    from casetracker.documents.indexing import index_for_search

    with app.app_context():
        results = index_for_search().search(text, team_ids=team_ids)
        return [(d.document_id, [p.page for p in d.pages]) for d in results.documents], results


def test_same_file_twice_is_stored_once_and_linked_twice(app, alpha_request, make_request):
    other_request = make_request(title="Second request")
    data = b"Minutes: the department is working closely with the regulator."
    assert _ingest(app, alpha_request, data, "minutes.txt")[0] == "imported"
    status, _, reason = _ingest(app, alpha_request, data, "minutes.txt")
    assert (status, reason) == ("duplicate", "Already stored on this request.")
    assert _ingest(app, other_request, data, "minutes.txt")[0] == "imported"
    from casetracker.documents.models import Document, StoredFile

    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(StoredFile.id))) == 1
        assert db.session.scalar(db.select(db.func.count(Document.id))) == 2
    assert len(_files(app)) == 1


def test_corrupt_pdf_is_refused_and_leaves_nothing(app, alpha_request):
    from casetracker.documents.models import Document

    status, document_id, reason = _ingest(app, alpha_request, b"%PDF-1.7\n1 0 obj << /Type /Catalog", "broken.pdf")
    assert status == "failed" and document_id is None and reason
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Document.id))) == 0
    assert _files(app) == []


def test_zip_bomb_is_refused_and_leaves_nothing(app, alpha_request):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("zeros.txt", b"\0" * (60 * 1024 * 1024))
    status, document_id, reason = _ingest(app, alpha_request, buffer.getvalue(), "bomb.zip")
    assert status == "failed" and document_id is None
    assert "zip" in reason.lower() or "compress" in reason.lower()
    assert _files(app) == []


def test_search_finds_only_own_team_documents(app, actors, alpha_request, make_request):
    beta_request = make_request(title="Beta's", team="beta")
    _, alpha_doc, _ = _ingest(app, alpha_request, b"The DPIA was signed off late.", "alpha.txt")
    _, beta_doc, _ = _ingest(app, beta_request, b"The DPIA was never shared.", "beta.txt")
    hits, _ = _search(app, "DPIA", [actors.team_ids["alpha"]])
    assert hits == [(alpha_doc, [1])]
    hits, results = _search(app, "DPIA", [actors.team_ids["beta"]])
    assert hits == [(beta_doc, [1])]
    assert results.total_documents == 1


def test_seed_story_found_by_phrase_with_highlight(app, alpha_request):
    path = shared_file("../seed-story.txt")
    _, document_id, _ = _ingest(app, alpha_request, path.read_bytes(), "seed-story.txt")
    hits, results = _search(app, '"working closely"', [1, 2])
    assert [h[0] for h in hits] == [document_id]
    snippet = results.documents[0].pages[0].snippet_html
    assert "“<mark>working closely</mark>”" in snippet  # the phrase is marked whole


def test_deleting_a_document_removes_its_pages_from_search(app, actors, auth, alpha_request):
    _, document_id, _ = _ingest(app, alpha_request, b"Unique word zanzibarite here.", "z.txt")
    assert _search(app, "zanzibarite", [actors.team_ids["alpha"]])[0] == [(document_id, [1])]
    auth.login("editor")
    assert auth.post(f"/documents/{document_id}/delete").status_code == 302
    assert _search(app, "zanzibarite", [actors.team_ids["alpha"]])[0] == []


def test_rolled_back_upload_leaves_no_file_and_no_index_entry(app, actors, alpha_request):
    from casetracker.documents.services import ingest_bytes
    from casetracker.info_requests.models import InfoRequest

    with app.app_context():
        r = db.session.get(InfoRequest, alpha_request)
        ingest_bytes(b"Rolled back words quixotically.", "r.txt", team=r.team, info_request=r, actor=None)
        db.session.rollback()
    assert _files(app) == []
    assert _search(app, "quixotically", [actors.team_ids["alpha"]])[0] == []


def test_download_is_an_attachment_never_inline(app, auth, alpha_request):
    _, document_id, _ = _ingest(app, alpha_request, b"<html><script>alert(1)</script></html>", "evil.html")
    auth.login("viewer")
    response = auth.get(f"/documents/{document_id}/download")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Type"].count("charset") <= 1
    assert "sandbox" in response.headers["Content-Security-Policy"]
    assert response.get_data() == b"<html><script>alert(1)</script></html>"
    response.close()


def test_search_page_escapes_snippets_and_survives_malformed_query(app, auth, alpha_request):
    _ingest(app, alpha_request, b"Danger <script>alert(1)</script> near the word pilot.", "x.txt")
    auth.login("viewer")
    page = auth.get("/search?q=pilot").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page
    malformed = auth.get('/search?q="pilot AND (').get_data(as_text=True)
    assert "plain words" in malformed
    too_long = auth.get("/search?q=" + "a" * 2000)
    assert too_long.status_code == 400


def test_reindex_after_index_folder_deleted(app, runner, actors, alpha_request):
    import shutil

    app.config["SEARCH_BACKEND"] = "whoosh"  # the index folder is Whoosh's; PostgreSQL has none

    _, document_id, _ = _ingest(app, alpha_request, b"Reindexed words pterodactyl.", "p.txt")
    shutil.rmtree(app.config["SEARCH_INDEX_PATH"])
    result = runner.invoke(args=["search", "reindex"])
    assert result.exit_code == 0, result.output
    assert "Reindexed 1 pages." in result.output
    assert _search(app, "pterodactyl", [actors.team_ids["alpha"]])[0] == [(document_id, [1])]


def test_cli_import_json_and_search_json(app, runner, actors, alpha_request, tmp_path):
    folder = tmp_path / "release"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("The ICO was not consulted.")
    (folder / "sub" / "b.txt").write_text("The ICO was consulted later.")
    (folder / "sub" / "broken.pdf").write_bytes(b"%PDF-1.4 garbage")
    (folder / "empty.txt").write_bytes(b"")
    result = runner.invoke(args=["documents", "import", str(folder), "--request", "CT-2022-0001", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    by_name = {Path(r["path"]).name: r for r in rows}
    assert set(by_name) == {"a.txt", "b.txt", "broken.pdf", "empty.txt"}
    assert by_name["a.txt"]["status"] == "imported" and by_name["a.txt"]["pages"] == 1
    assert by_name["broken.pdf"]["status"] == "failed" and by_name["broken.pdf"]["document_id"] is None
    assert by_name["empty.txt"]["status"] == "failed"
    assert set(rows[0]) == {"path", "document_id", "pages", "ocr_pages", "ocr_confidence", "status", "reason", "kind", "search", "children"}
    again = json.loads(runner.invoke(args=["documents", "import", str(folder / "a.txt"), "--request", "CT-2022-0001", "--json"]).stdout)
    assert again[0]["status"] == "duplicate"

    hits = json.loads(runner.invoke(args=["search", "consulted", "--team", "alpha", "--json"]).stdout)
    assert sorted((h["document_id"], h["page"], h["request"]) for h in hits) == sorted(
        [(by_name["a.txt"]["document_id"], 1, "CT-2022-0001"), (by_name["b.txt"]["document_id"], 1, "CT-2022-0001")])
    assert set(hits[0]) == {"document_id", "title", "page", "snippet", "request"}
    assert "<mark>consulted</mark>" in hits[0]["snippet"]
    assert json.loads(runner.invoke(args=["search", "consulted", "--team", "beta", "--json"]).stdout) == []


def test_cli_import_misuse_exits_2(runner, actors, alpha_request, tmp_path):
    assert runner.invoke(args=["documents", "import", str(tmp_path / "nope"), "--request", "CT-2022-0001"]).exit_code == 2
    assert runner.invoke(args=["documents", "import", str(tmp_path), "--request", "CT-1999-9999"]).exit_code == 2


def test_two_processes_importing_at_once_both_land(app, actors, alpha_request, tmp_path):
    """Two `flask documents import` processes share one database and index; nothing is lost."""
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "CASETRACKER_SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
           "CASETRACKER_SEARCH_INDEX_PATH": app.config["SEARCH_INDEX_PATH"],
           "CASETRACKER_FILES_PATH": app.config["FILES_PATH"], "CASETRACKER_SECRET_KEY": "x",
           "CASETRACKER_INSTANCE_PATH": str(tmp_path / "inst")}
    batches = []
    for batch in ("one", "two"):
        folder = tmp_path / batch
        folder.mkdir()
        for i in range(15):
            (folder / f"{batch}-{i}.txt").write_text(f"Batch {batch} file {i} mentions concurrencyword.")
        batches.append(folder)
    procs = [subprocess.Popen([sys.executable, "-m", "flask", "--app", "casetracker", "documents", "import", str(folder),
                               "--request", "CT-2022-0001", "--json"], cwd=root, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for folder in batches]
    outputs = [p.communicate(timeout=300) for p in procs]
    for proc, (out, err) in zip(procs, outputs):
        assert proc.returncode == 0, err
        assert [r["status"] for r in json.loads(out)] == ["imported"] * 15
    from casetracker.documents.indexing import index_for_search

    with app.app_context():
        results = index_for_search().search("concurrencyword", team_ids=[actors.team_ids["alpha"]], per_page=100)
    assert results.total_documents == 30


def test_savepoint_release_does_not_write_the_index_early(app, actors, alpha_request):
    from casetracker.documents.services import ingest_bytes
    from casetracker.info_requests.models import InfoRequest

    with app.app_context():
        r = db.session.get(InfoRequest, alpha_request)
        with db.session.begin_nested():
            ingest_bytes(b"Savepoint words xylophonist.", "s.txt", team=r.team, info_request=r, actor=None)
        from casetracker.documents.indexing import get_index

        index = get_index()
        index.ensure()
        assert index.search("xylophonist", team_ids=[actors.team_ids["alpha"]]).documents == []
        db.session.rollback()
    assert _files(app) == []
    assert _search(app, "xylophonist", [actors.team_ids["alpha"]])[0] == []


def test_scanned_page_found_by_a_word_only_ocr_could_read(app, actors, alpha_request):
    """A PDF page with no text layer is OCR'd on import, then found by search (CI installs Tesseract)."""
    import os

    from casetracker.documents.extraction import tesseract_available

    if not tesseract_available():
        if os.environ.get("CI"):
            pytest.fail("CI must install tesseract-ocr so scanned pages are searchable")
        pytest.skip("tesseract-ocr is not installed")
    data = shared_file("OCRmyPDF/c02-22.pdf").read_bytes()
    status, document_id, _ = _ingest(app, alpha_request, data, "c02-22.pdf")
    assert status == "imported"
    from casetracker.documents.models import DocumentPage

    with app.app_context():
        page = db.session.scalar(db.select(DocumentPage).where(DocumentPage.document_id == document_id))
        assert (page.number, page.method) == (1, "ocr")
    hits, results = _search(app, "toeing", [actors.team_ids["alpha"]])
    assert hits == [(document_id, [1])]
    assert "<mark>" in results.documents[0].pages[0].snippet_html


def test_cli_import_summary_says_when_nothing_was_added(runner, actors, alpha_request, tmp_path):
    tmp_path = tmp_path / "release"
    tmp_path.mkdir()
    (tmp_path / "a.txt").write_text("First words.")
    (tmp_path / "b.txt").write_text("Second words.")
    first = runner.invoke(args=["documents", "import", str(tmp_path), "--request", "CT-2022-0001"])
    assert "2 imported, 0 already stored (nothing added), 0 failed." in first.stdout
    again = runner.invoke(args=["documents", "import", str(tmp_path), "--request", "CT-2022-0001"])
    assert "0 imported, 2 already stored (nothing added), 0 failed." in again.stdout
    assert again.exit_code == 0


def test_document_page_marks_hits_in_the_whole_page_and_escapes_it(app, auth, alpha_request):
    _, document_id, _ = _ingest(app, alpha_request, b"<b>bold</b> claim: we are working closely.", "w.txt")
    auth.login("viewer")
    page = auth.get(f"/documents/{document_id}?q=working").get_data(as_text=True)
    assert "&lt;b&gt;bold&lt;/b&gt; claim: we are <mark>working</mark> closely." in page
    assert "<b>bold</b>" not in page


def test_broken_index_is_reported_not_a_500(app, auth, alpha_request):
    import shutil

    app.config["SEARCH_BACKEND"] = "whoosh"  # the index folder is Whoosh's; PostgreSQL has none

    _ingest(app, alpha_request, b"Some words.", "w.txt")
    shutil.rmtree(app.config["SEARCH_INDEX_PATH"])
    auth.login("viewer")
    response = auth.get("/search?q=words")
    assert response.status_code == 503
    assert "flask --app casetracker search reindex" in response.get_data(as_text=True)
