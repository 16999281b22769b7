"""A team's own letter templates: its letterhead as a docxtpl .docx."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casetracker.auth.models import Team, User
from casetracker.extensions import db
from casetracker.letters.constants import LetterKind
from casetracker.timeutil import utcnow


class LetterTemplate(db.Model):
    """A .docx with merge fields a team fills instead of the built-in layout."""

    __tablename__ = "letter_templates"
    __table_args__ = (UniqueConstraint("team_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"), index=True)
    #: The kind of letter it is for (a ``LetterKind`` value); None: any kind.
    kind: Mapped[str | None] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    #: The uploaded file name; shown and used for downloads, never as a path.
    filename: Mapped[str] = mapped_column(String(300))
    #: The bytes live under ``FILES_PATH`` named by this digest (``documents.storage``).
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(default=0)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    team: Mapped[Team] = relationship()
    uploaded_by: Mapped[User | None] = relationship()

    @property
    def kind_label(self) -> str:
        return LetterKind(self.kind).label if self.kind else "Any kind of letter"
