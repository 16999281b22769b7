"""Gather the dashboard's lists from the requests a user may see, in a fixed number of queries."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, func

from casetracker.auth.models import User
from casetracker.extensions import db
from casetracker.info_requests.clock_models import RequestClock
from casetracker.info_requests.clock_queries import (
    other_clock_ending_soon,
    response_due_soon,
    response_overdue,
    visible_clocks,
)
from casetracker.info_requests.constants import RequestStatus
from casetracker.info_requests.models import InfoRequest
from casetracker.info_requests.projection import LISTED_WORKING_DAYS, StoredClock
from casetracker.info_requests.services import visible_requests_query

#: Later clocks (review window, ICO complaint, appeal) are listed this many working days ahead.
SOON_WORKING_DAYS = LISTED_WORKING_DAYS
#: Rows shown per dashboard section; the rest are counted and linked to the filtered list.
SECTION_ROWS = 20


@dataclass(frozen=True)
class Section:
    """The first ``SECTION_ROWS`` of a dashboard list, soonest first, and how many there are in all."""

    rows: list[tuple[InfoRequest, StoredClock]]
    total: int
    #: The request list's ``clocks=`` filter that shows all of them.
    filter: str

    @property
    def more(self) -> int:
        return self.total - len(self.rows)

    def __bool__(self) -> bool:
        return bool(self.rows)


@dataclass(frozen=True)
class Dashboard:
    overdue: Section
    due_soon: Section
    other_clocks: Section
    counts: list[tuple[RequestStatus, int]]


def _section(user: User, condition, today: date, name: str, limit: int) -> Section:
    """Return the open requests whose stored clock meets ``condition``: the first ``limit`` and the count.

    Both queries read ``request_clocks`` alone (its copies of the request's team,
    restriction and status), the count from the ``ix_request_clocks_team_section``
    index without visiting a row; only the ``limit`` rows shown fetch their request.
    """
    where = and_(visible_clocks(user), RequestClock.request_status != RequestStatus.CLOSED.value, condition)
    total = db.session.scalar(db.select(func.count()).select_from(RequestClock).where(where)) or 0
    rows = db.session.execute(
        db.select(InfoRequest, RequestClock).join(InfoRequest, InfoRequest.id == RequestClock.request_id)
        .where(where).order_by(RequestClock.due_on, RequestClock.request_id).limit(limit)
    )
    return Section([(r, StoredClock.of(c, today)) for r, c in rows], total, name)


def build_dashboard(user: User, today: date, *, limit: int = SECTION_ROWS) -> Dashboard:
    """Return overdue responses, responses due within 5 working days, other clocks ending soon, and counts.

    "Other clocks" are late internal reviews (owed by the authority, s45 Code)
    and the requester's windows (internal review, ICO complaint, appeal) that
    end within ``SOON_WORKING_DAYS`` working days. Each section holds at most
    ``limit`` rows; seven queries whatever the number of requests.
    """
    grouped = db.session.execute(
        visible_requests_query(user).with_only_columns(InfoRequest.status, func.count())
        .group_by(InfoRequest.status)
    )
    counter = Counter({RequestStatus(status): n for status, n in grouped})
    return Dashboard(
        overdue=_section(user, response_overdue(today), today, "overdue", limit),
        due_soon=_section(user, response_due_soon(today), today, "due-soon", limit),
        other_clocks=_section(user, other_clock_ending_soon(today), today, "ending-soon", limit),
        counts=[(s, counter[s]) for s in RequestStatus if counter[s]],
    )
