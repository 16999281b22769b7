"""The append-only audit trail."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import DDL, JSON, DateTime, ForeignKey, Integer, String, event
from sqlalchemy.orm import Mapped, mapped_column

from casetracker.extensions import db
from casetracker.timeutil import utcnow


class AuditEvent(db.Model):
    """One change someone made: who, when, what, to which object, before and after.

    Rows are never updated or deleted: ``before_update``/``before_delete`` hooks
    below refuse it in the ORM, and database triggers (``IMMUTABLE_TRIGGERS``)
    refuse it for bulk ORM statements and raw SQL too.
    """

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    #: Null for changes made by the system (the demo loader, a migration).
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    actor_label: Mapped[str] = mapped_column(String(254), default="system")
    #: A verb phrase such as ``request.opened`` or ``correspondence.recorded``.
    action: Mapped[str] = mapped_column(String(80))
    #: The table name of the object changed, e.g. ``info_requests``.
    object_type: Mapped[str] = mapped_column(String(80))
    object_id: Mapped[int | None] = mapped_column(Integer)
    #: The request the change belongs to, so a request page can show its history.
    request_id: Mapped[int | None] = mapped_column(Integer, index=True)
    team_id: Mapped[int | None] = mapped_column(Integer, index=True)
    summary: Mapped[str] = mapped_column(String(500), default="")
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class AuditImmutableError(RuntimeError):
    """Raised when code tries to change or delete an audit event."""


@event.listens_for(AuditEvent, "before_update")
def _refuse_update(mapper, connection, target):  # noqa: ARG001
    raise AuditImmutableError("Audit events cannot be changed.")


@event.listens_for(AuditEvent, "before_delete")
def _refuse_delete(mapper, connection, target):  # noqa: ARG001
    raise AuditImmutableError("Audit events cannot be deleted.")


#: Triggers that make the database itself refuse UPDATE and DELETE on audit rows,
#: per dialect. Migration 0003 creates the same ones; ``create_all`` gets them from
#: the listeners below. TRUNCATE (used only by the tests' reset) fires no row trigger.
IMMUTABLE_TRIGGERS = {
    "sqlite": [
        # The one exception (issue 17): a grant in ``audit_amendments`` lets erasure pseudonymise an
        # entry's summary, before and after (who, when, what and to which object never change) and
        # lets the retention schedule delete an expired entry. See casetracker/privacy/audit_amend.py.
        "CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events "
        "WHEN NOT EXISTS (SELECT 1 FROM audit_amendments g WHERE g.audit_event_id = OLD.id "
        "AND g.kind = 'pseudonymise') OR NEW.id IS NOT OLD.id OR NEW.occurred_at IS NOT OLD.occurred_at "
        "OR NEW.actor_id IS NOT OLD.actor_id OR NEW.actor_label IS NOT OLD.actor_label "
        "OR NEW.action IS NOT OLD.action OR NEW.object_type IS NOT OLD.object_type "
        "OR NEW.object_id IS NOT OLD.object_id OR NEW.request_id IS NOT OLD.request_id "
        "OR NEW.team_id IS NOT OLD.team_id "
        "BEGIN SELECT RAISE(ABORT, 'audit events cannot be changed'); END",
        "CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events "
        "WHEN NOT EXISTS (SELECT 1 FROM audit_amendments g WHERE g.audit_event_id = OLD.id "
        "AND g.kind = 'expire') "
        "BEGIN SELECT RAISE(ABORT, 'audit events cannot be deleted'); END",
    ],
    "postgresql": [
        "CREATE OR REPLACE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "IF TG_OP = 'DELETE' THEN "
        "IF EXISTS (SELECT 1 FROM audit_amendments g WHERE g.audit_event_id = OLD.id AND g.kind = 'expire') "
        "THEN RETURN OLD; END IF; "
        "ELSIF EXISTS (SELECT 1 FROM audit_amendments g WHERE g.audit_event_id = OLD.id "
        "AND g.kind = 'pseudonymise') AND NEW.id = OLD.id "
        "AND NEW.occurred_at IS NOT DISTINCT FROM OLD.occurred_at AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id "
        "AND NEW.actor_label IS NOT DISTINCT FROM OLD.actor_label AND NEW.action IS NOT DISTINCT FROM OLD.action "
        "AND NEW.object_type IS NOT DISTINCT FROM OLD.object_type AND NEW.object_id IS NOT DISTINCT FROM OLD.object_id "
        "AND NEW.request_id IS NOT DISTINCT FROM OLD.request_id AND NEW.team_id IS NOT DISTINCT FROM OLD.team_id "
        "THEN RETURN NEW; END IF; "
        "RAISE EXCEPTION 'audit events cannot be changed or deleted'; END $$",
        "CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events "
        "FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change()",
    ],
}

for _dialect, _statements in IMMUTABLE_TRIGGERS.items():
    for _statement in _statements:
        event.listen(AuditEvent.__table__, "after_create", DDL(_statement).execute_if(dialect=_dialect))
