"""Objects the access matrix and the absent-fields test need from issue 16: a live password reset link."""

from __future__ import annotations

import hashlib
import secrets

from casetracker.extensions import db
from casetracker.mailer.models import PasswordReset
from casetracker.mailer.resets import RESET_LIFETIME
from casetracker.timeutil import utcnow


def make_reset_token(user_id: int) -> str:
    """Store an unused reset for the user (flushed) and return its token."""
    token = secrets.token_urlsafe(32)
    db.session.add(PasswordReset(user_id=user_id, token_sha256=hashlib.sha256(token.encode()).hexdigest(),
                                 expires_at=utcnow() + RESET_LIFETIME))
    db.session.flush()
    return token
