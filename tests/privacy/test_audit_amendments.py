"""The audit trail's one exception is narrow: a grant per entry, summary/before/after only; expiry by grant."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, select, update
from sqlalchemy.exc import DBAPIError

from casetracker.audit.models import AuditEvent
from casetracker.extensions import db
from casetracker.privacy.audit_amend import expire_audit, pseudonymise_audit
from casetracker.privacy.models import AuditAmendment


@pytest.fixture
def two_events(app):
    from casetracker.auth.services import get_or_create_team

    with app.app_context():
        get_or_create_team("Philippa's team")
        get_or_create_team("beta")
        db.session.commit()
        return list(db.session.scalars(select(AuditEvent.id).order_by(AuditEvent.id)))


def test_a_pseudonymise_grant_lets_only_the_text_change(app, two_events):
    first, second = two_events
    with app.app_context():
        assert pseudonymise_audit(["Philippa"], "[erased]", erasure_id=None) == [first]
        db.session.commit()
        assert db.session.get(AuditEvent, first).summary == "Team [erased]'s team created"
        assert [(g.audit_event_id, g.kind) for g in db.session.scalars(select(AuditAmendment))] == [
            (first, "pseudonymise")]
        for change in ({"actor_label": "someone else"}, {"action": "team.renamed"}, {"occurred_at": None}):
            with pytest.raises(DBAPIError):
                db.session.execute(update(AuditEvent).where(AuditEvent.id == first).values(**change))
            db.session.rollback()
        with pytest.raises(DBAPIError):  # no grant for the other entry
            db.session.execute(update(AuditEvent).where(AuditEvent.id == second).values(summary="x"))
        db.session.rollback()
        with pytest.raises(DBAPIError):  # a pseudonymise grant is no licence to delete
            db.session.execute(delete(AuditEvent).where(AuditEvent.id == first))
        db.session.rollback()


def test_expiry_deletes_only_entries_before_the_cutoff_and_keeps_the_grant(app, two_events):
    from datetime import datetime, timedelta, timezone

    with app.app_context():
        assert expire_audit(datetime.now(timezone.utc) - timedelta(days=1)) == 0
        assert expire_audit(datetime.now(timezone.utc) + timedelta(days=1)) == 2
        db.session.commit()
        assert db.session.scalar(select(AuditEvent.id)) is None
        assert sorted(g.audit_event_id for g in db.session.scalars(select(AuditAmendment))) == two_events
