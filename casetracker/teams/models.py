"""A one-time invitation to join a team; a team's school term dates."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casetracker.auth.models import Team
from casetracker.extensions import db
from casetracker.timeutil import utcnow


class Invitation(db.Model):
    """An invitation link; only the SHA-256 of its token is kept, so the table cannot be used to join."""

    __tablename__ = "team_invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"), index=True)
    email: Mapped[str] = mapped_column(String(254))
    role: Mapped[str] = mapped_column(String(20))
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    #: Set when the link is used; a used link never works again.
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    team: Mapped[Team] = relationship(lazy="joined")


class SchoolTerm(db.Model):
    """One term of the schools a team deals with (or is): first and last school day, both included.

    Used for requests to an authority marked as a school: SI 2004/3364 reg 3 gives
    a maintained school the 20th school day or the 60th working day, whichever is first.
    """

    __tablename__ = "school_terms"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"), index=True)
    first_day: Mapped[date] = mapped_column(Date)
    last_day: Mapped[date] = mapped_column(Date)
