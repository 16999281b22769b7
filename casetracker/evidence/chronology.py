"""A request's (or a team's) chronology, its printable rows, and events suggested from document dates."""

from __future__ import annotations

import textwrap
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from sqlalchemy import Select
from sqlalchemy.orm import selectinload

from casetracker.auth.models import User
from casetracker.documents.models import Document
from casetracker.evidence.constants import Stance
from casetracker.evidence.date_finder import find_dates
from casetracker.evidence.fuzzy_dates import FuzzyDate
from casetracker.evidence.models import Assertion, Claim, Event, correspondence_source
from casetracker.evidence.services import EvidenceError, link_evidence, record_event
from casetracker.extensions import db
from casetracker.info_requests.models import InfoRequest

__all__ = [
    "Chronology", "DateSuggestion", "chronology", "chronology_rows", "date_suggestions", "event_rows",
    "suggestion_to_event",
]

#: A suggested sentence longer than this is cut for the event title.
_TITLE_WIDTH = 200
#: Sentences up to this long are quoted whole as the new event's evidence; longer, only the date's words.
_LONGEST_QUOTE = 500
#: Ids bound into one ``IN (...)`` at most (SQLite allows 32,766 variables, PostgreSQL 65,535).
_IDS_PER_QUERY = 500


@dataclass
class Chronology:
    """Events in date order (undated last), the assertions on them, and the claims.

    ``references`` maps request ids to our references, for the team view.
    """

    events: list[Event]
    assertions: list[Assertion]
    claims: list[Claim]
    references: dict[int, str] = field(default_factory=dict)

    @property
    def contradicted(self) -> list[Assertion]:
        """Return the assertions the dates contradict."""
        return [assertion for assertion in self.assertions if assertion.contradicted]


@dataclass(frozen=True)
class DateSuggestion:
    """A date found on a document page, offered as an event: ``text`` is the words that give it."""

    page: int
    date: FuzzyDate
    text: str
    sentence: str
    start: int
    end: int


def chronology(
    request_id: int | None = None, *, team_id: int | None = None, request_ids: Collection[int] | Select | None = None
) -> Chronology:
    """Gather the chronology of one request, or of a team's requests.

    With ``team_id``, ``request_ids`` (when given) limits it to the requests
    the reader may see (others' private requests are left out): ids, or a
    ``select`` of them, which stays a subquery (a list of 300,000 ids would be
    more bound variables than SQLite or PostgreSQL takes in one statement). Raises
    ``ValueError`` unless exactly one of ``request_id`` and ``team_id`` is given.
    """
    if (request_id is None) == (team_id is None):
        raise ValueError("Give either a request or a team.")

    def scoped(model):
        query = db.select(model)
        if request_id is not None:
            return query.where(model.request_id == request_id)
        query = query.where(model.team_id == team_id)
        if request_ids is not None:
            query = query.where(model.request_id.in_(
                request_ids if isinstance(request_ids, Select) else list(request_ids)))
        return query

    events = list(db.session.scalars(_in_date_order(scoped(Event))))
    assertions = list(db.session.scalars(scoped(Assertion).order_by(Assertion.id)))
    claims = list(db.session.scalars(scoped(Claim).order_by(Claim.id)))
    ids = {item.request_id for item in [*events, *assertions, *claims]}
    references: dict[int, str] = {}
    ordered = sorted(ids)
    for start in range(0, len(ordered), _IDS_PER_QUERY):
        references.update(db.session.execute(db.select(InfoRequest.id, InfoRequest.reference).where(
            InfoRequest.id.in_(ordered[start:start + _IDS_PER_QUERY]))).tuples().all())
    return Chronology(events, assertions, claims, references)


def chronology_rows(request_id: int) -> list[dict[str, str]]:
    """Return a request's chronology as rows for a letter, table or CSV.

    Each row is ``{"date", "event", "source", "quote"}``: one per event and
    evidence passage, one (quote empty) for an event without evidence. Dates
    are UK long form ("15 February 2022", "February 2022") or "Date not known";
    sources read "DPIA version 1, p. 1" or name the correspondence entry.
    """
    # Only the events are needed, with their correspondence loaded in one query rather than one per row.
    events = db.session.scalars(_in_date_order(
        db.select(Event).where(Event.request_id == request_id).options(selectinload(Event.correspondence))
    ))
    return event_rows(events)


def event_rows(events: Iterable[Event]) -> list[dict[str, str]]:
    """Return the rows of ``chronology_rows`` for events already loaded, in their order."""
    rows = []
    for event in events:
        if not event.evidence:
            source = correspondence_source(event.correspondence) if event.correspondence else ""
            rows.append({"date": event.date_text, "event": event.title, "source": source, "quote": ""})
        for passage in event.evidence:
            rows.append({"date": event.date_text, "event": event.title, "source": passage.source,
                         "quote": passage.quote})
    return rows


def _in_date_order(query):
    """Order an event query by date, undated events last."""
    return query.order_by(Event.date_earliest.is_(None), Event.date_earliest, Event.id)


def date_suggestions(document: Document) -> list[DateSuggestion]:
    """List the dates written on each page of a document, each with its sentence and page.

    A date without a year ("7 February") is read in the year of the
    document's own date when it has one. Month-only dates stay month-only.
    """
    default_year = document.document_date.year if document.document_date else None
    return [
        DateSuggestion(page.number, found.date, found.text, found.sentence, found.start, found.end)
        for page in document.pages
        for found in find_dates(page.text, default_year=default_year)
    ]


def suggestion_to_event(
    document: Document, page: int, start: int, *, actor: User | None, title: str | None = None
) -> Event:
    """Turn the date found at ``start`` on a document page into an event backed by its sentence.

    The event gets the date as written (never a day that was not written) and,
    unless ``title`` is given, the sentence as its title; the sentence (or, if
    very long, the date's words) becomes a supporting evidence passage.
    Raises ``EvidenceError`` if no date is found there any more or the document
    is not filed on a request.
    """
    found = next((s for s in date_suggestions(document) if s.page == page and s.start == start), None)
    if found is None:
        raise EvidenceError("That date is no longer found on the page; reload the suggestions.", "start")
    if document.request_id is None:
        raise EvidenceError("File this document on a request before adding events from it.", "start")
    info_request = db.session.get(InfoRequest, document.request_id)
    event_title = " ".join((title or "").split()) or textwrap.shorten(found.sentence, _TITLE_WIDTH, placeholder="…")
    event = record_event(info_request, actor=actor, title=event_title, date=found.date,
                         description=f"Suggested from {document.display_title}, p. {page}.")
    quote = found.sentence if len(found.sentence) <= _LONGEST_QUOTE else found.text
    link_evidence(document, page, quote, Stance.SUPPORTS, actor=actor, info_request=info_request, event=event)
    return event
