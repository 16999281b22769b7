"""Who wants which email, what was sent (so a second run sends nothing new), and password reset links."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from casetracker.extensions import db
from casetracker.timeutil import utcnow


class MailPreference(db.Model):
    """A user's opt-ins; nobody gets a digest or an alert without asking for it."""

    __tablename__ = "mail_preferences"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    #: The daily digest of deadlines (due soon, overdue, windows closing, moved dates).
    daily_digest: Mapped[bool] = mapped_column(default=False)
    #: An email when a saved search matches new pages.
    search_alerts: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class SentMail(db.Model):
    """One email sent to a user, keyed so the same digest or alert is never sent twice.

    ``kind`` is ``digest`` (key: the ISO day) or ``search-alert`` (key: the
    saved search and its page count).
    """

    __tablename__ = "sent_mail"
    __table_args__ = (UniqueConstraint("user_id", "kind", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    key: Mapped[str] = mapped_column(String(100))
    to_address: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300))
    sent_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class PasswordReset(db.Model):
    """A one-time, expiring password reset link; only the token's SHA-256 is kept."""

    __tablename__ = "password_resets"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    #: Set when used; a used link never works again.
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
