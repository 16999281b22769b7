"""Invite, accept, change roles and remove members; each writes an audit event and never commits."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta, timezone

from casetracker.audit.services import record_event
from casetracker.auth.constants import Role
from casetracker.auth.models import Membership, Team, User
from casetracker.auth.services import AuthError, create_user, end_sessions
from casetracker.extensions import db
from casetracker.teams.models import Invitation
from casetracker.timeutil import utcnow

__all__ = ["INVITATION_DAYS", "accept_invitation", "change_role", "find_invitation", "invite_member",
           "remove_member"]

#: An invitation link works for this many days.
INVITATION_DAYS = 7


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _aware(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes; every stored time is UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def invite_member(team: Team, *, actor: User | None, email: str, role: Role | str) -> tuple[Invitation, str]:
    """Create a one-time invitation and return it with its token (shown once; only its hash is kept)."""
    email = (email or "").strip().lower()
    if "@" not in email:
        raise AuthError(f"{email!r} is not an email address.")
    role = Role(role)
    existing = db.session.scalar(db.select(User).where(User.email == email))
    if existing is not None and existing.role_in(team.id) is not None:
        raise AuthError(f"{email} is already a member of {team.name}.")
    token = secrets.token_urlsafe(32)
    invitation = Invitation(team_id=team.id, email=email, role=role, token_sha256=_digest(token),
                            invited_by_id=getattr(actor, "id", None),
                            expires_at=utcnow() + timedelta(days=INVITATION_DAYS))
    db.session.add(invitation)
    db.session.flush()
    record_event(actor=actor, action="team.member_invited", obj=invitation,
                 summary=f"{email} invited to {team.name} as {role}", team_id=team.id,
                 after={"email": email, "role": role.value})
    return invitation, token


def find_invitation(token: str) -> Invitation | None:
    """Return the unused, unexpired invitation for ``token``, or None."""
    invitation = db.session.scalar(db.select(Invitation).where(Invitation.token_sha256 == _digest(token or "")))
    if invitation is None or invitation.used_at is not None or _aware(invitation.expires_at) < utcnow():
        return None
    return invitation


def accept_invitation(invitation: Invitation, *, name: str, password: str) -> User:
    """Join the team: a new person gets an account with ``password``; a known email just gains the role."""
    user = db.session.scalar(db.select(User).where(User.email == invitation.email))
    if user is None:
        user = create_user(invitation.email, password, team=invitation.team, role=Role(invitation.role),
                           name=" ".join((name or "").split()), actor=None)
    else:
        db.session.add(Membership(user_id=user.id, team_id=invitation.team_id, role=invitation.role))
        db.session.flush()
        db.session.refresh(user)
    invitation.used_at = utcnow()
    db.session.flush()
    record_event(actor=user, action="team.member_joined", obj=invitation,
                 summary=f"{user.email} joined {invitation.team.name} as {invitation.role}",
                 team_id=invitation.team_id, after={"email": user.email, "role": invitation.role})
    return user


def _admins_left(team_id: int, without: Membership) -> int:
    return db.session.scalar(db.select(db.func.count(Membership.id)).where(
        Membership.team_id == team_id, Membership.role == Role.ADMIN, Membership.id != without.id)) or 0


def change_role(membership: Membership, *, actor: User | None, role: Role | str) -> Membership:
    """Give a member another role; a team always keeps at least one admin."""
    role = Role(role)
    before = membership.role
    if before == Role.ADMIN and role is not Role.ADMIN and not _admins_left(membership.team_id, membership):
        raise AuthError("A team needs at least one admin: make someone else admin first.")
    membership.role = role
    db.session.flush()
    record_event(actor=actor, action="team.role_changed", obj=membership,
                 summary=f"{membership.user.email} is now {role} in {membership.team.name} (was {before})",
                 team_id=membership.team_id, before={"role": before}, after={"role": role.value})
    return membership


def remove_member(membership: Membership, *, actor: User | None) -> None:
    """Remove someone from the team and end their sessions, so an open browser loses access at once."""
    if membership.role == Role.ADMIN and not _admins_left(membership.team_id, membership):
        raise AuthError("A team needs at least one admin: make someone else admin first.")
    user, team = membership.user, membership.team
    record_event(actor=actor, action="team.member_removed", obj=membership,
                 summary=f"{user.email} removed from {team.name}", team_id=team.id,
                 before={"email": user.email, "role": membership.role})
    db.session.delete(membership)
    db.session.flush()
    db.session.expire(user, ["memberships"])
    end_sessions(user, actor=actor, reason=f"removed from {team.name}")
