"""Record claims and events, link evidence passages, and keep assertions' verdicts current.

Every function here adds to the caller's transaction, flushes and writes one
audit event; none commits. Verdict columns of ``Assertion`` are written only by
``evaluate_assertion``, which every date change goes through.
"""

from __future__ import annotations

import re
from datetime import date

from casetracker.audit import services as audit
from casetracker.auth.models import User
from casetracker.correspondence.models import Correspondence
from casetracker.deadlines.calendars import get_calendar
from casetracker.deadlines.constants import CalendarName
from casetracker.deadlines.services import extra_non_working_days
from casetracker.documents.models import Document, DocumentPage
from casetracker.evidence.assertions import NEEDS_N, InvalidAssertion, evaluate
from casetracker.evidence.constants import AssertionEffect, Relation, Stance, Verdict
from casetracker.evidence.date_finder import find_dates
from casetracker.evidence.fuzzy_dates import FuzzyDate, InvalidFuzzyDate
from casetracker.evidence.models import Assertion, Claim, EvidencePassage, Event
from casetracker.evidence.quotes import QuoteNotFound, locate_quote
from casetracker.extensions import db
from casetracker.info_requests.models import InfoRequest, PublicAuthority
from casetracker.timeutil import typed_date_problem, uk_today, utcnow

__all__ = [
    "EvidenceError", "QuoteNotFound", "add_assertion", "change_event_date", "evaluate_assertion",
    "evaluate_assertions", "link_evidence", "parse_event_date", "record_claim", "record_event", "request_summary",
]

_ISO_LIKE = re.compile(r"[\d\s-]+")


class EvidenceError(ValueError):
    """Claim, event, evidence or assertion data a user must fix; ``field`` names the form field."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def _in_typed_range(value: FuzzyDate) -> FuzzyDate:
    """Return ``value`` if all of it lies in the range a typed date may have (``timeutil``)."""
    today = uk_today()
    problem = typed_date_problem(value.earliest(), today) or typed_date_problem(value.latest(), today)
    if problem:
        raise EvidenceError(problem, "date")
    return value


def parse_event_date(text: str | None) -> FuzzyDate | None:
    """Read an event date typed by a user; None for an empty one (the date is unknown).

    Accepts "2022-02-15", "2022-02", "2022" and the UK forms ``find_dates`` reads
    ("15 February 2022", "15/02/2022" day first, "February 2022"). Raises
    ``EvidenceError`` for anything else or a date that does not exist.
    """
    cleaned = " ".join((text or "").split())
    if not cleaned:
        return None
    try:
        return _in_typed_range(FuzzyDate.parse(cleaned))
    except InvalidFuzzyDate as exc:
        iso_error = str(exc) if _ISO_LIKE.fullmatch(cleaned) else None
    found = find_dates(cleaned)
    if len(found) == 1 and found[0].text == cleaned:
        return _in_typed_range(found[0].date)
    raise EvidenceError(
        iso_error
        or f'Cannot read "{cleaned}" as a date: write 15 February 2022, February 2022, 2022-02-15 or 2022.',
        "date",
    )


def record_claim(
    info_request: InfoRequest,
    *,
    actor: User | None,
    text: str,
    made_by: str = "",
    made_by_authority: PublicAuthority | None = None,
    made_on: date | None = None,
    recorded_in_correspondence: Correspondence | None = None,
    recorded_in_document: Document | None = None,
    recorded_in_page: int | None = None,
) -> Claim:
    """Record a claim made about a request's subject, with who made it, when and where.

    Raises ``EvidenceError`` for empty text, an authority of another team,
    correspondence of another request, or a document page that does not exist.
    """
    text = " ".join((text or "").split())
    if not text:
        raise EvidenceError("Write the claim as it was made.", "text")
    if made_by_authority is not None and made_by_authority.team_id != info_request.team_id:
        raise EvidenceError("Choose one of your team's authorities.", "made_by_authority_id")
    if recorded_in_correspondence is not None and recorded_in_correspondence.request_id != info_request.id:
        raise EvidenceError("Choose correspondence of this request.", "recorded_in_correspondence_id")
    if recorded_in_document is not None:
        _check_document(recorded_in_document, info_request, "recorded_in_document_id")
        if recorded_in_page is not None:
            _page(recorded_in_document, recorded_in_page, field="recorded_in_page")
    elif recorded_in_page is not None:
        raise EvidenceError("Choose the document the page is in.", "recorded_in_document_id")
    claim = Claim(
        team_id=info_request.team_id, request_id=info_request.id, text=text, made_by=(made_by or "").strip(),
        made_by_authority=made_by_authority, made_on=made_on,
        recorded_in_correspondence=recorded_in_correspondence, recorded_in_document=recorded_in_document,
        recorded_in_page=recorded_in_page if recorded_in_document is not None else None,
        created_by_id=getattr(actor, "id", None),
    )
    db.session.add(claim)
    db.session.flush()
    audit.record_event(
        actor=actor, action="claim.recorded", obj=claim, summary=f"Claim recorded: {text}",
        request_id=info_request.id, team_id=info_request.team_id,
        after={"text": text, "made_by": claim.maker, "made_on": made_on},
    )
    return claim


def link_evidence(
    document: Document,
    page: int,
    quote: str,
    stance: Stance | str,
    *,
    actor: User | None,
    info_request: InfoRequest | None = None,
    note: str = "",
    claim: Claim | None = None,
    event: Event | None = None,
) -> EvidencePassage:
    """Link an exact quote from a document page to a claim and/or an event.

    The quote must appear on the page's extracted text, compared after
    normalising whitespace and hyphenation (``quotes.locate_quote``). The
    passage belongs to ``info_request``, else the claim's, the event's or the
    document's request. Raises ``QuoteNotFound`` (nothing is saved) when the
    quote is not on the page, ``EvidenceError`` for a page that does not exist,
    an unknown stance, or a claim, event or document of another request or team.
    """
    try:
        stance = Stance(stance)
    except ValueError:
        raise EvidenceError("Choose whether the passage supports, contradicts or gives context.", "stance") from None
    info_request = _passage_request(document, info_request, claim, event)
    page_row = _page(document, page, field="page")
    start, end = locate_quote(page_row.text, quote, page=page, title=document.display_title)
    passage = EvidencePassage(
        team_id=info_request.team_id, request_id=info_request.id, document_id=document.id, document=document,
        page=page, quote=" ".join(quote.split()), start=start, end=end, stance=stance,
        note=(note or "").strip(), claim=claim, event=event, linked_by_id=getattr(actor, "id", None),
    )
    db.session.add(passage)
    db.session.flush()
    audit.record_event(
        actor=actor, action="evidence.linked", obj=passage,
        summary=f"Evidence linked ({stance}): {passage.citation}",
        request_id=info_request.id, team_id=info_request.team_id,
        after={"document_id": document.id, "page": page, "quote": passage.quote, "stance": stance,
               "claim_id": claim.id if claim else None, "event_id": event.id if event else None},
    )
    return passage


def record_event(
    info_request: InfoRequest,
    *,
    actor: User | None,
    title: str,
    date: FuzzyDate | None,
    description: str = "",
    correspondence: Correspondence | None = None,
) -> Event:
    """Add a dated fact to a request's chronology; ``date`` None means not yet known.

    Raises ``EvidenceError`` for an empty title or correspondence of another request.
    """
    title = " ".join((title or "").split())
    if not title:
        raise EvidenceError("Say what happened.", "title")
    if correspondence is not None and correspondence.request_id != info_request.id:
        raise EvidenceError("Choose correspondence of this request.", "correspondence_id")
    event = Event(
        team_id=info_request.team_id, request_id=info_request.id, title=title[:300],
        description=(description or "").strip(), correspondence=correspondence,
        created_by_id=getattr(actor, "id", None),
    )
    event.set_date(date)
    db.session.add(event)
    db.session.flush()
    audit.record_event(
        actor=actor, action="event.recorded", obj=event, summary=f"Event recorded: {title} ({event.date_text})",
        request_id=info_request.id, team_id=info_request.team_id, after={"title": title, "date": event.date},
    )
    return event


def change_event_date(event: Event, new_date: FuzzyDate | None, *, actor: User | None) -> list[Assertion]:
    """Change an event's date and re-evaluate, in the same transaction, every assertion on it.

    Returns the re-evaluated assertions. ``new_date`` None makes the date unknown.
    """
    before = {"date": event.date}
    event.set_date(new_date)
    db.session.flush()
    touching = list(db.session.scalars(
        db.select(Assertion)
        .where((Assertion.first_event_id == event.id) | (Assertion.second_event_id == event.id))
        .order_by(Assertion.id)
    ))
    for assertion in touching:
        evaluate_assertion(assertion)
    db.session.flush()
    audit.record_event(
        actor=actor, action="event.date_changed", obj=event,
        summary=f"Date of {event.title} changed to {event.date_text}; {len(touching)} assertions re-checked",
        request_id=event.request_id, team_id=event.team_id, before=before,
        after={"date": event.date, "verdicts": {str(a.id): a.verdict for a in touching}},
    )
    return touching


def add_assertion(
    info_request: InfoRequest,
    *,
    actor: User | None,
    title: str,
    first_event: Event,
    relation: Relation | str,
    second_event: Event,
    n: int | None = None,
    calendar: CalendarName | str = CalendarName.UK,
    claim: Claim | None = None,
    effect: AssertionEffect | str = AssertionEffect.CONTEXT,
) -> Assertion:
    """Assert "first_event RELATION second_event" on a request and evaluate it at once.

    ``calendar`` picks the working days for "within N working days": "uk"
    (FOIA s10(6)) or "scotland" (FOISA s73). Raises ``EvidenceError`` for an
    empty title, an event or claim of another request, the same event twice, or
    a relation that cannot be checked (no N).
    """
    title = " ".join((title or "").split())
    if not title:
        raise EvidenceError("Give the assertion a title.", "title")
    for field, event in (("first_event_id", first_event), ("second_event_id", second_event)):
        if event.request_id != info_request.id:
            raise EvidenceError("Choose an event on this request's chronology.", field)
    if first_event.id == second_event.id:
        raise EvidenceError("Choose two different events.", "second_event_id")
    if claim is not None and claim.request_id != info_request.id:
        raise EvidenceError("Choose a claim of this request.", "claim_id")
    try:
        relation = Relation(relation)
        calendar = CalendarName(calendar)
    except ValueError:
        raise EvidenceError("Choose one of the relations and calendars offered.", "relation") from None
    if relation not in NEEDS_N:
        n = None
    try:
        effect = AssertionEffect(effect)
    except ValueError:
        raise EvidenceError("Choose what the assertion does to its claim.", "effect") from None
    # The claim is tied only once the assertion checks out, so a refused one
    # never sits in the claim's collection waiting to be flushed.
    assertion = Assertion(
        team_id=info_request.team_id, request_id=info_request.id, title=title[:300],
        first_event=first_event, relation=relation, second_event=second_event, n=n, calendar=calendar,
        created_by_id=getattr(actor, "id", None), effect=effect,
    )
    try:
        evaluate_assertion(assertion)
    except InvalidAssertion as exc:
        raise EvidenceError(str(exc), "n") from None
    assertion.claim = claim
    db.session.add(assertion)
    db.session.flush()
    audit.record_event(
        actor=actor, action="assertion.added", obj=assertion,
        summary=f"Assertion added: {title} ({assertion.verdict})",
        request_id=info_request.id, team_id=info_request.team_id,
        after={"relation": relation, "n": n, "verdict": assertion.verdict, "gap_days": assertion.gap_days},
    )
    return assertion


def evaluate_assertion(assertion: Assertion) -> Assertion:
    """Write the verdict, gap and explanation of one assertion from its events' current dates.

    The only writer of those columns. Raises ``InvalidAssertion`` if the
    assertion cannot be checked as set up.
    """
    calendar = CalendarName(assertion.calendar)
    counter = get_calendar(calendar, extra_days=extra_non_working_days(calendar)).working_days_after
    first, second = assertion.first_event, assertion.second_event
    result = evaluate(
        Relation(assertion.relation), first.fuzzy_date, second.fuzzy_date, n=assertion.n,
        working_days=counter, first_label=first.title, second_label=second.title,
    )
    assertion.verdict = result.verdict
    assertion.gap_days = result.gap_days
    assertion.explanation = result.explanation
    assertion.evaluated_at = utcnow()
    return assertion


def evaluate_assertions(info_request: InfoRequest, *, actor: User | None = None) -> list[Assertion]:
    """Re-evaluate every assertion of a request (e.g. after a non-working day was added).

    Returns them in the order added; writes one audit event if a verdict changed.
    """
    assertions = list(db.session.scalars(
        db.select(Assertion).where(Assertion.request_id == info_request.id).order_by(Assertion.id)
    ))
    before = {str(a.id): a.verdict for a in assertions}
    for assertion in assertions:
        evaluate_assertion(assertion)
    db.session.flush()
    after = {str(a.id): a.verdict for a in assertions}
    if after != before:
        audit.record_event(
            actor=actor, action="assertions.evaluated", obj=info_request,
            summary=f"Assertions of {info_request.reference} re-checked; verdicts changed",
            request_id=info_request.id, team_id=info_request.team_id, before=before, after=after,
        )
    return assertions


def _passage_request(
    document: Document, info_request: InfoRequest | None, claim: Claim | None, event: Event | None
) -> InfoRequest:
    """Return the request a new passage belongs to, checking everything is on it."""
    if info_request is None:
        request_id = (claim.request_id if claim else None) or (event.request_id if event else None) \
            or document.request_id
        info_request = db.session.get(InfoRequest, request_id) if request_id else None
    if info_request is None:
        raise EvidenceError("This document is not filed on a request: choose a claim or an event for it.", "claim_id")
    if document.team_id != info_request.team_id:
        raise EvidenceError("That document belongs to another team.", "document_id")
    if claim is not None and claim.request_id != info_request.id:
        raise EvidenceError("Choose a claim of this request.", "claim_id")
    if event is not None and event.request_id != info_request.id:
        raise EvidenceError("Choose an event of this request.", "event_id")
    return info_request


def _check_document(document: Document, info_request: InfoRequest, field: str) -> None:
    if document.team_id != info_request.team_id:
        raise EvidenceError("That document belongs to another team.", field)


def _page(document: Document, number: int, *, field: str) -> DocumentPage:
    page = db.session.scalar(
        db.select(DocumentPage).where(DocumentPage.document_id == document.id, DocumentPage.number == number)
    )
    if page is None:
        raise EvidenceError(
            f'"{document.display_title}" has no page {number}: it has {document.page_count}.', field
        )
    return page


def request_summary(request_id: int) -> dict:
    """Return how many events, claims and contradicted assertions a request has (its page shows them).

    Three counts in one round trip: the request page pays for it on every view.
    """
    count = db.func.count
    events, claims, contradicted = db.session.execute(db.select(
        db.select(count(Event.id)).where(Event.request_id == request_id).scalar_subquery(),
        db.select(count(Claim.id)).where(Claim.request_id == request_id).scalar_subquery(),
        db.select(count(Assertion.id)).where(
            Assertion.request_id == request_id, Assertion.verdict == Verdict.CONTRADICTED).scalar_subquery(),
    )).one()
    return {"events": events, "claims": claims, "contradicted": contradicted}
