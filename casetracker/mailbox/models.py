"""A team's mailbox settings (secrets encrypted) and how far each IMAP folder has been read."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casetracker.auth.models import Team
from casetracker.extensions import db
from casetracker.timeutil import utcnow


class TeamMailbox(db.Model):
    """A team's FOI inbox (IMAP, read) and outgoing server (SMTP, letters sent by email).

    Passwords are Fernet tokens (``mailbox.secrets``) under a key in the instance
    folder, never shown again once saved.
    """

    __tablename__ = "team_mailboxes"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"), unique=True)
    imap_host: Mapped[str] = mapped_column(String(255), default="")
    imap_port: Mapped[int] = mapped_column(default=993)
    #: ``ssl``, ``starttls`` or ``none`` (loopback test servers only).
    imap_security: Mapped[str] = mapped_column(String(10), default="ssl")
    imap_username: Mapped[str] = mapped_column(String(254), default="")
    imap_secret: Mapped[str] = mapped_column(Text, default="")
    #: Folders to read, comma-separated, e.g. ``INBOX``.
    folders: Mapped[str] = mapped_column(String(500), default="INBOX")
    smtp_host: Mapped[str] = mapped_column(String(255), default="")
    smtp_port: Mapped[int] = mapped_column(default=587)
    smtp_security: Mapped[str] = mapped_column(String(10), default="starttls")
    smtp_username: Mapped[str] = mapped_column(String(254), default="")
    smtp_secret: Mapped[str] = mapped_column(Text, default="")
    #: The From address of letters sent by email (the team's FOI address).
    from_address: Mapped[str] = mapped_column(String(254), default="")
    #: A fetch in progress holds this lease, so two workers never read the same folder at once.
    lease_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_fetched_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    #: Why the last fetch failed, in words for the team; empty when it worked.
    last_error: Mapped[str] = mapped_column(String(500), default="")
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    team: Mapped[Team] = relationship(lazy="joined")

    @property
    def folder_list(self) -> list[str]:
        return [f.strip() for f in self.folders.split(",") if f.strip()] or ["INBOX"]

    @property
    def can_fetch(self) -> bool:
        return bool(self.imap_host and self.imap_username and self.imap_secret)

    @property
    def can_send(self) -> bool:
        return bool(self.smtp_host and self.from_address)


class MailboxFolder(db.Model):
    """The last UID read in one folder; a new UIDVALIDITY means the server renumbered it (RFC 3501 s2.3.1.1)."""

    __tablename__ = "mailbox_folders"
    __table_args__ = (UniqueConstraint("mailbox_id", "folder"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mailbox_id: Mapped[int] = mapped_column(ForeignKey("team_mailboxes.id", ondelete="CASCADE"), index=True)
    folder: Mapped[str] = mapped_column(String(255))
    uidvalidity: Mapped[int] = mapped_column(BigInteger, default=0)
    last_uid: Mapped[int] = mapped_column(BigInteger, default=0)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
