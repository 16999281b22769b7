"""A document's release-safety findings, who acknowledged them, and its redactions."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from casetracker.extensions import db
from casetracker.timeutil import utcnow


class ReleaseCheck(db.Model):
    """The last release-safety check of a document: its findings (kind, where, detail), or why it failed."""

    __tablename__ = "release_checks"

    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    #: [{"kind", "where", "detail"}], as ``release_check.check_file`` returned them.
    findings: Mapped[list[dict]] = mapped_column(JSON, default=list)
    #: Why the file could not be checked ("" when it was): a document that cannot be checked is not released.
    error: Mapped[str] = mapped_column(String(500), default="")
    checked_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ReleaseAcknowledgement(db.Model):
    """An officer's word that one finding may be released as it is (who and when also go in the audit log)."""

    __tablename__ = "release_acknowledgements"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    #: ``Finding.key``: kind|where|detail, so the same finding found again stays acknowledged.
    finding_key: Mapped[str] = mapped_column(Text)
    acknowledged_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    acknowledged_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class RedactionMark(db.Model):
    """A passage (text, or an area of a page) an officer chose to redact, with the exemption relied on."""

    __tablename__ = "redaction_marks"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    #: The exact words to remove ("" for an area).
    text: Mapped[str] = mapped_column(String(1000), default="")
    #: 1-based page; None means every page the words are on.
    page: Mapped[int | None] = mapped_column(Integer)
    #: [x0, y0, x1, y1] in PDF points from the page's top-left, for an area.
    rect: Mapped[list[float] | None] = mapped_column(JSON)
    #: The exemption's code in the request's regime ("s40(2)", "reg 13").
    reason: Mapped[str] = mapped_column(String(50))
    #: The redaction that used it; None while it waits to be applied.
    redaction_id: Mapped[int | None] = mapped_column(ForeignKey("redactions.id", ondelete="CASCADE"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Redaction(db.Model):
    """A redacted copy (a document of its own) made from an original, which is kept and never released."""

    __tablename__ = "redactions"

    id: Mapped[int] = mapped_column(primary_key=True)
    original_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    redacted_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), unique=True)
    #: [[page, reason], ...] as the copy's log page lists them.
    log: Mapped[list[list]] = mapped_column(JSON, default=list)
    rasterised: Mapped[bool] = mapped_column(Boolean, default=False)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
