"""The append-only audit trail."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, event
from sqlalchemy.orm import Mapped, mapped_column

from casetracker.extensions import db
from casetracker.timeutil import utcnow


class AuditEvent(db.Model):
    """One change someone made: who, when, what, to which object, before and after.

    Rows are never updated or deleted; ``before_update``/``before_delete`` hooks
    below refuse it.
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
