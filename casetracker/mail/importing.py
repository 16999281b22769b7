"""Read email files message by message and record one message as correspondence on a request."""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO

from casetracker.audit.services import record_event
from casetracker.auth.models import Membership, Team, User
from casetracker.correspondence.constants import CorrespondenceKind, Direction
from casetracker.correspondence.models import Correspondence
from casetracker.correspondence.services import CorrespondenceError, record_correspondence
from casetracker.documents.constants import DocumentStatus
from casetracker.documents.models import Document
from casetracker.documents.extraction import ExtractionError, ExtractionResult
from casetracker.documents.services import ingest_bytes, read_file, store_blob
from casetracker.documents.storage import sha256_of
from casetracker.extensions import db
from casetracker.filenames import upload_name
from casetracker.info_requests.constants import Visibility
from casetracker.info_requests.models import InfoRequest
from casetracker.mail.body_document import store_body_document
from casetracker.mail.constants import ICO_EMAIL_DOMAIN, ImportStatus, SuggestedKind
from casetracker.mail.matching import RequestKeys, find_matches, guess_direction, suggest_kind
from casetracker.mail.mbox import iter_mbox
from casetracker.mail.msg import OLE_MAGIC
from casetracker.mail.parsed import MailParseError, ParsedAttachment, ParsedMessage
from casetracker.mail.parsing import sniff_mail_format
from casetracker.timeutil import UK, uk_long_date

#: An email file: a path, its bytes, or an open, seekable binary stream (an upload).
MailSource = Path | str | bytes | BinaryIO
#: What reading an attachment gave: its text, or why it cannot be read.
ReadAttachment = ExtractionResult | ExtractionError

_SNIFF_BYTES = 65536
_MAX_MESSAGE_ID = 500


class MailImportError(ValueError):
    """An import a user must change (a request of another team, a message that cannot go there)."""


@dataclass
class MessageOutcome:
    """What importing one message did: its status (an ``ImportStatus``), why, and where it went.

    ``date`` is the message's own timezone-aware date, or None.
    """

    file: str
    status: ImportStatus
    reason: str = ""
    message_id: str | None = None
    subject: str = ""
    date: datetime | None = None
    sender: str = ""
    attachments: tuple[str, ...] = ()
    request_id: int | None = None
    request_reference: str | None = None
    correspondence_id: int | None = None
    unassigned_id: int | None = None

    @classmethod
    def for_message(cls, file: str, message: ParsedMessage, message_id: str) -> MessageOutcome:
        """Return an outcome carrying the message's headers, its status still to be decided."""
        return cls(file=file, status=ImportStatus.FAILED, message_id=message_id, subject=message.subject,
                   date=message.date, sender=message.sender,
                   attachments=tuple(a.filename for a in message.attachments))

    @property
    def uk_date(self) -> date | None:
        """Return the UK local date of the message, the date its entry carries."""
        return uk_date(self.date)

    def as_json(self) -> dict[str, Any]:
        """Return the entry ``flask mail import --json`` prints for this message."""
        return {
            "file": self.file, "message_id": self.message_id, "subject": self.subject,
            "date": self.date.isoformat() if self.date else None, "from": self.sender,
            "attachments": list(self.attachments), "request": self.request_reference,
            "status": str(self.status), "reason": self.reason,
        }


@dataclass
class ImportContext:
    """What one import run knows about a team: its addresses and, to match mail, its requests' keys."""

    team: Team
    actor: User | None
    team_addresses: frozenset[str]
    keys: dict[int, RequestKeys] = field(default_factory=dict)
    references: dict[int, str] = field(default_factory=dict)

    @classmethod
    def build(cls, team: Team, *, actor: User | None, with_keys: bool) -> ImportContext:
        """Gather the team's addresses and, when ``with_keys``, the requests the actor may see and file mail into."""
        addresses = db.session.scalars(
            db.select(User.email).join(Membership, Membership.user_id == User.id).where(Membership.team_id == team.id)
        )
        context = cls(team=team, actor=actor, team_addresses=frozenset(a.lower() for a in addresses))
        if with_keys:
            context._load_keys()
        return context

    def _load_keys(self) -> None:
        query = db.select(InfoRequest).where(InfoRequest.team_id == self.team.id).order_by(InfoRequest.id)
        if self.actor is not None:
            query = query.where((InfoRequest.visibility == Visibility.TEAM) | (InfoRequest.created_by_id == self.actor.id))
        imported: dict[int, set[str]] = {}
        rows = db.session.execute(
            db.select(Correspondence.request_id, Correspondence.message_id)
            .where(Correspondence.team_id == self.team.id, Correspondence.message_id.is_not(None))
        )
        for request_id, message_id in rows:
            imported.setdefault(request_id, set()).add(message_id)
        for r in db.session.scalars(query):
            self.references[r.id] = r.reference
            self.keys[r.id] = RequestKeys(
                request_id=r.id, our_reference=r.reference, their_reference=r.their_reference or None,
                ico_references=tuple(ref for ref in (r.ico_reference, r.decision_notice_reference) if ref),
                message_ids=frozenset(imported.get(r.id, ())),
            )

    def match(self, message: ParsedMessage) -> tuple[int | None, str]:
        """Return the one request the message points to and why, or None and why not (FOIA practice: by reference)."""
        matches = find_matches(message, self.keys.values())
        request_ids = list(dict.fromkeys(m.request_id for m in matches))
        if len(request_ids) == 1:
            return request_ids[0], f"Matched by {matches[0].reason}."
        if request_ids:
            names = ", ".join(self.references[i] for i in request_ids)
            return None, f"It points to several requests ({names}); choose one."
        return None, "No request's reference, ICO reference or earlier message appears in it."

    def note_imported(self, request_id: int, message_id: str) -> None:
        """Let later messages of the same run match this one by In-Reply-To or References."""
        keys = self.keys.get(request_id)
        if keys is not None:
            self.keys[request_id] = replace(keys, message_ids=keys.message_ids | {message_id})


def read_raw_messages(source: MailSource, filename: str) -> Iterator[bytes]:
    """Yield each message of an email file as bytes: one for .eml and .msg, each in turn for an mbox.

    A mailbox is read as a stream, one message in memory at a time. Raises
    MailParseError when the file is empty or is not email.
    """
    name = Path(filename).name or "The file"
    if isinstance(source, (str, Path)):
        path = Path(source)
        if not path.is_file():
            raise MailParseError(f"{name}: there is no such file.")
        with path.open("rb") as stream:
            yield from _stream_messages(stream, name)
    elif isinstance(source, (bytes, bytearray)):
        yield from _stream_messages(io.BytesIO(bytes(source)), name)
    else:
        yield from _stream_messages(source, name)


def _stream_messages(stream: BinaryIO, name: str) -> Iterator[bytes]:
    head = stream.read(_SNIFF_BYTES)
    if not head:
        raise MailParseError(f"{name} is empty.")
    data = head + stream.read() if head.startswith(OLE_MAGIC) else head
    kind = sniff_mail_format(data)
    if kind is None:
        raise MailParseError(
            f"{name} is not an email file: expected an .eml message, an mbox mailbox or an Outlook .msg file."
        )
    if kind == "mbox":
        stream.seek(0)
        yield from iter_mbox(stream)
    else:
        yield data if kind == "msg" else head + stream.read()


def stable_message_id(message: ParsedMessage, raw: bytes) -> str:
    """Return the message's Message-ID or, when it has none (or an absurd one), one made from its bytes.

    The made-up ID is the SHA-256 of the message without its mbox envelope
    line, so importing the same file again finds it a duplicate.
    """
    given = (message.message_id or "").strip().strip("<>").replace("\x00", "")
    if given and len(given) <= _MAX_MESSAGE_ID:
        return given
    if raw.startswith(b"From "):
        raw = raw.partition(b"\n")[2]
    return f"sha256-{sha256_of(raw)}@casetracker.invalid"


def find_imported(team: Team, message_id: str) -> Correspondence | None:
    """Return the team's correspondence entry already holding this Message-ID, if any."""
    return db.session.scalar(
        db.select(Correspondence).where(Correspondence.team_id == team.id, Correspondence.message_id == message_id)
        .order_by(Correspondence.id).limit(1)
    )


def visible_to(info_request: InfoRequest, actor: User | None) -> bool:
    """Say whether the actor (None: the system) may see the request: its team's, or private and theirs."""
    return actor is None or info_request.visibility != Visibility.PRIVATE or info_request.created_by_id == actor.id


def uk_date(moment: datetime | None) -> date | None:
    """Return the UK local date of an aware datetime: the date the statutory clocks count (FOIA s10)."""
    return moment.astimezone(UK).date() if moment else None


def read_attachments(message: ParsedMessage) -> tuple[ReadAttachment, ...]:
    """Extract the attachments' text before anything is written: OCR can take minutes, a transaction must not wait."""
    return tuple(read_file(a.data, a.filename) for a in message.attachments)


def import_into_request(
    message: ParsedMessage, message_id: str, info_request: InfoRequest, *, context: ImportContext,
    outcome: MessageOutcome, match_reason: str = "", extracted: Sequence[ReadAttachment] | None = None,
    raw: bytes | None = None, assigned_by_hand: bool = False,
) -> MessageOutcome:
    """Record the message on the request, its body and attachments as documents; fill in and return ``outcome``.

    ``raw`` is the message as received: stored as the entry's ``email`` document, whose page
    (headers and body) search finds. ``extracted`` is ``read_attachments(message)`` when the
    caller read them outside its transaction. The kind is only suggested (``kind_confirmed``
    false), so the entry moves no clock until a user confirms it. Raises MailImportError when
    the message is dated before the request was sent, unless a user chose the request
    (``assigned_by_hand``): then it is recorded with a warning.
    """
    dated = uk_date(message.date)
    earlier = None
    if dated and info_request.sent_on and dated < info_request.sent_on:
        earlier = (f"It is dated {uk_long_date(dated)}, before {info_request.reference} was sent "
                   f"({uk_long_date(info_request.sent_on)}).")
        if not assigned_by_hand:
            raise MailImportError(earlier)
    direction = _direction(message, info_request, context.team_addresses)
    suggestion = suggest_kind(message.subject, message.body_text)
    if extracted is None:
        extracted = read_attachments(message)
    document_ids, unreadable = _store_attachments(message.attachments, extracted, info_request, actor=context.actor)
    body = store_body_document(raw, message, info_request, actor=context.actor) if raw is not None else None
    try:
        entry = record_correspondence(
            info_request, actor=context.actor, kind=_correspondence_kind(suggestion.kind), direction=direction,
            dated=dated, document_ids=document_ids, from_text=fit_text(message.sender, 500),
            to_text=fit_text(", ".join(message.to), 1000), cc_text=fit_text(", ".join(message.cc), 1000),
            subject=fit_text(message.subject, 500), body=_text(message.body_text), message_id=message_id,
            in_reply_to=fit_text(message.in_reply_to or "", 500) or None,
            kind_cue=_cue(suggestion.cue, message.subject), kind_confirmed=False,
            allow_before_sent=assigned_by_hand,
        )
    except CorrespondenceError as error:
        raise MailImportError(str(error)) from error
    record_event(actor=context.actor, action="mail.imported", obj=entry,
                 summary=fit_text(f"Email “{message.subject or '(no subject)'}” imported from {outcome.file}", 500),
                 request_id=info_request.id, team_id=info_request.team_id,
                 after={"message_id": message_id, "file": outcome.file, "attachments": len(document_ids)})
    if body is not None:
        body.correspondence_id = entry.id
        db.session.flush()
    context.note_imported(info_request.id, message_id)
    notes = [match_reason] if match_reason else []
    if earlier:
        notes.append(f"Warning: {earlier[0].lower()}{earlier[1:-1]}; check that it belongs to this request.")
    if not message.date:
        notes.append("It has no readable date: it is undated and moves no clock until you give one.")
    if unreadable:
        notes.append("Kept but not searchable: " + "; ".join(unreadable) + ".")
    outcome.status = ImportStatus.IMPORTED
    outcome.reason = " ".join(notes)
    outcome.request_id, outcome.request_reference = info_request.id, info_request.reference
    outcome.correspondence_id = entry.id
    return outcome


def _direction(message: ParsedMessage, info_request: InfoRequest, team_addresses: frozenset[str]) -> Direction:
    """Say which way the message went; mail from neither side is taken as incoming, for the user to correct."""
    authority_domains = {info_request.authority.email_domain, ICO_EMAIL_DOMAIN} - {""}
    ours = set(team_addresses) | ({info_request.requester_email.lower()} if info_request.requester_email else set())
    guessed = guess_direction(message.sender_address, authority_domains=authority_domains, team_addresses=ours)
    return Direction(guessed) if guessed else Direction.INCOMING


def _correspondence_kind(kind: SuggestedKind) -> CorrespondenceKind:
    """Return the correspondence kind a suggestion names (``refusal_notice`` is ``refusal-notice``)."""
    return CorrespondenceKind(kind.value.replace("_", "-"))


def _cue(cue: str | None, subject: str) -> str:
    """Describe the visible cue behind a suggestion, e.g. the subject says “internal review”."""
    if not cue:
        return ""
    where = "subject" if cue.lower() in (subject or "").lower() else "text"
    return fit_text(f"the {where} says “{' '.join(cue.split())}”", 300)


def _store_attachments(
    attachments: tuple[ParsedAttachment, ...], extracted: Sequence[ReadAttachment], info_request: InfoRequest, *,
    actor: User | None,
) -> tuple[list[int], list[str]]:
    """Store each attachment as a document on the request, indexed for search.

    Returns the document ids and, for files whose text cannot be read, a note
    each; those are still kept, as documents marked failed, so no attachment is lost.
    """
    document_ids: list[int] = []
    unreadable: list[str] = []
    for attachment, result in zip(attachments, extracted, strict=True):
        outcome = ingest_bytes(attachment.data, attachment.filename, team=info_request.team,
                               info_request=info_request, actor=actor, extracted=result)
        document = outcome.document
        if outcome.status == "failed":
            document = _keep_unreadable(attachment, outcome.reason, info_request, actor=actor)
            unreadable.append(f"{attachment.filename} ({outcome.reason.rstrip('.')})")
        if document is not None:
            document_ids.append(document.id)
    return document_ids, unreadable


def _keep_unreadable(attachment: ParsedAttachment, reason: str, info_request: InfoRequest, *,
                     actor: User | None) -> Document:
    """Store an attachment whose text cannot be read as a failed document: the file, its name and why."""
    filename = upload_name(attachment.filename, "attachment")
    stored = store_blob(attachment.data, attachment.content_type or "application/octet-stream")
    document = db.session.scalar(db.select(Document).where(
        Document.team_id == info_request.team_id, Document.request_id == info_request.id,
        Document.stored_file_id == stored.id, Document.parent_id.is_(None), Document.filename == filename,
    ))
    if document is not None:
        return document
    document = Document(
        team_id=info_request.team_id, request_id=info_request.id, stored_file_id=stored.id, filename=filename,
        title=filename, kind="", content_type=stored.content_type, page_count=0, status=DocumentStatus.FAILED,
        problems=[reason], created_by_id=getattr(actor, "id", None),
    )
    db.session.add(document)
    db.session.flush()
    record_event(actor=actor, action="document.stored", obj=document,
                 summary=fit_text(f"Document {filename} stored unread: {reason}", 500),
                 request_id=info_request.id, team_id=info_request.team_id,
                 after={"filename": filename, "sha256": stored.sha256, "pages": 0})
    return document


def _text(value: str) -> str:
    """Return text a database can store: PostgreSQL refuses NUL characters."""
    return (value or "").replace("\x00", "")


def fit_text(value: str | None, limit: int) -> str:
    """Return ``value`` fitted to a column of ``limit`` characters, marked with … when cut."""
    value = _text(value or "")
    return value if len(value) <= limit else value[: limit - 1] + "…"
