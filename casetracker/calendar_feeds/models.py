"""Secret calendar feed links, and the SEQUENCE of each clock's event so calendar apps see a moved date."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from casetracker.extensions import db
from casetracker.timeutil import utcnow


class CalendarFeed(db.Model):
    """A secret feed URL: a user's own (``team_id`` None) or a team's (``user_id`` None).

    The token is the URL's only secret, so it is kept to be shown again on the
    user's page; resetting it replaces the row's token and the old URL answers 404.
    """

    __tablename__ = "calendar_feeds"
    __table_args__ = (UniqueConstraint("user_id", "team_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"), index=True)
    #: URL-safe, 256 bits; ``/calendar/<token>.ics``.
    token: Mapped[str] = mapped_column(String(64), unique=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class CalendarSequence(db.Model):
    """How often a clock's due date has moved (iCalendar SEQUENCE, RFC 5545 s3.8.7.4) and its last date.

    Kept apart from ``request_clocks`` because that projection is rewritten on
    every change; bumped only by ``info_requests.projection.refresh_clocks``.
    """

    __tablename__ = "calendar_sequences"

    request_id: Mapped[int] = mapped_column(ForeignKey("info_requests.id", ondelete="CASCADE"), primary_key=True)
    #: ``ClockName`` value.
    clock: Mapped[str] = mapped_column(String(20), primary_key=True)
    sequence: Mapped[int] = mapped_column(default=0)
    due_on: Mapped[date] = mapped_column(Date)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
