"""Store each request's clocks (the projection), and recompute or check them.

``refresh_clocks`` is the only writer of ``RequestClock`` rows. It is called
wherever an input of the clocks changes: a request opened or edited
(``services.open_request``/``update_request``), its authority's receipt
convention or school flag changed (``update_authority``), correspondence
recorded, corrected, confirmed or marked sent (``correspondence.services``,
which mail import and letters go through), and an extra non-working day added
or removed (``recompute_clocks_for_calendar_change``). ``verify_clocks``
recomputes from scratch and reports every stored value that differs.

The dates come from ``compute_clocks`` (FOIA 2000 s10, EIR reg 5 and 7, FOISA
s10, UK GDPR Art 12(3) ...); this module stores them and never counts days
itself. Where a clock stands on a given day is derived from three stored
threshold dates, found by asking ``compute_clocks`` itself (binary search over
days, its statuses being monotone in time), so a stored row answers "due soon",
"overdue" and "long overdue" in SQL for any today without going stale.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, timedelta
from typing import Any, Callable, Iterable, Iterator

from sqlalchemy import case, delete, insert, literal

from casetracker.audit.services import record_event
from casetracker.deadlines.calendars import get_calendar
from casetracker.deadlines.constants import CalendarName, ClockStatus
from casetracker.extensions import db
from casetracker.info_requests.clock_models import RequestClock
from casetracker.info_requests.clocks import CaseFacts, Clock, ClockName, ClockState, compute_clocks
from casetracker.info_requests.constants import Visibility
from casetracker.info_requests.models import InfoRequest
from casetracker.timeutil import short_date, uk_today, utcnow

#: Later clocks (review window, ICO complaint, appeal) are listed on the dashboard this many working days ahead.
LISTED_WORKING_DAYS = 10
#: How far after a due date to look for the day it becomes long overdue (calendar days; the
#: longest limit, 60 working days for schools, is well inside it). ``verify`` checks the result.
_LONG_OVERDUE_HORIZON = 250
#: How far before a due date to look for the day it becomes due soon or listed (calendar days).
_SOON_HORIZON = 40

#: The columns that a recomputation must reproduce exactly.
COMPARED = ["position", "label", "due_on", "state", "ended_on", "explanation", "owed_by_authority",
            "is_current", "soon_from", "long_overdue_from", "listed_from", "team_id", "restricted_to",
            "request_status", "regime"]


def _first_day(lo: date, hi: date, holds: Callable[[date], bool]) -> date | None:
    """Return the first day in [lo, hi] on which ``holds`` is true, given it stays true once true."""
    if not holds(hi):
        return None
    while lo < hi:
        mid = lo + (hi - lo) // 2
        if holds(mid):
            hi = mid
        else:
            lo = mid + timedelta(days=1)
    return lo


def _facts_key(facts: CaseFacts) -> tuple:
    """Return a hashable key for ``facts`` (its extra days as a sorted tuple)."""
    return tuple(getattr(facts, f.name) for f in fields(facts) if f.name != "extra_days") + (
        tuple(sorted(facts.extra_days.items())),)


def _rows_for(facts: CaseFacts) -> list[dict[str, Any]]:
    """Return the projection rows (plain dicts of RequestClock columns) for ``facts``.

    Memoised on the facts: requests received the same day with the same events
    (common in a bulk import or a calendar recompute) share one computation.
    """
    key = _facts_key(facts)
    rows = _MEMO.get(key)
    if rows is None:
        if len(_MEMO) >= _MEMO_SIZE:
            _MEMO.clear()
        rows = _MEMO[key] = _compute_rows(facts)
    return [dict(row) for row in rows]


_MEMO: dict[tuple, list[dict[str, Any]]] = {}
_MEMO_SIZE = 20_000


def _compute_rows(facts: CaseFacts) -> list[dict[str, Any]]:
    clocks = compute_clocks(facts, facts.received)
    by_day: dict[date, list[Clock]] = {}

    def status_on(position: int, day: date) -> ClockStatus | None:
        if day not in by_day:
            by_day[day] = compute_clocks(facts, day)
        return by_day[day][position].status

    uk = get_calendar(CalendarName.UK)
    rows: list[dict[str, Any]] = []
    current_taken = False
    for position, clock in enumerate(clocks):
        due = clock.date
        soon_from = long_from = listed_from = None
        if clock.state is ClockState.OPEN:
            soon_from = _first_day(
                due - timedelta(days=_SOON_HORIZON), due,
                lambda d, p=position: status_on(p, d) is not ClockStatus.NOT_YET_DUE)
            long_from = _first_day(
                due + timedelta(days=1), due + timedelta(days=_LONG_OVERDUE_HORIZON),
                lambda d, p=position: status_on(p, d) is ClockStatus.LONG_OVERDUE)
            if clock.name is not ClockName.RESPONSE:
                listed_from = _first_day(
                    due - timedelta(days=_SOON_HORIZON), due,
                    lambda d: uk.working_days_after(d, due) <= LISTED_WORKING_DAYS)
        is_current = clock.state is ClockState.OPEN and not current_taken
        current_taken = current_taken or is_current
        rows.append({
            "position": position, "name": clock.name.value, "label": clock.label, "due_on": due,
            "state": clock.state.value, "ended_on": clock.ended_on, "explanation": clock.due.explain(),
            "owed_by_authority": clock.owed_by_authority, "is_current": is_current,
            "soon_from": soon_from, "long_overdue_from": long_from, "listed_from": listed_from,
        })
    return rows


def restricted_to(info_request: InfoRequest) -> int:
    """Return who alone may see the request: 0 for its whole team, else a private request's creator (-1: none)."""
    if info_request.visibility != Visibility.PRIVATE:
        return 0
    return info_request.created_by_id if info_request.created_by_id is not None else -1


def request_columns(info_request: InfoRequest) -> dict[str, Any]:
    """Return the request's own values copied onto each of its clock rows (team, who may see it, status, regime)."""
    return {"team_id": info_request.team_id, "restricted_to": restricted_to(info_request),
            "request_status": str(info_request.status), "regime": str(info_request.regime)}


def computed_rows(info_request: InfoRequest) -> list[dict[str, Any]]:
    """Return what the projection of ``info_request`` should hold now, without writing it."""
    from casetracker.info_requests.services import case_facts

    copied = request_columns(info_request)
    return [{**row, **copied} for row in _rows_for(case_facts(info_request))]


def _stored(request_id: int) -> dict[str, RequestClock]:
    rows = db.session.scalars(db.select(RequestClock).where(RequestClock.request_id == request_id))
    return {row.name: row for row in rows}


def refresh_clocks(info_request: InfoRequest) -> list[tuple[str, str, date | None, date | None]]:
    """Recompute and store the request's clocks; return ``(name, label, old due, new due)`` for each moved date.

    The only writer of ``request_clocks``. Flushes, never commits; writes no
    audit event itself (the change that moved the clock is audited by its own
    service), except through ``recompute_clocks_for_calendar_change``.

    Two transactions refreshing one request take turns: the request's row is
    locked first (PostgreSQL ``FOR NO KEY UPDATE``, which does not wait for the
    key-share locks that inserting its correspondence takes), so the second
    reads the inputs and the rows the first committed, instead of inserting
    beside them and failing on ``(request_id, name)``. On SQLite the write
    transaction (``BEGIN IMMEDIATE``) already holds the database's one write lock.
    """
    db.session.flush()
    db.session.execute(db.select(InfoRequest.id).where(InfoRequest.id == info_request.id)
                       .with_for_update(key_share=True))
    fresh = computed_rows(info_request)
    old = {name: (row.label, row.due_on) for name, row in _stored(info_request.id).items()}
    db.session.execute(delete(RequestClock).where(RequestClock.request_id == info_request.id))
    now = utcnow()
    db.session.add_all(RequestClock(request_id=info_request.id, computed_at=now, **row) for row in fresh)
    db.session.flush()
    moved = []
    for row in fresh:
        before = old.pop(row["name"], (row["label"], None))[1]
        if before != row["due_on"]:
            moved.append((row["name"], row["label"], before, row["due_on"]))
    moved.extend((name, label, due, None) for name, (label, due) in old.items())
    if moved:
        from casetracker.calendar_feeds.services import note_moved_clocks

        note_moved_clocks(info_request.id, moved)  # calendar apps see a moved date by its SEQUENCE
    return moved


def add_clocks_for_new_requests(created: list[tuple[InfoRequest, CaseFacts]]) -> None:
    """Store the clocks of requests just created from these facts (a bulk import) in one multi-row INSERT."""
    now = utcnow()
    rows = [{"request_id": r.id, "computed_at": now, **row, **request_columns(r)}
            for r, facts in created for row in _rows_for(facts)]
    if rows:
        # render_nulls: every row then has the same columns, so the rows go in a few multi-row
        # INSERTs; without it each run of rows with different NULL columns is its own statement.
        db.session.execute(insert(RequestClock).execution_options(render_nulls=True), rows)


def recompute_clocks_for_calendar_change(*, actor: Any, day: date, reason: str) -> int:
    """Recompute the clocks of every request a changed non-working day can move; return how many dates moved.

    An extra non-working day (FOIA 2000 s10(6): a bank holiday proclaimed in any
    part of the UK; FOISA s73 for Scotland) moves only counts that run across
    it, so requests received after ``day`` are left alone. Each moved due date
    gets one audit event with the old and the new date. Synchronous; a task
    queue may call this same function in the background. Flushes, never commits.
    """
    ids = list(db.session.scalars(
        db.select(InfoRequest.id).where(InfoRequest.received_on <= day).order_by(InfoRequest.id)
    ))
    moved_count = 0
    for _, batch in _in_chunks(ids):
        for info_request in batch:
            for name, label, old, new in refresh_clocks(info_request):
                if old is None or new is None:
                    continue
                moved_count += 1
                record_event(
                    actor=actor, action="clock.moved", obj=info_request,
                    summary=f"{info_request.reference}: {label} moved from {short_date(old)} to {short_date(new)} "
                            f"({reason})",
                    request_id=info_request.id, team_id=info_request.team_id,
                    before={"clock": name, "due": old.isoformat()}, after={"clock": name, "due": new.isoformat()},
                )
    return moved_count


@dataclass(frozen=True)
class Difference:
    """One stored value that a fresh computation does not reproduce."""

    request_id: int
    reference: str
    clock: str
    field: str
    stored: Any
    computed: Any

    def as_json(self) -> dict[str, Any]:
        def plain(v: Any) -> Any:
            return v.isoformat() if isinstance(v, date) else v
        return {"request": self.reference, "clock": self.clock, "field": self.field,
                "stored": plain(self.stored), "computed": plain(self.computed)}


def _compare(info_request: InfoRequest, stored: dict[str, RequestClock], today: date) -> list[Difference]:
    fresh = {row["name"]: row for row in computed_rows(info_request)}
    out = []
    for name in sorted(set(fresh) | set(stored)):
        if name not in stored:
            out.append(Difference(info_request.id, info_request.reference, name, "row", None, "present"))
            continue
        if name not in fresh:
            out.append(Difference(info_request.id, info_request.reference, name, "row", "present", None))
            continue
        row = stored[name]
        out.extend(Difference(info_request.id, info_request.reference, name, field, getattr(row, field),
                              fresh[name][field])
                   for field in COMPARED if getattr(row, field) != fresh[name][field])
    # The stored thresholds must also give today's status exactly as the rules do.
    live = {c.name.value: c for c in compute_clocks_for(info_request, today)}
    for name, row in stored.items():
        if name in live and name in fresh and live[name].status != status_on(row, today):
            out.append(Difference(info_request.id, info_request.reference, name, "status today",
                                  status_on(row, today), live[name].status))
    return out


def compute_clocks_for(info_request: InfoRequest, today: date) -> list[Clock]:
    from casetracker.info_requests.services import case_facts

    return compute_clocks(case_facts(info_request), today)


#: Requests read per query when every request, or many, are recomputed.
_CHUNK = 500


def _in_chunks(ids: list[int]) -> Iterator[tuple[list[int], list[InfoRequest]]]:
    """Yield ``(ids, their requests in id order)`` for ``_CHUNK`` ids at a time."""
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        yield chunk, list(db.session.scalars(db.select(InfoRequest).where(InfoRequest.id.in_(chunk))
                                             .order_by(InfoRequest.id)))


def repair_clocks(request_ids: set[int]) -> int:
    """Rewrite the stored clocks of ``request_ids`` from their inputs (``refresh_clocks``); return how many.

    Flushes, never commits. The clocks are recomputed from the rows as they are
    now, so a request that changed since it was verified is still written right.
    """
    for _, batch in _in_chunks(sorted(request_ids)):
        for info_request in batch:
            refresh_clocks(info_request)
    return len(request_ids)


def verify_clocks(*, today: date | None = None) -> tuple[int, list[Difference]]:
    """Recompute every request's clocks and return ``(requests checked, differences)``; only reads.

    ``repair_clocks`` rewrites the requests that differ.
    """
    today = today or uk_today()
    ids = list(db.session.scalars(db.select(InfoRequest.id).order_by(InfoRequest.id)))
    differences: list[Difference] = []
    for chunk, requests in _in_chunks(ids):
        stored: dict[int, dict[str, RequestClock]] = {i: {} for i in chunk}
        for row in db.session.scalars(db.select(RequestClock).where(RequestClock.request_id.in_(chunk))):
            stored[row.request_id][row.name] = row
        for info_request in requests:
            found = _compare(info_request, stored[info_request.id], today)
            differences.extend(found)
    return len(ids), differences


def status_on(row: RequestClock, today: date) -> ClockStatus | None:
    """Return where a stored clock stands on ``today``: the Python twin of ``status_sql``."""
    if row.state != ClockState.OPEN:
        return None
    if today > row.due_on:
        if row.long_overdue_from is not None and today >= row.long_overdue_from:
            return ClockStatus.LONG_OVERDUE
        return ClockStatus.OVERDUE
    if today == row.due_on:
        return ClockStatus.DUE_TODAY  # due, not "due soon" (issue 15)
    if row.soon_from is not None and today >= row.soon_from:
        return ClockStatus.DUE_SOON
    return ClockStatus.NOT_YET_DUE


def status_sql(today: date):
    """Return a SQL expression of where a stored clock stands on ``today`` (NULL unless open)."""
    return case(
        (RequestClock.state != ClockState.OPEN.value, literal(None)),
        (RequestClock.due_on < today, case(
            (RequestClock.long_overdue_from <= today, literal(ClockStatus.LONG_OVERDUE.value)),
            else_=literal(ClockStatus.OVERDUE.value))),
        (RequestClock.due_on == today, literal(ClockStatus.DUE_TODAY.value)),
        (RequestClock.soon_from <= today, literal(ClockStatus.DUE_SOON.value)),
        else_=literal(ClockStatus.NOT_YET_DUE.value),
    )


@dataclass(frozen=True)
class StoredClock:
    """A stored clock as lists show it, with the same names as ``Clock`` for the templates."""

    name: ClockName
    label: str
    date: date
    state: ClockState
    status: ClockStatus | None
    explanation: str
    owed_by_authority: bool

    @classmethod
    def of(cls, row: RequestClock, today: date) -> "StoredClock":
        return cls(ClockName(row.name), row.label, row.due_on, ClockState(row.state), status_on(row, today),
                   row.explanation, row.owed_by_authority)

    @property
    def status_label(self) -> str:
        """Return the status in words; a requester's window that has passed is "closed", not "overdue"."""
        if self.status is None:
            return self.state.value
        if not self.owed_by_authority and self.status in (ClockStatus.OVERDUE, ClockStatus.LONG_OVERDUE):
            return "closed"
        return self.status.value.replace("-", " ")


def refresh_many(requests: Iterable[InfoRequest]) -> None:
    """Refresh the projection of each of ``requests`` (e.g. every request of a changed authority)."""
    for info_request in requests:
        refresh_clocks(info_request)
