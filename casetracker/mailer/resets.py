"""One-time, expiring password reset links sent by email; only the token's SHA-256 is stored.

NIST SP 800-63B s6.1.2.3 (recovery): the link is single-use and short-lived,
and the answer to "reset my password" is the same whether or not the email
has an account, so the form cannot be used to find out who has one.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta, timezone

from casetracker.audit.services import record_event
from casetracker.auth.models import User
from casetracker.auth.services import AuthError, check_password_policy, end_sessions, get_user_by_email, hash_password
from casetracker.extensions import db
from casetracker.mailer.models import PasswordReset
from casetracker.mailer.smtp import SmtpSettings, new_message
from casetracker.timeutil import utcnow

#: A reset link works for this long.
RESET_LIFETIME = timedelta(hours=1)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)  # SQLite gives naive UTC


def start_reset(email: str, *, settings: SmtpSettings, link_for) -> tuple[User, str, object] | None:
    """Create a reset for the active user with ``email`` and return (user, token, message), or None. Flushes.

    ``link_for(token)`` gives the absolute URL of the reset page. The caller
    commits, then sends the message, and shows the same answer either way.
    """
    user = get_user_by_email(email or "")
    if user is None or not user.active:
        return None
    token = secrets.token_urlsafe(32)
    reset = PasswordReset(user_id=user.id, token_sha256=_digest(token), expires_at=utcnow() + RESET_LIFETIME)
    db.session.add(reset)
    db.session.flush()
    record_event(actor=None, action="user.password_reset_requested", obj=reset,
                 summary=f"Password reset link sent to {user.email}")
    minutes = int(RESET_LIFETIME.total_seconds() // 60)
    body = (f"Hello {user.display_name},\n\nSomeone (we hope you) asked to reset your casetracker password.\n"
            f"Choose a new one here within {minutes} minutes; the link works once:\n\n{link_for(token)}\n\n"
            "If it was not you, ignore this email: your password is unchanged.\n")
    return user, token, new_message(settings, to=user.email, subject="casetracker: reset your password", body=body)


def find_reset(token: str) -> PasswordReset | None:
    """Return the unused, unexpired reset for ``token``, or None."""
    if not token or len(token) > 100:
        return None
    reset = db.session.scalar(db.select(PasswordReset).where(PasswordReset.token_sha256 == _digest(token)))
    if reset is None or reset.used_at is not None or _aware(reset.expires_at) < utcnow():
        return None
    return reset


def complete_reset(reset: PasswordReset, new_password: str) -> User:
    """Set the new password, use up the link, and end every session of the user. Raises AuthError. Flushes."""
    user = db.session.get(User, reset.user_id)
    try:
        check_password_policy(new_password, email=user.email, name=user.name)
    except AuthError as exc:
        raise AuthError(str(exc), field="password") from None
    user.password_hash = hash_password(new_password)
    reset.used_at = utcnow()
    # Every other link of the user stops working too.
    db.session.execute(db.update(PasswordReset).where(PasswordReset.user_id == user.id,
                                                      PasswordReset.used_at.is_(None))
                       .values(used_at=utcnow()).execution_options(synchronize_session=False))
    db.session.flush()
    record_event(actor=user, action="user.password_reset", obj=user, summary=f"Password of {user.email} reset by email link")
    end_sessions(user, actor=user, reason="password reset")
    return user
