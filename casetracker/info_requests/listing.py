"""Filter, sort and paginate the request list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from math import ceil

from casetracker.auth.models import User
from casetracker.extensions import db
from casetracker.info_requests.models import InfoRequest
from casetracker.info_requests.services import RequestRow, request_rows, visible_requests_query

SORTS = {
    "due": lambda row: (row.open_clock is None, row.open_clock.date if row.open_clock else date.max),
    "received": lambda row: row.request.received_on,
    "-received": lambda row: -row.request.received_on.toordinal(),
    "reference": lambda row: row.request.reference,
    "authority": lambda row: row.request.authority.name.lower(),
}


@dataclass(frozen=True)
class Page:
    rows: list[RequestRow]
    page: int
    pages: int
    total: int


def list_requests(
    user: User, *, today: date, status: str = "", authority_id: int | None = None, regime: str = "",
    overdue: bool = False, sort: str = "due", page: int = 1, per_page: int = 25,
) -> Page:
    """Return one page of the requests ``user`` may see, filtered and sorted.

    Clocks are computed, not stored, so "overdue" and "due" sorting happen after
    the database filters.
    """
    query = visible_requests_query(user)
    if status:
        query = query.where(InfoRequest.status == status)
    if authority_id:
        query = query.where(InfoRequest.authority_id == authority_id)
    if regime:
        query = query.where(InfoRequest.regime == regime)
    rows = request_rows(list(db.session.scalars(query)), today)
    if overdue:
        rows = [r for r in rows if r.response_overdue]
    rows.sort(key=SORTS.get(sort, SORTS["due"]))
    pages = max(1, ceil(len(rows) / per_page))
    page = min(max(page, 1), pages)
    return Page(rows[(page - 1) * per_page: page * per_page], page, pages, len(rows))
