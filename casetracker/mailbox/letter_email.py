"""Send a generated letter by email to the authority or the requester, and record it as sent that day.

The letter's .docx goes as an attachment; our reference is in the subject, so
the reply is matched to the request (as WhatDoTheyKnow does), and the
Message-ID is kept on the entry, so a reply's In-Reply-To matches it too. The
sent message is stored as an .eml document of the entry. Marking it sent dates
it the day it went, which moves the clocks (FOIA 2000 s10(1): a request's
20 working days run from its receipt; a response stops the response clock).
"""

from __future__ import annotations

from email.message import EmailMessage
from email.policy import SMTP

from casetracker.audit.services import record_event
from casetracker.auth.models import User
from casetracker.correspondence.constants import CorrespondenceState, Direction
from casetracker.correspondence.models import Correspondence
from casetracker.correspondence.services import mark_sent
from casetracker.documents.services import files_root
from casetracker.documents.storage import blob_path
from casetracker.extensions import db
from casetracker.mail.body_document import store_body_document
from casetracker.mail.parsing import parse_message_bytes
from casetracker.mailbox.settings import MailboxSettingsError, outgoing_settings
from casetracker.mailer.smtp import MailNotConfigured, new_message, send_message
from casetracker.timeutil import uk_today

DOCX = ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document")


class LetterEmailError(ValueError):
    """A letter that cannot be sent by email; the message (and ``field``) is for the form."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def recipients(entry: Correspondence) -> list[tuple[str, str]]:
    """Return the addresses the letter may go to: (address, "Authority: …" / "Requester: …")."""
    info_request = entry.info_request
    options = []
    if info_request.authority.foi_email:
        options.append((info_request.authority.foi_email, f"{info_request.authority.name} ({info_request.authority.foi_email})"))
    if info_request.requester_email:
        name = info_request.requester_name or "Requester"
        options.append((info_request.requester_email, f"{name} ({info_request.requester_email})"))
    return options


def _letter_document(entry: Correspondence):
    for attachment in entry.attachments:
        if attachment.document.filename.lower().endswith(".docx"):
            return attachment.document
    return None


def build_letter_email(entry: Correspondence, *, to: str, note: str, sender: str, settings) -> EmailMessage:
    """Return the email carrying the letter's .docx; the subject ends with our reference."""
    info_request = entry.info_request
    document = _letter_document(entry)
    subject = entry.subject or f"{entry.kind_label}: {info_request.title}"
    if info_request.reference not in subject:
        subject = f"{subject} [{info_request.reference}]"
    body = (note.strip() + "\n\n" if note.strip() else "") + (
        f"Please find attached our letter ({document.filename}).\n\nOur reference: {info_request.reference}\n"
        + (f"Your reference: {info_request.their_reference}\n" if info_request.their_reference else ""))
    message = new_message(settings, to=to, subject=subject[:300], body=body, sender=sender)
    data = blob_path(files_root(), document.stored_file.sha256).read_bytes()
    message.add_attachment(data, maintype=DOCX[0], subtype=DOCX[1], filename=document.filename)
    return message


def send_letter(entry: Correspondence, *, to: str, note: str = "", actor: User) -> Correspondence:
    """Email the draft letter to ``to`` through the team's server and mark it sent today. Flushes, never commits.

    Raises LetterEmailError (not a draft, no .docx, an address not on the
    request) and ``MailSendError`` when the server refuses (nothing is recorded).
    """
    if entry.state != CorrespondenceState.DRAFT or entry.direction != Direction.OUTGOING:
        raise LetterEmailError("Only a draft letter can be sent by email.")
    if _letter_document(entry) is None:
        raise LetterEmailError("This draft has no .docx letter to send.")
    if to not in {address for address, _label in recipients(entry)}:
        raise LetterEmailError("Send it to the authority's or the requester's address on the request.", "to")
    try:
        settings = outgoing_settings(entry.team_id)
    except MailboxSettingsError as error:
        raise LetterEmailError(str(error)) from error
    if settings is None:
        raise MailNotConfigured("Neither your team nor this site has an outgoing mail server set.")
    message = build_letter_email(entry, to=to, note=note, sender=settings.sender, settings=settings)
    send_message(settings, message)
    raw = message.as_bytes(policy=SMTP)
    entry.message_id = str(message["Message-ID"]).strip().strip("<>")[:500]
    entry.to_text, entry.from_text = to[:1000], settings.sender[:500]
    mark_sent(entry, actor=actor, sent_on=uk_today())
    eml = store_body_document(raw, parse_message_bytes(raw), entry.info_request, actor=actor)
    if eml is not None:
        eml.correspondence_id = entry.id
    db.session.flush()
    record_event(actor=actor, action="letter.emailed", obj=entry, request_id=entry.request_id, team_id=entry.team_id,
                 summary=f"{entry.kind_label} emailed to {to}"[:500],
                 after={"to": to, "message_id": entry.message_id, "eml_document_id": eml.id if eml else None})
    return entry
