"""Clock helpers: UTC timestamps for rows, UK local dates for the law."""

from __future__ import annotations

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

UK = ZoneInfo("Europe/London")


def utcnow() -> datetime:
    """Return the current time as an aware UTC datetime (a callable column default)."""
    return datetime.now(timezone.utc)


def uk_today() -> date:
    """Return today's date in UK local time, the date statutory clocks count in."""
    return datetime.now(UK).date()
