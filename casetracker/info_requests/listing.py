"""Filter, sort and paginate the request list, in SQL over the stored clocks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from math import ceil

from sqlalchemy import and_, exists, func, select

from casetracker.auth.models import User
from casetracker.extensions import db
from casetracker.info_requests.clock_models import RequestClock
from casetracker.info_requests.clock_queries import CLOCK_FILTERS, has_clock, response_overdue, visible_clocks
from casetracker.info_requests.models import InfoRequest, PublicAuthority
from casetracker.info_requests.projection import StoredClock
from casetracker.info_requests.services import visible_requests_query

#: The list's orders. "due" (the next open clock's date, requests whose clocks have all ended
#: last) is read from ``request_clocks`` in ``_due_page``; each other one walks an index of
#: ``info_requests`` (``ix_info_requests_team_received``, ``_reference``, ``_authority``) in order.
SORTS = {
    "due": None,  # ``_due_page``
    "received": lambda: (InfoRequest.received_on, InfoRequest.id),
    "-received": lambda: (InfoRequest.received_on.desc(), InfoRequest.id.desc()),
    "reference": lambda: (InfoRequest.reference,),
    "authority": None,  # by name, then id: ``_authority_page``
}
#: Clock filters whose clock is always the request's current one (an open response clock is its first open clock).
_ON_CURRENT_CLOCK = {"overdue", "due-soon"}


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


def list_requests(
    user: User, *, today: date, status: str = "", authority_id: int | None = None, regime: str = "",
    overdue: bool = False, clocks: str = "", sort: str = "due", page: int = 1, per_page: int = 25,
) -> Page:
    """Return one page of the requests ``user`` may see, filtered, sorted and paginated in the database.

    ``overdue`` keeps requests whose response is overdue (FOIA s10(1));
    ``clocks`` is one of ``CLOCK_FILTERS`` (the dashboard's sections). A few
    queries whatever the number of requests, each walking an index in the
    page's order: counts, the page's ids, its rows.
    """
    wanted = list(dict.fromkeys(name for name, on in (("overdue", overdue), (clocks, clocks in CLOCK_FILTERS)) if on))
    query = filtered_requests(user, today=today, status=status, authority_id=authority_id, regime=regime)
    if sort not in SORTS or sort == "due":
        total, ids = _due_page(user, query, wanted, today=today, status=status, authority_id=authority_id,
                               regime=regime, page=page, per_page=per_page)
    else:
        for name in wanted:
            query = query.where(has_clock(CLOCK_FILTERS[name](today)))
        total, ids = _sorted_page(query, sort, page, per_page)
    pages = max(1, ceil(total / per_page))
    return Page(_rows(ids, today), min(max(page, 1), pages), pages, total)


def filtered_requests(
    user: User, *, today: date, status: str = "", authority_id: int | None = None, regime: str = "",
    overdue: bool = False, clocks: str = "", due_before: date | None = None, due_after: date | None = None,
):
    """Return a select of the requests ``user`` may see, with the request list's filters applied (the API's list).

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


def _count(query) -> int:
    return db.session.scalar(query.with_only_columns(func.count()).order_by(None)) or 0


def _offset(page: int, per_page: int, total: int) -> int:
    """Return the first row of ``page`` (clamped to the pages there are)."""
    pages = max(1, ceil(total / per_page))
    return (min(max(page, 1), pages) - 1) * per_page


def _sorted_page(query, sort: str, page: int, per_page: int) -> tuple[int, list[int]]:
    """Return the count and one page's ids in one of the ``info_requests`` orders (ids only, narrow)."""
    if sort == "authority":
        return _authority_page(query, page, per_page)
    total = _count(query)
    ids = list(db.session.scalars(
        query.with_only_columns(InfoRequest.id).order_by(*SORTS[sort]())
        .offset(_offset(page, per_page, total)).limit(per_page)))
    return total, ids


def _authority_page(query, page: int, per_page: int) -> tuple[int, list[int]]:
    """Return the count and one page's ids by authority name (case-insensitive), then id.

    One grouped count per authority (from ``ix_info_requests_team_authority``)
    says which authorities the page spans; each of those is read in id order
    from the same index. No sort of every request, whichever database plans it.
    """
    counts = {authority_id: n for authority_id, n in db.session.execute(
        query.with_only_columns(InfoRequest.authority_id, func.count()).group_by(InfoRequest.authority_id)
        .order_by(None))}
    total = sum(counts.values())
    authorities = db.session.execute(
        db.select(PublicAuthority.id, PublicAuthority.name).where(PublicAuthority.id.in_(counts))).tuples()
    skip, ids = _offset(page, per_page, total), []
    for authority_id, _ in sorted(authorities, key=lambda a: (a[1].lower(), a[0])):
        if skip >= counts[authority_id]:
            skip -= counts[authority_id]
            continue
        ids += db.session.scalars(
            query.with_only_columns(InfoRequest.id).where(InfoRequest.authority_id == authority_id)
            .order_by(InfoRequest.id).offset(skip).limit(per_page - len(ids)))
        skip = 0
        if len(ids) == per_page:
            break
    return total, ids


def _due_page(user: User, query, wanted: list[str], *, today: date, status: str, authority_id: int | None,
              regime: str, page: int, per_page: int) -> tuple[int, list[int]]:
    """Return the count and one page's ids soonest next clock first, then requests with no open clock by id.

    The first part reads each request's current clock (``ix_request_clocks_team_current``;
    the overdue and due-soon filters ``ix_request_clocks_team_section``, their open response
    clock being the current one), with the request's team, restriction, status and regime
    copied on it; only a filter on authority visits the request rows.
    """
    current = db.select(RequestClock.request_id).where(visible_clocks(user))
    if not set(wanted) & _ON_CURRENT_CLOCK:
        current = current.where(RequestClock.is_current.is_(True))
    if status:
        current = current.where(RequestClock.request_status == status)
    if regime:
        current = current.where(RequestClock.regime == regime)
    if authority_id:
        current = current.join(InfoRequest, InfoRequest.id == RequestClock.request_id).where(
            InfoRequest.authority_id == authority_id)
    for name in wanted:
        condition = CLOCK_FILTERS[name](today)
        if name not in _ON_CURRENT_CLOCK:  # another of the request's clocks: ask once, uncorrelated
            condition = RequestClock.request_id.in_(
                select(RequestClock.request_id).where(visible_clocks(user), condition).correlate(None))
        current = current.where(condition)
    with_clock = _count(current)
    if wanted:
        ended = 0  # every filtered request has an open clock, so a current one
    else:
        ended = _count(query) - with_clock
    total = with_clock + ended
    start = _offset(page, per_page, total)
    ids: list[int] = []
    if start < with_clock:
        ids = list(db.session.scalars(
            current.order_by(RequestClock.due_on, RequestClock.request_id).offset(start).limit(per_page)))
    if ended and len(ids) < per_page:
        no_current = ~exists(select(RequestClock.id).where(
            RequestClock.request_id == InfoRequest.id, RequestClock.is_current.is_(True)).correlate(InfoRequest))
        ids += db.session.scalars(
            query.with_only_columns(InfoRequest.id).where(no_current).order_by(InfoRequest.id)
            .offset(max(0, start - with_clock)).limit(per_page - len(ids)))
    return total, ids
