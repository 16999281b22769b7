"""Run the retention schedule: delete or anonymise every record whose period has passed.

UK GDPR Art 5(1)(e) (storage limitation); periods from ``privacy.schedule``
(defaults after the s46 Code of Practice on records management and The
National Archives' FOI retention guidance, set by the deployer). Each action
writes one audit entry that names the record by table and id, never its
personal data. Idempotent: a second run on the same day finds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from types import SimpleNamespace
from typing import Any

from flask import current_app
from sqlalchemy import func, select

from casetracker.audit.services import record_event
from casetracker.correspondence.constants import CorrespondenceState, Direction
from casetracker.correspondence.models import Correspondence, CorrespondenceAttachment
from casetracker.documents.models import Document
from casetracker.extensions import db
from casetracker.info_requests.constants import RequestStatus
from casetracker.info_requests.models import InfoRequest
from casetracker.mail.models import UnassignedMessage
from casetracker.privacy.audit_amend import expire_audit
from casetracker.privacy.erasure import erase_person
from casetracker.privacy.people import Person
from casetracker.privacy.purge import delete_rows, drop_unreferenced_files
from casetracker.privacy.schedule import RecordType, cutoff, has_expired, months_by_type
from casetracker.timeutil import UK


@dataclass
class RetentionRun:
    """What a run did (or, with dry_run, would do): one action per record, and the files to unlink."""

    today: date
    dry_run: bool
    actions: list[dict[str, Any]] = field(default_factory=list)
    unlink: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"today": self.today.isoformat(), "dry_run": self.dry_run, "actions": self.actions}


def schedule_months() -> dict[str, int]:
    """Return {record type: months} from ``RETENTION_MONTHS`` over the defaults."""
    return months_by_type(current_app.config.get("RETENTION_MONTHS") or {})


def _uk_date(moment: datetime) -> date:
    moment = moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(UK).date()


def last_action(info_request: InfoRequest) -> date:
    """Return the day of the last action on a request: its last change or its latest correspondence."""
    days = [_uk_date(info_request.updated_at), info_request.received_on]
    latest = db.session.execute(select(func.max(Correspondence.dated), func.max(Correspondence.created_at))
                                .where(Correspondence.request_id == info_request.id)).one()
    if latest[0]:
        days.append(latest[0])
    if latest[1]:
        days.append(_uk_date(latest[1]))
    return max(days)


def _anonymised(r: InfoRequest) -> bool:
    return not r.requester_email and not r.requester_address and (
        not r.requester_name or r.requester_name.startswith("[erased requester"))


def _audit(run: RetentionRun, actor, record_type: str, action: str, table: str, object_id: int, *,
           summary: str, request_id: int | None = None, team_id: int | None = None, **extra) -> None:
    entry = {"record_type": record_type, "action": action, "object_type": table, "object_id": object_id, **extra}
    run.actions.append(entry)
    if record_type == RecordType.REQUESTER_DETAILS:
        return  # erase_person wrote its own "person.erased" entry
    record_event(actor=actor, action=f"retention.{action}", obj=SimpleNamespace(__tablename__=table, id=object_id),
                 summary=summary, request_id=request_id, team_id=team_id,
                 after={k: v for k, v in entry.items() if k not in ("object_type", "object_id")})


def _anonymise_requester(run: RetentionRun, actor, r: InfoRequest, expired_ids: set[int]) -> bool:
    """Anonymise a request's requester unless the same email is on a request still kept; return True if done."""
    if _anonymised(r):
        return False
    if r.requester_email:
        same = db.session.scalars(select(InfoRequest.id).where(
            func.lower(InfoRequest.requester_email) == r.requester_email.lower()))
        if set(same) - expired_ids:
            return False  # still needed for a later or open request of theirs
        others = list(db.session.scalars(select(InfoRequest).where(
            func.lower(InfoRequest.requester_email) == r.requester_email.lower())))
    else:
        others = [r]
    names = [o.requester_name for o in others if o.requester_name and not _anonymised(o)]
    person = Person(email=r.requester_email.lower(), requests=others, names=list(dict.fromkeys(names)),
                    addresses=[o.requester_address for o in others if o.requester_address])
    report = erase_person(r.requester_email, actor=actor, reason="retention", person=person)
    run.unlink += report.unlink
    for other in others:
        _audit(run, actor, RecordType.REQUESTER_DETAILS, "anonymised", "info_requests", other.id,
               summary="", reference=other.reference, erasure_id=report.erasure_id)
    return True


def run_retention(today: date, *, actor: Any = None, dry_run: bool = False) -> RetentionRun:
    """Apply the schedule as of ``today`` in the session; the caller commits (or, for a dry run, rolls back).

    After the commit, call ``purge.unlink_files(run.unlink)``, ``purge.sweep_orphan_files()``
    and, if anything was done, ``purge.purge_search_remnants()``.
    """
    months = schedule_months()
    run = RetentionRun(today, dry_run)
    closed = list(db.session.scalars(select(InfoRequest).where(InfoRequest.status == RequestStatus.CLOSED)
                                     .order_by(InfoRequest.id)))
    last = {r.id: last_action(r) for r in closed}
    expired = {kind: {r.id for r in closed if has_expired(last[r.id], months[kind], today)}
               for kind in (RecordType.REQUESTER_DETAILS, RecordType.CLOSED_REQUESTS, RecordType.DOCUMENTS)}
    for r in closed:
        if r.id in expired[RecordType.REQUESTER_DETAILS] | expired[RecordType.CLOSED_REQUESTS]:
            db.session.refresh(r)  # an erasure before this one may have anonymised it already
            _anonymise_requester(run, actor, r, expired[RecordType.REQUESTER_DETAILS]
                                 | expired[RecordType.CLOSED_REQUESTS])
    plain = [(r.id, r.reference, r.team_id) for r in closed]  # rows are expired as others are deleted
    for rid, reference, team_id in plain:
        if rid in expired[RecordType.CLOSED_REQUESTS]:
            counts = delete_rows("info_requests", [rid])
            _audit(run, actor, RecordType.CLOSED_REQUESTS, "deleted", "info_requests", rid,
                   summary=f"Request {reference} deleted: closed, last action {last[rid].isoformat()}, "
                           f"kept {months[RecordType.CLOSED_REQUESTS]} months (retention schedule)",
                   request_id=rid, team_id=team_id, reference=reference, rows=counts)
        elif rid in expired[RecordType.DOCUMENTS]:
            for document_id in list(db.session.scalars(select(Document.id).where(
                    Document.request_id == rid, Document.parent_id.is_(None)).order_by(Document.id))):
                delete_rows("documents", [document_id])
                _audit(run, actor, RecordType.DOCUMENTS, "deleted", "documents", document_id,
                       summary=f"Document {document_id} of {reference} deleted: kept "
                               f"{months[RecordType.DOCUMENTS]} months after the last action (retention schedule)",
                       request_id=rid, team_id=team_id, reference=reference)
    _expire_drafts(run, actor, today, months[RecordType.GENERATED_LETTERS])
    _expire_mail(run, actor, today, months[RecordType.UNASSIGNED_MAIL])
    before = _start(today, months[RecordType.AUDIT_EVENTS])
    expired_audit = expire_audit(before)
    if expired_audit:
        _audit(run, actor, RecordType.AUDIT_EVENTS, "deleted", "audit_events", 0,
               summary=f"{expired_audit} audit events up to {cutoff(today, months[RecordType.AUDIT_EVENTS]).isoformat()} deleted "
                       f"(kept {months[RecordType.AUDIT_EVENTS]} months, retention schedule)",
               count=expired_audit)
    for file_id, digest in drop_unreferenced_files():  # the last document or message using it is gone
        run.unlink.append(digest)
        _audit(run, actor, "files", "deleted", "stored_files", file_id,
               summary=f"Stored file {file_id} removed from disk: nothing refers to it any more")
    db.session.flush()
    return run


def _start(today: date, months: int) -> datetime:
    """Return the UTC moment before which a record counted from its creation has expired on ``today``.

    A record made on the cutoff day itself has expired (its anniversary is today, as in ``has_expired``).
    """
    day_after = cutoff(today, months) + timedelta(days=1)
    return datetime.combine(day_after, time.min, tzinfo=UK).astimezone(timezone.utc)


def _expire_drafts(run: RetentionRun, actor, today: date, months: int) -> None:
    drafts = db.session.execute(select(Correspondence.id, Correspondence.request_id, Correspondence.team_id).where(
        Correspondence.state == CorrespondenceState.DRAFT, Correspondence.direction == Direction.OUTGOING,
        Correspondence.created_at < _start(today, months)).order_by(Correspondence.id)).all()
    for entry_id, request_id, team_id in drafts:
        letters = list(db.session.scalars(select(CorrespondenceAttachment.document_id)
                                          .where(CorrespondenceAttachment.correspondence_id == entry_id)))
        delete_rows("correspondence", [entry_id])
        if letters:
            delete_rows("documents", letters)
        _audit(run, actor, RecordType.GENERATED_LETTERS, "deleted", "correspondence", entry_id,
               summary=f"Unsent draft {entry_id} deleted with {len(letters)} file(s): kept {months} months "
                       "(retention schedule)", request_id=request_id, team_id=team_id, documents=letters)


def _expire_mail(run: RetentionRun, actor, today: date, months: int) -> None:
    waiting = db.session.execute(select(UnassignedMessage.id, UnassignedMessage.team_id).where(
        UnassignedMessage.created_at < _start(today, months)).order_by(UnassignedMessage.id)).all()
    for message_id, team_id in waiting:
        delete_rows("unassigned_messages", [message_id])
        _audit(run, actor, RecordType.UNASSIGNED_MAIL, "deleted", "unassigned_messages", message_id,
               summary=f"Unassigned message {message_id} deleted: waited over {months} months (retention schedule)",
               team_id=team_id)
