"""Turn a request's dates into its statutory clocks.

Pure: takes a ``CaseFacts`` of plain dates (gathered from the request and its
correspondence by ``services.case_facts``) and returns ``Clock`` values computed
by the deadline engine. Nothing here is stored: due dates are never typed in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Mapping

from casetracker.deadlines.calendars import get_calendar
from casetracker.deadlines.clocks import (
    ComputedDate,
    appeal_deadline,
    court_of_session_appeal,
    decision_notice_compliance,
    ico_complaint_window,
    request_status,
    response_due,
    review_due,
    review_request_window,
    upper_tribunal_permission,
)
from casetracker.deadlines.constants import SCOTTISH_REGIMES, CalendarName, ClockStatus, ReceiptConvention, Regime


class ClockName(StrEnum):
    RESPONSE = "response"
    REVIEW_WINDOW = "review-window"
    REVIEW = "review"
    ICO_COMPLAINT = "ico-complaint"
    APPEAL = "appeal"
    #: The steps a decision notice requires (FOIA s50(4)); stored names fit 20 characters.
    NOTICE_STEPS = "notice-steps"
    #: Permission to appeal from the First-tier Tribunal to the Upper Tribunal (GRC Rules 2009 r42).
    UPPER_TRIBUNAL = "upper-tribunal"


#: The clocks the authority must meet: the response (FOIA s10(1)), the internal review (s45 Code
#: part 5) and a decision notice's steps (s50(4)); the others are the requester's windows (review
#: request, ICO complaint s50, appeal s57, permission to appeal to the Upper Tribunal).
OWED_BY_AUTHORITY = frozenset({ClockName.RESPONSE, ClockName.REVIEW, ClockName.NOTICE_STEPS})


class ClockState(StrEnum):
    """``open`` clocks are still running; ``met``/``missed`` ones ended with an event."""

    OPEN = "open"
    #: Stopped by an unpaid fees notice (FOIA s10(2)); the date shown is when the notice lapses.
    PAUSED = "paused"
    MET = "met"
    MISSED = "missed"


@dataclass(frozen=True)
class CaseFacts:
    """The dates that drive a request's clocks; every date is UK local."""

    regime: Regime
    received: date
    receipt: ReceiptConvention = ReceiptConvention.ARRIVAL
    is_school: bool = False
    clarified: date | None = None
    fees_notice: date | None = None
    fee_paid: date | None = None
    extended: bool = False
    response_sent: date | None = None
    review_requested: date | None = None
    review_outcome: date | None = None
    decision_notice_sent: date | None = None
    appeal_lodged: date | None = None
    #: The First-tier Tribunal's decision was sent: opens the Upper Tribunal permission window.
    tribunal_decision_sent: date | None = None
    #: A response or refusal after the decision notice: the steps it required were taken.
    steps_taken: date | None = None
    extra_days: Mapping[date, str] = field(default_factory=dict)
    #: The last clarification asked for (FOIA s1(3)): no response is due until one arrives after it.
    clarification_requested: date | None = None
    #: The day the extension was notified; after day 20 it extends nothing (FOIA s17(1)-(2)).
    extension_notice: date | None = None
    #: The authority's nation (``Nation`` value): a SAR controller's calendar.
    nation: str | None = None
    #: A maintained school's terms, (first, last) school day; none means every working day counts.
    school_terms: tuple[tuple[date, date], ...] = ()


@dataclass(frozen=True)
class Clock:
    """One statutory clock: what is due, by when, how it was counted, and where it stands."""

    name: ClockName
    label: str
    due: ComputedDate
    state: ClockState
    #: For open clocks: not-yet-due, due-soon, due-today, overdue or long-overdue.
    status: ClockStatus | None
    #: The event that ended the clock, if any.
    ended_on: date | None = None

    @property
    def date(self) -> date:
        return self.due.date

    @property
    def owed_by_authority(self) -> bool:
        """Return True for clocks the authority must meet (response, internal review)."""
        return self.name in OWED_BY_AUTHORITY

    @property
    def status_label(self) -> str:
        """Return the status in words; a requester's window that has passed is "closed", not "overdue"."""
        if self.status is None:
            return self.state.value
        if not self.owed_by_authority and self.status in (ClockStatus.OVERDUE, ClockStatus.LONG_OVERDUE):
            return "closed"
        return self.status.value.replace("-", " ")

    @property
    def warning_only(self) -> bool:
        """Return True for windows that warn rather than bar (the ICO's six weeks).

        The Scottish Commissioner's six months is a bar in statute (FOISA 2002 s47(4)(a)).
        """
        return self.name == ClockName.ICO_COMPLAINT and not self.due.rule.startswith("FOISA")


def _ended(due: date, on: date | None) -> ClockState:
    if on is None:
        return ClockState.OPEN
    return ClockState.MET if on <= due else ClockState.MISSED


def _window_status(due: date, today: date) -> ClockStatus:
    """Status of a window the requester must act within (no long-overdue stage)."""
    if today == due:
        return ClockStatus.DUE_TODAY
    if today > due:
        return ClockStatus.OVERDUE
    calendar = get_calendar(CalendarName.UK)
    if calendar.working_days_after(today, due) <= 5:
        return ClockStatus.DUE_SOON
    return ClockStatus.NOT_YET_DUE


def compute_clocks(facts: CaseFacts, today: date) -> list[Clock]:
    """Return the request's clocks in the order a request lives through them.

    The response clock is always present; later ones appear once the event that
    opens them is recorded (a response opens the review window, a review request
    the review clock, a review outcome the ICO complaint window, a decision
    notice the appeal window). Sources: FOIA 2000 s10, s45 Code of Practice,
    s50, s57; EIR reg 5, 7, 11; FOISA s10, s20, s21; EISR reg 5, 7, 16, 17; UK GDPR Art 12(3).
    """
    extra = dict(facts.extra_days)
    clocks: list[Clock] = []
    response = response_due(
        facts.regime,
        facts.received,
        extended=facts.extended,
        receipt=facts.receipt,
        clarified=facts.clarified,
        fees_notice=facts.fees_notice,
        fee_paid=facts.fee_paid,
        extra_days=extra,
        clarification_requested=facts.clarification_requested,
        extension_notice=facts.extension_notice,
        nation=facts.nation,
        school_terms=facts.school_terms,
        is_school=facts.is_school,
    )
    state = _ended(response.date, facts.response_sent)
    status = None
    if state is ClockState.OPEN and response.paused:
        state = ClockState.PAUSED
    if state is ClockState.OPEN:
        status = request_status(
            response.date, today, received=facts.received, regime=facts.regime,
            is_school=facts.is_school, extra_days=extra,
        )
    label = "Response due"
    if state is ClockState.PAUSED:
        label = ("Awaiting clarification asked for on" if response.pause_reason == "clarification"
                 else "Fee to be paid by")
    clocks.append(Clock(ClockName.RESPONSE, label, response, state, status, facts.response_sent))

    if facts.regime == Regime.SAR:
        if facts.response_sent:
            # The ICO asks for data protection complaints within three months (DPA 2018 s165).
            ico = ico_complaint_window(facts.regime, facts.response_sent)
            clocks.append(Clock(ClockName.ICO_COMPLAINT, "Complain to the ICO by", ico, ClockState.OPEN,
                                _window_status(ico.date, today)))
        return clocks
    if facts.response_sent:
        window = review_request_window(facts.regime, facts.response_sent, extra_days=extra)
        state = _ended(window.date, facts.review_requested)
        clocks.append(Clock(
            # FOISA s20 and EISR reg 16 speak of requiring a review, not asking for one.
            ClockName.REVIEW_WINDOW, "Require a review by" if facts.regime in SCOTTISH_REGIMES
            else "Ask for an internal review by", window, state,
            _window_status(window.date, today) if state is ClockState.OPEN else None,
            facts.review_requested,
        ))
    if facts.review_requested:
        review = review_due(facts.regime, facts.review_requested, extra_days=extra)
        state = _ended(review.date, facts.review_outcome)
        clocks.append(Clock(
            ClockName.REVIEW, "Review due" if facts.regime in SCOTTISH_REGIMES else "Internal review due", review,
            state,
            _window_status(review.date, today) if state is ClockState.OPEN else None,
            facts.review_outcome,
        ))
    final = facts.review_outcome
    if final:
        ico = ico_complaint_window(facts.regime, final)
        state = ClockState.OPEN if facts.decision_notice_sent is None else ClockState.MET
        clocks.append(Clock(
            ClockName.ICO_COMPLAINT, "Complain to the ICO by" if facts.regime not in SCOTTISH_REGIMES
            else "Apply to the Scottish Information Commissioner by", ico, state,
            _window_status(ico.date, today) if state is ClockState.OPEN else None,
        ))
    if facts.decision_notice_sent:
        if facts.regime in SCOTTISH_REGIMES:  # FOISA s56; for EISR applied by EISR 2004 reg 17
            appeal, where = court_of_session_appeal(facts.decision_notice_sent), "the Court of Session"
        else:
            appeal = appeal_deadline(facts.decision_notice_sent, extra_days=extra)
            where = "the First-tier Tribunal"
        state = _ended(appeal.date, facts.appeal_lodged)
        clocks.append(Clock(
            ClockName.APPEAL, f"Appeal to {where} by", appeal, state,
            _window_status(appeal.date, today) if state is ClockState.OPEN else None,
            facts.appeal_lodged,
        ))
        if facts.regime not in SCOTTISH_REGIMES:
            clocks += _after_decision_notice(facts, today)
    return clocks


def _after_decision_notice(facts: CaseFacts, today: date) -> list[Clock]:
    """Return the decision notice's steps clock and, after a tribunal decision, the Upper Tribunal window.

    The ICO's decision notices require steps within 35 calendar days (FOIA 2000
    s50(4); s50(6) keeps them from falling due before the 28-day appeal period
    ends): the notice's own date may be later, but 35 days is the safe date.
    An appeal lodged suspends the steps (s50(6)), so the clock then ends.
    Permission to appeal to the Upper Tribunal: within 28 days of the First-tier
    Tribunal's decision being sent (GRC Rules 2009 r42(2)); r42(2) counts from
    the latest of the decision, its written reasons or a refused set-aside, so
    counting from the decision is the earlier, safe date.
    """
    steps = decision_notice_compliance(facts.decision_notice_sent)
    ended_on = facts.steps_taken or facts.appeal_lodged
    state = _ended(steps.date, ended_on) if not facts.appeal_lodged else ClockState.MET
    clocks = [Clock(
        ClockName.NOTICE_STEPS, "Decision notice steps due by", steps, state,
        _window_status(steps.date, today) if state is ClockState.OPEN else None, ended_on,
    )]
    if facts.tribunal_decision_sent:
        permission = upper_tribunal_permission(facts.tribunal_decision_sent)
        clocks.append(Clock(
            ClockName.UPPER_TRIBUNAL, "Ask permission to appeal to the Upper Tribunal by", permission,
            ClockState.OPEN, _window_status(permission.date, today),
        ))
    return clocks
