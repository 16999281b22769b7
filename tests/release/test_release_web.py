"""The release-safety check on upload, on demand and before release; redaction from the document page."""

from __future__ import annotations

import io
import re
from datetime import date

import pymupdf
import pytest

from casetracker.audit.models import AuditEvent
from casetracker.documents.models import Document
from casetracker.documents.services import blob_file, ingest_bytes
from casetracker.extensions import db
from casetracker.info_requests.models import InfoRequest
from casetracker.release.models import Redaction, ReleaseAcknowledgement, ReleaseCheck
from tests.release.fixtures import pdf_to_redact, pdf_with_box_and_unapplied_redaction


@pytest.fixture
def case(app, make_request):
    """A request from Jo Bloggs with two documents: minutes naming Jo, and a PDF with a black box over text."""
    request_id = make_request(requester_name="Jo Bloggs", requester_email="jo.bloggs@example.net",
                              sent_on=date(2022, 5, 24))
    with app.app_context():
        r = db.session.get(InfoRequest, request_id)
        minutes = ingest_bytes(pdf_to_redact(), "minutes.pdf", team=r.team, info_request=r, actor=None).document
        boxed = ingest_bytes(pdf_with_box_and_unapplied_redaction(), "boxed.pdf", team=r.team, info_request=r,
                             actor=None).document
        db.session.commit()
        return {"request": request_id, "minutes": minutes.id, "boxed": boxed.id}


def _respond(auth, request_id, files, **extra):
    data = {"kind": "response", "direction": "outgoing", "dated": "2022-06-10", "outcome": "disclosed-in-part",
            "from_text": "", "to_text": "", "subject": "", "body": "", "attachments": files} | extra
    return auth.post(f"/requests/{request_id}/correspondence/new", data, content_type="multipart/form-data")


def test_upload_stores_the_findings_of_the_queued_check(app, auth, make_request):
    request_id = make_request(requester_name="Jo Bloggs")
    auth.login("editor")
    response = auth.post(f"/requests/{request_id}/documents",
                         {"files": (io.BytesIO(pdf_with_box_and_unapplied_redaction()), "boxed.pdf"),
                          "ocr_languages": ""}, content_type="multipart/form-data")
    assert response.status_code == 303
    with app.app_context():
        document = db.session.scalar(db.select(Document).where(Document.filename == "boxed.pdf"))
        row = db.session.get(ReleaseCheck, document.id)
        assert [(f["kind"], f["where"]) for f in row.findings] == [
            ("text_under_box", "page 1 at (160, 118, 260, 135)"), ("redaction_annotation", "page 2 at (128, 88, 220, 104)"),
            ("metadata", "document information"), ("metadata", "document information"),
            ("metadata", "document information")]
        document_id = document.id
    page = auth.get(f"/documents/{document_id}").get_data(as_text=True)
    assert "text_under_box" in page and "a filled box covers text still in the text layer: Pat Clerk" in page


@pytest.mark.parametrize("who, status", [("viewer", 403), ("editor", 303), ("other", 404)])
def test_check_on_demand_by_role(app, auth, case, who, status):
    auth.login(who)
    assert auth.post(f"/documents/{case['minutes']}/release-check", {}).status_code == status
    with app.app_context():
        row = db.session.get(ReleaseCheck, case["minutes"])
        if status == 303:
            assert [f["detail"] for f in row.findings if f["kind"] == "personal_data"] == [
                "email address: jo.bloggs@example.net", "phone number: 020 7946 0018",
                "the requester's name: Jo Bloggs", "the requester's name: Jo Bloggs"]
            event = db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "document.release_checked"))
            assert "jo.bloggs@example.net" not in str(event.after)
        else:
            assert row is None


def test_response_attachment_refused_until_each_finding_is_acknowledged(app, auth, case, actors):
    auth.login("editor")
    response = _respond(auth, case["request"], (io.BytesIO(pdf_with_box_and_unapplied_redaction()), "box2.pdf"))
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Not released: the release-safety check found what it would leak. box2.pdf: text_under_box at page 1 " \
           "at (160, 118, 260, 135); redaction_annotation at page 2 at (128, 88, 220, 104)" in html
    with app.app_context():
        assert db.session.scalar(db.select(Document).where(Document.filename == "box2.pdf")) is None
    response = _respond(auth, case["request"], (io.BytesIO(pdf_with_box_and_unapplied_redaction()), "box2.pdf"),
                        acknowledge_findings="y")
    assert response.status_code == 302
    with app.app_context():
        document = db.session.scalar(db.select(Document).where(Document.filename == "box2.pdf"))
        acks = db.session.scalars(db.select(ReleaseAcknowledgement)
                                  .where(ReleaseAcknowledgement.document_id == document.id)).all()
        assert {a.acknowledged_by_id for a in acks} == {actors.ids["editor"]} and len(acks) == 5
        event = db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "document.release_acknowledged"))
        assert (event.actor_id, event.object_id) == (actors.ids["editor"], document.id)
        assert event.after["findings"][:2] == ["text_under_box at page 1 at (160, 118, 260, 135)",
                                               "redaction_annotation at page 2 at (128, 88, 220, 104)"]


def _answer_with(app, request_id, document_ids):
    from casetracker.correspondence.services import record_correspondence

    with app.app_context():
        record_correspondence(db.session.get(InfoRequest, request_id), actor=None, kind="response",
                              direction="outgoing", dated=date(2022, 6, 10), document_ids=document_ids)
        db.session.commit()


def _publish(auth, request_id):
    return auth.post(f"/requests/{request_id}/publish", {"embargo_until": "", "exemptions": "", "summary": ""})


def test_publishing_is_refused_until_the_document_page_acknowledges_each(app, auth, case):
    _answer_with(app, case["request"], [case["boxed"]])
    auth.login("editor")
    refused = _publish(auth, case["request"])
    assert refused.status_code == 422
    assert "boxed.pdf: text_under_box at page 1 at (160, 118, 260, 135)" in refused.get_data(as_text=True)
    page = auth.get(f"/documents/{case['boxed']}").get_data(as_text=True)
    keys = re.findall(r'name="ack-findings" type="checkbox" value="([^"]+)"', page)
    assert len(keys) == 5
    some = auth.post(f"/documents/{case['boxed']}/release-check/acknowledge", {"ack-findings": keys[:4]},
                     follow_redirects=True)
    assert "Tick each finding to acknowledge it; 1 not ticked." in some.get_data(as_text=True)
    assert _publish(auth, case["request"]).status_code == 422
    done = auth.post(f"/documents/{case['boxed']}/release-check/acknowledge",
                     {"ack-findings": [k.replace("&#39;", "'").replace("&amp;", "&") for k in keys]},
                     follow_redirects=True)
    assert "5 findings acknowledged" in done.get_data(as_text=True)
    assert _publish(auth, case["request"]).status_code == 302


def test_redaction_from_the_document_page(app, auth, case):
    auth.login("editor")
    url = f"/documents/{case['minutes']}/redact"
    assert auth.get(url).status_code == 200
    for text, page, reason in (("Jo Bloggs", "", "s40(2)"), ("jo.bloggs@example.net", "1", "s40(2)"),
                               ("47,000", "2", "s43(2)")):
        added = auth.post(url + "/marks", {"mark-text": text, "mark-page": page, "mark-area": "",
                                           "mark-reason": reason})
        assert added.status_code == 303, added.get_data(as_text=True)
    missing = auth.post(url + "/marks", {"mark-text": "", "mark-page": "1", "mark-area": "72, 90, 10, 110",
                                         "mark-reason": "s40(2)"})
    assert missing.status_code == 422
    assert "Give the area as four numbers" in missing.get_data(as_text=True)
    made = auth.post(url, {"redact-rasterise": ""})
    assert made.status_code == 303
    with app.app_context():
        redaction = db.session.scalar(db.select(Redaction).where(Redaction.original_id == case["minutes"]))
        copy = db.session.get(Document, redaction.redacted_id)
        assert copy.filename == "minutes (redacted).pdf"
        people = "s40(2) personal information about other people"
        assert redaction.log == [[1, people], [1, people], [2, people], [2, "s43(2) commercial interests"]]
        data = blob_file(copy).read_bytes()
        text = " ".join(p.text for p in copy.pages)
        for secret in ("Jo Bloggs", "jo.bloggs@example.net", "47,000"):
            assert secret not in text
        with pymupdf.open(stream=data, filetype="pdf") as doc:
            assert "Jo Bloggs" not in doc.metadata["author"] + doc.metadata["title"]
        row = db.session.get(ReleaseCheck, copy.id)
        assert [f for f in row.findings if f["kind"] in ("text_under_box", "redaction_annotation")] == []
        copy_id = copy.id
    assert "Redacted copy of" in auth.get(f"/documents/{copy_id}").get_data(as_text=True)
    # The original is never released; its copy may be.
    _answer_with(app, case["request"], [case["minutes"]])
    refused = _publish(auth, case["request"])
    assert refused.status_code == 422
    assert "minutes.pdf: redacted_original at file" in refused.get_data(as_text=True)
    # Released with its copy, once the copy's own findings are acknowledged; an original attached later stays off.
    from casetracker.auth.models import User
    from casetracker.disclosure.services import public_entry, publish_response
    from casetracker.release.services import acknowledge_findings, unacknowledged

    with app.app_context():
        r = db.session.get(InfoRequest, case["request"])
        copy = db.session.get(Document, copy_id)
        editor = db.session.scalar(db.select(User).where(User.email == "editor@example.org"))
        if found := unacknowledged(copy):
            acknowledge_findings(copy, [f.key for f in found], actor=editor)
        from casetracker.correspondence.models import Correspondence, CorrespondenceAttachment

        response = db.session.scalar(db.select(Correspondence).where(Correspondence.kind == "response"))
        attached = db.session.scalar(db.select(CorrespondenceAttachment).where(
            CorrespondenceAttachment.document_id == case["minutes"]))
        attached.document_id = copy_id
        db.session.flush()
        publication = publish_response(r, actor=editor)
        db.session.add(CorrespondenceAttachment(correspondence_id=response.id, document_id=case["minutes"]))
        db.session.commit()
        shown = public_entry(publication.id, date(2030, 1, 1))
        assert [(name, why) for _id, name, why in shown.documents] == [
            ("minutes.pdf", "withheld: a redacted copy of it is released instead"), ("minutes (redacted).pdf", "")]


@pytest.mark.parametrize("who, status", [("viewer", 403), ("other", 404)])
def test_redaction_page_by_role(auth, case, who, status):
    auth.login(who)
    assert auth.get(f"/documents/{case['minutes']}/redact").status_code == status
    assert auth.post(f"/documents/{case['minutes']}/redact/marks",
                     {"mark-text": "Jo Bloggs", "mark-page": "", "mark-area": "", "mark-reason": "s40(2)"}
                     ).status_code == status


def test_a_passage_not_found_stores_nothing(app, auth, case):
    auth.login("editor")
    url = f"/documents/{case['minutes']}/redact"
    auth.post(url + "/marks", {"mark-text": "Jo Smith", "mark-page": "", "mark-area": "", "mark-reason": "s40(2)"})
    refused = auth.post(url, {})
    assert refused.status_code == 422
    assert "“Jo Smith” is not on any page of the text layer." in refused.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(db.select(Redaction)) is None
        assert db.session.scalar(db.select(Document).where(Document.filename == "minutes (redacted).pdf")) is None
