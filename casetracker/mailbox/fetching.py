"""Fetch a team's new messages over IMAP into the existing mail import (dedup, matching, "Mail to assign").

imapclient (BSD-3-Clause) wraps the standard library's imaplib with parsed
responses (UIDs, UIDVALIDITY, literal bodies), which imaplib leaves to the
caller. Each folder remembers its last UID and UIDVALIDITY (RFC 3501 s2.3.1.1):
only UIDs above the last are fetched, and a changed UIDVALIDITY means the
server renumbered the folder, so it is read again from the start — the
Message-ID dedup of ``mail.services`` makes that harmless. Messages are read
with BODY.PEEK, so the inbox's read/unread flags are left as they were.
"""

from __future__ import annotations

import logging
import ssl
from dataclasses import dataclass, field
from datetime import timedelta

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError
from sqlalchemy import or_, update

from casetracker.extensions import db
from casetracker.mail.constants import ImportStatus
from casetracker.mail.services import iter_mail_import
from casetracker.mailbox.models import MailboxFolder, TeamMailbox
from casetracker.mailbox.secrets import SecretUnreadable, decrypt
from casetracker.timeutil import utcnow

log = logging.getLogger(__name__)

#: A fetch holds the mailbox this long at most; a worker that dies lets it go.
LEASE = timedelta(minutes=10)
#: Messages fetched from the server per round trip.
BATCH = 25
TIMEOUT = 60


class FetchError(RuntimeError):
    """The server could not be reached or refused; the message is for the team."""


@dataclass
class FetchReport:
    """What one fetch did: counts by import status, per team."""

    team: str
    counts: dict[str, int] = field(default_factory=dict)
    error: str = ""
    skipped: bool = False

    def add(self, status: str) -> None:
        self.counts[status] = self.counts.get(status, 0) + 1

    def as_json(self) -> dict:
        return {"team": self.team, **{str(s): self.counts.get(str(s), 0) for s in ImportStatus},
                "error": self.error or None, "skipped": self.skipped}


def _claim(mailbox_id: int) -> bool:
    """Take the mailbox for this fetch unless another holds it; commits."""
    now = utcnow()
    result = db.session.execute(
        update(TeamMailbox).where(TeamMailbox.id == mailbox_id,
                                  or_(TeamMailbox.lease_until.is_(None), TeamMailbox.lease_until < now))
        .values(lease_until=now + LEASE).execution_options(synchronize_session=False))
    db.session.commit()
    return result.rowcount == 1


def connect(mailbox: TeamMailbox) -> IMAPClient:
    """Log in to the team's IMAP server; raise FetchError with a readable reason."""
    try:
        password = decrypt(mailbox.imap_secret)
        context = ssl.create_default_context()
        client = IMAPClient(mailbox.imap_host, port=mailbox.imap_port, ssl=mailbox.imap_security == "ssl",
                            ssl_context=context, timeout=TIMEOUT)
        try:
            if mailbox.imap_security == "starttls":
                client.starttls(context)
            client.login(mailbox.imap_username, password)
        except BaseException:
            client.shutdown()  # a refused login must not leave the socket open
            raise
        return client
    except SecretUnreadable as error:
        raise FetchError(str(error)) from error
    except (OSError, IMAPClientError) as error:
        raise FetchError(f"The mail server {mailbox.imap_host}:{mailbox.imap_port} refused or could not be reached "
                         f"({type(error).__name__}: {error}).") from error


def _folder_state(mailbox: TeamMailbox, folder: str) -> MailboxFolder:
    state = db.session.scalar(db.select(MailboxFolder).where(MailboxFolder.mailbox_id == mailbox.id,
                                                             MailboxFolder.folder == folder))
    if state is None:
        state = MailboxFolder(mailbox_id=mailbox.id, folder=folder, uidvalidity=0, last_uid=0)
        db.session.add(state)
        db.session.flush()
    return state


def _fetch_folder(client: IMAPClient, mailbox: TeamMailbox, folder: str, report: FetchReport) -> None:
    info = client.select_folder(folder, readonly=True)
    uidvalidity = int(info.get(b"UIDVALIDITY", 0))
    state = _folder_state(mailbox, folder)
    if state.uidvalidity != uidvalidity:
        state.uidvalidity, state.last_uid = uidvalidity, 0  # renumbered: read again; duplicates are refused
    db.session.commit()
    uids = sorted(uid for uid in client.search(["UID", f"{state.last_uid + 1}:*"]) if uid > state.last_uid)
    for start in range(0, len(uids), BATCH):
        chunk = uids[start:start + BATCH]
        fetched = client.fetch(chunk, ["BODY.PEEK[]"])
        for uid in chunk:
            raw = fetched.get(uid, {}).get(b"BODY[]")
            if raw:
                for outcome in iter_mail_import(bytes(raw), f"imap:{folder}/{uid}", team=mailbox.team,
                                                actor=None):
                    report.add(str(outcome.status))
            state = db.session.get(MailboxFolder, state.id)
            state.last_uid, state.updated_at = uid, utcnow()
            db.session.commit()  # each message with its UID: a crash re-reads at most one message


def fetch_mailbox(mailbox: TeamMailbox) -> FetchReport:
    """Fetch every folder's new messages into the import pipeline; record the outcome on the mailbox. Commits."""
    report = FetchReport(team=mailbox.team.name)
    mailbox_id = mailbox.id
    if not mailbox.can_fetch or not _claim(mailbox_id):
        report.skipped = True
        return report
    mailbox = db.session.get(TeamMailbox, mailbox_id)
    try:
        client = connect(mailbox)
        try:
            for folder in mailbox.folder_list:
                _fetch_folder(client, mailbox, folder, report)
        finally:
            try:
                client.logout()
            except (OSError, IMAPClientError):
                pass
    except (FetchError, OSError, IMAPClientError) as error:
        db.session.rollback()
        report.error = str(error)[:500]
        log.warning("Mailbox of %s: %s", report.team, report.error)
    mailbox = db.session.get(TeamMailbox, mailbox_id)
    mailbox.lease_until, mailbox.last_error = None, report.error
    if not report.error:
        mailbox.last_fetched_at = utcnow()
    db.session.commit()
    return report


def fetch_all(team_id: int | None = None) -> list[FetchReport]:
    """Fetch every connected team's mailbox (or one team's); the scheduled task and ``flask mail fetch``."""
    query = db.select(TeamMailbox).where(TeamMailbox.imap_host != "").order_by(TeamMailbox.id)
    if team_id is not None:
        query = query.where(TeamMailbox.team_id == team_id)
    return [fetch_mailbox(m) for m in list(db.session.scalars(query))]
