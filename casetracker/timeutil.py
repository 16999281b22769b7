"""Clock helpers: UTC timestamps for rows, UK local dates for the law, and how dates are written."""

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


# Spelled out rather than strftime("%B"), which follows the process locale.
_MONTHS = ("January", "February", "March", "April", "May", "June",
           "July", "August", "September", "October", "November", "December")
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def uk_long_date(value: date | datetime | None) -> str:
    """Return a date as UK letters write it, with no leading zero: "7 February 2022" ("" for None)."""
    if value is None:
        return ""
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def short_date(value: date | datetime | None) -> str:
    """Return a date with its weekday, as clocks explain themselves: "Tue 24 May 2022" ("" for None)."""
    if value is None:
        return ""
    return f"{_DAYS[value.weekday()]} {value.day} {_MONTHS[value.month - 1][:3]} {value.year}"
