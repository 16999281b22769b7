"""Letters and emails about a request, and the files attached to them."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casetracker.correspondence.constants import CorrespondenceKind, CorrespondenceState, Direction
from casetracker.extensions import db
from casetracker.info_requests.models import InfoRequest
from casetracker.timeutil import utcnow


class Correspondence(db.Model):
    """One letter or email, incoming or outgoing, on a request's history."""

    __tablename__ = "correspondence"
    #: Audit entries refer to these instead of copying them (``audit.services.snapshot``, issue 17).
    __personal_fields__ = ("from_text", "to_text", "cc_text")
    __table_args__ = (UniqueConstraint("request_id", "message_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("info_requests.id"), index=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"), index=True)
    direction: Mapped[str] = mapped_column(String(10), default=Direction.INCOMING)
    kind: Mapped[str] = mapped_column(String(40), default=CorrespondenceKind.OTHER)
    state: Mapped[str] = mapped_column(String(10), default=CorrespondenceState.RECEIVED)
    #: The date it was sent or received, UK local; the date that moves the clocks.
    dated: Mapped[date | None] = mapped_column(Date)
    from_text: Mapped[str] = mapped_column(String(500), default="")
    to_text: Mapped[str] = mapped_column(String(1000), default="")
    cc_text: Mapped[str] = mapped_column(String(1000), default="")
    subject: Mapped[str] = mapped_column(String(500), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    #: Email Message-ID without angle brackets; refuses importing the same email twice.
    message_id: Mapped[str | None] = mapped_column(String(500), index=True)
    in_reply_to: Mapped[str | None] = mapped_column(String(500))
    #: Why the kind was suggested on import ("subject says 'internal review'"), until a user confirms.
    kind_cue: Mapped[str] = mapped_column(String(300), default="")
    kind_confirmed: Mapped[bool] = mapped_column(default=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    info_request: Mapped[InfoRequest] = relationship()
    attachments: Mapped[list[CorrespondenceAttachment]] = relationship(
        back_populates="correspondence", cascade="all, delete-orphan", lazy="selectin"
    )

    @property
    def kind_label(self) -> str:
        return CorrespondenceKind(self.kind).label

    @property
    def moves_clocks(self) -> bool:
        """Return True unless this is an unsent draft or an unconfirmed suggestion."""
        return self.state != CorrespondenceState.DRAFT and self.kind_confirmed and self.dated is not None


class CorrespondenceAttachment(db.Model):
    """A document attached to a correspondence entry."""

    __tablename__ = "correspondence_attachments"
    __table_args__ = (UniqueConstraint("correspondence_id", "document_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    correspondence_id: Mapped[int] = mapped_column(ForeignKey("correspondence.id"), index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)

    correspondence: Mapped[Correspondence] = relationship(back_populates="attachments")
    document: Mapped["Document"] = relationship(lazy="joined")  # noqa: F821


from casetracker.documents.models import Document  # noqa: E402,F401
