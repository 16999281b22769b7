"""Import email files into requests' histories: match, refuse duplicates, keep what matches nothing."""

from __future__ import annotations

from collections.abc import Iterator

from casetracker.auth.models import Team, User
from casetracker.documents.services import DocumentError
from casetracker.extensions import db
from casetracker.info_requests.models import InfoRequest
from casetracker.mail.assignment import (
    assign_message,
    count_unassigned,
    find_unassigned,
    keep_unassigned,
    raw_message,
    unassigned_messages,
)
from casetracker.mail.constants import ImportStatus
from casetracker.mail.importing import (
    ImportContext,
    MailImportError,
    MailSource,
    MessageOutcome,
    find_imported,
    import_into_request,
    read_attachments,
    read_raw_messages,
    stable_message_id,
    visible_to,
)
from casetracker.mail.parsed import MailParseError, ParsedMessage
from casetracker.mail.parsing import parse_message_bytes

__all__ = [
    "MailImportError",
    "MessageOutcome",
    "assign_message",
    "count_unassigned",
    "import_mail_file",
    "iter_mail_import",
    "raw_message",
    "unassigned_messages",
]


def import_mail_file(
    source: MailSource, filename: str, *, team: Team, info_request: InfoRequest | None = None, actor: User | None
) -> list[MessageOutcome]:
    """Import every message of an .eml, .mbox or .msg file; return one outcome per message.

    See ``iter_mail_import``; this one leaves the single commit to the caller.
    """
    return list(iter_mail_import(source, filename, team=team, info_request=info_request, actor=actor))


def iter_mail_import(
    source: MailSource, filename: str, *, team: Team, info_request: InfoRequest | None = None, actor: User | None
) -> Iterator[MessageOutcome]:
    """Import the messages of an email file one at a time, yielding each outcome once it is flushed.

    ``source`` is a path, the file's bytes or an open binary stream; a mailbox
    is read as a stream. Each message is refused as ``duplicate`` when its
    Message-ID is already on one of the team's requests; otherwise it goes to
    ``info_request`` or, when that is None, to the one request it names (our
    reference, their reference, an ICO reference) or replies to, else onto the
    team's list to assign (``unassigned``). A message that cannot be read is
    ``failed`` with the reason; the others go on. The caller may commit between
    messages, so one failure never loses the rest. Raises MailImportError for a
    request of another team.
    """
    if info_request is not None and info_request.team_id != team.id:
        raise MailImportError("That request belongs to another team.")
    context = ImportContext.build(team, actor=actor, with_keys=info_request is None)
    try:
        for raw in read_raw_messages(source, filename):
            yield _import_raw(raw, filename, context, info_request)
    except MailParseError as error:
        yield MessageOutcome(file=filename, status=ImportStatus.FAILED, reason=str(error))
    except OSError as error:
        yield MessageOutcome(file=filename, status=ImportStatus.FAILED,
                             reason=f"The file could not be read ({error.strerror or error}).")


def _import_raw(raw: bytes, filename: str, context: ImportContext, info_request: InfoRequest | None) -> MessageOutcome:
    """Import one message's bytes; every path ends in an outcome, never an exception the user cannot read."""
    try:
        message = parse_message_bytes(raw)
    except (ValueError, LookupError) as error:  # MailParseError, and codec damage the parser let through
        reason = str(error) if isinstance(error, MailParseError) else f"This message is damaged and could not be read ({error})."
        return MessageOutcome(file=filename, status=ImportStatus.FAILED, reason=reason)
    message_id = stable_message_id(message, raw)
    outcome = MessageOutcome.for_message(filename, message, message_id)
    existing = find_imported(context.team, message_id)
    if existing is not None:
        outcome.status, outcome.reason = ImportStatus.DUPLICATE, "It was already imported."
        if visible_to(existing.info_request, context.actor):
            outcome.reason = f"It was already imported into {existing.info_request.reference}."
            outcome.request_id, outcome.request_reference = existing.request_id, existing.info_request.reference
        return outcome
    waiting = find_unassigned(context.team, message_id)
    if info_request is None:
        if waiting is not None:
            outcome.status, outcome.reason = ImportStatus.DUPLICATE, "It is already on the list of emails to assign."
            outcome.unassigned_id = waiting.id
            return outcome
        request_id, why = context.match(message)
        if request_id is None:
            return _keep(raw, message, context, outcome, why)
        target, match_reason = db.session.get(InfoRequest, request_id), why
    else:
        target, match_reason = info_request, ""
    extracted = read_attachments(message)
    try:
        with db.session.begin_nested():
            import_into_request(message, message_id, target, context=context, outcome=outcome,
                                match_reason=match_reason, extracted=extracted, raw=raw)
            if waiting is not None:
                db.session.delete(waiting)
    except (MailImportError, DocumentError) as error:
        if info_request is not None:
            outcome.status, outcome.reason = ImportStatus.FAILED, str(error)
            return outcome
        return _keep(raw, message, context, outcome, f"{match_reason} It cannot go there: {error}")
    return outcome


def _keep(raw: bytes, message: ParsedMessage, context: ImportContext, outcome: MessageOutcome, reason: str) -> MessageOutcome:
    """Put a message on the team's list to assign, in its own savepoint."""
    with db.session.begin_nested():
        return keep_unassigned(raw, message, context=context, outcome=outcome, reason=reason)
