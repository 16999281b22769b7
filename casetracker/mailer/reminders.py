"""Gather each opted-in user's daily digest from the stored clocks and send it once a day.

What is in it follows the statutory clocks: responses due within 5 working days
and overdue (FOIA 2000 s10(1), EIR reg 5(2), FOISA s10(1)), internal reviews
overdue (s45 Code of Practice; EIR reg 11(4)), ICO complaint (s50) and appeal
(s57; GRC rule 22) windows closing, and dates moved by an added non-working day
(s10(6)), taken from the ``clock.moved`` audit entries since the last digest.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import and_, select

from casetracker.audit.models import AuditEvent
from casetracker.auth.models import User
from casetracker.extensions import db
from casetracker.info_requests.clock_models import RequestClock
from casetracker.info_requests.clock_queries import response_due_soon, response_overdue
from casetracker.info_requests.clocks import ClockName, ClockState
from casetracker.info_requests.constants import RequestStatus
from casetracker.info_requests.models import InfoRequest
from casetracker.info_requests.services import visible_requests_query
from casetracker.mailer.delivery import already_sent, send_once
from casetracker.mailer.digest import Digest, DigestLine, digest_subject, digest_text
from casetracker.mailer.links import external_url
from casetracker.mailer.models import MailPreference, SentMail
from casetracker.mailer.smtp import SmtpSettings, new_message
from casetracker.timeutil import short_date, utcnow

DIGEST = "digest"
#: Without an earlier digest, moved dates are looked for this far back.
MOVED_LOOKBACK = timedelta(days=7)
_OPEN = ClockState.OPEN.value


@dataclass(frozen=True)
class DigestOutcome:
    """What ``send_digests`` did for one user: ``sent``, ``already sent``, ``nothing due`` or ``would send``."""

    email: str
    status: str
    references: tuple[str, ...] = ()

    def as_json(self) -> dict:
        return {"email": self.email, "status": self.status, "requests": list(self.references)}


def _lines(user: User, condition) -> list[DigestLine]:
    query = (visible_requests_query(user).where(InfoRequest.status != RequestStatus.CLOSED)
             .join(RequestClock, RequestClock.request_id == InfoRequest.id).where(condition)
             .add_columns(RequestClock).order_by(RequestClock.due_on, InfoRequest.reference))
    return [DigestLine(r.reference, r.title, c.label, c.due_on, external_url("info_requests.show", request_id=r.id))
            for r, c in db.session.execute(query)]


def _moved(user: User) -> list[DigestLine]:
    last = db.session.scalar(select(SentMail.sent_at).where(SentMail.user_id == user.id, SentMail.kind == DIGEST)
                             .order_by(SentMail.sent_at.desc()).limit(1))
    since = last or utcnow() - MOVED_LOOKBACK
    visible = visible_requests_query(user).with_only_columns(InfoRequest.id)
    events = db.session.scalars(select(AuditEvent).where(
        AuditEvent.action == "clock.moved", AuditEvent.occurred_at > since, AuditEvent.request_id.in_(visible))
        .order_by(AuditEvent.id))
    lines = []
    for event in events:
        info_request = db.session.get(InfoRequest, event.request_id)
        old, new = date.fromisoformat(event.before["due"]), date.fromisoformat(event.after["due"])
        reason = event.summary.rpartition("(")[2].rstrip(")") if "(" in event.summary else ""
        lines.append(DigestLine(info_request.reference, info_request.title,
                                _label(info_request.id, event.after.get("clock", "")), new,
                                external_url("info_requests.show", request_id=info_request.id),
                                note=f"moved from {short_date(old)}" + (f" ({reason})" if reason else "")))
    return sorted(lines, key=lambda line: (line.due_on, line.reference))


def _label(request_id: int, clock: str) -> str:
    return db.session.scalar(select(RequestClock.label).where(RequestClock.request_id == request_id,
                                                              RequestClock.name == clock)) or clock


def build_digest(user: User, today: date) -> Digest:
    """Return the user's digest for ``today`` from the stored clocks (only requests they may see)."""
    windows = [ClockName.ICO_COMPLAINT.value, ClockName.APPEAL.value]
    return Digest(
        today=today,
        due_soon=_lines(user, response_due_soon(today)),
        overdue=_lines(user, response_overdue(today)),
        review_overdue=_lines(user, and_(RequestClock.name == ClockName.REVIEW.value, RequestClock.state == _OPEN,
                                         RequestClock.due_on < today)),
        windows_closing=_lines(user, and_(RequestClock.name.in_(windows), RequestClock.state == _OPEN,
                                          RequestClock.due_on >= today, RequestClock.soon_from <= today)),
        moved=_moved(user),
    )


def digest_users() -> list[User]:
    """Return the active users who asked for the daily digest, by email."""
    return list(db.session.scalars(select(User).join(MailPreference, MailPreference.user_id == User.id).where(
        MailPreference.daily_digest.is_(True), User.active.is_(True)).order_by(User.email)))


def send_digests(today: date, *, settings: SmtpSettings | None, dry_run: bool = False) -> list[DigestOutcome]:
    """Send each opted-in user's digest for ``today`` once; return what happened per user. Commits.

    A user with nothing to report gets no email. ``dry_run`` sends and records
    nothing (and needs no mail settings). Raises ``MailSendError`` when the
    server refuses; digests sent before it stay recorded.
    """
    outcomes = []
    key = today.isoformat()
    for user in digest_users():
        if already_sent(user, DIGEST, key):
            outcomes.append(DigestOutcome(user.email, "already sent"))
            continue
        digest = build_digest(user, today)
        refs = tuple(digest.references)
        if not digest:
            outcomes.append(DigestOutcome(user.email, "nothing due"))
            continue
        if dry_run or settings is None:
            outcomes.append(DigestOutcome(user.email, "would send", refs))
            continue
        body = digest_text(digest, name=user.display_name, settings_url=external_url("mailer.settings"))
        message = new_message(settings, to=user.email, subject=digest_subject(digest), body=body)
        sent = send_once(user, DIGEST, key, message, settings)
        outcomes.append(DigestOutcome(user.email, "sent" if sent else "already sent", refs if sent else ()))
    return outcomes
