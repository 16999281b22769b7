"""The team inbox over IMAP (a real dovecot) into the mail import, and letters sent by email (a real SMTP server)."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import docx

from casetracker.auth.models import User
from casetracker.correspondence.models import Correspondence
from casetracker.documents.models import Document
from casetracker.extensions import db
from casetracker.info_requests.models import InfoRequest
from casetracker.letters.context import build_context
from casetracker.letters.services import generate_letter
from casetracker.mail.models import UnassignedMessage
from casetracker.mailbox.models import MailboxFolder, TeamMailbox
from casetracker.mailbox.secrets import decrypt
from casetracker.timeutil import uk_today
from tests.conftest import AuthClient


def _message(message_id: str, subject: str, body: str, sender: str = "foi@education.gov.uk") -> bytes:
    return (f"From: DfE FOI team <{sender}>\r\nTo: foi@example.org\r\nSubject: {subject}\r\n"
            f"Date: Fri, 10 Jun 2022 10:00:00 +0100\r\nMessage-ID: <{message_id}>\r\n"
            f"Content-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n").encode()


def _connect(app, admin: AuthClient, team_id: int, *, imap_port: int, smtp_port: int, password: str):
    return admin.post(f"/teams/{team_id}/mailbox", {
        "imap_host": "127.0.0.1", "imap_port": str(imap_port), "imap_security": "none",
        "imap_username": "foi@example.org", "imap_password": password, "folders": "INBOX",
        "smtp_host": "127.0.0.1", "smtp_port": str(smtp_port), "smtp_security": "none", "smtp_username": "",
        "smtp_password": "", "from_address": "foi-team@example.org",
    })


def _request(app, make_request) -> tuple[int, str]:
    request_id = make_request(title="Pupil data pilot", received=date(2022, 5, 24), sent_on=date(2022, 5, 24),
                              requester_name="Sian O'Brien", requester_email="sian@example.org")
    with app.app_context():
        r = db.session.get(InfoRequest, request_id)
        r.authority.foi_email = "foi@education.gov.uk"
        db.session.commit()
        return request_id, r.reference


def test_two_fetches_import_each_message_once_match_by_reference_and_keep_the_unmatched(
        app, runner, actors, make_request, dovecot, smtp_server):
    request_id, reference = _request(app, make_request)
    team_id = actors.team_ids["alpha"]
    admin = AuthClient(app.test_client())
    admin.login("admin")
    saved = _connect(app, admin, team_id, imap_port=dovecot.port, smtp_port=smtp_server[0], password=dovecot.PASSWORD)
    assert saved.status_code == 302
    page = admin.get(f"/teams/{team_id}/mailbox").get_data(as_text=True)
    assert dovecot.PASSWORD not in page and "IMAP stored" in page
    with app.app_context():
        mailbox = db.session.scalar(db.select(TeamMailbox))
        assert dovecot.PASSWORD not in mailbox.imap_secret and decrypt(mailbox.imap_secret) == dovecot.PASSWORD
    assert Path(app.instance_path, "mailbox_key").stat().st_mode & 0o777 == 0o600  # like instance/secret_key

    dovecot.deliver(_message("ack-1@education.gov.uk", f"RE: Freedom of information request {reference}",
                             "We received your request and will answer within 20 working days."), "ack")
    dovecot.deliver(_message("lost-1@example.net", "A question", "No reference in here.",
                             sender="someone@example.net"), "lost")
    first = runner.invoke(args=["mail", "fetch", "--team", "alpha", "--json"])
    assert first.exit_code == 0, first.output
    assert json.loads(first.output) == [{"team": "alpha", "imported": 1, "duplicate": 0, "unassigned": 1, "failed": 0,
                                         "error": None, "skipped": False}]

    # A new reply, and the first message again under a new UID (a copy moved back into the inbox).
    dovecot.deliver(_message("response-1@education.gov.uk", f"Response to your request {reference}",
                             "Please find attached our response."), "response")
    dovecot.deliver(_message("ack-1@education.gov.uk", f"RE: Freedom of information request {reference}",
                             "We received your request and will answer within 20 working days."), "ack-copy")
    second = runner.invoke(args=["mail", "fetch", "--team", "alpha"])
    assert second.exit_code == 0, second.output
    assert second.output == "alpha: 1 imported, 1 duplicate, 0 unassigned, 0 failed\n"
    third = runner.invoke(args=["mail", "fetch"])
    assert third.output == "alpha: 0 imported, 0 duplicate, 0 unassigned, 0 failed\n"  # nothing new: nothing read
    with app.app_context():  # the server renumbered the folder (a new UIDVALIDITY): read again, nothing twice
        db.session.scalar(db.select(MailboxFolder)).uidvalidity = 1
        db.session.commit()
    renumbered = runner.invoke(args=["mail", "fetch"])
    assert renumbered.output == "alpha: 0 imported, 4 duplicate, 0 unassigned, 0 failed\n"

    with app.app_context():
        entries = db.session.scalars(db.select(Correspondence).where(Correspondence.request_id == request_id)
                                     .order_by(Correspondence.id)).all()
        assert [(e.message_id, e.kind, e.kind_confirmed) for e in entries] == [
            ("ack-1@education.gov.uk", "acknowledgement", False),
            ("response-1@education.gov.uk", "response", False),
        ]
        kept = db.session.scalars(db.select(UnassignedMessage)).all()
        assert [(k.message_id, k.subject) for k in kept] == [("lost-1@example.net", "A question")]
        folder = db.session.scalar(db.select(MailboxFolder))
        assert (folder.folder, folder.last_uid) == ("INBOX", 4) and folder.uidvalidity not in (0, 1)
        mailbox = db.session.scalar(db.select(TeamMailbox))
        assert mailbox.last_error == "" and mailbox.last_fetched_at is not None and mailbox.lease_until is None
    unassigned = admin.get("/mail/unassigned").get_data(as_text=True)
    assert "A question" in unassigned


def test_a_wrong_password_is_recorded_and_exits_1(app, runner, actors, dovecot, smtp_server):
    admin = AuthClient(app.test_client())
    admin.login("admin")
    _connect(app, admin, actors.team_ids["alpha"], imap_port=dovecot.port, smtp_port=smtp_server[0],
             password="not-the-password")
    result = runner.invoke(args=["mail", "fetch", "--json"])
    assert result.exit_code == 1
    (report,) = json.loads(result.output)
    assert report["error"].startswith("The mail server 127.0.0.1:") and report["imported"] == 0
    with app.app_context():
        assert db.session.scalar(db.select(TeamMailbox.last_error)) == report["error"]


def test_a_letter_sent_from_the_request_page_arrives_with_its_docx_and_is_recorded(
        app, actors, make_request, smtp_server):
    port, inbox = smtp_server
    request_id, reference = _request(app, make_request)
    team_id = actors.team_ids["alpha"]
    admin = AuthClient(app.test_client())
    admin.login("admin")
    assert _connect(app, admin, team_id, imap_port=1, smtp_port=port, password="x").status_code == 302
    with app.app_context():
        r = db.session.get(InfoRequest, request_id)
        editor = db.session.get(User, actors.ids["editor"])
        draft = generate_letter(r, "chaser", build_context(r, "chaser", today=uk_today()), actor=editor)
        db.session.commit()
        entry_id, letter_id = draft.id, draft.attachments[0].document_id
        letter_name = draft.attachments[0].document.filename
    editor_client = AuthClient(app.test_client())
    editor_client.login("editor")
    show = editor_client.get(f"/requests/{request_id}/correspondence/{entry_id}").get_data(as_text=True)
    assert f"/requests/{request_id}/correspondence/{entry_id}/email" in show
    form = editor_client.get(f"/requests/{request_id}/correspondence/{entry_id}/email").get_data(as_text=True)
    assert "foi@education.gov.uk" in form and "sian@example.org" in form
    refused = editor_client.post(f"/requests/{request_id}/correspondence/{entry_id}/email",
                                 {"to": "someone@elsewhere.example", "note": ""})
    assert refused.status_code == 422 and inbox.messages == []
    sent = editor_client.post(f"/requests/{request_id}/correspondence/{entry_id}/email",
                              {"to": "foi@education.gov.uk", "note": "Please see our letter."})
    assert sent.status_code == 302, sent.get_data(as_text=True)

    ((rcpt, message),) = inbox.messages
    assert rcpt == ["foi@education.gov.uk"] and message["From"] == "foi-team@example.org"
    assert reference in message["Subject"]
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_filename() == letter_name
    assert attachment.get_content_type() == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(attachment.get_content())).paragraphs)
    assert reference in text
    with app.app_context():
        entry = db.session.get(Correspondence, entry_id)
        assert (entry.state, entry.dated, entry.direction, entry.to_text) == ("sent", uk_today(), "outgoing",
                                                                              "foi@education.gov.uk")
        assert entry.message_id == message["Message-ID"].strip("<>")
        eml = db.session.scalar(db.select(Document).where(Document.correspondence_id == entry_id))
        assert eml.kind == "email" and eml.filename.endswith(".eml") and eml.id != letter_id
    history = editor_client.get(f"/requests/{request_id}").get_data(as_text=True)
    assert entry.subject in history
    again = editor_client.post(f"/requests/{request_id}/correspondence/{entry_id}/email",
                               {"to": "foi@education.gov.uk", "note": ""})
    # No longer a draft: refused, and the page says when it was sent.
    assert again.status_code == 422 and len(inbox.messages) == 1
    assert 'id="already-sent"' in again.get_data(as_text=True)


def test_viewers_and_other_teams_cannot_send_or_see_mailbox_settings(app, actors, make_request):
    request_id, _ = _request(app, make_request)
    for who, expected in (("viewer", 403), ("other", 404)):
        client = AuthClient(app.test_client())
        client.login(who)
        assert client.get(f"/teams/{actors.team_ids['alpha']}/mailbox").status_code == (403 if who == "viewer" else 404)
        with app.app_context():
            entry_id = db.session.scalar(db.select(Correspondence.id).where(Correspondence.request_id == request_id)) or 1
        assert client.get(f"/requests/{request_id}/correspondence/{entry_id}/email").status_code == expected
