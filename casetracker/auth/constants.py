"""Roles a member can hold in a team."""

from enum import StrEnum


class Role(StrEnum):
    """What a team member may do: admins manage, editors change, viewers read."""

    ADMIN = "admin"
    EDITOR = "editor"
    VIEWER = "viewer"

    @property
    def can_edit(self) -> bool:
        """Return True when this role may create and change the team's records."""
        return self in (Role.ADMIN, Role.EDITOR)
