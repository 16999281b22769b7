"""Open, change and list requests and authorities; gather the facts their clocks need."""

from __future__ import annotations

import re

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func

from casetracker.audit.services import record_event, snapshot
from casetracker.auth.models import Team, User
from casetracker.deadlines.clocks import calendar_for
from casetracker.deadlines.constants import ClockStatus, ReceiptConvention, Regime
from casetracker.deadlines.services import extra_non_working_days
from casetracker.extensions import db
from casetracker.info_requests.clocks import CaseFacts, Clock, ClockState, compute_clocks
from casetracker.info_requests.constants import Outcome, RequestStatus, Visibility
from casetracker.info_requests.clock_models import ReferenceCounter
from casetracker.info_requests.models import InfoRequest, PublicAuthority
from casetracker.info_requests.projection import refresh_clocks, refresh_many
from casetracker.timeutil import uk_today

REQUEST_FIELDS = [
    "title", "body", "regime", "authority_id", "their_reference", "requester_name", "requester_email",
    "requester_address", "sent_on", "received_on", "status", "outcome", "visibility", "tags",
    "review_outcome", "ico_reference", "decision_notice_reference", "appeal_reference", "exemptions_cited",
]
AUTHORITY_FIELDS = [
    "name", "nation", "default_regime", "foi_email", "postal_address", "is_school", "receipt_convention",
]


class RequestDataError(ValueError):
    """Request data a user must fix; ``field`` names the form field at fault."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


#: The longest request title and authority name the database holds (``String(300)``).
TITLE_MAX = 300

#: Requests older than this cannot be under FOIA (in force 1 January 2005); the holiday data starts earlier.
EARLIEST_REQUEST = date(2000, 1, 1)


def _check_dates(sent_on: date | None, received_on: date | None) -> None:
    """Refuse dates no clock can be counted from: missing, in the future, impossibly old, or out of order."""
    if received_on is None:
        raise RequestDataError("Give the date the authority received the request.", "received_on")
    today = uk_today()
    for value, field, words in ((sent_on, "sent_on", "sent"), (received_on, "received_on", "received")):
        if value is not None and value > today:
            raise RequestDataError(f"The date {words} cannot be in the future.", field)
        if value is not None and value < EARLIEST_REQUEST:
            raise RequestDataError(f"The date {words} is before 2000; check the year.", field)
    if sent_on and received_on < sent_on:
        raise RequestDataError("The request cannot be received before it was sent.", "received_on")


def get_or_create_authority(team: Team, name: str, *, actor: User | None, **fields: Any) -> PublicAuthority:
    """Return the team's authority called ``name``, creating it with ``fields`` if new."""
    name = " ".join(name.split())
    if len(name) > TITLE_MAX:
        raise RequestDataError(f"An authority's name can be at most {TITLE_MAX} characters.", "authority")
    if not name:
        raise RequestDataError("An authority needs a name.", "name")
    authority = db.session.scalar(
        db.select(PublicAuthority).where(PublicAuthority.team_id == team.id, PublicAuthority.name == name)
    )
    if authority is None:
        authority = create_authority(team, actor=actor, name=name, **fields)
    return authority


def create_authority(team: Team, *, actor: User | None, **fields: Any) -> PublicAuthority:
    """Add a public authority to ``team``; raise RequestDataError if the name is taken."""
    name = _free_authority_name(team.id, fields.get("name", ""))
    authority = PublicAuthority(team_id=team.id, **{**fields, "name": name})
    db.session.add(authority)
    db.session.flush()
    record_event(actor=actor, action="authority.created", obj=authority, summary=f"Authority {name} added",
                 team_id=team.id, after=snapshot(authority, AUTHORITY_FIELDS))
    return authority


def _free_authority_name(team_id: int, name: str, *, except_id: int | None = None) -> str:
    """Return ``name`` tidied; raise RequestDataError if empty or already used in the team."""
    name = " ".join(str(name).split())
    if not name:
        raise RequestDataError("An authority needs a name.", "name")
    clash = db.select(PublicAuthority.id).where(PublicAuthority.team_id == team_id, PublicAuthority.name == name)
    if except_id is not None:
        clash = clash.where(PublicAuthority.id != except_id)
    if db.session.scalar(clash):
        raise RequestDataError(f"Your team already has an authority called {name}.", "name")
    return name


def update_authority(authority: PublicAuthority, *, actor: User, **fields: Any) -> PublicAuthority:
    """Change an authority's details and audit the change; raise RequestDataError for a taken name."""
    if "name" in fields:
        fields["name"] = _free_authority_name(authority.team_id, fields["name"], except_id=authority.id)
    before = snapshot(authority, AUTHORITY_FIELDS)
    for key, value in fields.items():
        setattr(authority, key, value)
    db.session.flush()
    if {"receipt_convention", "is_school"} & set(fields):
        # Both move the clocks of every request to this authority (FOIA 2000 s10(1); SI 2004/3364).
        refresh_many(db.session.scalars(db.select(InfoRequest).where(InfoRequest.authority_id == authority.id)))
    record_event(actor=actor, action="authority.updated", obj=authority, summary=f"Authority {authority.name} changed",
                 team_id=authority.team_id, before=before, after=snapshot(authority, AUTHORITY_FIELDS))
    return authority


def next_reference(received_on: date) -> str:
    """Return the next free reference for a request received in that year, e.g. ``CT-2022-0003``."""
    return allocate_references([received_on])[0]


def allocate_references(received: list[date]) -> list[str]:
    """Return a free reference for each date of receipt, in order, e.g. ``CT-2022-0003``.

    A per-year counter row (``ReferenceCounter``) is bumped instead of counting
    references with ``LIKE`` on every insert; the first use of a year starts it
    from the highest number already taken. The write lock held by a writing
    transaction (SQLite ``BEGIN IMMEDIATE``, PostgreSQL ``FOR UPDATE``) keeps
    two processes from taking the same number. One or two queries per year.
    """
    wanted: dict[str, int] = {}
    for day in received:
        wanted[f"CT-{day.year}-"] = wanted.get(f"CT-{day.year}-", 0) + 1
    given: dict[str, Any] = {}
    for prefix, count in wanted.items():
        counter = db.session.get(ReferenceCounter, prefix, with_for_update=True)
        if counter is None:
            taken = db.session.scalars(db.select(InfoRequest.reference).where(InfoRequest.reference.like(f"{prefix}%")))
            numbers = [int(ref[len(prefix):]) for ref in taken if ref[len(prefix):].isdigit()]
            counter = ReferenceCounter(prefix=prefix, last_number=max(numbers, default=0))
            db.session.add(counter)
        refs: list[str] = []
        number = counter.last_number
        while len(refs) < count:
            candidates = [f"{prefix}{n:04d}" for n in range(number + 1, number + 1 + count - len(refs))]
            number += len(candidates)
            clash = set(db.session.scalars(db.select(InfoRequest.reference).where(InfoRequest.reference.in_(candidates))))
            refs.extend(c for c in candidates if c not in clash)
        counter.last_number = number
        given[prefix] = iter(refs)
    return [next(given[f"CT-{day.year}-"]) for day in received]


def check_request_dates(sent_on: date | None, received_on: date | None) -> None:
    """Refuse dates no clock can be counted from (see ``_check_dates``); raise RequestDataError."""
    _check_dates(sent_on, received_on)


def open_request(
    *, team: Team, authority: PublicAuthority, title: str, received_on: date, actor: User | None,
    sent_on: date | None = None, regime: Regime | str | None = None, reference: str | None = None, **fields: Any,
) -> InfoRequest:
    """Record a new request to ``authority``; its clocks start from ``received_on``.

    Raises RequestDataError for an empty title, a received date before the sent
    date, an authority of another team, or a given ``reference`` already used.
    """
    title = " ".join((title or "").split())
    if not title:
        raise RequestDataError("Give the request a title.", "title")
    if len(title) > TITLE_MAX:
        raise RequestDataError(f"A title can be at most {TITLE_MAX} characters; this one has {len(title)}.", "title")
    _check_dates(sent_on, received_on)
    if authority.team_id != team.id:
        raise RequestDataError("That authority belongs to another team.", "authority_id")
    reference = " ".join((reference or "").split())
    if reference and find_by_reference(reference) is not None:
        raise RequestDataError(f"The reference {reference} is already used.", "reference")
    info_request = InfoRequest(
        team_id=team.id,
        created_by_id=getattr(actor, "id", None),
        reference=reference or next_reference(received_on),
        title=title,
        authority_id=authority.id,
        regime=Regime(regime or authority.default_regime),
        sent_on=sent_on,
        received_on=received_on,
        status=RequestStatus.AWAITING_RESPONSE,
        outcome=Outcome.PENDING,
        visibility=fields.pop("visibility", Visibility.TEAM),
        **fields,
    )
    db.session.add(info_request)
    refresh_clocks(info_request)
    record_event(actor=actor, action="request.opened", obj=info_request,
                 summary=f"Request {info_request.reference} opened", request_id=info_request.id,
                 team_id=team.id, after=snapshot(info_request, REQUEST_FIELDS))
    return info_request


def update_request(info_request: InfoRequest, *, actor: User, **fields: Any) -> InfoRequest:
    """Change a request's details; raise RequestDataError as ``open_request`` does.

    Also refused: "Only me" on a request no one is on record as having opened
    (an import, a command), which would hide it from everyone.
    """
    before = snapshot(info_request, REQUEST_FIELDS)
    if "title" in fields:
        fields["title"] = " ".join((fields["title"] or "").split())
        if not fields["title"]:
            raise RequestDataError("Give the request a title.", "title")
    _check_dates(fields.get("sent_on", info_request.sent_on), fields.get("received_on", info_request.received_on))
    if "exemptions_cited" in fields:
        fields["exemptions_cited"] = normalise_exemptions(fields["exemptions_cited"] or "")
    if (fields.get("visibility") == Visibility.PRIVATE and info_request.visibility != Visibility.PRIVATE
            and info_request.created_by_id is None):
        # "Only me" means only the person who opened it: with no one on record, no one could see it again.
        raise RequestDataError("This request was opened by an import or a command, so no one is on record as "
                               "having opened it: \"Only me\" would hide it from everyone, you included.",
                               "visibility")
    for key, value in fields.items():
        setattr(info_request, key, value)
    db.session.flush()
    if any(before.get(key) != getattr(info_request, key) for key in ("visibility", "authority_id")):
        from casetracker.documents.indexing import queue_request  # its pages carry both

        queue_request(db.session, info_request.id)
    refresh_clocks(info_request)
    record_event(actor=actor, action="request.updated", obj=info_request,
                 summary=f"Request {info_request.reference} edited", request_id=info_request.id,
                 team_id=info_request.team_id, before=before, after=snapshot(info_request, REQUEST_FIELDS))
    return info_request


_CITATION = re.compile(r"^(?:section|sec|s)\s*(?=\d)|^(?:regulation|reg|r)\s*(?=\d)", re.IGNORECASE)


def normalise_exemptions(text: str) -> str:
    """Return exemptions as cited, comma-separated, one spelling each: "section 40(2)" -> "s40(2)".

    FOIA/FOISA sections are written "s40(2)" and EIR/EISR regulations "reg 12(5)(e)",
    as in the exemption catalogue (``letters.catalogue``), so counts add up. Raises
    ``RequestDataError`` when the list is longer than the 500 characters kept.
    """
    out: list[str] = []
    for part in re.split(r"[,;\n]+", text):
        squeezed = "".join(part.split())
        if not squeezed:
            continue
        match = _CITATION.match(squeezed)
        if match:
            prefix = "reg " if match.group(0).lower().startswith("r") else "s"
            squeezed = prefix + squeezed[match.end():]
        if squeezed not in out:
            out.append(squeezed)
    joined = ", ".join(out)
    if len(joined) > 500:
        raise RequestDataError("List at most 500 characters of exemptions.", "exemptions_cited")
    return joined


def find_by_reference(reference: str, *, team: Team | None = None) -> InfoRequest | None:
    """Return the request with our reference (case-insensitive), optionally only in ``team``."""
    query = db.select(InfoRequest).where(func.upper(InfoRequest.reference) == reference.strip().upper())
    if team is not None:
        query = query.where(InfoRequest.team_id == team.id)
    return db.session.scalar(query)


def visible_requests_query(user: User):
    """Return a select of the requests ``user`` may see: their teams', minus others' private ones."""
    return db.select(InfoRequest).where(
        InfoRequest.team_id.in_(user.team_ids),
        (InfoRequest.visibility == Visibility.TEAM) | (InfoRequest.created_by_id == user.id),
    )


def case_facts(info_request: InfoRequest, events: dict[str, Any] | None = None) -> CaseFacts:
    """Gather the dates that drive the clocks from the request and its correspondence.

    ``events`` (``CaseFacts`` keyword arguments) stands in for reading the
    correspondence when the caller has just written it (a bulk import).
    """
    from casetracker.correspondence.services import clock_events

    if events is None:
        events = clock_events(info_request.id)
    return CaseFacts(
        regime=Regime(info_request.regime),
        received=info_request.received_on,
        receipt=ReceiptConvention(info_request.authority.receipt_convention),
        is_school=info_request.authority.is_school,
        extra_days=extra_non_working_days(calendar_for(info_request.regime)),
        nation=info_request.authority.nation,
        school_terms=_school_terms(info_request),
        **events,
    )


def _school_terms(info_request: InfoRequest) -> tuple[tuple[date, date], ...]:
    """Return the team's term dates for a request to a school (SI 2004/3364), else none."""
    if not info_request.authority.is_school:
        return ()
    from casetracker.teams.school_terms import school_terms_for

    return school_terms_for(info_request.team_id)


def clocks_for(info_request: InfoRequest, today: date) -> list[Clock]:
    """Return the request's clocks as of ``today`` (UK local)."""
    return compute_clocks(case_facts(info_request), today)


@dataclass(frozen=True)
class RequestRow:
    """A request with its response clock, for lists and the dashboard."""

    request: InfoRequest
    clocks: list[Clock]

    @property
    def response(self) -> Clock:
        return self.clocks[0]

    @property
    def open_clock(self) -> Clock | None:
        """Return the clock that matters now: the first open one."""
        return next((c for c in self.clocks if c.state is ClockState.OPEN), None)

    @property
    def response_overdue(self) -> bool:
        c = self.response
        return c.state is ClockState.OPEN and c.status in (ClockStatus.OVERDUE, ClockStatus.LONG_OVERDUE)


def request_rows(requests: list[InfoRequest], today: date) -> list[RequestRow]:
    """Return each request with its clocks."""
    return [RequestRow(r, clocks_for(r, today)) for r in requests]

