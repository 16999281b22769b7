"""Send a keyed email to a user at most once: claim the key in the database, commit, send, release on failure."""

from __future__ import annotations

import logging
from email.message import EmailMessage

from flask import current_app
from sqlalchemy.exc import IntegrityError

from casetracker.auth.models import User
from casetracker.extensions import db
from casetracker.mailer.models import MailPreference, SentMail
from casetracker.mailer.smtp import MailSendError, SmtpSettings, send_message, site_settings

log = logging.getLogger(__name__)


def mail_settings() -> SmtpSettings | None:
    """Return the site's SMTP settings (``CASETRACKER_MAIL_*``), or None: then nothing is sent."""
    return site_settings(current_app.config)


def preference(user: User) -> MailPreference:
    """Return the user's opt-ins (both off until they choose)."""
    return db.session.get(MailPreference, user.id) or MailPreference(user_id=user.id, daily_digest=False,
                                                                     search_alerts=False)


def already_sent(user: User, kind: str, key: str) -> bool:
    return db.session.scalar(db.select(SentMail.id).where(
        SentMail.user_id == user.id, SentMail.kind == kind, SentMail.key == key)) is not None


def send_once(user: User, kind: str, key: str, message: EmailMessage, settings: SmtpSettings) -> bool:
    """Send ``message`` unless this (user, kind, key) was sent before; return True when it went now. Commits.

    The row is committed before the message is handed to the server, so two
    runs at once never both send it; a send that fails deletes the row again,
    so the next run tries once more.
    """
    row = SentMail(user_id=user.id, kind=kind, key=key, to_address=user.email, subject=str(message["Subject"])[:300])
    db.session.add(row)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return False
    try:
        send_message(settings, message)
    except MailSendError:
        db.session.delete(row)
        db.session.commit()
        raise
    return True
