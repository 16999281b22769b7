"""Non-working days added by an admin, for proclamations the holiday data does not yet know."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, String
from sqlalchemy.orm import Mapped, mapped_column

from casetracker.extensions import db
from casetracker.timeutil import utcnow


class ExtraNonWorkingDay(db.Model):
    """A day proclaimed a bank holiday at short notice, skipped by every clock of its calendar."""

    __tablename__ = "extra_non_working_days"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date, unique=True)
    #: Shown in explanations, e.g. "State Funeral of Queen Elizabeth II".
    name: Mapped[str] = mapped_column(String(200))
    #: "uk" (not a working day for FOIA/EIR), "scotland" (a Scottish bank holiday, so
    #: neither for FOISA nor, being in a part of the UK, for FOIA/EIR) or "both".
    calendar: Mapped[str] = mapped_column(String(20), default="both")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    def __repr__(self) -> str:
        return f"<ExtraNonWorkingDay {self.day.isoformat()} {self.name!r} ({self.calendar})>"
