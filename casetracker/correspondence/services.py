"""Record correspondence and let it move a request's status and clocks."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Select

from casetracker.audit.services import record_event, snapshot
from casetracker.auth.models import User
from casetracker.correspondence.constants import CorrespondenceKind as Kind
from casetracker.correspondence.constants import CorrespondenceState, Direction
from casetracker.correspondence.models import Correspondence, CorrespondenceAttachment
from casetracker.extensions import db
from casetracker.info_requests.constants import Outcome, RequestStatus
from casetracker.info_requests.models import InfoRequest
from casetracker.info_requests.projection import refresh_clocks
from casetracker.timeutil import uk_today

FIELDS = ["direction", "kind", "state", "dated", "from_text", "to_text", "cc_text", "subject", "kind_confirmed"]

#: The status a request is in after the latest clock-moving correspondence of each kind.
STATUS_AFTER: dict[Kind, RequestStatus] = {
    Kind.REQUEST: RequestStatus.AWAITING_RESPONSE,
    Kind.CLARIFICATION_REQUEST: RequestStatus.AWAITING_CLARIFICATION,
    Kind.CLARIFICATION: RequestStatus.AWAITING_RESPONSE,
    Kind.FEES_NOTICE: RequestStatus.AWAITING_FEE,
    Kind.FEE_PAID: RequestStatus.AWAITING_RESPONSE,
    Kind.RESPONSE: RequestStatus.RESPONDED,
    Kind.REFUSAL_NOTICE: RequestStatus.RESPONDED,
    Kind.INTERNAL_REVIEW_REQUEST: RequestStatus.INTERNAL_REVIEW,
    Kind.INTERNAL_REVIEW_OUTCOME: RequestStatus.REVIEWED,
    Kind.ICO_COMPLAINT: RequestStatus.ICO_COMPLAINT,
    Kind.DECISION_NOTICE: RequestStatus.DECISION_NOTICE,
    Kind.APPEAL: RequestStatus.APPEAL,
}


class CorrespondenceError(ValueError):
    """Correspondence data a user must fix; ``field`` names the form field."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def _clock_moving(request_id: int) -> Select[tuple[str, date]]:
    """Return a select of the request's ``(kind, dated)`` rows that move the clocks.

    The SQL twin of ``Correspondence.moves_clocks`` (no drafts, no unconfirmed
    suggestions, nothing undated), so the rows are filtered and no ORM entries
    or attachments are loaded for what is only a kind and a date.
    """
    return db.select(Correspondence.kind, Correspondence.dated).where(
        Correspondence.request_id == request_id,
        Correspondence.state != CorrespondenceState.DRAFT,
        Correspondence.kind_confirmed.is_(True),
        Correspondence.dated.is_not(None),
    )


def clock_events(request_id: int) -> dict[str, Any]:
    """Return the dates that drive the clocks, as ``CaseFacts`` keyword arguments.

    A clarification restarts the count from its date (FOIA s1(3)); a fees notice
    pauses it until the fee is paid (s10(2)); an extension notice (s10(3)/EIR
    reg 7) extends it; the first response or refusal notice ends it.
    """
    entries = db.session.execute(
        _clock_moving(request_id).order_by(Correspondence.dated, Correspondence.id)
    ).all()

    def first(*kinds: Kind, after: date | None = None) -> date | None:
        return next((c.dated for c in entries if c.kind in kinds and (after is None or c.dated >= after)), None)

    def last(*kinds: Kind) -> date | None:
        found = [c.dated for c in entries if c.kind in kinds]
        return found[-1] if found else None

    fees_notice = last(Kind.FEES_NOTICE)
    return {
        "clarified": last(Kind.CLARIFICATION),
        "fees_notice": fees_notice,
        "fee_paid": first(Kind.FEE_PAID, after=fees_notice) if fees_notice else None,
        "extended": any(c.kind == Kind.EXTENSION_NOTICE for c in entries),
        "response_sent": first(Kind.RESPONSE, Kind.REFUSAL_NOTICE),
        "review_requested": first(Kind.INTERNAL_REVIEW_REQUEST),
        "review_outcome": first(Kind.INTERNAL_REVIEW_OUTCOME),
        "decision_notice_sent": first(Kind.DECISION_NOTICE),
        "appeal_lodged": first(Kind.APPEAL),
        "tribunal_decision_sent": first(Kind.TRIBUNAL_DECISION),
        # The authority's fresh response after a decision notice: the steps it required, taken.
        "steps_taken": (first(Kind.RESPONSE, Kind.REFUSAL_NOTICE, after=first(Kind.DECISION_NOTICE))
                        if first(Kind.DECISION_NOTICE) else None),
        "clarification_requested": last(Kind.CLARIFICATION_REQUEST),
        "extension_notice": first(Kind.EXTENSION_NOTICE),
    }


def refresh_status(info_request: InfoRequest) -> None:
    """Set the request's status from its latest clock-moving correspondence of a status-changing kind.

    Only that one entry decides, so only it is read: recording each message of
    a long mailbox stays one small query, not a reload of the whole history.
    """
    if info_request.status == RequestStatus.CLOSED:
        return
    latest = db.session.scalar(
        _clock_moving(info_request.id).with_only_columns(Correspondence.kind)
        .where(Correspondence.kind.in_(list(STATUS_AFTER)))
        .order_by(Correspondence.dated.desc(), Correspondence.id.desc()).limit(1)
    )
    info_request.status = STATUS_AFTER[Kind(latest)] if latest else RequestStatus.AWAITING_RESPONSE


def record_correspondence(
    info_request: InfoRequest, *, actor: User | None, kind: Kind | str, direction: Direction | str,
    dated: date | None, outcome: Outcome | str | None = None, document_ids: list[int] | tuple[int, ...] = (),
    state: CorrespondenceState | str | None = None, allow_before_sent: bool = False, **fields: Any,
) -> Correspondence:
    """Add a letter or email to the request and move its status and clocks.

    ``outcome`` applies to responses and refusal notices (FOIA s1, s17); a
    refusal notice with no outcome means refused. Raises CorrespondenceError for
    a date before the request was sent, unless ``allow_before_sent`` (an email a
    user assigned by hand, with a warning; unconfirmed, it moves no clock).
    """
    kind = Kind(kind)
    _check_dated(info_request, dated, allow_before_sent=allow_before_sent)
    if state is None:
        state = CorrespondenceState.RECEIVED if Direction(direction) == Direction.INCOMING else CorrespondenceState.SENT
    entry = Correspondence(
        request_id=info_request.id, team_id=info_request.team_id, kind=kind, direction=Direction(direction),
        dated=dated, state=CorrespondenceState(state), created_by_id=getattr(actor, "id", None), **fields,
    )
    db.session.add(entry)
    db.session.flush()
    for document_id in dict.fromkeys(document_ids):
        db.session.add(CorrespondenceAttachment(correspondence_id=entry.id, document_id=document_id))
    _apply_outcome(info_request, kind, outcome)
    refresh_status(info_request)
    refresh_clocks(info_request)
    record_event(actor=actor, action="correspondence.recorded", obj=entry,
                 summary=f"{entry.kind_label} dated {dated.isoformat() if dated else 'unknown'} recorded",
                 request_id=info_request.id, team_id=info_request.team_id, after=snapshot(entry, FIELDS))
    return entry


def _check_dated(info_request: InfoRequest, dated: date | None, *, allow_before_sent: bool = False) -> None:
    """Refuse a date in the future or before the request was sent: no clock can move from it."""
    if dated is None:
        return
    if dated > uk_today():
        raise CorrespondenceError("This date is in the future.", "dated")
    if info_request.sent_on and dated < info_request.sent_on and not allow_before_sent:
        raise CorrespondenceError("This is dated before the request was sent.", "dated")


def _apply_outcome(info_request: InfoRequest, kind: Kind, outcome: Outcome | str | None) -> None:
    if kind == Kind.REFUSAL_NOTICE:
        info_request.outcome = Outcome(outcome) if outcome and outcome != Outcome.PENDING else Outcome.REFUSED
    elif kind == Kind.RESPONSE:
        info_request.outcome = Outcome(outcome) if outcome and outcome != Outcome.PENDING else Outcome.DISCLOSED_IN_FULL


def update_correspondence(
    entry: Correspondence, *, actor: User, outcome: Outcome | str | None = None, **fields: Any
) -> Correspondence:
    """Correct an entry (its kind, direction, date, state) and move the clocks again."""
    info_request = entry.info_request
    _check_dated(info_request, fields.get("dated"))
    before = snapshot(entry, FIELDS)
    for key, value in fields.items():
        setattr(entry, key, value)
    db.session.flush()
    _apply_outcome(info_request, Kind(entry.kind), outcome)
    refresh_status(info_request)
    refresh_clocks(info_request)
    record_event(actor=actor, action="correspondence.updated", obj=entry,
                 summary=f"{entry.kind_label} corrected", request_id=info_request.id,
                 team_id=info_request.team_id, before=before, after=snapshot(entry, FIELDS))
    return entry


def mark_sent(entry: Correspondence, *, actor: User, sent_on: date) -> Correspondence:
    """Mark an outgoing draft (e.g. a generated letter) as sent on ``sent_on``; this moves the clocks."""
    if entry.state != CorrespondenceState.DRAFT:
        raise CorrespondenceError("Only a draft can be marked as sent.")
    return update_correspondence(entry, actor=actor, state=CorrespondenceState.SENT, dated=sent_on)


def correspondence_for(request_id: int) -> list[Correspondence]:
    """Return a request's correspondence in date order (undated last)."""
    entries = list(db.session.scalars(
        db.select(Correspondence).where(Correspondence.request_id == request_id).order_by(Correspondence.id)
    ))
    return sorted(entries, key=lambda c: (c.dated is None, c.dated or date.min, c.id))
