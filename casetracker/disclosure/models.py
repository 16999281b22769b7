"""A response published on the disclosure log."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casetracker.extensions import db
from casetracker.info_requests.models import InfoRequest
from casetracker.timeutil import utcnow


class Publication(db.Model):
    """A request whose response is (or, after its embargo, will be) on the public disclosure log."""

    __tablename__ = "publications"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("info_requests.id"), unique=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"), index=True)
    #: Not shown publicly before this UK date; none means at once.
    embargo_until: Mapped[date | None] = mapped_column(Date, index=True)
    #: Exemptions cited, comma-separated as written in the response (``s40(2), s43(2)``).
    exemptions: Mapped[str] = mapped_column(String(500), default="")
    #: A public summary written by the team; the requester's details are never part of it.
    summary: Mapped[str] = mapped_column(Text, default="")
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    published_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    info_request: Mapped[InfoRequest] = relationship(lazy="joined")

    @property
    def exemption_list(self) -> list[str]:
        return [e.strip() for e in self.exemptions.split(",") if e.strip()]
