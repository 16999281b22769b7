"""Filter, sort and paginate the request list, in SQL over the stored clocks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from math import ceil

from sqlalchemy import and_, func

from casetracker.auth.models import User
from casetracker.extensions import db
from casetracker.info_requests.clock_models import RequestClock
from casetracker.info_requests.clock_queries import CLOCK_FILTERS, has_clock, response_overdue
from casetracker.info_requests.models import InfoRequest, PublicAuthority
from casetracker.info_requests.projection import StoredClock
from casetracker.info_requests.services import visible_requests_query

SORTS = {
    "due": lambda: (RequestClock.due_on.is_(None), RequestClock.due_on, InfoRequest.id),
    "received": lambda: (InfoRequest.received_on, InfoRequest.id),
    "-received": lambda: (InfoRequest.received_on.desc(), InfoRequest.id.desc()),
    "reference": lambda: (InfoRequest.reference,),
    "authority": lambda: (func.lower(PublicAuthority.name), InfoRequest.id),
}


@dataclass(frozen=True)
class ListRow:
    """A request and its next open clock (None once every clock has ended)."""

    request: InfoRequest
    open_clock: StoredClock | None


@dataclass(frozen=True)
class Page:
    rows: list[ListRow]
    page: int
    pages: int
    total: int


def filtered_requests(
    user: User, *, today: date, status: str = "", authority_id: int | None = None, regime: str = "",
    overdue: bool = False, clocks: str = "", due_before: date | None = None, due_after: date | None = None,
):
    """Return a select of the requests ``user`` may see, with the request list's filters applied.

    ``due_before``/``due_after`` keep requests whose next open clock (the stored
    ``request_clocks`` row marked current) is due on or before/after that day.
    """
    query = visible_requests_query(user)
    if status:
        query = query.where(InfoRequest.status == status)
    if authority_id:
        query = query.where(InfoRequest.authority_id == authority_id)
    if regime:
        query = query.where(InfoRequest.regime == regime)
    if overdue:
        query = query.where(has_clock(response_overdue(today)))
    if clocks in CLOCK_FILTERS:
        query = query.where(has_clock(CLOCK_FILTERS[clocks](today)))
    if due_before is not None:
        query = query.where(has_clock(and_(RequestClock.is_current.is_(True), RequestClock.due_on <= due_before)))
    if due_after is not None:
        query = query.where(has_clock(and_(RequestClock.is_current.is_(True), RequestClock.due_on >= due_after)))
    return query


def requests_after(user: User, *, today: date, after_id: int = 0, limit: int = 25, **filters) -> list[ListRow]:
    """Return up to ``limit`` filtered requests with ids above ``after_id``, in id order (keyset pagination).

    A cursor stays right while requests are added or changed, which an offset does not.
    """
    ids = list(db.session.scalars(
        filtered_requests(user, today=today, **filters).with_only_columns(InfoRequest.id)
        .where(InfoRequest.id > after_id).order_by(InfoRequest.id).limit(limit)
    ))
    return _rows(ids, today)


def _rows(ids: list[int], today: date) -> list[ListRow]:
    """Load the requests ``ids`` with their current stored clock, in the order given."""
    loaded = {
        r.id: (r, c) for r, c in db.session.execute(
            db.select(InfoRequest, RequestClock)
            .outerjoin(RequestClock, and_(RequestClock.request_id == InfoRequest.id, RequestClock.is_current.is_(True)))
            .where(InfoRequest.id.in_(ids))
        )
    }
    return [ListRow(loaded[i][0], StoredClock.of(loaded[i][1], today) if loaded[i][1] is not None else None)
            for i in ids]


def list_requests(
    user: User, *, today: date, status: str = "", authority_id: int | None = None, regime: str = "",
    overdue: bool = False, clocks: str = "", sort: str = "due", page: int = 1, per_page: int = 25,
) -> Page:
    """Return one page of the requests ``user`` may see, filtered, sorted and paginated in the database.

    ``overdue`` keeps requests whose response is overdue (FOIA s10(1));
    ``clocks`` is one of ``CLOCK_FILTERS`` (the dashboard's sections). Two
    queries whatever the number of requests: a count, the page's ids, its rows.
    """
    query = filtered_requests(user, today=today, status=status, authority_id=authority_id, regime=regime,
                              overdue=overdue, clocks=clocks)
    total = db.session.scalar(query.with_only_columns(func.count(InfoRequest.id)).order_by(None)) or 0
    pages = max(1, ceil(total / per_page))
    page = min(max(page, 1), pages)
    # Sort and slice narrow (ids only), then load the page's rows: the database never
    # carries 10,000 wide rows through the sort to throw away all but 25.
    ids = list(db.session.scalars(
        query.with_only_columns(InfoRequest.id)
        .outerjoin(RequestClock, and_(RequestClock.request_id == InfoRequest.id, RequestClock.is_current.is_(True)))
        .join(PublicAuthority, PublicAuthority.id == InfoRequest.authority_id)
        .order_by(*SORTS.get(sort, SORTS["due"])())
        .offset((page - 1) * per_page).limit(per_page)
    ))
    return Page(_rows(ids, today), page, pages, total)
