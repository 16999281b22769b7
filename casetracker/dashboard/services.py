"""Gather the dashboard's lists from the requests a user may see."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from casetracker.auth.models import User
from casetracker.deadlines.calendars import get_calendar
from casetracker.deadlines.constants import CalendarName, ClockStatus
from casetracker.extensions import db
from casetracker.info_requests.clocks import Clock, ClockName, ClockState
from casetracker.info_requests.constants import RequestStatus
from casetracker.info_requests.models import InfoRequest
from casetracker.info_requests.services import RequestRow, request_rows, visible_requests_query

#: Later clocks (review window, ICO complaint, appeal) are listed this many working days ahead.
SOON_WORKING_DAYS = 10


@dataclass(frozen=True)
class Dashboard:
    overdue: list[RequestRow]
    due_soon: list[RequestRow]
    other_clocks: list[tuple[InfoRequest, Clock]]
    counts: list[tuple[RequestStatus, int]]


def build_dashboard(user: User, today: date) -> Dashboard:
    """Return overdue responses, responses due within 5 working days, other clocks ending soon, and counts.

    "Other clocks" are late internal reviews (owed by the authority) and the
    requester's windows (internal review, ICO complaint, appeal) that end within
    ``SOON_WORKING_DAYS`` working days.
    """
    query = visible_requests_query(user).where(InfoRequest.status != RequestStatus.CLOSED)
    rows = request_rows(list(db.session.scalars(query)), today)
    overdue = [r for r in rows if r.response_overdue]
    due_soon = [r for r in rows if r.response.state is ClockState.OPEN and r.response.status in (ClockStatus.DUE_SOON, ClockStatus.DUE_TODAY)]
    calendar = get_calendar(CalendarName.UK)
    others = []
    for row in rows:
        for clock in row.clocks:
            if clock.name is ClockName.RESPONSE or clock.state is not ClockState.OPEN:
                continue
            if clock.date < today:
                # A late internal review still matters; a requester's window that has passed does not.
                if clock.owed_by_authority:
                    others.append((row.request, clock))
            elif calendar.working_days_after(today, clock.date) <= SOON_WORKING_DAYS:
                others.append((row.request, clock))
    others.sort(key=lambda pair: pair[1].date)
    overdue.sort(key=lambda r: r.response.date)
    due_soon.sort(key=lambda r: r.response.date)
    all_rows = db.session.execute(
        db.select(InfoRequest.status, db.func.count()).where(InfoRequest.id.in_(visible_requests_query(user).with_only_columns(InfoRequest.id))).group_by(InfoRequest.status)
    )
    counter = Counter({RequestStatus(status): n for status, n in all_rows})
    counts = [(s, counter[s]) for s in RequestStatus if counter[s]]
    return Dashboard(overdue, due_soon, others, counts)
