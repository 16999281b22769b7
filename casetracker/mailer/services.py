"""Change a user's email opt-ins; send a one-off email (an invitation link) through the site's settings."""

from __future__ import annotations

from casetracker.audit.services import record_event
from casetracker.auth.models import User
from casetracker.extensions import db
from casetracker.mailer.delivery import mail_settings
from casetracker.mailer.models import MailPreference
from casetracker.mailer.smtp import MailNotConfigured, MailSendError, new_message, send_message
from casetracker.timeutil import utcnow

__all__ = ["MailNotConfigured", "MailSendError", "mail_configured", "send_invitation", "set_preferences"]


def mail_configured() -> bool:
    """Say whether the site can send email (``CASETRACKER_MAIL_SERVER`` is set)."""
    return mail_settings() is not None


def set_preferences(user: User, *, daily_digest: bool, search_alerts: bool, actor: User) -> MailPreference:
    """Store the user's opt-ins; flushes and audits, never commits."""
    row = db.session.get(MailPreference, user.id)
    before = {"daily_digest": row.daily_digest, "search_alerts": row.search_alerts} if row else None
    if row is None:
        row = MailPreference(user_id=user.id)
        db.session.add(row)
    row.daily_digest, row.search_alerts, row.updated_at = bool(daily_digest), bool(search_alerts), utcnow()
    db.session.flush()
    record_event(actor=actor, action="user.mail_preferences", obj=user, summary=f"Email settings of {user.email} changed",
                 before=before, after={"daily_digest": row.daily_digest, "search_alerts": row.search_alerts})
    return row


def send_invitation(*, email: str, team_name: str, link: str, inviter: User) -> None:
    """Email a one-time invitation link; raises MailNotConfigured or MailSendError."""
    settings = mail_settings()
    if settings is None:
        raise MailNotConfigured("Email is not configured on this site.")
    body = (f"Hello,\n\n{inviter.display_name} invites you to join {team_name} on casetracker.\n"
            f"Open this link to set your password and join; it works once, for 7 days:\n\n{link}\n")
    send_message(settings, new_message(settings, to=email, subject=f"casetracker: join {team_name}", body=body))
