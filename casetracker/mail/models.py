"""Emails that matched no request, kept until a user assigns each one."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casetracker.documents.models import StoredFile
from casetracker.extensions import db
from casetracker.timeutil import utcnow


class UnassignedMessage(db.Model):
    """An imported email no request could be matched to; never dropped, listed "to assign"."""

    __tablename__ = "unassigned_messages"
    __table_args__ = (UniqueConstraint("team_id", "message_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"), index=True)
    #: The message exactly as received: RFC 822 bytes, or the Outlook .msg file.
    stored_file_id: Mapped[int] = mapped_column(ForeignKey("stored_files.id"), index=True)
    #: The file the message came from (an .eml, .msg or mailbox), as uploaded.
    filename: Mapped[str] = mapped_column(String(500), default="")
    subject: Mapped[str] = mapped_column(String(500), default="")
    sender: Mapped[str] = mapped_column(String(500), default="")
    #: The message's Date header, or None when it has none.
    date: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    #: Without angle brackets; made from the SHA-256 of the bytes when the message has none.
    message_id: Mapped[str] = mapped_column(String(500))
    #: Why no request was chosen, in words for the user.
    reason: Mapped[str] = mapped_column(String(500), default="")
    attachment_names: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    stored_file: Mapped[StoredFile] = relationship(lazy="joined")

