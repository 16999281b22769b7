"""Check a letter's context before anything is generated; every problem is a form error."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from casetracker.letters.constants import ENVIRONMENTAL, LetterKind, Likelihood, Regime, ReviewOutcome
from casetracker.letters.errors import LetterDataError, UnknownExemption
from casetracker.letters.exemption_checks import (
    check_emissions, check_ncnd, check_needs, cost_limit, lawful_limits,
)
from casetracker.letters.exemptions import get_exemption
from casetracker.letters.fields import FIELDS, lookup
from casetracker.letters.preconditions import check_preconditions
from casetracker.letters.formatting import money
from casetracker.timeutil import uk_long_date

__all__ = ["allowed_regimes", "validate_context"]

K = LetterKind

#: Hourly rate for the cost limit: FOIA Fees Regulations 2004 reg 4(4); FOISA Fees
#: Regulations 2004 reg 3(2)(b).
HOURLY_RATE = {Regime.FOIA: Decimal(25), Regime.FOISA: Decimal(15)}

_REGIMES: dict[LetterKind, frozenset[Regime]] = {
    K.FOI_REQUEST: frozenset({Regime.FOIA, Regime.FOISA}),
    K.EIR_REQUEST: frozenset({Regime.EIR, Regime.EISR}),
    K.SAR: frozenset({Regime.SAR}),
    # A SAR has no fees notice (UK GDPR Art 12(5)), no statutory review, and its
    # exemptions are in DPA 2018 Sch 2-4, not this catalogue.
    K.FEES_NOTICE: frozenset({Regime.FOIA, Regime.EIR, Regime.FOISA, Regime.EISR}),
    K.REFUSAL_NOTICE: frozenset({Regime.FOIA, Regime.EIR, Regime.FOISA, Regime.EISR}),
    K.INTERNAL_REVIEW_REQUEST: frozenset({Regime.FOIA, Regime.EIR, Regime.FOISA, Regime.EISR}),
    K.INTERNAL_REVIEW_OUTCOME: frozenset({Regime.FOIA, Regime.EIR, Regime.FOISA, Regime.EISR}),
    # FOISA s10 has no public interest extension; EISR reg 7(1) extends for volume and complexity.
    K.EXTENSION_NOTICE: frozenset({Regime.FOIA, Regime.EIR, Regime.SAR, Regime.EISR}),
    # FOISA decisions go to the Court of Session (s56); data protection complaints
    # have no appeal against the outcome.
    K.TRIBUNAL_APPEAL: frozenset({Regime.FOIA, Regime.EIR}),
}

_DATE_FIELDS = (
    "today", "request.sent", "request.received", "request.due", "request.responded",
    "request.review_requested", "request.review_responded", "clocks.response_due",
    "clocks.review_request_by", "clocks.review_due", "clocks.review_limit",
    "clocks.ico_complaint_by", "clocks.appeal_by", "clocks.fees_lapse",
    "estimated_decision_date", "decision_notice_date",
)


def allowed_regimes(kind: LetterKind) -> frozenset[Regime]:
    """Return the regimes under which a letter of ``kind`` exists."""
    return _REGIMES.get(kind, frozenset(Regime))


def validate_context(kind: LetterKind | str, ctx: dict) -> None:
    """Raise ``LetterDataError`` listing every missing or unlawful value in ``ctx``.

    ``ctx`` is the plain context described in ``casetracker.letters.fields``;
    the errors map a dotted field name to a message for the form.
    """
    errors: dict[str, str] = {}
    try:
        kind = LetterKind(kind)
    except ValueError:
        raise LetterDataError({"kind": f"{kind!r} is not a kind of letter."}) from None
    for spec in FIELDS:
        if kind in spec.required_for and _empty(lookup(ctx, spec.name)):
            errors[spec.name] = f"{kind.label} letters need this: {spec.description}"
    for name in _DATE_FIELDS:
        value = lookup(ctx, name)
        if value is not None and not isinstance(value, dt.date):
            errors.setdefault(name, "This must be a date.")
    regime = _regime(ctx, kind, errors)
    if regime is not None:
        _CHECKS.get(kind, _no_check)(ctx, regime, errors)
        check_preconditions(kind, ctx, regime, errors)
    if errors:
        raise LetterDataError(errors)


def _empty(value: object) -> bool:
    return value is None or value == "" or value == [] or value == {} or value == ()


def _regime(ctx: dict, kind: LetterKind, errors: dict[str, str]) -> Regime | None:
    raw = lookup(ctx, "request.regime")
    if _empty(raw):
        return None
    try:
        regime = Regime(raw)
    except ValueError:
        errors["request.regime"] = f"{raw!r} is not a regime: use foia, eir, foisa or sar."
        return None
    if regime not in allowed_regimes(kind):
        errors["request.regime"] = f"There is no {kind.label.lower()} under {regime.upper()}."
        return None
    return regime


def _no_check(ctx: dict, regime: Regime, errors: dict[str, str]) -> None:
    return None


def _check_request(ctx: dict, regime: Regime, errors: dict[str, str]) -> None:
    """A request needs an address for correspondence: FOIA s8(1)(b), FOISA s8(1)(b)."""
    if _empty(lookup(ctx, "requester.email")) and _empty(lookup(ctx, "requester.address")):
        errors["requester.address"] = "Give an email or postal address for the reply."


def _check_refusal(ctx: dict, regime: Regime, errors: dict[str, str]) -> None:
    """Check a refusal notice: FOIA s17(1), (3), (5); EIR reg 14; FOISA s16; EISR reg 13."""
    exemptions = ctx.get("exemptions") or []
    cost, vexatious = ctx.get("cost_limit"), ctx.get("vexatious")
    ncnd = bool(ctx.get("ncnd"))
    if not exemptions and not cost and not vexatious:
        word = "exception" if regime in ENVIRONMENTAL else "exemption"
        grounds = "" if regime in ENVIRONMENTAL else " (or on the cost limit, s12, or s14)"
        errors["exemptions"] = f"A refusal notice must rely on at least one {word}{grounds}."
    for i, record in enumerate(exemptions):
        _check_exemption(f"exemptions[{i}]", record, regime, ncnd, errors, bool(ctx.get("emissions")))
    codes = [str(r.get("code", "")).strip() for r in exemptions]
    if len(set(codes)) < len(codes):
        errors.setdefault("exemptions", "Each exemption should be listed once.")
    if ncnd and (ctx.get("withheld") or ctx.get("disclosed_items")):
        errors["withheld"] = ("When neither confirming nor denying, the letter cannot say "
                              "what is withheld or disclosed.")
    if exemptions and not ncnd and _empty(ctx.get("withheld")):
        errors["withheld"] = "Say what information is withheld (FOIA s17(1))."
    if cost:
        _check_cost_limit(cost, regime, errors, ctx)
    if vexatious:
        if regime in ENVIRONMENTAL:
            reg = "reg 10(4)(b)" if regime is Regime.EISR else "reg 12(4)(b)"
            errors["vexatious"] = f"The {regime.upper()} have no s14: use {reg} (manifestly unreasonable)."
        elif _empty(vexatious.get("reason")):
            errors["vexatious.reason"] = "Say why the request is vexatious or repeated."


def _check_exemption(
    where: str, record: dict, regime: Regime, ncnd: bool, errors: dict[str, str], emissions: bool = False
) -> None:
    try:
        exemption = get_exemption(str(record.get("code", "")), regime)
    except UnknownExemption as exc:
        errors[f"{where}.code"] = str(exc)
        return
    if exemption.regime is not regime:
        errors[f"{where}.code"] = (
            f"{exemption.code} belongs to {exemption.regime.upper()}, but this request is "
            f"under {regime.upper()}."
        )
        return
    if _empty(record.get("reason")):
        errors[f"{where}.reason"] = f"Say why {exemption.code} applies (FOIA s17(1)(c))."
    if exemption.prejudice_based:
        _check_prejudice(where, record, exemption.regime, errors)
    if exemption.needs_public_interest_test:
        for part, words in (("pit_for", "for disclosure"), ("pit_against", "for withholding"),
                            ("pit_conclusion", "the conclusion")):
            if _empty(record.get(part)):
                errors[f"{where}.{part}"] = (
                    f"{exemption.code} is qualified: give the public interest {words} "
                    + ("(EISR reg 10(1)(b), reg 13)." if regime is Regime.EISR else "(FOIA s17(3), EIR reg 14(3)(b)).")
                )
    check_needs(where, record, exemption, errors)
    check_ncnd(where, exemption, regime, ncnd, errors)
    check_emissions(where, exemption, emissions, errors)


def _check_prejudice(where: str, record: dict, regime: Regime, errors: dict[str, str]) -> None:
    if _empty(record.get("harm")):
        errors[f"{where}.harm"] = "Describe the harm disclosure would cause."
    likelihood = record.get("likelihood")
    if _empty(likelihood):
        errors[f"{where}.likelihood"] = "Choose 'would' or 'would be likely to'."
        return
    try:
        likelihood = Likelihood(likelihood)
    except ValueError:
        errors[f"{where}.likelihood"] = f"{likelihood!r}: choose 'would' or 'would be likely to'."
        return
    if regime is Regime.EIR and likelihood is not Likelihood.WOULD:
        errors[f"{where}.likelihood"] = (
            "An EIR exception needs an adverse effect that would happen, more probable "
            "than not; 'would be likely to' is not enough."
        )


def _check_cost_limit(cost: dict, regime: Regime, errors: dict[str, str], ctx: dict | None = None) -> None:
    """The estimate must exceed the appropriate limit: FOIA s12, FOISA s12."""
    if regime not in HOURLY_RATE:
        errors["cost_limit"] = ("The EISR have no cost limit: use reg 10(4)(b) instead." if regime is Regime.EISR
                                else "The EIR have no cost limit: use reg 12(4)(b) instead.")
        return
    for part in ("hours", "limit", "advice"):
        if _empty(cost.get(part)):
            errors[f"cost_limit.{part}"] = {
                "hours": "Give the estimated hours.",
                "limit": "Give the appropriate limit in pounds (600 or 450).",
                "advice": "Give advice on narrowing the request (FOIA s16).",
            }[part]
    try:
        hours, limit = Decimal(str(cost.get("hours"))), Decimal(str(cost.get("limit")))
    except (InvalidOperation, ValueError):
        errors.setdefault("cost_limit.hours", "Hours and limit must be numbers.")
        return
    expected = cost_limit(regime, lookup(ctx or {}, "authority.type"))
    if expected is not None and limit != expected:
        errors["cost_limit.limit"] = (
            f"The appropriate limit for this authority is {money(expected)}, not {money(limit)} "
            "(SI 2004/3244 reg 3; FOISA: SSI 2004/467 reg 5).")
        return
    if expected is None and limit not in lawful_limits(regime):
        errors["cost_limit.limit"] = (
            f"{money(limit)} is not an appropriate limit: it is £600 for central government and "
            "£450 for other authorities (SI 2004/3244 reg 3).")
        return
    rate = HOURLY_RATE[regime]
    if hours * rate <= limit:
        errors["cost_limit.hours"] = (
            f"{hours} hours at {money(rate)} an hour is {money(hours * rate)}, within the "
            f"{money(limit)} limit: the cost limit does not apply."
        )


def _check_extension(ctx: dict, regime: Regime, errors: dict[str, str]) -> None:
    """FOIA s10(3)/s17(2) for qualified exemptions; EIR reg 7(1); UK GDPR Art 12(3)."""
    if regime is Regime.FOIA:
        exemptions = ctx.get("exemptions") or []
        if not exemptions:
            errors["exemptions"] = "Name the exemption whose public interest test needs more time."
        for i, record in enumerate(exemptions):
            try:
                exemption = get_exemption(str(record.get("code", "")), regime)
            except UnknownExemption as exc:
                errors[f"exemptions[{i}].code"] = str(exc)
                continue
            if not exemption.needs_public_interest_test or exemption.regime is not regime:
                errors[f"exemptions[{i}].code"] = (
                    f"{exemption.code} has no public interest test under FOIA, so no "
                    "extension applies (s10(3))."
                )
        estimated = ctx.get("estimated_decision_date")
        if _empty(estimated):
            errors["estimated_decision_date"] = "Give the date the decision is expected (s17(2))."
        elif isinstance(estimated, dt.date) and isinstance(ctx.get("today"), dt.date):
            if estimated <= ctx["today"]:
                errors["estimated_decision_date"] = "The estimated date must be in the future."
    else:
        if _empty(lookup(ctx, "clocks.response_due")):
            errors["clocks.response_due"] = "Give the new due date."
        if _empty(ctx.get("extension_reason")):
            errors["extension_reason"] = "Say why the request needs more time."


def _check_fees(ctx: dict, regime: Regime, errors: dict[str, str]) -> None:
    try:
        amount = Decimal(str(ctx.get("fee_amount")))
    except (InvalidOperation, ValueError):
        errors.setdefault("fee_amount", "The fee must be an amount in pounds.")
        return
    if amount <= 0:
        errors.setdefault("fee_amount", "The fee must be more than £0.")


def _check_review_outcome(ctx: dict, regime: Regime, errors: dict[str, str]) -> None:
    outcome = ctx.get("outcome")
    if outcome and outcome not in set(ReviewOutcome):
        errors["outcome"] = "Choose upheld, partly-upheld or overturned."


def _check_response(ctx: dict, regime: Regime, errors: dict[str, str]) -> None:
    if _empty(ctx.get("disclosed_items")) and _empty(ctx.get("not_held")):
        errors["disclosed_items"] = ("List what is disclosed or not held; to withhold "
                                     "anything, write a refusal notice.")


def _check_complaint(ctx: dict, regime: Regime, errors: dict[str, str]) -> None:
    """The regulator expects the review first (FOIA s50(2)(a), FOISA s47(1)) unless it is late.

    A request never answered is the exception: a failure to respond within the
    time for compliance (FOIA s10(1)) can be complained of at once, without a review.
    """
    _check_chronology(ctx, errors)
    if regime in (Regime.SAR, Regime.FOISA, Regime.EISR):
        return  # letters.preconditions: UK GDPR Art 12(3); FOISA s47(1) (EISR reg 17)
    if _empty(lookup(ctx, "request.responded")):
        due, today = lookup(ctx, "clocks.response_due"), ctx.get("today")
        if isinstance(due, dt.date) and isinstance(today, dt.date) and today > due:
            return
        if isinstance(due, dt.date):
            errors["request.responded"] = (
                f"The authority has until {uk_long_date(due)} to respond; complain after that date, "
                "or give the date of its response."
            )
        else:
            errors["request.responded"] = "Give the date of the authority's response."
        return
    if _empty(lookup(ctx, "request.review_requested")):
        errors["request.review_requested"] = (
            "Ask the authority for an internal review before complaining to the regulator."
        )
    elif _empty(lookup(ctx, "request.review_responded")):
        limit, today = lookup(ctx, "clocks.review_limit"), ctx.get("today")
        if not isinstance(limit, dt.date):
            errors["clocks.review_limit"] = (
                "There is no review outcome: give the last day the authority had for it."
            )
        elif isinstance(today, dt.date) and today <= limit:
            errors["request.review_responded"] = (
                f"The authority has until {uk_long_date(limit)} to give the review outcome; "
                "the regulator will ask you to wait for it."
            )


def _check_chronology(ctx: dict, errors: dict[str, str]) -> None:
    for i, row in enumerate(ctx.get("chronology") or []):
        for part in ("date", "event"):
            if _empty(row.get(part)):
                errors[f"chronology[{i}].{part}"] = f"Each chronology row needs its {part}."


def _check_appeal(ctx: dict, regime: Regime, errors: dict[str, str]) -> None:
    """An appeal is due within 28 days of the decision notice being sent (GRC Rules 2009 r22)."""
    _check_chronology(ctx, errors)
    appeal_by, today = lookup(ctx, "clocks.appeal_by"), ctx.get("today")
    if isinstance(appeal_by, dt.date) and isinstance(today, dt.date) and today > appeal_by:
        if _empty(ctx.get("late_reasons")):
            errors["late_reasons"] = "The appeal is late: say why, and ask for more time."


_CHECKS = {
    K.FOI_REQUEST: _check_request,
    K.EIR_REQUEST: _check_request,
    K.SAR: _check_request,
    K.REFUSAL_NOTICE: _check_refusal,
    K.EXTENSION_NOTICE: _check_extension,
    K.FEES_NOTICE: _check_fees,
    K.INTERNAL_REVIEW_OUTCOME: _check_review_outcome,
    K.RESPONSE: _check_response,
    K.ICO_COMPLAINT: _check_complaint,
    K.TRIBUNAL_APPEAL: _check_appeal,
}
