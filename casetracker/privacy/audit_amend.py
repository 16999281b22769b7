"""The narrow exceptions to the audit trail's immutability: pseudonymise an entry, delete an expired one.

Each change is allowed by the database only because a grant row
(``AuditAmendment``) for that entry exists, written in the same transaction;
the grant stays as the record. Who, when, what and to which object never
change (the triggers in ``audit.models.IMMUTABLE_TRIGGERS`` check it).
UK GDPR Art 17(1) (erasure) and Art 5(1)(e) (storage limitation) are why.
"""

from __future__ import annotations

import json
import re
from datetime import datetime

from sqlalchemy import Text, cast, delete, func, or_, select, update

from casetracker.audit.models import AuditEvent
from casetracker.extensions import db
from casetracker.privacy.models import AuditAmendment


def _replace(value, terms: list[str], pseudonym: str):
    """Return ``value`` (str, dict, list) with each term, case-insensitively, replaced by ``pseudonym``."""
    if isinstance(value, str):
        for term in terms:
            value = re.sub(re.escape(term), pseudonym, value, flags=re.IGNORECASE)
        return value
    if isinstance(value, dict):
        return {k: _replace(v, terms, pseudonym) for k, v in value.items()}
    if isinstance(value, list):
        return [_replace(v, terms, pseudonym) for v in value]
    return value


def _mentions(event: AuditEvent, terms: list[str]) -> bool:
    blob = " ".join([event.summary or "", json.dumps(event.before, ensure_ascii=False),
                     json.dumps(event.after, ensure_ascii=False)]).lower()
    return any(term.lower() in blob for term in terms)


def pseudonymise_audit(terms: list[str], pseudonym: str, *, erasure_id: int | None) -> list[int]:
    """Replace ``terms`` in every audit entry's summary, before and after with ``pseudonym``; return the ids.

    Candidates are found in SQL (text LIKE, JSON cast to text) and confirmed in
    Python, since JSON may store non-ASCII letters escaped.
    """
    if not terms:
        return []
    like = [func.lower(column).contains(term.lower(), autoescape=True)
            for term in terms for column in (AuditEvent.summary, cast(AuditEvent.before, Text),
                                             cast(AuditEvent.after, Text))]
    non_ascii = any(not term.isascii() for term in terms)
    query = select(AuditEvent) if non_ascii else select(AuditEvent).where(or_(*like))
    changed = []
    for event in db.session.scalars(query.execution_options(populate_existing=True)):
        if not _mentions(event, terms):
            continue
        db.session.add(AuditAmendment(audit_event_id=event.id, kind="pseudonymise", erasure_id=erasure_id))
        db.session.flush()
        db.session.execute(
            update(AuditEvent).where(AuditEvent.id == event.id).values(
                summary=_replace(event.summary, terms, pseudonym)[:500],
                before=_replace(event.before, terms, pseudonym),
                after=_replace(event.after, terms, pseudonym)),
            execution_options={"synchronize_session": False})
        changed.append(event.id)
    db.session.flush()  # pending ORM changes (the outbox rows) must reach the database before expiry
    db.session.expire_all()
    return changed


def expire_audit(before: datetime) -> int:
    """Delete every audit entry that occurred before ``before`` (the retention schedule); return how many."""
    ids = list(db.session.scalars(select(AuditEvent.id).where(AuditEvent.occurred_at < before)))
    for event_id in ids:
        db.session.add(AuditAmendment(audit_event_id=event_id, kind="expire"))
    db.session.flush()
    if ids:
        for start in range(0, len(ids), 500):
            db.session.execute(delete(AuditEvent).where(AuditEvent.id.in_(ids[start:start + 500])),
                               execution_options={"synchronize_session": False})
    db.session.flush()  # pending ORM changes (the outbox rows) must reach the database before expiry
    db.session.expire_all()
    return len(ids)
