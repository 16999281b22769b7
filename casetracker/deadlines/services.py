"""Admin-added non-working days: read them for the clocks, add and remove them with an audit trail."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import current_app, g, has_app_context

from casetracker.audit.services import record_event, snapshot
from casetracker.deadlines.calendars import calendar_name, get_calendar
from casetracker.deadlines.computed import format_day
from casetracker.deadlines.constants import CalendarName, ExtraDayCalendar
from casetracker.deadlines.errors import DeadlineError, DeadlineSettingsError
from casetracker.deadlines.models import ExtraNonWorkingDay
from casetracker.extensions import db

__all__ = ["DeadlineSettingsError", "add_extra_day", "extra_non_working_days", "remove_extra_day"]

_CACHE_KEY = "deadlines_extra_days"
#: The admin-added days each calendar skips: every one for the UK calendar, since
#: a Scottish bank holiday is in a part of the UK (FOIA 2000 s10(6)).
_APPLIES_TO = {
    CalendarName.UK: (ExtraDayCalendar.UK, ExtraDayCalendar.SCOTLAND, ExtraDayCalendar.BOTH),
    CalendarName.SCOTLAND: (ExtraDayCalendar.SCOTLAND, ExtraDayCalendar.BOTH),
    CalendarName.ENGLAND_WALES: (ExtraDayCalendar.UK, ExtraDayCalendar.BOTH),
    CalendarName.NORTHERN_IRELAND: (ExtraDayCalendar.UK, ExtraDayCalendar.BOTH),
}


def extra_non_working_days(calendar: CalendarName | str = CalendarName.UK) -> dict[date, str]:
    """Return the admin-added non-working days ``calendar`` skips, mapped to their names.

    Pass ``calendar_for(regime)`` for FOISA clocks, which must not skip days
    added for England, Wales or Northern Ireland only. Returns {} outside an app
    context or without Flask-SQLAlchemy; read once per app context (web request).
    """
    if not has_app_context() or "sqlalchemy" not in current_app.extensions:
        return {}
    name = calendar_name(calendar)
    cached = g.setdefault(_CACHE_KEY, {})
    if name not in cached:
        rows = db.session.execute(
            db.select(ExtraNonWorkingDay.day, ExtraNonWorkingDay.name)
            .where(ExtraNonWorkingDay.calendar.in_([c.value for c in _APPLIES_TO[name]]))
            .order_by(ExtraNonWorkingDay.day)
        )
        cached[name] = {day: day_name for day, day_name in rows}
    return dict(cached[name])


def add_extra_day(day: date, name: str, calendar: ExtraDayCalendar | str, *, actor: Any) -> ExtraNonWorkingDay:
    """Add a proclaimed non-working day and its audit event; flush, never commit.

    ``calendar`` is "uk", "scotland" or "both" (see ``ExtraDayCalendar``).
    Raises ``DeadlineSettingsError`` for an empty name, an unknown calendar, a
    weekend, a day already stored, or a day the holiday data already skips.
    """
    name = (name or "").strip()
    if not name:
        raise DeadlineSettingsError("Name the day, e.g. after the proclamation.")
    try:
        scope = ExtraDayCalendar(calendar)
    except ValueError:
        raise DeadlineSettingsError(f"Unknown calendar {calendar!r}; choose uk, scotland or both.") from None
    if day.weekday() >= 5:
        raise DeadlineSettingsError(f"{format_day(day)} is a weekend day, never a working day: nothing to add.")
    existing = db.session.scalar(db.select(ExtraNonWorkingDay).where(ExtraNonWorkingDay.day == day))
    if existing is not None:
        raise DeadlineSettingsError(f"{format_day(day)} is already a non-working day: {existing.name}.")
    target = CalendarName.UK if scope is ExtraDayCalendar.UK else CalendarName.SCOTLAND
    try:
        reason = get_calendar(target).why_not_working(day)
    except DeadlineError as exc:
        raise DeadlineSettingsError(str(exc)) from None
    if reason:
        raise DeadlineSettingsError(f"{format_day(day)} is already a bank holiday: {reason}.")

    row = ExtraNonWorkingDay(day=day, name=name, calendar=scope.value)
    db.session.add(row)
    db.session.flush()
    record_event(
        actor=actor, action="non_working_day.added", obj=row,
        summary=f"Non-working day {format_day(day)} ({name}) added for {scope.value}",
        after=snapshot(row, ["day", "name", "calendar"]),
    )
    g.pop(_CACHE_KEY, None)
    _recompute_clocks(day, actor, f"{name} added as a non-working day")
    return row


def remove_extra_day(row: ExtraNonWorkingDay, *, actor: Any) -> None:
    """Delete an admin-added non-working day and write its audit event; flush, never commit."""
    record_event(
        actor=actor, action="non_working_day.removed", obj=row,
        summary=f"Non-working day {format_day(row.day)} ({row.name}) removed",
        before=snapshot(row, ["day", "name", "calendar"]),
    )
    day, name = row.day, row.name
    db.session.delete(row)
    db.session.flush()
    g.pop(_CACHE_KEY, None)
    _recompute_clocks(day, actor, f"{name} removed as a non-working day")


def _recompute_clocks(day: date, actor: Any, reason: str) -> None:
    """Queue the move of the stored clocks the changed day affects (FOIA 2000 s10(6)), each moved date audited.

    A background job (``tasks``: ``recompute-clocks``), sent once this transaction commits: with
    10,000 requests the admin's page does not wait for every clock.
    """
    from casetracker.tasks.services import queue_clock_recompute

    queue_clock_recompute(day, reason, actor=actor)
