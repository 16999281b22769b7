"""A requester with a case of every kind of record: request, correspondence, documents, letter, mail, audit."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from docx import Document as DocxDocument

from casetracker.extensions import db

NAME = "Philippa Quennell"
EMAIL = "p.quennell@example.net"
ADDRESS = "12 Acacia Avenue\nBorchester BC1 2AB"
#: Lower-case forms, as a search index's term dictionary holds them.
NEEDLES = [NAME, EMAIL, "quennell", "acacia avenue"]


def _docx(text: str) -> bytes:
    doc = DocxDocument()
    doc.core_properties.author = NAME
    doc.add_paragraph(text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _eml(subject: str, body: str) -> bytes:
    return (f"From: {NAME} <{EMAIL}>\r\nTo: foi@borsetshire.gov.uk\r\nSubject: {subject}\r\n"
            f"Date: Tue, 24 May 2022 10:00:00 +0100\r\nMessage-ID: <q-{abs(hash(subject))}@example.net>\r\n"
            f"Content-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n").encode()


def build_case(app, *, other: bool = True) -> dict:
    """Open a request for the requester with correspondence, two documents, a letter and unassigned mail."""
    from casetracker.audit.services import record_event
    from casetracker.auth.models import Team, User
    from casetracker.correspondence.services import record_correspondence
    from casetracker.documents.services import ingest_bytes
    from casetracker.info_requests.services import get_or_create_authority, open_request
    from casetracker.mail.services import import_mail_file

    with app.app_context():
        team = db.session.scalar(db.select(Team).where(Team.name == "alpha"))
        editor = db.session.scalar(db.select(User).where(User.email == "editor@example.org"))
        authority = get_or_create_authority(team, "Borsetshire County Council", actor=editor)
        r = open_request(team=team, authority=authority, title="School attendance data",
                         received_on=date(2022, 5, 24), actor=editor, requester_name=NAME, requester_email=EMAIL,
                         requester_address=ADDRESS, body=f"Dear council, I am {NAME} and I ask for attendance figures.")
        note = ingest_bytes(f"Note of a call with {NAME} about the zebrafinch figures.".encode(), "call-note.txt",
                            team=team, info_request=r, actor=editor)
        letter = ingest_bytes(_docx(f"Dear {NAME}, we acknowledge your zebrafinch request."),
                              f"{r.reference}-acknowledgement.docx", team=team, info_request=r, actor=editor)
        record_correspondence(r, actor=editor, kind="request", direction="incoming", dated=date(2022, 5, 24),
                              from_text=f"{NAME} <{EMAIL}>", to_text="foi@borsetshire.gov.uk",
                              subject="Attendance data", body=f"Regards, {NAME}",
                              document_ids=[note.document.id])
        record_correspondence(r, actor=editor, kind="response", direction="outgoing", dated=date(2022, 6, 20),
                              to_text=f"{NAME} <{EMAIL}>", subject="Your request", body="Attached.",
                              document_ids=[letter.document.id], outcome="disclosed-in-full")
        # A copy in the audit trail, as entries were written before issue 17 stored references.
        record_event(actor=editor, action="request.legacy", obj=r, summary=f"Requester {NAME} ({EMAIL}) added",
                     request_id=r.id, team_id=team.id, after={"requester_address": ADDRESS})
        mail = import_mail_file(_eml("Another matter", f"Hello, this is {NAME} again."), "stray.eml",
                                team=team, actor=editor)
        ids = {"request": r.id, "reference": r.reference, "note": note.document.id, "letter": letter.document.id,
               "note_sha": note.document.stored_file.sha256, "letter_sha": letter.document.stored_file.sha256,
               "mail_status": [m.status for m in mail]}
        if other:
            kept = open_request(team=team, authority=authority, title="Bin collection contract",
                                received_on=date(2022, 6, 1), actor=editor, requester_name="Someone Else",
                                requester_email="someone@example.org")
            ids["other"] = kept.id
        db.session.commit()
        return ids


def close(app, request_id: int) -> None:
    from casetracker.auth.models import User
    from casetracker.info_requests.constants import RequestStatus
    from casetracker.info_requests.models import InfoRequest
    from casetracker.info_requests.services import update_request

    with app.app_context():
        editor = db.session.scalar(db.select(User).where(User.email == "editor@example.org"))
        update_request(db.session.get(InfoRequest, request_id), actor=editor, status=RequestStatus.CLOSED)
        db.session.commit()


def files_under(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def case(app, actors):
    return build_case(app)
