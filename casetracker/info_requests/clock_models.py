"""The stored projection of every request's clocks, and the counter behind our references."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from casetracker.extensions import db
from casetracker.info_requests.models import InfoRequest
from casetracker.timeutil import utcnow


class RequestClock(db.Model):
    """One of a request's clocks as last computed by ``projection.refresh_clocks``.

    Never typed in and never written anywhere else: the rule stays "due dates
    are computed", this row only remembers the result so lists can filter and
    sort in SQL. Where a clock stands *today* (due soon, overdue, long overdue)
    is not stored; it is read from the threshold dates below, so a row does not
    go stale overnight. ``flask deadlines verify`` recomputes and compares.
    """

    __tablename__ = "request_clocks"
    __table_args__ = (
        UniqueConstraint("request_id", "name"),
        Index("ix_request_clocks_name_state_due", "name", "state", "due_on"),
        #: The dashboard's sections: count and list one team's clocks of a kind, soonest first,
        #: from the index alone (every column their conditions read is in it).
        Index("ix_request_clocks_team_section", "team_id", "name", "state", "due_on", "request_id",
              "restricted_to", "request_status", "regime", "soon_from", "listed_from", "owed_by_authority"),
        #: The request list sorted by next clock: one team's current clocks in due order.
        Index("ix_request_clocks_team_current", "team_id", "is_current", "due_on", "request_id",
              "restricted_to", "request_status", "regime"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("info_requests.id", ondelete="CASCADE"), index=True)
    #: Order in the request's life (0 = response), as ``compute_clocks`` returns them.
    position: Mapped[int] = mapped_column(default=0)
    #: ``ClockName``: response, review-window, review, ico-complaint, appeal.
    name: Mapped[str] = mapped_column(String(20))
    label: Mapped[str] = mapped_column(String(100))
    due_on: Mapped[date] = mapped_column(Date)
    #: ``ClockState``: open (running), paused (unpaid fees notice), met or missed (stopped by an event).
    state: Mapped[str] = mapped_column(String(10))
    ended_on: Mapped[date | None] = mapped_column(Date)
    #: How the date was counted, e.g. "20 working days after Tue 24 May 2022; ...".
    explanation: Mapped[str] = mapped_column(Text, default="")
    #: True for clocks the authority must meet (response, internal review).
    owed_by_authority: Mapped[bool] = mapped_column(default=False)
    #: True for the request's first open clock: the "next clock" of lists.
    is_current: Mapped[bool] = mapped_column(default=False, index=True)
    #: First day on which an open clock is "due soon" (None: never, or not open).
    soon_from: Mapped[date | None] = mapped_column(Date)
    #: First day on which an open response clock is "long overdue" (None: no such stage).
    long_overdue_from: Mapped[date | None] = mapped_column(Date)
    #: First day the dashboard lists a later clock as "ending soon".
    listed_from: Mapped[date | None] = mapped_column(Date)
    #: Copies of the request's team, who alone may see it (0: the whole team; else the creator of a
    #: private request, -1 if it has none), status and regime, so that the dashboard and list count,
    #: filter and sort from this table's indexes without visiting every request. Written with the clocks.
    team_id: Mapped[int] = mapped_column(default=0, server_default="0")
    restricted_to: Mapped[int] = mapped_column(default=0, server_default="0")
    request_status: Mapped[str] = mapped_column(String(30), default="", server_default="")
    regime: Mapped[str] = mapped_column(String(10), default="", server_default="")
    computed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ReferenceCounter(db.Model):
    """The last number given to a reference with this prefix, so ``next_reference`` need not count."""

    __tablename__ = "reference_counters"

    #: e.g. ``CT-2022-``.
    prefix: Mapped[str] = mapped_column(String(40), primary_key=True)
    last_number: Mapped[int] = mapped_column(default=0)


#: Counts by status and the visible-requests filter read only this index (team, status, visibility, author).
Index("ix_info_requests_team_status", InfoRequest.team_id, InfoRequest.status, InfoRequest.visibility,
      InfoRequest.created_by_id)
#: The request list's orders other than "due" walk these in order, the viewer's restriction read from the index.
Index("ix_info_requests_team_received", InfoRequest.team_id, InfoRequest.received_on, InfoRequest.id,
      InfoRequest.visibility, InfoRequest.created_by_id)
Index("ix_info_requests_team_reference", InfoRequest.team_id, InfoRequest.reference, InfoRequest.visibility,
      InfoRequest.created_by_id)
Index("ix_info_requests_team_authority", InfoRequest.team_id, InfoRequest.authority_id, InfoRequest.id,
      InfoRequest.visibility, InfoRequest.created_by_id)
