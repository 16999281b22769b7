"""Erasures (the subject rows audit entries point at) and the grants that let one audit row change."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from casetracker.extensions import db
from casetracker.timeutil import utcnow


class Erasure(db.Model):
    """One person erased (UK GDPR Art 17) or anonymised by the retention schedule.

    Holds the pseudonym that replaced them and the counts of what changed, never
    the erased data: audit entries name the pseudonym, so the trail still reads.
    """

    __tablename__ = "erasures"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: What now stands where the person's name stood, e.g. ``[erased requester E3]``.
    pseudonym: Mapped[str] = mapped_column(String(60), default="")
    #: ``request`` (a requester's Art 17 request) or ``retention`` (the schedule).
    reason: Mapped[str] = mapped_column(String(20), default="request")
    erased_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    erased_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    erased_by_label: Mapped[str] = mapped_column(String(254), default="system")
    #: {"rows": n, "files": n, "documents_removed": n, "audit_entries": n} for the record.
    counts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class AuditAmendment(db.Model):
    """A grant that lets the database change one audit row, once, in one narrow way.

    The audit trail is immutable (triggers ``audit_events_no_*``); the only
    exceptions are pseudonymising personal data copied into an entry before
    entries stored references (``pseudonymise``: only summary/before/after may
    change) and deleting an entry the retention schedule has expired
    (``expire``). The grant row stays as the record that it happened. No
    foreign key: an expired entry is gone but its grant remains.
    """

    __tablename__ = "audit_amendments"

    id: Mapped[int] = mapped_column(primary_key=True)
    audit_event_id: Mapped[int] = mapped_column(Integer, index=True)
    #: ``pseudonymise`` or ``expire``.
    kind: Mapped[str] = mapped_column(String(20))
    erasure_id: Mapped[int | None] = mapped_column(Integer)
    granted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
