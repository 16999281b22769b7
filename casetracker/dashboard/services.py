"""Gather the dashboard's lists from the requests a user may see, in a fixed number of queries."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import and_, func, literal, union_all

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
from casetracker.info_requests.models import InfoRequest, PublicAuthority
from casetracker.info_requests.projection import LISTED_WORKING_DAYS, StoredClock
from casetracker.info_requests.services import visible_requests_query

#: Later clocks (review window, ICO complaint, appeal) are listed this many working days ahead.
SOON_WORKING_DAYS = LISTED_WORKING_DAYS
#: Rows shown per dashboard section; the rest are counted and linked to the filtered list.
SECTION_ROWS = 20


@dataclass(frozen=True)
class SectionRequest:
    """What a dashboard row shows of its request (plain columns: loading 60 full requests cost milliseconds)."""

    id: int
    reference: str
    title: str
    authority_name: str


@dataclass(frozen=True)
class Section:
    """The first ``SECTION_ROWS`` of a dashboard list, soonest first, and how many there are in all."""

    rows: list[tuple[SectionRequest, StoredClock]]
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


def _sections(user: User, conditions: dict[str, Any], today: date, limit: int) -> dict[str, Section]:
    """Return, for each named condition on a stored clock, its open requests: the first ``limit`` and the count.

    Two queries for all the sections, reading ``request_clocks`` alone (its
    copies of the request's team, restriction and status): the counts, each
    from the ``ix_request_clocks_team_section`` index without visiting a row,
    as scalar subqueries of one SELECT; then each section's first ``limit``
    clock ids, one UNION ALL branch each, joined to the few requests shown.
    """
    wheres = {name: and_(visible_clocks(user), RequestClock.request_status != RequestStatus.CLOSED.value, condition)
              for name, condition in conditions.items()}
    totals = db.session.execute(db.select(*(
        db.select(func.count()).select_from(RequestClock).where(where).scalar_subquery()
        for where in wheres.values()))).one()
    firsts = []
    for name, where in wheres.items():
        first = (db.select(literal(name).label("section"), RequestClock.id.label("clock_id")).where(where)
                 .order_by(RequestClock.due_on, RequestClock.request_id).limit(limit).subquery())
        firsts.append(db.select(first.c.section, first.c.clock_id))  # SQLite: no LIMIT in a bare UNION branch
    shown = union_all(*firsts).subquery()
    rows = db.session.execute(
        db.select(shown.c.section, InfoRequest.id, InfoRequest.reference, InfoRequest.title,
                  PublicAuthority.name.label("authority_name"), *_CLOCK_COLUMNS)
        .select_from(shown).join(RequestClock, RequestClock.id == shown.c.clock_id)
        .join(InfoRequest, InfoRequest.id == RequestClock.request_id)
        .join(PublicAuthority, PublicAuthority.id == InfoRequest.authority_id)
    ).all()
    rows.sort(key=lambda r: (r.due_on, r.id))
    return {name: Section([(SectionRequest(r.id, r.reference, r.title, r.authority_name), StoredClock.of(r, today))
                           for r in rows if r.section == name], total or 0, name)
            for name, total in zip(wheres, totals)}


#: The stored clock's columns a dashboard row shows, named as ``StoredClock.of`` reads them.
_CLOCK_COLUMNS = (RequestClock.name, RequestClock.label, RequestClock.due_on, RequestClock.state,
                  RequestClock.explanation, RequestClock.owed_by_authority, RequestClock.soon_from,
                  RequestClock.long_overdue_from)


def build_dashboard(user: User, today: date, *, limit: int = SECTION_ROWS) -> Dashboard:
    """Return overdue responses, responses due within 5 working days, other clocks ending soon, and counts.

    "Other clocks" are late internal reviews (owed by the authority, s45 Code)
    and the requester's windows (internal review, ICO complaint, appeal) that
    end within ``SOON_WORKING_DAYS`` working days. Each section holds at most
    ``limit`` rows; three queries whatever the number of requests.
    """
    grouped = db.session.execute(
        visible_requests_query(user).with_only_columns(InfoRequest.status, func.count())
        .group_by(InfoRequest.status)
    )
    counter = Counter({RequestStatus(status): n for status, n in grouped})
    sections = _sections(user, {"overdue": response_overdue(today), "due-soon": response_due_soon(today),
                                "ending-soon": other_clock_ending_soon(today)}, today, limit)
    return Dashboard(
        overdue=sections["overdue"], due_soon=sections["due-soon"], other_clocks=sections["ending-soon"],
        counts=[(s, counter[s]) for s in RequestStatus if counter[s]],
    )
