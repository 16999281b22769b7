"""Claims, the passages that bear on them, dated events and the assertions that order them."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casetracker.correspondence.models import Correspondence
from casetracker.documents.models import Document
from casetracker.evidence.assertions import claim_status
from casetracker.deadlines.constants import CalendarName
from casetracker.evidence.constants import AssertionEffect, ClaimStatus, Relation, Stance, Verdict
from casetracker.evidence.fuzzy_dates import FuzzyDate
from casetracker.extensions import db
from casetracker.info_requests.models import InfoRequest, PublicAuthority
from casetracker.timeutil import utcnow


class Claim(db.Model):
    """A statement someone made ("we carried out a DPIA before the pilot") and where it is recorded.

    Its status is never stored: ``status`` derives it from the evidence
    stances and the verdicts of the assertions tied to it.
    """

    __tablename__ = "claims"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"), index=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("info_requests.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    #: Who made the claim in words ("the Secretary of State", "DfE press office").
    made_by: Mapped[str] = mapped_column(String(300), default="")
    #: Set when the claim is the authority's own, so claims can be listed per authority.
    made_by_authority_id: Mapped[int | None] = mapped_column(ForeignKey("public_authorities.id"))
    made_on: Mapped[date | None] = mapped_column(Date)
    recorded_in_correspondence_id: Mapped[int | None] = mapped_column(ForeignKey("correspondence.id"))
    recorded_in_document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"))
    #: 1-based page of ``recorded_in_document``.
    recorded_in_page: Mapped[int | None] = mapped_column(Integer)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    info_request: Mapped[InfoRequest] = relationship()
    made_by_authority: Mapped[PublicAuthority | None] = relationship()
    recorded_in_correspondence: Mapped[Correspondence | None] = relationship()
    recorded_in_document: Mapped[Document | None] = relationship()
    evidence: Mapped[list[EvidencePassage]] = relationship(
        back_populates="claim", lazy="selectin", order_by="EvidencePassage.id"
    )
    assertions: Mapped[list[Assertion]] = relationship(
        back_populates="claim", lazy="selectin", order_by="Assertion.id"
    )

    @property
    def status(self) -> ClaimStatus:
        """Return the status its evidence and assertions give it (``assertions.claim_status``)."""
        return claim_status(
            (passage.stance for passage in self.evidence),
            ((assertion.verdict, assertion.effect or AssertionEffect.CONTEXT) for assertion in self.assertions),
        )

    @property
    def maker(self) -> str:
        """Name who made the claim: the words given, else the authority."""
        if self.made_by:
            return self.made_by
        return self.made_by_authority.name if self.made_by_authority else ""


class EvidencePassage(db.Model):
    """An exact quote from one page of a document, linked to a claim and/or an event.

    The quote was checked against the page's extracted text when linked;
    ``start`` and ``end`` are its offsets in that text, for highlighting.
    """

    __tablename__ = "evidence_passages"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"), index=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("info_requests.id"), index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    #: 1-based page of the document.
    page: Mapped[int] = mapped_column(Integer)
    #: The quote as cited, whitespace collapsed; it matched the page text when linked.
    quote: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    stance: Mapped[str] = mapped_column(String(20), default=Stance.CONTEXT)
    note: Mapped[str] = mapped_column(Text, default="")
    claim_id: Mapped[int | None] = mapped_column(ForeignKey("claims.id"), index=True)
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id"), index=True)
    linked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    document: Mapped[Document] = relationship(lazy="joined")
    claim: Mapped[Claim | None] = relationship(back_populates="evidence")
    event: Mapped[Event | None] = relationship(back_populates="evidence")

    @property
    def source(self) -> str:
        """Name the document and page: ``DPIA version 1, p. 1``."""
        return f"{self.document.display_title}, p. {self.page}"

    @property
    def citation(self) -> str:
        """Cite the passage in full: ``DPIA version 1, p. 1: "Version 1 dated 15 February 2022"``."""
        return f'{self.source}: "{self.quote}"'


class Event(db.Model):
    """A dated fact on a request's chronology, backed by evidence passages or correspondence."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"), index=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("info_requests.id"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    #: ``FuzzyDate.isoformat()``: "2022-02-15", "2022-02" or "2022"; null while unknown.
    date: Mapped[str | None] = mapped_column(String(10))
    #: The first day ``date`` could be, so the chronology sorts in SQL; null while unknown.
    date_earliest: Mapped[date | None] = mapped_column(Date, index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    correspondence_id: Mapped[int | None] = mapped_column(ForeignKey("correspondence.id"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    info_request: Mapped[InfoRequest] = relationship()
    correspondence: Mapped[Correspondence | None] = relationship()
    evidence: Mapped[list[EvidencePassage]] = relationship(
        back_populates="event", lazy="selectin", order_by="EvidencePassage.id"
    )

    @property
    def fuzzy_date(self) -> FuzzyDate | None:
        """Return the date as a ``FuzzyDate``, or None while it is unknown."""
        return FuzzyDate.parse(self.date) if self.date else None

    def set_date(self, value: FuzzyDate | None) -> None:
        """Store ``value`` and its sortable first day (both None while unknown)."""
        self.date = value.isoformat() if value else None
        self.date_earliest = value.earliest() if value else None

    @property
    def sources(self) -> list[str]:
        """Cite each evidence passage, or the correspondence entry when there is none."""
        cited = [passage.citation for passage in self.evidence]
        if not cited and self.correspondence is not None:
            cited.append(correspondence_source(self.correspondence))
        return cited

    @property
    def date_text(self) -> str:
        """Write the date in UK long form ("15 February 2022", "February 2022") or say it is unknown."""
        value = self.fuzzy_date
        return str(value) if value else "Date not known"


def correspondence_source(entry: Correspondence) -> str:
    """Name a correspondence entry as a source: ``Response of 21 June 2022: "Your request"``."""
    dated = str(FuzzyDate.from_date(entry.dated)) if entry.dated else "undated"
    subject = f': "{entry.subject}"' if entry.subject else ""
    return f"{entry.kind_label} of {dated}{subject}"


class Assertion(db.Model):
    """A checkable relation between two events ("DPIA dated on or before collection began").

    ``verdict``, ``gap_days``, ``explanation`` and ``evaluated_at`` are written
    only by ``services.evaluate_assertion``, whenever either event's date changes.
    """

    __tablename__ = "assertions"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"), index=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("info_requests.id"), index=True)
    claim_id: Mapped[int | None] = mapped_column(ForeignKey("claims.id"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    first_event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), index=True)
    relation: Mapped[str] = mapped_column(String(30), default=Relation.BEFORE)
    second_event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), index=True)
    #: The N of "within N working/calendar days", "about N days after", "at least N days before".
    n: Mapped[int | None] = mapped_column(Integer)
    #: What the verdict does to the claim (``AssertionEffect``): an assertion that holds can
    #: support or contradict it.
    effect: Mapped[str] = mapped_column(String(20), default=AssertionEffect.CONTEXT,
                                        server_default=AssertionEffect.CONTEXT.value)
    #: Which working days count: "uk" (FOIA s10(6)) or "scotland" (FOISA s73).
    calendar: Mapped[str] = mapped_column(String(10), default=CalendarName.UK)
    verdict: Mapped[str] = mapped_column(String(20), default=Verdict.UNKNOWN)
    #: First event minus second, in days (working days for the working-day relation).
    gap_days: Mapped[int | None] = mapped_column(Integer)
    explanation: Mapped[str] = mapped_column(Text, default="")
    evaluated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    claim: Mapped[Claim | None] = relationship(back_populates="assertions")
    first_event: Mapped[Event] = relationship(foreign_keys=[first_event_id], lazy="joined")
    second_event: Mapped[Event] = relationship(foreign_keys=[second_event_id], lazy="joined")

    @property
    def contradicted(self) -> bool:
        return self.verdict == Verdict.CONTRADICTED

    @property
    def sources(self) -> list[str]:
        """Cite the evidence of both events, the first event's first."""
        return self.first_event.sources + self.second_event.sources
