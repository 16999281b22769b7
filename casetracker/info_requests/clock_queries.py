"""SQL over the stored clocks: which requests are overdue, due soon or ending soon on a given day.

"Today" is compared in the database against the dates ``projection`` stored,
so lists filter, sort and paginate there, whatever the number of requests.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import and_, exists, or_, select

from casetracker.info_requests.clock_models import RequestClock
from casetracker.info_requests.clocks import OWED_BY_AUTHORITY, ClockName, ClockState
from casetracker.info_requests.models import InfoRequest

OPEN = ClockState.OPEN.value
RESPONSE = ClockName.RESPONSE.value
LATER = [name.value for name in ClockName if name is not ClockName.RESPONSE]
#: The later clocks that can be late (the others, the requester's windows, just close).
LATER_OWED = [name for name in LATER if name in OWED_BY_AUTHORITY]


def visible_clocks(user):
    """Return the condition on a ``RequestClock`` row: a clock of a request ``user`` may see.

    The same rule as ``services.visible_requests_query`` (their teams' requests,
    minus others' private ones), read from the columns copied onto the clock so
    no request row is visited.
    """
    return and_(RequestClock.team_id.in_(user.team_ids), RequestClock.restricted_to.in_([0, user.id]))


def response_overdue(today: date):
    """Return the condition on a ``RequestClock`` row: an open response clock past its due date (FOIA s10(1))."""
    return and_(RequestClock.name == RESPONSE, RequestClock.state == OPEN, RequestClock.due_on < today)


def response_due_soon(today: date):
    """Return the condition: an open response clock due within 5 working days (its stored ``soon_from``)."""
    return and_(RequestClock.name == RESPONSE, RequestClock.state == OPEN, RequestClock.due_on >= today,
                RequestClock.soon_from <= today)


def other_clock_ending_soon(today: date):
    """Return the condition: a later open clock ending soon, or an internal review already late."""
    # Two ranges of the (team, name, state, due_on) index, one per branch: late clocks only of the
    # names the authority owes, so the requester's long-passed windows (still open) are never scanned.
    return or_(
        and_(RequestClock.name.in_(LATER_OWED), RequestClock.state == OPEN, RequestClock.due_on < today,
             RequestClock.owed_by_authority.is_(True)),
        and_(RequestClock.name.in_(LATER), RequestClock.state == OPEN, RequestClock.due_on >= today,
             RequestClock.listed_from <= today),
    )


def has_clock(condition):
    """Return an EXISTS condition on ``InfoRequest``: one of its stored clocks meets ``condition``."""
    # Never correlate request_clocks itself: the list also joins it for the next clock.
    return exists(
        select(RequestClock.id).where(RequestClock.request_id == InfoRequest.id, condition)
        .correlate_except(RequestClock)
    )


#: The dashboard's sections, by the name the request list's ``clocks=`` filter takes.
CLOCK_FILTERS = {
    "overdue": response_overdue,
    "due-soon": response_due_soon,
    "ending-soon": other_clock_ending_soon,
}
