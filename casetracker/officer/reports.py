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

__all__ = ["ReportError", "case_timing", "case_timings", "performance_csv", "performance_report", "review_result"]


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
    return [case_timing(r, officer or "unassigned", today) for r, officer in rows]


def case_timing(r: InfoRequest, officer: str, today: date, *, ico_complaint: bool = False) -> CaseTiming:
    """Return one request's ``CaseTiming``: its computed due date and the working days it took to answer."""
    facts = case_facts(r)
    response = compute_clocks(facts, today)[0]
    sent = facts.response_sent
    days = get_calendar(calendar_for(r.regime)).working_days_after(r.received_on, sent) if sent else None
    return CaseTiming(
        reference=r.reference, received=r.received_on, due=response.date, officer=officer,
        answered_on=sent, working_days=days,
        stopped=sent is None and (r.status in STOPPED_CLOCK_STATUSES or response.state is ClockState.PAUSED),
        outcome=r.outcome, exemptions=tuple(r.exemption_list), authority=r.authority.name,
        authority_id=r.authority_id, review_requested=facts.review_requested,
        review_result=review_result(r.review_outcome, facts.review_requested, facts.review_outcome),
        ico_complaint=ico_complaint, decision_notice=facts.decision_notice_sent is not None,
    )


def review_result(text: str, requested: date | None, outcome_on: date | None) -> str:
    """Return how an internal review ended: upheld, partly-upheld, overturned, other, pending, or "" (none)."""
    if requested is None:
        return ""
    words = " ".join(text.lower().split())
    if not words:
        return "pending" if outcome_on is None else "not recorded"
    if words.startswith(("partly", "partially", "in part")) or "part upheld" in words:
        return "partly-upheld"
    if "overturn" in words or "not upheld" in words:
        return "overturned"
    return "upheld" if "upheld" in words or "uphold" in words else "other"


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
    writer.writerow([])
    writer.writerow(["exemption", "answered citing it"])
    writer.writerows(parts["exemptions"])
    return out.getvalue()
