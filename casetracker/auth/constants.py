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


class TeamSide(StrEnum):
    """Which side of a request a team is on: it makes requests, or it answers them (an FOI office)."""

    REQUESTER = "requester"
    AUTHORITY = "authority"


class AuthorityType(StrEnum):
    """What sets an FOI office's cost limit: central government £600, other authorities £450.

    The Freedom of Information and Data Protection (Appropriate Limit and Fees)
    Regulations 2004 reg 3(2) and 3(3); FOISA authorities have £600 (the Freedom
    of Information (Fees for Required Disclosure) (Scotland) Regulations 2004 reg 5).
    """

    CENTRAL = "central"
    OTHER = "other"
