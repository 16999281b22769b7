"""Public authorities and the information requests made to them."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casetracker.auth.models import Team, User
from casetracker.deadlines.constants import ReceiptConvention, Regime
from casetracker.extensions import db
from casetracker.info_requests.constants import Nation, Outcome, RequestStatus, Visibility
from casetracker.timeutil import utcnow


class PublicAuthority(db.Model):
    """A body that receives requests: a department, council, school, the ICO."""

    __tablename__ = "public_authorities"
    __table_args__ = (UniqueConstraint("team_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Authorities are kept per team so one team's notes never leak to another.
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    nation: Mapped[str] = mapped_column(String(20), default=Nation.ENGLAND)
    default_regime: Mapped[str] = mapped_column(String(10), default=Regime.FOIA)
    foi_email: Mapped[str] = mapped_column(String(254), default="")
    postal_address: Mapped[str] = mapped_column(Text, default="")
    #: Schools may take 20 school days, so "long overdue" is 60 working days, not 40.
    is_school: Mapped[bool] = mapped_column(default=False)
    #: How the authority dates a request that arrives on a non-working day.
    receipt_convention: Mapped[str] = mapped_column(String(20), default=ReceiptConvention.ARRIVAL)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    team: Mapped[Team] = relationship()

    @property
    def email_domain(self) -> str:
        return self.foi_email.rsplit("@", 1)[-1].lower() if "@" in self.foi_email else ""


class InfoRequest(db.Model):
    """A request for information (FOIA, EIR, FOISA) or for personal data (SAR).

    Named as Alaveteli names it: ``request`` belongs to Flask. Due dates are not
    columns: they are computed from these dates and the correspondence by
    ``info_requests.clocks``.
    """

    __tablename__ = "info_requests"
    #: Audit entries refer to these instead of copying them (``audit.services.snapshot``, issue 17).
    __personal_fields__ = ("requester_name", "requester_email", "requester_address", "body")

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    #: Our reference, unique across the install, e.g. ``CT-2022-0001``.
    reference: Mapped[str] = mapped_column(String(40), unique=True)
    #: The authority's own reference for the request, once they give one.
    their_reference: Mapped[str] = mapped_column(String(100), default="")
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text, default="")
    regime: Mapped[str] = mapped_column(String(10), default=Regime.FOIA)
    authority_id: Mapped[int] = mapped_column(ForeignKey("public_authorities.id"), index=True)
    # Requester details are personal data: shown only inside the team.
    requester_name: Mapped[str] = mapped_column(String(200), default="")
    requester_email: Mapped[str] = mapped_column(String(254), default="")
    requester_address: Mapped[str] = mapped_column(Text, default="")
    sent_on: Mapped[date | None] = mapped_column(Date)
    #: The date of receipt (day 0 of the FOIA s10(1) count), UK local.
    received_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(30), default=RequestStatus.AWAITING_RESPONSE, index=True)
    outcome: Mapped[str] = mapped_column(String(30), default=Outcome.PENDING)
    visibility: Mapped[str] = mapped_column(String(10), default=Visibility.TEAM)
    #: Comma-separated lower-case tags.
    tags: Mapped[str] = mapped_column(String(500), default="")
    # Stages after the response; their dates come from correspondence, the references from users.
    review_outcome: Mapped[str] = mapped_column(String(200), default="")
    ico_reference: Mapped[str] = mapped_column(String(40), default="")
    decision_notice_reference: Mapped[str] = mapped_column(String(40), default="")
    appeal_reference: Mapped[str] = mapped_column(String(60), default="")
    #: The exemptions (exceptions) the response relied on, comma-separated as cited: "s40(2), s43(2)".
    exemptions_cited: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    team: Mapped[Team] = relationship()
    authority: Mapped[PublicAuthority] = relationship(lazy="joined")
    created_by: Mapped[User | None] = relationship()

    @property
    def exemption_list(self) -> list[str]:
        return [e for e in (s.strip() for s in self.exemptions_cited.split(",")) if e]

    @property
    def tag_list(self) -> list[str]:
        return [t for t in (s.strip() for s in self.tags.split(",")) if t]

    @property
    def status_label(self) -> str:
        return RequestStatus(self.status).label
