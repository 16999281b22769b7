"""A personal API token; only the SHA-256 of the secret is stored."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casetracker.api_tokens.constants import TokenScope
from casetracker.auth.models import User
from casetracker.extensions import db
from casetracker.timeutil import utcnow


class ApiToken(db.Model):
    """A user's key to the JSON API, sent as ``Authorization: Bearer ctk_…``; acts with the user's roles."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    #: ``TokenScope``: read (GET only) or write.
    scope: Mapped[str] = mapped_column(String(10), default=TokenScope.READ)
    #: Hex SHA-256 of the whole token; the token itself is shown once and never stored.
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    #: The prefix and first characters of the token, to tell tokens apart on the account page.
    shown: Mapped[str] = mapped_column(String(20), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    #: Set once; a revoked token answers 401 for ever.
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    user: Mapped[User] = relationship(lazy="joined")

    @property
    def can_write(self) -> bool:
        return self.scope == TokenScope.WRITE

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
