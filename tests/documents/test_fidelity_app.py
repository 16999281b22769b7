"""Extraction fidelity through the app: what is stored, shown and found by search."""

from __future__ import annotations

import io
import json
import shutil
from datetime import date, datetime
from email.message import EmailMessage

import docx
import pytest

from casetracker.extensions import db
from tests.conftest import shared_file
from tests.documents.fidelity_files import WELSH_LINES, garbage_pdf, needs_ocr_language, private_use, welsh_scan

REF = "CT-2022-0001"


@pytest.fixture
def needs_tesseract():
    from casetracker.documents.extraction import tesseract_available

    if not tesseract_available():
        pytest.skip("tesseract-ocr (with English data) is not installed; apt-get install tesseract-ocr")


@pytest.fixture
def alpha_request(app, make_request):
    return make_request(title="Bus lane enforcement")


def _search(app, text, team="alpha"):
    from casetracker.auth.models import Team
    from casetracker.documents.indexing import index_for_search

    with app.app_context():
        team_id = db.session.scalar(db.select(Team.id).where(Team.name == team))
        index = index_for_search()
        try:
            results = index.search(text, team_ids=[team_id])
        finally:
            index.close()
        return [(d.document_id, [p.page for p in d.pages]) for d in results.documents]


def _import(runner, tmp_path, name, data, *extra):
    path = tmp_path / name
    path.write_bytes(data)
    result = runner.invoke(args=["documents", "import", str(path), "--request", REF, "--json", *extra])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _document(app, document_id):
    from casetracker.documents.models import Document

    with app.app_context():
        document = db.session.get(Document, document_id)
        db.session.expunge(document)
        return document


def _pages(app, document_id):
    from casetracker.documents.models import DocumentPage

    with app.app_context():
        return [(p.number, p.method, p.note, p.text) for p in db.session.scalars(
            db.select(DocumentPage).where(DocumentPage.document_id == document_id).order_by(DocumentPage.number))]


def test_a_pdf_whose_text_layer_is_garbage_is_found_by_a_word_on_its_page(app, runner, auth, alpha_request,
                                                                           tmp_path, needs_tesseract):
    (row,) = _import(runner, tmp_path, "survey.pdf", garbage_pdf(["Pterodactyl survey results"], private_use))

    assert (row["status"], row["pages"], row["ocr_pages"]) == ("imported", 1, 1)
    assert _pages(app, row["document_id"]) == [(1, "ocr", "text layer unreadable; OCR used", "Pterodactyl survey results")]
    assert _search(app, "pterodactyl") == [(row["document_id"], [1])]
    auth.login("viewer")
    html = auth.get(f"/documents/{row['document_id']}").get_data(as_text=True)
    assert "(ocr: text layer unreadable; OCR used; OCR confidence " in html


def test_a_welsh_scan_is_found_by_a_welsh_word_with_cym(app, runner, alpha_request, tmp_path, needs_tesseract):
    needs_ocr_language("cym")
    (row,) = _import(runner, tmp_path, "sgan.png", welsh_scan(), "--ocr-lang", "cym")

    assert (row["status"], row["ocr_pages"]) == ("imported", 1)
    assert _document(app, row["document_id"]).ocr_languages == "cym"
    assert WELSH_LINES[1] in _pages(app, row["document_id"])[0][3]
    assert _search(app, "wybodaeth") == [(row["document_id"], [1])]
    assert _search(app, '"ynglŷn â\'r ysgol"') == [(row["document_id"], [1])]


def test_the_team_setting_gives_the_ocr_languages_of_its_uploads(app, runner, auth, alpha_request, tmp_path,
                                                                   needs_tesseract):
    needs_ocr_language("cym")
    set_result = runner.invoke(args=["documents", "ocr-lang", "cym+eng", "--team", "alpha"])
    assert set_result.exit_code == 0, set_result.output
    assert set_result.output == "Scans of team alpha are now read in cym+eng.\n"

    (row,) = _import(runner, tmp_path, "sgan.png", welsh_scan())
    assert _document(app, row["document_id"]).ocr_languages == "cym+eng"

    auth.login("editor")
    page = auth.get(f"/requests/{alpha_request}/documents").get_data(as_text=True)
    assert "blank reads scans in the team's languages (cym+eng)" in page
    response = auth.post(f"/requests/{alpha_request}/documents",
                         {"files": (io.BytesIO(welsh_scan()), "ail-sgan.png"), "ocr_languages": "cym"},
                         content_type="multipart/form-data")
    assert response.status_code == 303  # queued; the test app runs the job at once (QUEUE_IMMEDIATE)
    with app.app_context():
        from casetracker.documents.models import Document

        uploaded = db.session.scalar(db.select(Document).where(Document.filename == "ail-sgan.png"))
        assert uploaded.ocr_languages == "cym"


def test_ocr_languages_that_are_not_installed_are_refused_with_the_package_to_install(app, runner, auth,
                                                                                        alpha_request, tmp_path):
    (tmp_path / "a.txt").write_text("text")
    result = runner.invoke(args=["documents", "import", str(tmp_path / "a.txt"), "--request", REF,
                                 "--ocr-lang", "xyz"])
    assert result.exit_code == 2
    assert "install the Debian package tesseract-ocr" in result.output
    assert runner.invoke(args=["documents", "ocr-lang", "not a language", "--team", "alpha"]).exit_code == 2

    auth.login("editor")
    response = auth.post(f"/requests/{alpha_request}/documents",
                         {"files": (io.BytesIO(b"text"), "a.txt"), "ocr_languages": "xyz"},
                         content_type="multipart/form-data")
    assert response.status_code == 422
    assert "install the Debian package tesseract-ocr" in response.get_data(as_text=True)
    with app.app_context():
        from casetracker.documents.models import Document

        assert db.session.scalar(db.select(db.func.count(Document.id))) == 0


def _letter(date_line: str, created: datetime) -> bytes:
    document = docx.Document()
    for line in ["Highways Department", "County Hall", "Our ref: FOI/2021/118", date_line, "",
                 "Dear Ms Evans,", "Thank you for your request of 1 February 2021 about bus lane fines."]:
        document.add_paragraph(line)
    document.core_properties.created = created
    document.core_properties.modified = datetime(2023, 7, 9, 8, 15)
    document.core_properties.author = "J. Clerk"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("date_line", ["3 March 2021", "3rd March 2021", "03/03/2021", "Wednesday, 3 March 2021"])
def test_a_letter_is_dated_by_its_face_and_found_by_a_date_range_around_it(app, runner, auth, alpha_request,
                                                                            tmp_path, date_line):
    (row,) = _import(runner, tmp_path, "reply.docx", _letter(date_line, datetime(2015, 6, 1, 12, 0)))

    document = _document(app, row["document_id"])
    assert (document.document_date, document.date_source) == (date(2021, 3, 3), "date line")
    assert document.file_created_uk.date() == date(2015, 6, 1)
    assert document.file_author == "J. Clerk"
    assert _search(app, "date:[2021-03-01 TO 2021-03-05]") == [(row["document_id"], [1])]
    assert _search(app, "fines date:[2021-03-03 TO 2021-03-03]") == [(row["document_id"], [1])]
    assert _search(app, "date:[2015-01-01 TO 2015-12-31]") == []
    assert _search(app, "date:[2021-02-01 TO 2021-02-28]") == []

    auth.login("viewer")
    html = auth.get(f"/documents/{row['document_id']}").get_data(as_text=True)
    assert "3 March 2021 <span class=\"text-muted\">(from its date line)</span>" in html
    assert ('<dd class="col-10" id="file-metadata">created Mon 1 Jun 2015 13:00; modified Sun 9 Jul 2023 09:15; '
            'author J. Clerk</dd>') in html


def test_a_page_with_no_date_line_is_dated_by_its_earliest_plausible_date(app, runner, alpha_request, tmp_path):
    text = ("We wrote on 14 February 2022 and again on 2 March 2022 about the 1998 contract (signed 5 May 1975). "
            "A review is due on 1 January 2099.").encode()
    (row,) = _import(runner, tmp_path, "note.txt", text)

    document = _document(app, row["document_id"])
    assert (document.document_date, document.date_source) == (date(2022, 2, 14), "first page")


def _eml(body: str, attachments=()) -> bytes:
    message = EmailMessage()
    message["From"] = "FOI Team <foi@council.gov.uk>"
    message["To"] = "me@example.org"
    message["Subject"] = "Enforcement ﬁgures"
    message["Date"] = "Wed, 03 Mar 2021 10:00:00 +0000"
    message["Message-ID"] = "<figures@council.gov.uk>"
    message.set_content(body)
    for name, data, maintype, subtype in attachments:
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return bytes(message)


def _docx(text: str) -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_search_for_file_finds_ligatures_in_text_email_and_office_files(app, runner, alpha_request, tmp_path):
    ids = []
    for name, data in [("note.txt", "The ﬁle was closed in March.".encode()),
                       ("mail.eml", _eml("The ﬁle was closed in April.")),
                       ("letter.docx", _docx("The ﬁle was closed in May."))]:
        (row,) = _import(runner, tmp_path, name, data)
        ids.append(row["document_id"])

    assert sorted(_search(app, "file")) == sorted((document_id, [1]) for document_id in ids)
    assert sorted(_search(app, '"file was closed"')) == sorted((document_id, [1]) for document_id in ids)


def test_import_json_nests_zip_members_under_their_zip_with_their_own_status(app, runner, alpha_request, tmp_path):
    (row,) = _import(runner, tmp_path, "test-documents.zip", shared_file("ingest-file/test-documents.zip").read_bytes())

    assert (row["status"], row["kind"], row["document_id"] is not None) == ("imported", "zip", True)
    children = {child["path"]: child for child in row["children"]}
    assert sorted(children) == ["testEXCEL.xls", "testHTML.html", "testOpenOffice2.odt", "testPDF.pdf",
                                "testPPT.ppt", "testRTF.rtf", "testTXT.txt", "testWORD.doc", "testXML.xml"]
    assert {path: child["status"] for path, child in children.items() if path != "testPPT.ppt"} == dict.fromkeys(
        ["testEXCEL.xls", "testHTML.html", "testOpenOffice2.odt", "testPDF.pdf", "testRTF.rtf", "testTXT.txt",
         "testWORD.doc", "testXML.xml"], "imported")
    ppt = children["testPPT.ppt"]
    if shutil.which("soffice") is None:
        assert ppt["status"] == "failed"
        assert ppt["reason"].endswith("install the Debian package libreoffice-impress (or save the file as .pptx or PDF).")
        assert ppt["document_id"] is None
    else:  # read through LibreOffice, and searchable by a word of its one slide
        assert (ppt["status"], ppt["kind"], ppt["pages"]) == ("imported", "ppt", 1)
        assert _search(app, '"Sample Powerpoint Slide"') == [(ppt["document_id"], [1])]
    assert set(ppt) == {"path", "document_id", "pages", "ocr_pages", "ocr_confidence", "status", "reason", "kind", "search", "children"}
    assert children["testPDF.pdf"]["pages"] >= 1 and children["testPDF.pdf"]["kind"] == "pdf"


def test_import_json_nests_email_attachments_with_their_own_status(app, runner, alpha_request, tmp_path):
    raw = _eml("Figures attached.", [("figures.txt", b"412 fines in March.", "text", "plain"),
                                     ("broken.pdf", b"%PDF-1.4 garbage", "application", "pdf")])
    (row,) = _import(runner, tmp_path, "reply.eml", raw)

    assert (row["status"], row["kind"]) == ("imported", "eml")
    assert [(c["path"], c["status"], c["kind"], c["pages"]) for c in row["children"]] == [
        ("figures.txt", "imported", "txt", 1), ("broken.pdf", "failed", "", 0)]
    assert row["children"][1]["reason"] == "This PDF is damaged or incomplete and cannot be opened."
    assert row["children"][0]["children"] == []


def test_a_pptx_and_a_doc_are_imported_and_searchable(app, runner, alpha_request, tmp_path):
    import shutil

    import pptx

    deck = pptx.Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[1])
    slide.shapes.title.text = "Camera enforcement"
    slide.placeholders[1].text = "Quarterly tribunal appeals"
    buffer = io.BytesIO()
    deck.save(buffer)
    (deck_row,) = _import(runner, tmp_path, "deck.pptx", buffer.getvalue())
    assert (deck_row["status"], deck_row["kind"], deck_row["pages"]) == ("imported", "pptx", 1)
    assert _search(app, "tribunal") == [(deck_row["document_id"], [1])]

    if shutil.which("antiword"):
        (doc_row,) = _import(runner, tmp_path, "doc.doc", shared_file("ingest-file/doc.doc").read_bytes())
        assert (doc_row["status"], doc_row["kind"]) == ("imported", "doc")
        assert _search(app, '"sample Microsoft Word Document"') == [(doc_row["document_id"], [1])]


@pytest.mark.parametrize("who, status", [("anonymous", 302), ("viewer", 403), ("editor", 403), ("other", 404)])
def test_only_a_team_admin_may_set_its_ocr_languages(app, auth, alpha_request, who, status):
    from casetracker.documents.models import TeamDocumentSettings

    auth.login(who)
    if who == "editor":
        page = auth.get(f"/requests/{alpha_request}/documents").get_data(as_text=True)
        assert 'id="upload-form"' in page and 'id="team-ocr-languages"' not in page
    response = auth.post(f"/teams/{_team_id(app)}/ocr-languages", {"ocr_languages": "eng", "request_id": alpha_request})
    assert response.status_code == status
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(TeamDocumentSettings)) == 0


def test_a_team_admin_sets_the_ocr_languages_on_the_documents_page(app, auth, alpha_request):
    from casetracker.documents.ocr_settings import ocr_languages_for

    needs_ocr_language("cym")
    auth.login("admin")
    page = auth.get(f"/requests/{alpha_request}/documents").get_data(as_text=True)
    assert f'action="/teams/{_team_id(app)}/ocr-languages"' in page
    url = f"/teams/{_team_id(app)}/ocr-languages"

    refused = auth.post(url, {"ocr_languages": "xyz", "request_id": alpha_request}, follow_redirects=True)
    assert ("The OCR language data xyz is not installed on this server: install the Debian package "
            "tesseract-ocr-xyz.") in refused.get_data(as_text=True)
    saved = auth.post(url, {"ocr_languages": "cym+eng", "request_id": alpha_request})

    assert (saved.status_code, saved.headers["Location"]) == (302, f"/requests/{alpha_request}/documents")
    with app.app_context():
        from casetracker.auth.models import Team

        assert ocr_languages_for(db.session.get(Team, _team_id(app))) == "cym+eng"


def _team_id(app):
    from casetracker.auth.models import Team

    with app.app_context():
        return db.session.scalar(db.select(Team.id).where(Team.name == "alpha"))
