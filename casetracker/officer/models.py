"""Case handling rows of an FOI office: assignment, cost estimates, s36 opinions, third-party consultations."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, DateTime, ForeignKey, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casetracker.auth.models import User
from casetracker.extensions import db
from casetracker.info_requests.models import InfoRequest
from casetracker.officer.constants import ConsultationOutcome
from casetracker.timeutil import utcnow

HOURS = Numeric(7, 2)


class CaseAssignment(db.Model):
    """Who handles a request: the case officer, and the officer of its internal review (a separate stage)."""

    __tablename__ = "case_assignments"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("info_requests.id"), unique=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"), index=True)
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    #: The internal review should be done by someone other than the original decision maker (s45 Code 5.9).
    review_officer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    assigned_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    info_request: Mapped[InfoRequest] = relationship()
    officer: Mapped[User | None] = relationship(foreign_keys=[officer_id], lazy="joined")
    review_officer: Mapped[User | None] = relationship(foreign_keys=[review_officer_id], lazy="joined")


class CostEstimate(db.Model):
    """Hours estimated per chargeable activity (Fees Regulations 2004 reg 4(3)) for the s12 cost limit."""

    __tablename__ = "cost_estimates"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("info_requests.id"), unique=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"), index=True)
    determining_hours: Mapped[Decimal] = mapped_column(HOURS, default=Decimal(0))
    locating_hours: Mapped[Decimal] = mapped_column(HOURS, default=Decimal(0))
    retrieving_hours: Mapped[Decimal] = mapped_column(HOURS, default=Decimal(0))
    extracting_hours: Mapped[Decimal] = mapped_column(HOURS, default=Decimal(0))
    #: Ids of similar requests aggregated with this one (reg 5), comma-separated.
    aggregated_ids: Mapped[str] = mapped_column(String(500), default="")
    #: Hours of the aggregated requests, added to this request's own.
    aggregated_hours: Mapped[Decimal] = mapped_column(HOURS, default=Decimal(0))
    #: Advice on narrowing the request (FOIA s16), printed in the refusal notice.
    advice: Mapped[str] = mapped_column(Text, default="")
    #: True once the office relies on the estimate to refuse under s12; the refusal notice then carries it.
    relied_on: Mapped[bool] = mapped_column(default=False)
    estimated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    estimated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    @property
    def own_hours(self) -> Decimal:
        return (self.determining_hours + self.locating_hours + self.retrieving_hours
                + self.extracting_hours)

    @property
    def aggregated_request_ids(self) -> list[int]:
        return [int(x) for x in self.aggregated_ids.split(",") if x.strip().isdigit()]


class QualifiedPersonOpinion(db.Model):
    """The reasonable opinion of the qualified person, without which s36 cannot be cited (FOIA s36(2))."""

    __tablename__ = "qualified_person_opinions"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("info_requests.id"), index=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"), index=True)
    #: Who gave the opinion, e.g. "Jane Smith, Permanent Secretary".
    qualified_person: Mapped[str] = mapped_column(String(300))
    given_on: Mapped[date] = mapped_column(Date)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ThirdPartyConsultation(db.Model):
    """A third party asked about disclosure, with the office's own deadline for the answer (s45 Code part 4)."""

    __tablename__ = "third_party_consultations"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("info_requests.id"), index=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"), index=True)
    third_party: Mapped[str] = mapped_column(String(300))
    consulted_on: Mapped[date] = mapped_column(Date)
    #: Internal deadline: the statutory clock does not stop while a third party is consulted.
    respond_by: Mapped[date] = mapped_column(Date)
    outcome: Mapped[str] = mapped_column(String(20), default=ConsultationOutcome.PENDING)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    @property
    def outcome_label(self) -> str:
        return ConsultationOutcome(self.outcome).label
