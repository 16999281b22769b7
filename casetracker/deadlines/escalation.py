"""The clocks after a response: internal review, complaint to the regulator, tribunal appeal.

Dates are ``datetime.date``, UK local; each function returns a ``ComputedDate``
naming its legal source.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Mapping

from dateutil.relativedelta import relativedelta

from casetracker.deadlines.calendars import get_calendar
from casetracker.deadlines.computed import ComputedDate, format_day
from casetracker.deadlines.constants import REGIME_CALENDARS, SCOTTISH_REGIMES, CalendarName, Regime
from casetracker.deadlines.errors import DeadlineError
from casetracker.deadlines.nations import on_or_next_working_day_anywhere
from casetracker.deadlines.responses import parse_regime

#: Working days the requester has to ask for an internal review, and the source.
REVIEW_WINDOW_RULES: dict[Regime, tuple[int, str]] = {
    Regime.FOIA: (40, "FOIA s45 Code of Practice (2018) Part 5"),
    Regime.EIR: (40, "EIR 2004 reg 11(2)"),
    Regime.FOISA: (40, "FOISA 2002 s20(5)"),
    # EISR reg 16(2): representations no later than 40 working days after the response (or its due date).
    Regime.EISR: (40, "EISR 2004 reg 16(2)"),
}
#: Working days the authority has to complete the review (normal, exceptional), and the source.
REVIEW_RULES: dict[Regime, tuple[int, int | None, str]] = {
    Regime.FOIA: (20, 40, "FOIA s45 Code of Practice (2018) Part 5"),
    Regime.EIR: (40, 40, "EIR 2004 reg 11(4)"),
    Regime.FOISA: (20, None, "FOISA 2002 s21(1)"),
    # EISR reg 16(4): the decision within 20 working days of the representations; no extension.
    Regime.EISR: (20, None, "EISR 2004 reg 16(4)"),
}
APPEAL_RULE = "Tribunal Procedure (First-tier Tribunal) (General Regulatory Chamber) Rules 2009 r22(1)(b), r12"


def _no_review(regime: Regime) -> DeadlineError:
    return DeadlineError(
        f"{regime.value.upper()} has no internal review stage: a requester complains to the ICO instead."
    )


def review_request_window(
    regime: Regime | str, response_sent: date, *, extra_days: Mapping[date, str] | None = None
) -> ComputedDate:
    """Return the last day the requester can ask for an internal review.

    40 working days after the response: FOIA s45 Code of Practice (2018) Part 5;
    EIR 2004 reg 11(2) ("representations"); FOISA 2002 s20(5) ("requirement for
    review", Scottish calendar); EISR 2004 reg 16(2) (Scottish calendar). Raises ``DeadlineError`` for a SAR (no review
    stage) or an unknown regime.
    """
    regime = parse_regime(regime)
    if regime not in REVIEW_WINDOW_RULES:
        raise _no_review(regime)
    days, rule = REVIEW_WINDOW_RULES[regime]
    return get_calendar(REGIME_CALENDARS[regime], extra_days).add_working_days(response_sent, days, rule=rule)


def review_due(
    regime: Regime | str,
    review_requested: date,
    *,
    exceptional: bool = False,
    extra_days: Mapping[date, str] | None = None,
) -> ComputedDate:
    """Return the day the authority's internal review is due.

    FOIA s45 Code of Practice (2018) Part 5: 20 working days after the request
    for review, 40 in exceptional cases. EIR 2004 reg 11(4): 40 working days in
    every case. FOISA 2002 s21(1) and EISR 2004 reg 16(4): 20 working days on
    the Scottish calendar, never extended. Raises ``DeadlineError`` for a SAR, an unknown regime or an
    exceptional FOISA review.
    """
    regime = parse_regime(regime)
    if regime not in REVIEW_RULES:
        raise _no_review(regime)
    normal, longest, rule = REVIEW_RULES[regime]
    if exceptional and longest is None:
        raise DeadlineError(f"{regime.value.upper()} allows no extension of a review: it is due within 20 "
                            f"working days ({rule}).")
    days = longest if exceptional else normal
    return get_calendar(REGIME_CALENDARS[regime], extra_days).add_working_days(review_requested, days, rule=rule)


def ico_complaint_window(
    regime: Regime | str, final_response: date, *, extra_days: Mapping[date, str] | None = None
) -> ComputedDate:
    """Return the day by which to complain to the regulator about a final response.

    FOIA (s50) and EIR (reg 18): the ICO asks for complaints within six weeks
    of the final response; a warning date, not a bar. SAR: the ICO asks within
    three months (DPA 2018 s165). FOISA 2002 s47(4)(a) (for EISR, applied by EISR
    2004 reg 17): an application to the Scottish Information Commissioner within six months. Counted in calendar
    days, so ``extra_days`` does not matter. Raises ``DeadlineError`` for an
    unknown regime.
    """
    regime = parse_regime(regime)
    if regime in SCOTTISH_REGIMES:
        rule = "FOISA 2002 s47(4)(a)" + (", applied by EISR 2004 reg 17" if regime is Regime.EISR else "")
        return ComputedDate(final_response + relativedelta(months=6), rule,
                            final_response, period="six months",
                            notes=("a limit in the Act, not a guideline: apply within it",))
    if regime is Regime.SAR:
        return ComputedDate(final_response + relativedelta(months=3), "DPA 2018 s165; ICO guidance",
                            final_response, period="three months",
                            notes=("the ICO's request, not a bar: it may accept a later complaint",))
    rule = "FOIA 2000 s50; ICO guidance" if regime is Regime.FOIA else "EIR 2004 reg 18; ICO guidance"
    return ComputedDate(final_response + timedelta(weeks=6), rule, final_response, period="six weeks",
                        notes=("the ICO's request, not a bar: it may accept a later complaint",))


def appeal_deadline(decision_notice_sent: date, *, extra_days: Mapping[date, str] | None = None) -> ComputedDate:
    """Return the last day for the First-tier Tribunal to receive a notice of appeal.

    28 days after the decision notice was sent (GRC Rules 2009 r22(1)(b)); a
    last day that is not a working day moves to the next working day (r12).
    r12 names bank holidays under the Banking and Financial Dealings Act 1971
    without saying in which part of the UK, so the day moves only if no nation
    works it (the earlier, safe date), and the note gives the later date that
    counting every nation's holidays would give. Appeals from the Scottish
    Information Commissioner go to the Court of Session (``court_of_session_appeal``).
    """
    uk = get_calendar(CalendarName.UK, extra_days)
    nominal = decision_notice_sent + timedelta(days=28)
    due = on_or_next_working_day_anywhere(nominal, extra_days)
    notes: list[str] = []
    if due != nominal:
        notes.append(f"the last day, {format_day(nominal)}, is not a working day, so the next working day counts")
    later = uk.on_or_next_working_day(due)
    if later != due:
        notes.append(
            f"{format_day(due)} is {uk.why_not_working(due)}, a bank holiday in only part of the UK; the "
            f"rules do not say which part's holidays count, so the earlier, safe date is shown (the "
            f"alternative is {format_day(later)})"
        )
    return ComputedDate(
        due, APPEAL_RULE, decision_notice_sent,
        uk.skipped_between(nominal - timedelta(days=1), due - timedelta(days=1)), "28 days", tuple(notes),
    )


def decision_notice_compliance(decision_notice_sent: date) -> ComputedDate:
    """Return the day an authority must take the steps a decision notice requires.

    The ICO's decision notices give 35 calendar days from the notice (FOIA 2000
    s50(4)-(6): the steps may not be due before the appeal period ends).
    """
    return ComputedDate(decision_notice_sent + timedelta(days=35), "FOIA 2000 s50(4), s50(6); decision notice",
                        decision_notice_sent, period="35 days",
                        notes=("the ICO's notices require the steps within 35 calendar days (FOIA 2000 s50(4)); "
                               "a notice that gives a later date governs, so this is the safe date; an appeal "
                               "suspends the steps until it is decided (s50(6))",))


def court_of_session_appeal(decision_notice_received: date) -> ComputedDate:
    """Return the last day to appeal a Scottish Information Commissioner's decision.

    FOISA 2002 s56(b): an appeal on a point of law to the Court of Session within
    42 days after the decision notice is received (Rules of the Court of Session,
    rule 41.20(1)(b)).
    """
    return ComputedDate(decision_notice_received + timedelta(days=42), "FOISA 2002 s56(b)",
                        decision_notice_received, period="42 days")


def upper_tribunal_permission(tribunal_decision_sent: date) -> ComputedDate:
    """Return the last day to ask the First-tier Tribunal for permission to appeal to the Upper Tribunal.

    GRC Rules 2009 r42(2): within 28 days of the latest of the decision and its
    written reasons being sent. Counted from ``tribunal_decision_sent``.
    """
    return ComputedDate(tribunal_decision_sent + timedelta(days=28), "GRC Rules 2009 r42(2)",
                        tribunal_decision_sent, period="28 days",
                        notes=("GRC Rules 2009 r42(2): 28 days from the latest of the decision, its written "
                               "reasons and a refused set-aside being sent; counted from the decision, the "
                               "earlier, safe date (if the reasons came later, the window ends later)",))
