"""What a personal API token may do, and how one looks."""

from __future__ import annotations

from enum import StrEnum


class TokenScope(StrEnum):
    """``read`` tokens may only GET; ``write`` tokens may also create and change, as the user's role allows."""

    READ = "read"
    WRITE = "write"


#: Every token starts with this, so one pasted into a chat or a commit is recognisable (and scannable).
TOKEN_PREFIX = "ctk_"
#: Characters of a token kept in clear (after the prefix) to tell tokens apart on the account page.
SHOWN_CHARACTERS = 6
#: ``last_used_at`` is rewritten at most this often, so a busy script does not write on every call (seconds).
LAST_USED_RESOLUTION = 60
