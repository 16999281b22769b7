"""Create users and teams, check passwords."""

from __future__ import annotations

from functools import lru_cache

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app, has_app_context

from casetracker.audit.services import record_event
from casetracker.auth.constants import Role
from casetracker.auth.models import Membership, Team, User
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
    """Bad input to a user or team operation; the message is for the user."""


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


def create_user(
    email: str, password: str, *, team: Team, role: Role, name: str = "", actor: User | None = None
) -> User:
    """Create a user with ``role`` in ``team``; raise AuthError if the email is taken."""
    email = email.strip().lower()
    if "@" not in email:
        raise AuthError(f"{email!r} is not an email address.")
    if len(password) < 8:
        raise AuthError("A password needs at least 8 characters.")
    if db.session.scalar(db.select(User).where(User.email == email)):
        raise AuthError(f"A user with the email {email} already exists.")
    user = User(email=email, name=name, password_hash=hash_password(password))
    db.session.add(user)
    db.session.flush()
    db.session.add(Membership(user_id=user.id, team_id=team.id, role=Role(role)))
    db.session.flush()
    db.session.refresh(user)
    record_event(
        actor=actor, action="user.created", obj=user, summary=f"User {email} added to {team.name} as {role}",
        team_id=team.id, after={"email": email, "role": str(role)},
    )
    return user


def authenticate(email: str, password: str) -> User | None:
    """Return the active user with this email and password, or None."""
    user = db.session.scalar(db.select(User).where(User.email == email.strip().lower()))
    if verify_password(user, password) and user is not None and user.active:
        return user
    return None


def end_sessions(user: User) -> None:
    """Log ``user`` out everywhere.

    STUB (officer branch): does nothing. The "sec-auth" branch provides the real
    ``end_sessions(user)`` with its session tokens; at merge, keep theirs and drop
    this one. ``teams.services.remove_member`` calls it.
    """
