"""Gather an FOI office's requests into ``performance.CaseTiming`` rows; the performance report and its CSV."""

from __future__ import annotations

import io
from datetime import date

from casetracker.csv_safety import safe_writer
from casetracker.auth.models import Team, User
from casetracker.deadlines.calendars import get_calendar
from casetracker.deadlines.clocks import calendar_for
from casetracker.extensions import db
from casetracker.info_requests.clocks import ClockState, compute_clocks
from casetracker.info_requests.models import InfoRequest
from casetracker.info_requests.services import case_facts
from casetracker.officer.models import CaseAssignment
from casetracker.officer.performance import CaseTiming, breakdown, summarise
from casetracker.officer.services import STOPPED_CLOCK_STATUSES

__all__ = ["ReportError", "case_timings", "performance_csv", "performance_report"]


class ReportError(ValueError):
    """A report that cannot be made; the message is for the user."""


def case_timings(team: Team, start: date, end: date, today: date) -> list[CaseTiming]:
    """Return a timing row for each of ``team``'s requests received from ``start`` to ``end`` inclusive."""
    if end < start:
        raise ReportError("The end of the period is before its start.")
    if not team.is_authority:
        raise ReportError(f"{team.name} is a requester team: the performance report is an FOI office's.")
    rows = db.session.execute(
        db.select(InfoRequest, User.email)
        .outerjoin(CaseAssignment, CaseAssignment.request_id == InfoRequest.id)
        .outerjoin(User, User.id == CaseAssignment.officer_id)
        .where(InfoRequest.team_id == team.id, InfoRequest.received_on >= start, InfoRequest.received_on <= end)
        .order_by(InfoRequest.received_on, InfoRequest.id))
    timings = []
    for r, officer in rows:
        facts = case_facts(r)
        response = compute_clocks(facts, today)[0]
        sent = facts.response_sent
        days = get_calendar(calendar_for(r.regime)).working_days_after(r.received_on, sent) if sent else None
        timings.append(CaseTiming(
            reference=r.reference, received=r.received_on, due=response.date, officer=officer or "unassigned",
            answered_on=sent, working_days=days,
            stopped=sent is None and (r.status in STOPPED_CLOCK_STATUSES or response.state is ClockState.PAUSED),
            outcome=r.outcome,
        ))
    return timings


def performance_report(team: Team, start: date, end: date, today: date) -> tuple[dict, dict]:
    """Return the summary (the ``reports performance --json`` shape) and the monthly/quarterly breakdown."""
    timings = case_timings(team, start, end, today)
    return summarise(timings, today), breakdown(timings, today)


def performance_csv(team: Team, start: date, end: date, today: date) -> str:
    """Return the figures per month of receipt as CSV, with a total row."""
    summary, parts = performance_report(team, start, end, today)
    out = io.StringIO()
    writer = safe_writer(out)
    writer.writerow(["period", "received", "answered", "on_time", "percent_on_time"])
    for key, counts in parts["months"]:
        writer.writerow([key, counts["received"], counts["answered"], counts["on_time"],
                         "" if counts["percent_on_time"] is None else counts["percent_on_time"]])
    writer.writerow(["total", summary["received"], summary["answered"], summary["on_time"],
                     "" if summary["percent_on_time"] is None else summary["percent_on_time"]])
    return out.getvalue()
