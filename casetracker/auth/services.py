"""Create users and teams, check passwords."""

from __future__ import annotations

from functools import lru_cache

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app, g, has_app_context, has_request_context
from sqlalchemy import bindparam
from sqlalchemy.orm import joinedload

from casetracker import data_generation
from casetracker.audit.services import record_event
from casetracker.auth.constants import Role
from casetracker.auth.models import Membership, Team, User, new_session_token
from casetracker.auth.passwords import password_problem
from casetracker.extensions import db


@lru_cache(maxsize=4)
def _hasher_for(profile: str) -> tuple[PasswordHasher, str]:
    hasher = PasswordHasher.from_parameters(getattr(profiles, profile))
    # Verified against when the email is unknown, so a wrong email costs as long as a wrong password.
    return hasher, hasher.hash("not a real password")


def _hasher() -> tuple[PasswordHasher, str]:
    """Return the argon2id hasher for ``ARGON2_PROFILE`` (tests use a cheap one) and a dummy hash."""
    profile = current_app.config.get("ARGON2_PROFILE", "RFC_9106_LOW_MEMORY") if has_app_context() else "RFC_9106_LOW_MEMORY"
    return _hasher_for(profile)


class AuthError(ValueError):
    """Bad input to a user or team operation; the message is for the user.

    ``field`` names the form field it belongs to, when there is one.
    """

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def hash_password(password: str) -> str:
    """Return an argon2id hash of ``password``."""
    return _hasher()[0].hash(password)


def verify_password(user: User | None, password: str) -> bool:
    """Return True when ``password`` matches ``user``'s hash; False for no user."""
    try:
        hasher, dummy = _hasher()
        return hasher.verify(user.password_hash if user else dummy, password) and bool(user)
    except (VerificationError, InvalidHashError):
        return False


def get_or_create_team(name: str, *, actor: User | None = None) -> Team:
    """Return the team called ``name``, creating it when new."""
    name = name.strip()
    if not name:
        raise AuthError("A team needs a name.")
    team = db.session.scalar(db.select(Team).where(Team.name == name))
    if team is None:
        team = Team(name=name)
        db.session.add(team)
        db.session.flush()
        record_event(actor=actor, action="team.created", obj=team, summary=f"Team {name} created", team_id=team.id)
    return team


def check_password_policy(password: str, *, email: str = "", name: str = "") -> None:
    """Raise AuthError with the reason when ``password`` fails the policy (``auth.passwords``)."""
    problem = password_problem(password, user_inputs=[email, name])
    if problem:
        raise AuthError(problem)


def create_user(
    email: str, password: str, *, team: Team, role: Role, name: str = "", actor: User | None = None,
    site_admin: bool = False,
) -> User:
    """Create a user with ``role`` in ``team``; raise AuthError if the email is taken or the password weak.

    ``site_admin`` also makes them a site administrator (see ``grant_site_admin``).
    """
    email = email.strip().lower()
    if "@" not in email:
        raise AuthError(f"{email!r} is not an email address.")
    check_password_policy(password, email=email, name=name)
    if db.session.scalar(db.select(User).where(User.email == email)):
        raise AuthError(f"A user with the email {email} already exists.")
    user = User(email=email, name=name, password_hash=hash_password(password), is_site_admin=site_admin)
    db.session.add(user)
    db.session.flush()
    db.session.add(Membership(user_id=user.id, team_id=team.id, role=Role(role)))
    db.session.flush()
    db.session.refresh(user)
    record_event(
        actor=actor, action="user.created", obj=user, summary=f"User {email} added to {team.name} as {role}",
        team_id=team.id, after={"email": email, "role": str(role), "site_admin": site_admin},
    )
    return user


def authenticate(email: str, password: str) -> User | None:
    """Return the active user with this email and password, or None."""
    user = db.session.scalar(db.select(User).where(User.email == email.strip().lower()))
    if verify_password(user, password) and user is not None and user.active:
        return user
    return None


def user_for_session(token: str) -> User | None:
    """Return the active user whose current session token is ``token``, or None (a logged-out or stale session).

    Called on every request: one query, the user's memberships and their teams
    joined in (every page reads them for the access rules and the menu). The
    same statement reads the data generation into ``g.data_generation``, for
    the page cache (``casetracker.page_cache``): one round trip, not two.
    """
    if not token:
        return None
    row = db.session.execute(_session_user_query(), {"token": token}).unique().one_or_none()
    if row is None:
        return None
    user, generation = row
    if has_request_context():
        g.data_generation = generation
    return user


@lru_cache(maxsize=1)
def _session_user_query():
    """Return the select ``user_for_session`` runs, built once (building it cost every page a little)."""
    return (db.select(User, data_generation.value_column())
            .where(User.session_token == bindparam("token"), User.active.is_(True))
            .options(joinedload(User.memberships)))


def end_sessions(user: User, *, actor: User | None, reason: str = "") -> None:
    """End every session of ``user`` at once by replacing their session token; flush, never commit.

    Call on logout, a password change, and when an admin removes a member or
    changes their membership: every cookie carrying the old token then
    answers as logged out. ``reason`` goes into the audit summary.
    """
    user.session_token = new_session_token()
    db.session.flush()
    record_event(actor=actor, action="user.sessions_ended", obj=user,
                 summary=f"Sessions of {user.email} ended" + (f": {reason}" if reason else ""))


def change_password(user: User, current: str, new: str, *, actor: User) -> None:
    """Set ``user``'s new password after checking the current one; end their other sessions.

    Raises AuthError (message for the form) when ``current`` is wrong or
    ``new`` fails the policy (NIST SP 800-63B s5.1.1.2). Flushes, never commits.
    """
    if not verify_password(user, current):
        raise AuthError("That is not your current password.", field="current_password")
    if new == current:
        raise AuthError("Choose a password different from your current one.", field="new_password")
    try:
        check_password_policy(new, email=user.email, name=user.name)
    except AuthError as exc:
        raise AuthError(str(exc), field="new_password") from None
    user.password_hash = hash_password(new)
    db.session.flush()
    record_event(actor=actor, action="user.password_changed", obj=user, summary=f"Password of {user.email} changed")
    end_sessions(user, actor=actor, reason="password changed")


def grant_site_admin(user: User, *, actor: User | None) -> bool:
    """Make ``user`` a site administrator; return False when they already were. Flushes, never commits."""
    if user.is_site_admin:
        return False
    user.is_site_admin = True
    db.session.flush()
    record_event(actor=actor, action="user.site_admin_granted", obj=user,
                 summary=f"{user.email} made a site administrator", before={"site_admin": False},
                 after={"site_admin": True})
    return True


def get_user_by_email(email: str) -> User | None:
    """Return the user with this email (case-insensitive), or None."""
    return db.session.scalar(db.select(User).where(User.email == email.strip().lower()))
