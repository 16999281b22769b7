"""Load an object, answer 404 if the user may not see it, 403 if they may not change it."""

from __future__ import annotations

from typing import Any

from flask import abort

from casetracker.auth.constants import Role
from casetracker.auth.models import User


def check_team_access(user: User, team_id: int, *, edit: bool = False) -> Role:
    """Return the user's role in ``team_id``.

    Aborts 404 when the user is not a member (another team's objects must not
    even be confirmed to exist), 403 when ``edit`` is asked of a viewer.
    """
    role = user.role_in(team_id)
    if role is None:
        abort(404)
    if edit and not role.can_edit:
        abort(403)
    return role


def check_object_access(user: User, obj: Any | None, *, edit: bool = False) -> Any:
    """Return ``obj`` if ``user`` may see it (and change it when ``edit``); else abort.

    ``obj`` needs a ``team_id``; objects with ``visibility == "private"`` are
    visible to their ``created_by_id`` only.
    """
    if obj is None:
        abort(404)
    check_team_access(user, obj.team_id)
    # Visibility before role: a viewer must not learn from a 403 that a teammate's private request exists.
    if getattr(obj, "visibility", "team") == "private" and obj.created_by_id != user.id:
        abort(404)
    if edit:
        check_team_access(user, obj.team_id, edit=True)
    return obj


def editable_team_ids(user: User) -> list[int]:
    """Return the teams in which ``user`` may create and change records."""
    return [m.team_id for m in user.memberships if Role(m.role).can_edit]
