"""Write audit events in the caller's transaction."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import insert

from casetracker.audit.models import AuditEvent
from casetracker.extensions import db
from casetracker.timeutil import utcnow


def _plain(value: Any) -> Any:
    """Return ``value`` as JSON-safe data (dates as ISO strings, enums as values)."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_plain(v) for v in value]
    return value


def event_values(
    *,
    actor: Any | None,
    action: str,
    obj: Any,
    summary: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    request_id: int | None = None,
    team_id: int | None = None,
) -> dict[str, Any]:
    """Return the column values of an audit event for ``obj`` (see ``record_event``)."""
    return {
        "actor_id": getattr(actor, "id", None),
        "actor_label": getattr(actor, "email", None) or "system",
        "action": action,
        "object_type": getattr(obj, "__tablename__", type(obj).__name__),
        "object_id": getattr(obj, "id", None),
        "request_id": request_id,
        "team_id": team_id,
        "summary": summary[:500],
        "before": _plain(before) if before else None,
        "after": _plain(after) if after else None,
    }


def record_event(*, actor: Any | None, action: str, obj: Any, **fields: Any) -> AuditEvent:
    """Add an audit event for ``obj`` to the session, to commit with the change.

    ``actor`` is a ``User`` or None for the system; ``obj`` must already be
    flushed so it has an id; ``fields`` are ``event_values``'s (summary,
    before, after, request_id, team_id). Never commits.
    """
    audit = AuditEvent(**event_values(actor=actor, action=action, obj=obj, **fields))
    db.session.add(audit)
    return audit


def record_events(values: list[dict[str, Any]]) -> None:
    """Insert many audit events (each from ``event_values``) in one statement, in the caller's transaction.

    For bulk work (a CSV import of 10,000 requests): the same rows as
    ``record_event`` would add, without an ORM object per event. Never commits.
    """
    if values:
        now = utcnow()
        db.session.execute(insert(AuditEvent).execution_options(render_nulls=True),
                           [{"occurred_at": now, **v} for v in values])


def personal_reference(obj: Any, name: str) -> dict[str, Any]:
    """Return a reference to a personal datum held on ``obj`` instead of a copy of it (issue 17).

    ``{"ref": "info_requests/12#requester_name", "set": true}``: the trail says
    what was recorded and where, and erasing the row erases the datum without
    rewriting history (UK GDPR Art 5(1)(c) data minimisation, Art 25(1)).
    """
    table = getattr(obj, "__tablename__", type(obj).__name__)
    return {"ref": f"{table}/{getattr(obj, 'id', None)}#{name}", "set": bool(getattr(obj, name))}


def snapshot(obj: Any, fields: list[str]) -> dict[str, Any]:
    """Return the named attributes of ``obj`` as a JSON-safe dict for before/after.

    Attributes the model lists in ``__personal_fields__`` are given as references, not values.
    """
    personal = set(getattr(obj, "__personal_fields__", ()))
    return {name: personal_reference(obj, name) if name in personal else _plain(getattr(obj, name))
            for name in fields}


def history_for_request(request_id: int) -> list[AuditEvent]:
    """Return a request's audit events, newest first."""
    return list(
        db.session.scalars(
            db.select(AuditEvent)
            .where(AuditEvent.request_id == request_id)
            .order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc())
        )
    )
