"""Working-day calendars: which days count, and counting working days forward.

FOIA 2000 s10(6) (used by EIR 2004 reg 2(1)): a working day is any day other
than a Saturday, a Sunday, Christmas Day, Good Friday or a bank holiday in any
part of the United Kingdom. FOISA 2002 s73: Scottish bank holidays only (also EISR 2004,
reg 2(1) giving "working day" the s73 meaning).
"""

from __future__ import annotations

import threading
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from typing import Mapping

from casetracker.deadlines.bank_holidays import (
    FIRST_YEAR,
    LAST_YEAR,
    Holiday,
    calendar_nations,
    clear_holiday_cache,
    holidays_in_year,
)
from casetracker.deadlines.computed import ComputedDate, SkippedDay
from casetracker.deadlines.constants import CalendarName
from casetracker.deadlines.errors import DeadlineError

__all__ = ["Holiday", "WorkingDayCalendar", "get_calendar", "clear_caches", "calendar_name"]

_WEEKEND_NAMES = {5: "Saturday", 6: "Sunday"}
_CALENDAR_RULES = {
    CalendarName.UK: "FOIA 2000 s10(6)",
    CalendarName.SCOTLAND: "FOISA 2002 s73",
    CalendarName.ENGLAND_WALES: "Banking and Financial Dealings Act 1971 Sch 1 (England and Wales)",
    CalendarName.NORTHERN_IRELAND: "Banking and Financial Dealings Act 1971 Sch 1 (Northern Ireland)",
}


def calendar_name(name: CalendarName | str) -> CalendarName:
    """Return ``name`` as a ``CalendarName``; raise ``DeadlineError`` for an unknown one."""
    if isinstance(name, CalendarName):
        return name
    try:
        return CalendarName(name)
    except ValueError:
        choices = ", ".join(c.value for c in CalendarName)
        raise DeadlineError(f"Unknown calendar {name!r}; choose one of {choices}.") from None


@dataclass(frozen=True, slots=True)
class _Index:
    """Every working day of the years ``first``..``last``, as ordinals, for bisection."""

    first: int
    last: int
    #: Ordinals of working days, ascending.
    working: list[int]
    #: Ordinals of weekdays that are not working days, ascending, and why.
    closed: list[int]
    closed_days: list[SkippedDay]
    closed_set: frozenset[int]
    #: Every holiday of the years (weekend ones too) by ordinal, with its label.
    labels: dict[int, str]


class WorkingDayCalendar:
    """The working days of one calendar, plus admin-added non-working days.

    Dates are ``datetime.date`` (UK local). Counting is by bisection over a
    lazily built, per-instance index of working days; the holiday data itself is
    cached per (calendar, year) in ``bank_holidays``. Safe to share across threads.
    """

    def __init__(self, name: CalendarName | str, extra_days: Mapping[date, str] | None = None) -> None:
        self.name = calendar_name(name)
        self.extra_days: dict[date, str] = dict(extra_days or {})
        self.rule = _CALENDAR_RULES[self.name]
        self._nations = calendar_nations(self.name)
        self._lock = threading.Lock()
        self._index: _Index | None = None

    def __repr__(self) -> str:
        return f"WorkingDayCalendar({self.name.value!r}, extra_days={len(self.extra_days)})"

    # Index --------------------------------------------------------------

    def _covering(self, first: int, last: int) -> _Index:
        """Return an index covering the years ``first``..``last``, extending it if needed."""
        index = self._index
        if index is not None and index.first <= first and last <= index.last:
            return index
        if first < FIRST_YEAR or last > LAST_YEAR:
            raise DeadlineError(
                f"Dates must fall between {FIRST_YEAR} and {LAST_YEAR}, the years the holiday data covers."
            )
        with self._lock:
            index = self._index
            if index is not None:
                first, last = min(first, index.first), max(last, index.last)
            self._index = index = self._build(first, last)
        return index

    def _build(self, first: int, last: int) -> _Index:
        labels: dict[int, str] = {}
        for year in range(first, last + 1):
            for holiday in holidays_in_year(self.name, year):
                labels[holiday.date.toordinal()] = self._label(holiday)
        for day, name in self.extra_days.items():
            if first <= day.year <= last:
                labels.setdefault(day.toordinal(), name)
        start, end = date(first, 1, 1).toordinal(), date(last, 12, 31).toordinal()
        working: list[int] = []
        closed: list[int] = []
        for ordinal in range(start, end + 1):
            # date.fromordinal(1) is a Monday, so (ordinal - 1) % 7 is the weekday.
            if (ordinal - 1) % 7 >= 5:
                continue
            if ordinal in labels:
                closed.append(ordinal)
            else:
                working.append(ordinal)
        closed_days = [SkippedDay(date.fromordinal(o), labels[o]) for o in closed]
        return _Index(first, last, working, closed, closed_days, frozenset(closed), labels)

    def _label(self, holiday: Holiday) -> str:
        """Return the holiday's name, with its nations when not every nation of the calendar keeps it."""
        if holiday.nations and len(holiday.nations) != len(self._nations):
            return f"{holiday.name} ({', '.join(holiday.nations)})"
        return holiday.name

    # Questions about one day ----------------------------------------------

    def is_working_day(self, day: date) -> bool:
        """Return True when ``day`` counts as a working day on this calendar."""
        if day.weekday() >= 5:
            return False
        return day.toordinal() not in self._covering(day.year, day.year).closed_set

    def why_not_working(self, day: date) -> str | None:
        """Return why ``day`` is not a working day, or None when it is one.

        E.g. "Battle of the Boyne (Northern Ireland)", "Saturday"; a holiday on a
        weekend gives the holiday's name.
        """
        label = self._covering(day.year, day.year).labels.get(day.toordinal())
        return label or _WEEKEND_NAMES.get(day.weekday())

    def next_working_day(self, day: date) -> date:
        """Return the first working day strictly after ``day``."""
        _, ordinal = self._nth_after(day, 1)
        return date.fromordinal(ordinal)

    def on_or_next_working_day(self, day: date) -> date:
        """Return ``day`` if it is a working day, else the next working day."""
        return day if self.is_working_day(day) else self.next_working_day(day)

    # Counting --------------------------------------------------------------

    def _nth_after(self, start: date, n: int) -> tuple[_Index, int]:
        """Return an index covering both days and the ordinal of the ``n``th working day after ``start``."""
        index = self._covering(start.year, start.year)
        ordinal = start.toordinal()
        position = bisect_right(index.working, ordinal) + n - 1
        while position >= len(index.working):
            index = self._covering(index.first, index.last + 1)
            position = bisect_right(index.working, ordinal) + n - 1
        return index, index.working[position]

    def add_working_days(self, start: date, n: int, *, rule: str | None = None) -> ComputedDate:
        """Return the ``n``th working day after ``start`` (day 0), with the weekdays it skipped.

        ``n`` = 0 returns ``start`` itself. ``rule`` names the provision applied
        (defaults to this calendar's definition of a working day). Raises
        ``DeadlineError`` for a negative ``n`` or a date beyond the holiday data.
        """
        if n < 0:
            raise DeadlineError(f"Cannot count {n} working days; give zero or more.")
        if n == 0:
            return ComputedDate(start, rule or self.rule, start, (), _period(0))
        # The hot path of every clock: bisections only, no day-by-day loop.
        index, due = self._nth_after(start, n)
        closed = index.closed
        first_skipped = bisect_right(closed, start.toordinal())
        skipped = tuple(index.closed_days[first_skipped:bisect_right(closed, due)])
        return ComputedDate(date.fromordinal(due), rule or self.rule, start, skipped, _period(n))

    def skipped_between(self, start: date, end: date) -> tuple[SkippedDay, ...]:
        """Return the non-working weekdays after ``start`` up to and including ``end``."""
        if end <= start:
            return ()
        index = self._covering(start.year, end.year)
        lo = bisect_right(index.closed, start.toordinal())
        hi = bisect_right(index.closed, end.toordinal())
        return tuple(index.closed_days[lo:hi])

    def working_days_after(self, start: date, end: date) -> int:
        """Return how many working days fall after ``start`` up to and including ``end``.

        Negative when ``end`` is before ``start`` (minus the count the other way).
        """
        index = self._covering(min(start, end).year, max(start, end).year)
        return bisect_right(index.working, end.toordinal()) - bisect_right(index.working, start.toordinal())

    def non_working_weekdays(self, year: int) -> list[Holiday]:
        """Return ``year``'s weekdays that are not working days, by date, with names and nations.

        Admin-added days carry no nations.
        """
        self._covering(year, year)
        found = {h.date: h for h in holidays_in_year(self.name, year) if h.date.weekday() < 5}
        for day, name in self.extra_days.items():
            if day.year == year and day.weekday() < 5 and day not in found:
                found[day] = Holiday(day, name, ())
        return [found[day] for day in sorted(found)]


@cache
def _period(n: int) -> str:
    return f"{n} working day{'s' if n != 1 else ''}"


#: The calendars without extra days, shared by every caller (the common case).
_SHARED: dict[CalendarName, WorkingDayCalendar] = {}


@lru_cache(maxsize=64)
def _with_extra_days(name: CalendarName, extra: frozenset[tuple[date, str]]) -> WorkingDayCalendar:
    return WorkingDayCalendar(name, dict(extra))


def get_calendar(name: CalendarName | str, extra_days: Mapping[date, str] | None = None) -> WorkingDayCalendar:
    """Return the shared calendar ``name`` ("uk" or "scotland") with ``extra_days`` not working.

    ``extra_days`` maps admin-added non-working days (short-notice proclamations)
    to their names. Calendars are cached per (name, extra days). Raises
    ``DeadlineError`` for an unknown calendar name.
    """
    if extra_days:
        return _with_extra_days(calendar_name(name), frozenset(extra_days.items()))
    # A StrEnum hashes as its value, so "uk" finds CalendarName.UK.
    calendar = _SHARED.get(name)  # type: ignore[call-overload]
    if calendar is None:
        calendar = _SHARED.setdefault(calendar_name(name), WorkingDayCalendar(name))
    return calendar


def clear_caches() -> None:
    """Forget every cached calendar and year of holiday data (for benchmarks)."""
    _SHARED.clear()
    _with_extra_days.cache_clear()
    clear_holiday_cache()

