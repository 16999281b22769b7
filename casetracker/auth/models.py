"""Users, teams and the memberships that join them."""

from __future__ import annotations

import secrets
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import DateTime, ForeignKey, Integer, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casetracker.auth.constants import Role, TeamSide
from casetracker.extensions import db
from casetracker.timeutil import utcnow


def new_session_token() -> str:
    """Return a fresh, unguessable session token (256 bits)."""
    return secrets.token_urlsafe(32)


class Team(db.Model):
    """A group of people who share requests, documents and letterheads."""

    __tablename__ = "teams"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Short unique name used on the command line (``--team demo``).
    name: Mapped[str] = mapped_column(String(100), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    #: ``requester`` (makes requests) or ``authority`` (an FOI office answering them); see ``TeamSide``.
    side: Mapped[str] = mapped_column(String(20), default=TeamSide.REQUESTER, server_default=TeamSide.REQUESTER.value)
    #: An authority team's own ``PublicAuthority`` record. Not a foreign key: authorities belong to
    #: teams, so the two tables would reference each other.
    authority_id: Mapped[int | None] = mapped_column(Integer)
    #: ``central`` or ``other`` (``AuthorityType``), which sets the s12 cost limit; empty for requesters.
    authority_type: Mapped[str] = mapped_column(String(20), default="", server_default="")

    memberships: Mapped[list[Membership]] = relationship(back_populates="team")

    @property
    def is_authority(self) -> bool:
        """Return True for an FOI office's team, which answers the requests it holds."""
        return self.side == TeamSide.AUTHORITY


class User(UserMixin, db.Model):
    """A person who logs in."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    #: argon2id hash; the password itself is never stored.
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    #: Site administrators change what every team shares (extra non-working days);
    #: being one gives no access to any team's records.
    is_site_admin: Mapped[bool] = mapped_column(default=False, server_default=false())
    #: The id a login session carries (Flask-Login's alternative id); replacing it
    #: ends every session of this user at once (``auth.services.end_sessions``).
    session_token: Mapped[str] = mapped_column(String(64), unique=True, index=True, default=new_session_token)

    memberships: Mapped[list[Membership]] = relationship(
        back_populates="user", lazy="selectin"
    )

    @property
    def is_active(self) -> bool:  # type: ignore[override]
        return self.active

    def get_id(self) -> str:
        """Return the session token, not the row id, so a session outlives neither logout nor a new password."""
        return self.session_token

    def role_in(self, team_id: int) -> Role | None:
        """Return this user's role in the team, or None when not a member."""
        for membership in self.memberships:
            if membership.team_id == team_id:
                return Role(membership.role)
        return None

    @property
    def team_ids(self) -> list[int]:
        """Return the ids of every team this user belongs to."""
        return [m.team_id for m in self.memberships]

    @property
    def display_name(self) -> str:
        return self.name or self.email


class Membership(db.Model):
    """A user's role in one team."""

    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("user_id", "team_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))
    role: Mapped[str] = mapped_column(String(20), default=Role.VIEWER)

    user: Mapped[User] = relationship(back_populates="memberships")
    team: Mapped[Team] = relationship(back_populates="memberships", lazy="joined")
