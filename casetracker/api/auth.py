"""Authenticate every API request by its bearer token; refuse writes to read tokens; limit per token.

The token's user becomes ``current_user`` for this request only, so the API
goes through the same permission loaders (``get_request``, ``get_document``,
``check_object_access``) as the pages: another team's object 404, a viewer's
change 403.
"""

from __future__ import annotations

from flask import abort, current_app, g, request
from flask_login import AnonymousUserMixin
from flask_smorest import Blueprint
from sqlalchemy.exc import OperationalError

from casetracker.api.bodies import refuse_other_bodies
from casetracker.api.query_params import refuse_unknown_parameters
from casetracker.api_tokens.models import ApiToken
from casetracker.api_tokens.services import find_token, note_use
from casetracker.extensions import csrf, db, limiter, login_manager

#: Methods a read token may use.
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_NOT_LOOKED_UP = object()


def bearer_token() -> ApiToken | None:
    """Return the live token of this request's ``Authorization: Bearer …`` header (looked up once)."""
    cached = g.get("api_token", _NOT_LOOKED_UP)
    if cached is not _NOT_LOOKED_UP:
        return cached
    scheme, _, secret = request.headers.get("Authorization", "").partition(" ")
    token = find_token(secret.strip()) if scheme.lower() == "bearer" and secret.strip() else None
    g.api_token = token
    return token


def rate_limit_key() -> str:
    """Key the API's rate limit by token id (unauthenticated calls by address, and they get 401 anyway)."""
    token = bearer_token()
    return f"api-token:{token.id}" if token is not None else f"api-anonymous:{request.remote_addr}"


def _rate_limit() -> str:
    return current_app.config["API_RATE_LIMIT"]


def authenticate() -> None:
    """Make the token's user the current user, or answer 401; a read token on a write answers 403."""
    token = bearer_token()
    if token is None:
        # Not the session's user, nor the remember-me cookie's: this request is anonymous.
        login_manager._update_request_context_with_user(AnonymousUserMixin())
        if request.headers.get("Authorization"):
            abort(401, "That API token is unknown or has been revoked.")
        abort(401, "Send a personal API token as Authorization: Bearer <token>; make one on your account page.")
    login_manager._update_request_context_with_user(token.user)
    if request.method not in READ_METHODS and not token.can_write:
        abort(403, "This token may only read; make a write token to change records.")


def record_use(response):
    """After the answer is built, note the token's last use in a short transaction of its own.

    The request's own transaction is over by now (a write route has committed);
    starting afresh means a read-only GET never upgrades its read to a write.
    Last use is a convenience: losing it to a busy database is not an error.
    """
    token = g.get("api_token")
    if token is not None:
        token_id = token.id
        db.session.rollback()
        try:
            note_use(token_id)
            db.session.commit()
        except OperationalError:
            db.session.rollback()
    return response


def protect(blp: Blueprint) -> None:
    """Put token auth, the body-type check (``api.bodies``), the query-parameter check
    (``api.query_params``), the per-token rate limit and the CSRF
    exemption (cookies are ignored) on ``blp``.

    Blueprints are module-level and the factory may run many times (tests): each is set up once.
    """
    if getattr(blp, "token_protected", False):
        return
    blp.token_protected = True
    blp.before_request(authenticate)
    blp.before_request(refuse_other_bodies)
    blp.before_request(refuse_unknown_parameters)
    blp.after_request(record_use)
    limiter.limit(_rate_limit, key_func=rate_limit_key)(blp)
    csrf.exempt(blp)
