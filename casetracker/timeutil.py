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


#: The earliest date a user may type: FOIA 2000 and FOISA 2002 came later, and older
#: correspondence is out of this app's scope; anything before is a typing slip ("0001").
EARLIEST_TYPED_DATE = date(1990, 1, 1)
#: How far ahead a typed date may be: a decision or appeal date can be planned, not a century on.
TYPED_DATE_YEARS_AHEAD = 10


def latest_typed_date(today: date) -> date:
    """Return the last date a user may type: ten years from ``today`` (28 February for 29 February)."""
    year = today.year + TYPED_DATE_YEARS_AHEAD
    try:
        return today.replace(year=year)
    except ValueError:
        return today.replace(year=year, day=28)


def typed_date_problem(value: date, today: date) -> str | None:
    """Return why ``value`` cannot be a date a user typed, or None if it can.

    Every typed date (requests received and sent, correspondence, events,
    claims, extra non-working days, command-line dates) must fall between
    1 January 1990 and ten years from ``today``; "0001-01-01" and "9999-12-31"
    are slips, and a year 9999 would also overflow the working-day calendars.
    """
    if isinstance(value, datetime):
        value = value.date()
    latest = latest_typed_date(today)
    if value < EARLIEST_TYPED_DATE or value > latest:
        return (f"Enter a date between {uk_long_date(EARLIEST_TYPED_DATE)} and "
                f"{uk_long_date(latest)}.")
    return None
