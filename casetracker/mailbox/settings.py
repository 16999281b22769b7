"""Save a team's mailbox settings (passwords encrypted, never shown again) and pick its outgoing server."""

from __future__ import annotations

from casetracker.audit.services import record_event
from casetracker.auth.models import Team, User
from casetracker.extensions import db
from casetracker.mailbox.models import TeamMailbox
from casetracker.mailbox.secrets import SecretUnreadable, decrypt, encrypt
from casetracker.mailer.delivery import mail_settings
from casetracker.mailer.smtp import SmtpSettings
from casetracker.timeutil import utcnow

SECURITY = ("ssl", "starttls", "none")
#: Columns shown in the audit entry; the secrets never are.
_PLAIN = ("imap_host", "imap_port", "imap_security", "imap_username", "folders", "smtp_host", "smtp_port",
          "smtp_security", "smtp_username", "from_address")


class MailboxSettingsError(ValueError):
    """Settings a team admin must correct; ``field`` names the form field."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def mailbox_of(team_id: int) -> TeamMailbox | None:
    return db.session.scalar(db.select(TeamMailbox).where(TeamMailbox.team_id == team_id))


def save_mailbox(team: Team, *, actor: User, imap_password: str = "", smtp_password: str = "",
                 **values) -> TeamMailbox:
    """Store the settings; a blank password keeps the stored one. Flushes and audits (without secrets)."""
    for name in ("imap_security", "smtp_security"):
        if values.get(name) not in SECURITY:
            raise MailboxSettingsError("Choose ssl, starttls or none.", name)
    if values.get("from_address") and "@" not in values["from_address"]:
        raise MailboxSettingsError("Give an email address to send from.", "from_address")
    mailbox = mailbox_of(team.id)
    before = {k: getattr(mailbox, k) for k in _PLAIN} if mailbox else None
    if mailbox is None:
        mailbox = TeamMailbox(team_id=team.id)
        db.session.add(mailbox)
    for name in _PLAIN:
        if name in values:
            setattr(mailbox, name, values[name].strip() if isinstance(values[name], str) else values[name])
    if imap_password:
        mailbox.imap_secret = encrypt(imap_password)
    if smtp_password:
        mailbox.smtp_secret = encrypt(smtp_password)
    if mailbox.imap_host and not (mailbox.imap_username and mailbox.imap_secret):
        raise MailboxSettingsError("Give the inbox's user name and password.", "imap_password")
    mailbox.updated_by_id, mailbox.updated_at = actor.id, utcnow()
    db.session.flush()
    record_event(actor=actor, action="mailbox.saved", obj=mailbox, team_id=team.id,
                 summary=f"Mailbox settings of {team.name} saved", before=before,
                 after={k: getattr(mailbox, k) for k in _PLAIN})
    return mailbox


def outgoing_settings(team_id: int) -> SmtpSettings | None:
    """Return the team's SMTP settings, else the site's (``CASETRACKER_MAIL_*``), else None."""
    mailbox = mailbox_of(team_id)
    if mailbox is not None and mailbox.can_send:
        try:
            password = decrypt(mailbox.smtp_secret) if mailbox.smtp_secret else ""
        except SecretUnreadable as error:
            raise MailboxSettingsError(str(error), "smtp_password") from error
        return SmtpSettings(host=mailbox.smtp_host, port=mailbox.smtp_port, security=mailbox.smtp_security,
                            username=mailbox.smtp_username, password=password, sender=mailbox.from_address)
    return mail_settings()
