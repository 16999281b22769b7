"""Every statutory clock of a request, and where an open clock stands on a given day.

The clocks themselves live in ``responses`` (FOIA/EIR/FOISA/SAR response) and
``escalation`` (review, complaint, appeal); this module is the one to import.
"""

from __future__ import annotations

from datetime import date
from typing import Mapping

from casetracker.deadlines.calendars import get_calendar
from casetracker.deadlines.computed import ComputedDate, SkippedDay
from casetracker.deadlines.constants import (
    DUE_SOON_WORKING_DAYS,
    LONG_OVERDUE_SCHOOL_WORKING_DAYS,
    LONG_OVERDUE_WORKING_DAYS,
    REGIME_CALENDARS,
    ClockStatus,
    Regime,
)
from casetracker.deadlines.errors import DeadlineError
from casetracker.deadlines.escalation import (
    appeal_deadline,
    court_of_session_appeal,
    decision_notice_compliance,
    upper_tribunal_permission,
    ico_complaint_window,
    review_due,
    review_request_window,
)
from casetracker.deadlines.responses import (
    calendar_for,
    fees_notice_lapses,
    parse_receipt,
    parse_regime,
    response_due,
    sar_due,
)

__all__ = [
    "ComputedDate",
    "DeadlineError",
    "SkippedDay",
    "appeal_deadline",
    "court_of_session_appeal",
    "decision_notice_compliance",
    "upper_tribunal_permission",
    "calendar_for",
    "fees_notice_lapses",
    "ico_complaint_window",
    "parse_receipt",
    "parse_regime",
    "request_status",
    "response_due",
    "review_due",
    "review_request_window",
    "sar_due",
]


def request_status(
    due: date,
    today: date,
    *,
    received: date,
    regime: Regime | str,
    is_school: bool = False,
    extra_days: Mapping[date, str] | None = None,
) -> ClockStatus:
    """Return where a response clock stands on ``today``.

    Due today: ``today`` is the due day (it is due, not "soon"). Due soon: 5
    working days or fewer left.
    Overdue: ``today`` is after ``due``. Long overdue: also more than 40
    working days after receipt, the most the ICO accepts even with a public
    interest extension; 60 for maintained schools, which have 20 school days
    or 60 working days (FOIA (Time for Compliance with Request) Regulations
    2004, SI 2004/3364). Working days are those of the regime's calendar.
    Raises ``DeadlineError`` for an unknown regime.
    """
    calendar = get_calendar(REGIME_CALENDARS[parse_regime(regime)], extra_days)
    if today == due:
        return ClockStatus.DUE_TODAY
    if today > due:
        limit = LONG_OVERDUE_SCHOOL_WORKING_DAYS if is_school else LONG_OVERDUE_WORKING_DAYS
        if calendar.working_days_after(received, today) > limit:
            return ClockStatus.LONG_OVERDUE
        return ClockStatus.OVERDUE
    if calendar.working_days_after(today, due) <= DUE_SOON_WORKING_DAYS:
        return ClockStatus.DUE_SOON
    return ClockStatus.NOT_YET_DUE
