"""Which nation's calendar a clock follows when the law names none, and the safe date.

UK GDPR Art 12(3) and the tribunal rules count days without saying whose bank
holidays apply. Where the controller's nation is known its calendar is used;
otherwise a day moves on only if no nation works it, which gives the earlier,
safe date, and the explanation names the alternative.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Mapping

from casetracker.deadlines.calendars import WorkingDayCalendar, get_calendar
from casetracker.deadlines.constants import NATION_CALENDARS, CalendarName

#: From this day a clarification pauses a SAR's month rather than restarting it: the Data
#: (Use and Access) Act 2025 (UK GDPR Art 12A), Royal Assent 19 June 2025. Its commencement
#: is taken as that day, the earliest it can be, because pausing gives the earlier date.
SAR_PAUSE_FROM = date(2025, 6, 19)


def sar_calendar(nation: str | None, extra_days: Mapping[date, str] | None) -> WorkingDayCalendar:
    """Return the controller's calendar: its nation's bank holidays (ICO guidance on SAR time limits)."""
    return get_calendar(NATION_CALENDARS.get(nation or "", CalendarName.UK), extra_days)


def sar_next_working(calendar: WorkingDayCalendar, day: date, nation: str | None) -> date:
    """Return ``day`` or the next day a controller of ``nation`` works.

    With no single nation, a day moves on only if no nation works it (weekends,
    Christmas Day, Good Friday, holidays common to all): the safe, earlier date.
    """
    if nation in NATION_CALENDARS:
        return calendar.on_or_next_working_day(day)
    return on_or_next_working_day_anywhere(day, calendar.extra_days)


def on_or_next_working_day_anywhere(day: date, extra_days: Mapping[date, str] | None = None) -> date:
    """Return the first day from ``day`` on that is a working day in at least one UK nation."""
    calendars = [get_calendar(name, extra_days) for name in
                 (CalendarName.ENGLAND_WALES, CalendarName.SCOTLAND, CalendarName.NORTHERN_IRELAND)]
    while not any(c.is_working_day(day) for c in calendars):
        day += timedelta(days=1)
    return day
