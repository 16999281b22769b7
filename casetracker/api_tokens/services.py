"""Create, find, revoke and list personal API tokens: the only writers of ``ApiToken`` rows."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import or_, update

from casetracker.api_tokens.constants import LAST_USED_RESOLUTION, SHOWN_CHARACTERS, TOKEN_PREFIX, TokenScope
from casetracker.api_tokens.models import ApiToken
from casetracker.audit.services import record_event
from casetracker.auth.models import User
from casetracker.extensions import db
from casetracker.timeutil import utcnow

#: The longest token name the database holds (``String(100)``).
NAME_MAX = 100


class TokenError(ValueError):
    """A token cannot be made or changed as asked; ``field`` names the form field at fault."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def token_digest(token: str) -> str:
    """Return the hex SHA-256 of a token, the only form in which it is stored."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def create_token(user: User, *, name: str, scope: TokenScope | str, actor: User | None) -> tuple[ApiToken, str]:
    """Make a token for ``user``; return the row and the token itself, which is never shown again.

    Raises TokenError for an empty or over-long name or an unknown scope.
    """
    name = " ".join((name or "").split())
    if not name:
        raise TokenError("Give the token a name, e.g. the script that will use it.", "name")
    if len(name) > NAME_MAX:
        raise TokenError(f"A token name can be at most {NAME_MAX} characters; this one has {len(name)}.", "name")
    try:
        scope = TokenScope(scope)
    except ValueError:
        raise TokenError("Choose read or write.", "scope") from None
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user_id=user.id, name=name, scope=scope, token_sha256=token_digest(secret),
                     shown=secret[: len(TOKEN_PREFIX) + SHOWN_CHARACTERS])
    db.session.add(token)
    db.session.flush()
    record_event(actor=actor, action="api_token.created", obj=token, summary=f"API token {name!r} ({scope}) created",
                 after={"user_id": user.id, "name": name, "scope": scope})
    return token, secret


def revoke_token(token: ApiToken, *, actor: User | None) -> ApiToken:
    """Revoke a token at once; revoking one already revoked changes nothing."""
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        db.session.flush()
        record_event(actor=actor, action="api_token.revoked", obj=token, summary=f"API token {token.name!r} revoked",
                     after={"user_id": token.user_id, "name": token.name})
    return token


def find_token(secret: str) -> ApiToken | None:
    """Return the live token with this secret, or None (unknown, revoked, or its user deactivated)."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    token = db.session.scalar(db.select(ApiToken).where(ApiToken.token_sha256 == token_digest(secret)))
    if token is None or token.is_revoked or not token.user.is_active:
        return None
    return token


def note_use(token_id: int, *, now: datetime | None = None) -> None:
    """Record that the token was used now, at most once a minute (``LAST_USED_RESOLUTION``).

    One UPDATE, so the caller can run it in a transaction of its own; never commits.
    """
    now = now or utcnow()
    db.session.execute(
        update(ApiToken)
        .where(ApiToken.id == token_id,
               or_(ApiToken.last_used_at.is_(None),
                   ApiToken.last_used_at <= now - timedelta(seconds=LAST_USED_RESOLUTION)))
        .values(last_used_at=now)
    )


def tokens_for(user: User) -> list[ApiToken]:
    """Return every token of ``user``, newest first, revoked ones included."""
    return list(db.session.scalars(db.select(ApiToken).where(ApiToken.user_id == user.id)
                                   .order_by(ApiToken.id.desc())))
