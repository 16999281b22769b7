"""Imported email bodies are searchable pages of their correspondence; any waiting email can be assigned."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest

from casetracker.extensions import db

BODY = ("Dear Ms Evans,\r\nThe council issued 412 penalty charge notices for the Castle Street bus gate "
        "between January and March 2021.\r\nYours sincerely,\r\nInformation Governance\r\n")


def eml(subject: str, body: str = BODY, *, message_id: str = "<pcn@council.gov.uk>",
        date_header: str = "Wed, 03 Mar 2021 10:00:00 +0000") -> bytes:
    return (f"From: FOI Team <foi@council.gov.uk>\r\nTo: ann@example.org\r\nSubject: {subject}\r\n"
            f"Date: {date_header}\r\nMessage-ID: {message_id}\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n\r\n" + body).encode()


@pytest.fixture
def alpha_request(app, make_request):
    return make_request(title="Castle Street bus gate", received=date(2021, 2, 1))


def _search(app, text):
    from casetracker.auth.models import Team
    from casetracker.documents.indexing import index_for_search

    with app.app_context():
        team_id = db.session.scalar(db.select(Team.id).where(Team.name == "alpha"))
        index = index_for_search()
        try:
            results = index.search(text, team_ids=[team_id])
        finally:
            index.close()
        return [(d.document_id, d.title, [p.page for p in d.pages]) for d in results.documents]


def _body_documents(app):
    from casetracker.correspondence.models import Correspondence
    from casetracker.documents.models import Document

    with app.app_context():
        rows = db.session.execute(
            db.select(Document.id, Document.kind, Document.filename, Document.document_date, Document.date_source,
                      Correspondence.subject)
            .join(Correspondence, Document.correspondence_id == Correspondence.id).order_by(Document.id))
        return [tuple(row) for row in rows]


def test_a_mail_imported_body_is_found_by_a_phrase_of_its_text(app, runner, actors, alpha_request, tmp_path):
    from casetracker.info_requests.models import InfoRequest

    with app.app_context():
        reference = db.session.get(InfoRequest, alpha_request).reference
    path = tmp_path / "reply.eml"
    path.write_bytes(eml(f"Your FOI request {reference}"))
    result = runner.invoke(args=["mail", "import", str(path), "--team", "alpha", "--json"])
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)
    assert (row["status"], row["request"]) == ("imported", reference)

    ((document_id, kind, filename, dated, source, subject),) = _body_documents(app)
    assert (kind, filename, dated, source, subject) == (
        "email", f"Your FOI request {reference}.eml", date(2021, 3, 3), "email header", f"Your FOI request {reference}")
    hit = [(document_id, f"Your FOI request {reference}", [1])]
    assert _search(app, '"penalty charge notices for the Castle Street bus gate"') == hit
    assert _search(app, "type:email bus gate") == hit
    assert _search(app, "type:pdf bus gate") == []
    assert _search(app, "date:[2021-03-01 TO 2021-03-31] penalty") == hit


def test_a_body_uploaded_through_the_mail_page_is_searchable_and_imports_once(app, auth, alpha_request):
    auth.login("editor")
    url = f"/requests/{alpha_request}/mail"
    first = auth.post(url, {"files": [(io.BytesIO(eml("Fines")), "fines.eml")]}, content_type="multipart/form-data",
                      follow_redirects=True)
    again = auth.post(url, {"files": [(io.BytesIO(eml("Fines")), "fines.eml")]}, content_type="multipart/form-data",
                      follow_redirects=True)

    assert "done: 1 imported, 0 already there, 0 to assign, 0 failed" in first.get_data(as_text=True)
    assert "done: 0 imported, 1 already there, 0 to assign, 0 failed" in again.get_data(as_text=True)
    ((document_id, *_),) = _body_documents(app)
    assert _search(app, '"412 penalty charge notices"') == [(document_id, "Fines", [1])]
    with app.app_context():
        from casetracker.documents.models import Document

        entry_id = db.session.get(Document, document_id).correspondence_id
    page = auth.get(f"/documents/{document_id}").get_data(as_text=True)
    assert f'href="/requests/{alpha_request}/correspondence/{entry_id}">its entry in the request' in page


def test_any_waiting_message_can_be_assigned_with_a_warning_when_it_predates_the_request(app, auth, actors,
                                                                                          make_request):
    from casetracker.auth.models import Team
    from casetracker.correspondence.models import Correspondence
    from casetracker.info_requests.models import InfoRequest
    from casetracker.mail.models import UnassignedMessage
    from casetracker.mail.services import import_mail_file

    long_title = "Penalty charge notices issued at the Castle Street bus gate, " * 4
    request_id = make_request(title=long_title.strip(), received=date(2021, 6, 1))
    with app.app_context():
        r = db.session.get(InfoRequest, request_id)
        r.sent_on = date(2021, 6, 1)
        alpha = db.session.scalar(db.select(Team).where(Team.name == "alpha"))
        (kept,) = import_mail_file(eml("Bus gate figures", message_id="<early@council.gov.uk>"), "early.eml",
                                   team=alpha, actor=None)
        db.session.commit()
        reference = r.reference
    assert kept.status == "unassigned"

    auth.login("editor")
    listing = auth.get("/mail/unassigned").get_data(as_text=True)
    assert f'<option value="{request_id}">{reference} · {long_title.strip()}</option>' in listing

    response = auth.post(f"/mail/unassigned/{kept.unassigned_id}/assign", {"request_id": str(request_id)})

    assert response.status_code == 302
    page = auth.get(response.headers["Location"]).get_data(as_text=True)
    assert (f"Email assigned to {reference}: imported. Assigned by hand. Warning: it is dated 3 March 2021, "
            f"before {reference} was sent (1 June 2021); check that it belongs to this request.") in page
    with app.app_context():
        (entry,) = db.session.scalars(db.select(Correspondence).where(Correspondence.request_id == request_id))
        assert (entry.dated, entry.kind_confirmed, entry.moves_clocks) == (date(2021, 3, 3), False, False)
        assert db.session.scalar(db.select(db.func.count(UnassignedMessage.id))) == 0
    assert [row[5] for row in _body_documents(app)] == ["Bus gate figures"]
