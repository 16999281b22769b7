"""What must be true of a case before a letter can say it: a letter never states what the case contradicts.

Pure: reads the plain context (``letters.fields``) and adds a message per
failed precondition to ``errors``, each naming the provision behind it.
"""

from __future__ import annotations

import datetime as dt

from casetracker.letters.constants import SCOTTISH, LetterKind, Regime
from casetracker.letters.fields import lookup
from casetracker.timeutil import uk_long_date

__all__ = ["check_preconditions"]

K = LetterKind


def _date(ctx: dict, name: str) -> dt.date | None:
    value = lookup(ctx, name)
    return value if isinstance(value, dt.date) else None


def _response_due(ctx: dict) -> dt.date | None:
    return _date(ctx, "clocks.response_due") or _date(ctx, "request.due")


def _check_chaser(ctx: dict, regime: Regime, errors: dict[str, str]) -> None:
    """A chaser says the response is overdue: FOIA s10(1), EIR reg 5(2), FOISA s10(1), UK GDPR Art 12(3).

    So the request must be unanswered, not paused (awaiting clarification or a
    fee: FOIA s1(3), s9), and past its due date on the letter's date.
    """
    responded = _date(ctx, "request.responded")
    if responded is not None:
        errors["request.responded"] = (
            f"The authority responded on {uk_long_date(responded)}, so a chaser would say what is false: "
            "ask for an internal review instead.")
        return
    paused = lookup(ctx, "clocks.response_paused")
    if paused:
        errors["clocks.response_due"] = (
            "No response is due while the authority waits for your clarification (FOIA s1(3))."
            if paused == "clarification" else
            "No response is due until the fee is paid (FOIA s9, s10(2)).")
        return
    due, today = _response_due(ctx), ctx.get("today")
    if due is None:
        errors["clocks.response_due"] = "Give the date the response was due: a chaser is for an overdue request."
    elif isinstance(today, dt.date) and today <= due:
        errors["clocks.response_due"] = (
            f"The response is not due until {uk_long_date(due)}, so it is not overdue yet; "
            "send a chaser after that day.")


def _check_foisa_application(ctx: dict, errors: dict[str, str], regime: Regime = Regime.FOISA) -> None:
    """FOISA s47(1): an application to the Commissioner only after a requirement for review (s20).

    It may follow the review outcome, or the authority's failure to give it
    within 20 working days (s21(1)); a failure to respond is itself reviewed
    first (s20(2)). The six months of s47(4)(b) are a bar, not a guideline.
    EISR 2004 reg 17 applies s47 to the Regulations, whose review is reg 16
    (representations, decided within 20 working days, reg 16(4)).
    """
    today = ctx.get("today")
    eisr = regime is Regime.EISR
    review, answer = ("representations (regulation 16)", "EISR reg 16(4)") if eisr else (
        "a review (section 20)", "FOISA s21(1)")
    if _date(ctx, "request.review_requested") is None:
        errors["request.review_requested"] = (
            f"Under {'the EISR' if eisr else 'FOISA'} you must require {review} before applying to the "
            "Scottish Information Commissioner (section 47(1)"
            + (" of FOISA, applied by EISR reg 17" if eisr else "")
            + "), even when the authority has not responded.")
        return
    if _date(ctx, "request.review_responded") is None:
        limit = _date(ctx, "clocks.review_limit")
        if limit is None:
            errors["clocks.review_limit"] = "There is no review outcome: give the last day the authority had for it."
        elif isinstance(today, dt.date) and today <= limit:
            errors["request.review_responded"] = (
                f"The authority has until {uk_long_date(limit)} to respond to your requirement for review "
                f"({answer}); apply to the Commissioner after that day.")
        return
    by = _date(ctx, "clocks.ico_complaint_by")
    if by is not None and isinstance(today, dt.date) and today > by:
        errors["clocks.ico_complaint_by"] = (
            f"The six months for applying ended on {uk_long_date(by)} (FOISA s47(4)(b)); the "
            "Commissioner cannot accept a later application.")


def _check_sar_complaint(ctx: dict, errors: dict[str, str]) -> None:
    """A data protection complaint about a SAR needs a response, or its lateness (UK GDPR Art 12(3), Art 77)."""
    if _date(ctx, "request.responded") is not None:
        return
    due, today = _response_due(ctx), ctx.get("today")
    if due is not None and isinstance(today, dt.date) and today <= due:
        errors["request.responded"] = (
            f"The controller has until {uk_long_date(due)} to respond (UK GDPR Art 12(3)); complain "
            "after that day, or give the date of its response.")
    elif due is None:
        errors["request.responded"] = "Give the date of the controller's response, or the date it was due."


def _check_appeal(ctx: dict, regime: Regime, errors: dict[str, str]) -> None:
    """An appeal lies against a decision notice already served (FOIA s57(1), EIR reg 18)."""
    issued, today = _date(ctx, "decision_notice_date"), ctx.get("today")
    if issued is None:
        errors["decision_notice_date"] = (
            "An appeal to the First-tier Tribunal is against a decision notice (FOIA s57(1)): give the "
            "date of the Information Commissioner's decision notice.")
    elif isinstance(today, dt.date) and issued > today:
        errors["decision_notice_date"] = (
            f"The decision notice is dated {uk_long_date(issued)}, after this letter: an appeal can only "
            "follow a notice already served.")


def _check_extension_in_time(ctx: dict, regime: Regime, errors: dict[str, str]) -> None:
    """An extension must be notified within the 20 working days (FOIA s17(1)-(2); EIR reg 7(3); EISR reg 7(2))."""
    normal, today = _date(ctx, "clocks.normal_response_due"), ctx.get("today")
    if normal is not None and isinstance(today, dt.date) and today > normal:
        law = {Regime.FOIA: "FOIA s17(1)-(2)", Regime.EISR: "EISR reg 7(2)"}.get(regime, "EIR reg 7(3)")
        errors["today"] = (
            f"The 20 working days ended on {uk_long_date(normal)}: an extension must be notified within "
            f"them ({law}), so a notice now cannot extend the time; the response is late.")


def check_preconditions(kind: LetterKind, ctx: dict, regime: Regime, errors: dict[str, str]) -> None:
    """Add an error for each thing the case contradicts in a ``kind`` letter."""
    if kind is K.CHASER:
        _check_chaser(ctx, regime, errors)
    elif kind is K.ICO_COMPLAINT and regime in SCOTTISH:
        _check_foisa_application(ctx, errors, regime)
    elif kind is K.ICO_COMPLAINT and regime is Regime.SAR:
        _check_sar_complaint(ctx, errors)
    elif kind is K.TRIBUNAL_APPEAL:
        _check_appeal(ctx, regime, errors)
    elif kind is K.EXTENSION_NOTICE and regime in (Regime.FOIA, Regime.EIR, Regime.EISR):
        _check_extension_in_time(ctx, regime, errors)
