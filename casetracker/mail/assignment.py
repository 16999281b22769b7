"""Keep emails that match no request, list them, and file each into the request a user chooses."""

from __future__ import annotations

from casetracker.audit.services import record_event
from casetracker.auth.models import Team, User
from casetracker.documents.services import files_root, store_blob
from casetracker.documents.storage import blob_path
from casetracker.extensions import db
from casetracker.info_requests.models import InfoRequest
from casetracker.mail.constants import ImportStatus
from casetracker.mail.importing import (
    ImportContext,
    MailImportError,
    MessageOutcome,
    find_imported,
    fit_text,
    import_into_request,
    visible_to,
)
from casetracker.mail.models import UnassignedMessage
from casetracker.mail.msg import kept_message_type
from casetracker.mail.parsed import MailParseError, ParsedMessage
from casetracker.mail.parsing import parse_message_bytes


def find_unassigned(team: Team, message_id: str) -> UnassignedMessage | None:
    """Return the team's message waiting to be assigned with this Message-ID, if any."""
    return db.session.scalar(db.select(UnassignedMessage).where(
        UnassignedMessage.team_id == team.id, UnassignedMessage.message_id == message_id))


def keep_unassigned(
    raw: bytes, message: ParsedMessage, *, context: ImportContext, outcome: MessageOutcome, reason: str
) -> MessageOutcome:
    """Store a message no request matched, with why, on the team's list to assign; fill in ``outcome``."""
    stored = store_blob(raw, kept_message_type(raw)[0])
    kept = UnassignedMessage(
        team_id=context.team.id, stored_file_id=stored.id, filename=fit_text(outcome.file, 500),
        subject=fit_text(message.subject, 500), sender=fit_text(message.sender, 500), date=message.date,
        message_id=outcome.message_id, reason=fit_text(reason, 500), attachment_names=list(outcome.attachments),
        created_by_id=getattr(context.actor, "id", None),
    )
    db.session.add(kept)
    db.session.flush()
    record_event(actor=context.actor, action="mail.unassigned", obj=kept,
                 summary=fit_text(f"Email “{message.subject or '(no subject)'}” kept to assign: {reason}", 500),
                 team_id=context.team.id, after={"message_id": outcome.message_id, "file": outcome.file})
    outcome.status, outcome.reason, outcome.unassigned_id = ImportStatus.UNASSIGNED, reason, kept.id
    return outcome


def unassigned_messages(team_ids: list[int], *, page: int = 1,
                        per_page: int | None = None) -> list[UnassignedMessage]:
    """Return the messages waiting to be assigned in these teams, newest first.

    With ``per_page``, only page ``page`` (from 1) of them: a 10,000-message
    mailbox must not be rendered at once.
    """
    if not team_ids:
        return []
    query = (db.select(UnassignedMessage).where(UnassignedMessage.team_id.in_(team_ids))
             .order_by(UnassignedMessage.created_at.desc(), UnassignedMessage.id.desc()))
    if per_page is not None:
        query = query.limit(per_page).offset((max(page, 1) - 1) * per_page)
    return list(db.session.scalars(query))


def count_unassigned(team_ids: list[int]) -> int:
    """Return how many messages wait to be assigned in these teams."""
    if not team_ids:
        return 0
    return db.session.scalar(db.select(db.func.count(UnassignedMessage.id))
                             .where(UnassignedMessage.team_id.in_(team_ids))) or 0


def raw_message(kept: UnassignedMessage) -> bytes:
    """Return a kept message's bytes as received; raise MailImportError if the stored copy is gone."""
    try:
        return blob_path(files_root(), kept.stored_file.sha256).read_bytes()
    except OSError as error:
        raise MailImportError("The stored copy of this email is missing; import the file again.") from error


def assign_message(kept: UnassignedMessage, info_request: InfoRequest, *, actor: User | None) -> MessageOutcome:
    """Import a kept message into the request a user chose and take it off the list to assign.

    Any of the team's requests may be chosen: one the message predates is a warning in the
    outcome's reason, not a refusal (the user knows the case; the entry moves no clock until
    its kind is confirmed). A message already on one of the team's requests is only taken off
    the list (status ``duplicate``). Raises MailImportError for a request of another team.
    """
    if info_request.team_id != kept.team_id:
        raise MailImportError("That request belongs to another team.")
    raw = raw_message(kept)
    try:
        message = parse_message_bytes(raw)
    except MailParseError as error:
        raise MailImportError(str(error)) from error
    context = ImportContext.build(info_request.team, actor=actor, with_keys=False)
    outcome = MessageOutcome.for_message(kept.filename, message, kept.message_id)
    existing = find_imported(info_request.team, kept.message_id)
    if existing is not None:
        outcome.status = ImportStatus.DUPLICATE
        outcome.reason = "It was already imported."
        if visible_to(existing.info_request, actor):
            outcome.reason = f"It was already on {existing.info_request.reference}."
            outcome.request_id, outcome.request_reference = existing.request_id, existing.info_request.reference
    else:
        import_into_request(message, kept.message_id, info_request, context=context, outcome=outcome,
                            match_reason="Assigned by hand.", raw=raw, assigned_by_hand=True)
    record_event(actor=actor, action="mail.assigned", obj=kept,
                 summary=fit_text(f"Email “{kept.subject or '(no subject)'}” assigned to {info_request.reference}", 500),
                 request_id=info_request.id, team_id=kept.team_id,
                 after={"message_id": kept.message_id, "status": str(outcome.status)})
    db.session.delete(kept)
    db.session.flush()
    return outcome

