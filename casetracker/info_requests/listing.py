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


def list_requests(
    user: User, *, today: date, status: str = "", authority_id: int | None = None, regime: str = "",
    overdue: bool = False, clocks: str = "", sort: str = "due", page: int = 1, per_page: int = 25,
) -> Page:
    """Return one page of the requests ``user`` may see, filtered, sorted and paginated in the database.

    ``overdue`` keeps requests whose response is overdue (FOIA s10(1));
    ``clocks`` is one of ``CLOCK_FILTERS`` (the dashboard's sections). Two
    queries whatever the number of requests: a count, the page's ids, its rows.
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
    loaded = {
        r.id: (r, c) for r, c in db.session.execute(
            db.select(InfoRequest, RequestClock)
            .outerjoin(RequestClock, and_(RequestClock.request_id == InfoRequest.id, RequestClock.is_current.is_(True)))
            .where(InfoRequest.id.in_(ids))
        )
    }
    rows = [ListRow(loaded[i][0], StoredClock.of(loaded[i][1], today) if loaded[i][1] is not None else None)
            for i in ids]
    return Page(rows, page, pages, total)
