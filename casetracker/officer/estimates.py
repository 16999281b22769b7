"""The cost limit workbench: estimate a request's chargeable hours, aggregate similar ones, refuse under s12.

Every function adds to the caller's transaction, flushes and writes one audit
event; none commits. The rules are in ``officer.costs`` (pure).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Mapping

from sqlalchemy import func

from casetracker.audit.services import record_event
from casetracker.auth.constants import AuthorityType
from casetracker.auth.models import User
from casetracker.deadlines.calendars import get_calendar
from casetracker.deadlines.clocks import calendar_for
from casetracker.deadlines.constants import Regime
from casetracker.extensions import db
from casetracker.info_requests.models import InfoRequest
from casetracker.officer.constants import AGGREGATION_WORKING_DAYS, CostActivity
from casetracker.officer.costs import CostCheck, check_cost, describe
from casetracker.officer.models import CostEstimate
from casetracker.officer.services import CaseHandlingError

__all__ = ["cost_check_for", "estimate_for", "record_estimate", "refuse_under_cost_limit", "similar_requests"]

_HOUR_COLUMNS = {a: f"{a.value}_hours" for a in CostActivity}


def estimate_for(request_id: int) -> CostEstimate | None:
    return db.session.scalar(db.select(CostEstimate).where(CostEstimate.request_id == request_id))


def similar_requests(info_request: InfoRequest) -> list[InfoRequest]:
    """Return the team's other requests from the same requester received within 60 working days.

    Fees Regulations 2004 reg 5(1)-(2): requests by one person for the same or
    similar information, received within any 60 consecutive working days, may
    be aggregated. The requester is matched by email, else by name; the officer
    decides which of these are "similar" and ticks them.
    """
    r = info_request
    if r.requester_email.strip():
        same = func.lower(InfoRequest.requester_email) == r.requester_email.strip().lower()
    elif r.requester_name.strip():
        same = func.lower(InfoRequest.requester_name) == r.requester_name.strip().lower()
    else:
        return []
    candidates = db.session.scalars(
        db.select(InfoRequest).where(InfoRequest.team_id == r.team_id, InfoRequest.id != r.id, same)
        .order_by(InfoRequest.received_on, InfoRequest.id))
    calendar = get_calendar(calendar_for(r.regime))
    found = []
    for other in candidates:
        first, last = sorted((r.received_on, other.received_on))
        if calendar.working_days_after(first, last) < AGGREGATION_WORKING_DAYS:
            found.append(other)
    return found


def _limit_inputs(info_request: InfoRequest) -> tuple[AuthorityType, Regime]:
    team = info_request.team
    if not team.is_authority or not team.authority_type:
        raise CaseHandlingError("Only an FOI office's team estimates the cost of compliance.", "determining")
    return AuthorityType(team.authority_type), Regime(info_request.regime)


def cost_check_for(estimate: CostEstimate, info_request: InfoRequest) -> CostCheck:
    """Price a stored estimate against the request's limit (from the team's authority type)."""
    authority_type, regime = _limit_inputs(info_request)
    return check_cost({a: getattr(estimate, col) for a, col in _HOUR_COLUMNS.items()},
                      authority_type=authority_type, regime=regime, aggregated_hours=estimate.aggregated_hours)


def _hours(value: object, field: str) -> Decimal:
    try:
        hours = Decimal(str(value if value not in (None, "") else 0))
    except InvalidOperation:
        raise CaseHandlingError("Give the hours as a number, e.g. 7.5.", field) from None
    if hours < 0 or hours > 10000:
        raise CaseHandlingError("Give hours between 0 and 10000.", field)
    return hours.quantize(Decimal("0.01"))


def record_estimate(
    info_request: InfoRequest, *, actor: User | None, hours: Mapping[str, object],
    aggregate_ids: list[int] = (), advice: str = "",
) -> tuple[CostEstimate, CostCheck]:
    """Store the hours per chargeable activity and the similar requests aggregated with this one.

    The aggregated requests' own estimates are added (reg 5); each must be one
    of ``similar_requests`` and already estimated. Raises ``CaseHandlingError``.
    """
    if Regime(info_request.regime) is Regime.SAR:
        raise CaseHandlingError("A subject access request has no cost limit.", "determining")
    _limit_inputs(info_request)
    values = {a: _hours(hours.get(a.value), a.value) for a in CostActivity}
    allowed = {r.id: r for r in similar_requests(info_request)}
    aggregated = Decimal(0)
    for other_id in dict.fromkeys(aggregate_ids):
        other = allowed.get(other_id)
        if other is None:
            raise CaseHandlingError("Only requests from the same requester received within 60 working days "
                                    "can be aggregated.", "aggregate")
        other_estimate = estimate_for(other.id)
        if other_estimate is None:
            raise CaseHandlingError(f"Estimate {other.reference} first: its hours are added to this one.",
                                    "aggregate")
        aggregated += other_estimate.own_hours
    estimate = estimate_for(info_request.id)
    before = None
    if estimate is None:
        estimate = CostEstimate(request_id=info_request.id, team_id=info_request.team_id)
        db.session.add(estimate)
    else:
        before = {col: str(getattr(estimate, col)) for col in _HOUR_COLUMNS.values()}
    for activity, col in _HOUR_COLUMNS.items():
        setattr(estimate, col, values[activity])
    estimate.aggregated_ids = ",".join(str(i) for i in dict.fromkeys(aggregate_ids))
    estimate.aggregated_hours = aggregated
    estimate.advice = (advice or "").strip()
    estimate.relied_on = False
    estimate.estimated_by_id = getattr(actor, "id", None)
    db.session.flush()
    check = cost_check_for(estimate, info_request)
    record_event(actor=actor, action="request.cost_estimated", obj=estimate,
                 summary=f"Cost estimate for {info_request.reference}: {check.hours} hours, £{check.cost:.2f} "
                         f"against a £{check.limit:.0f} limit",
                 request_id=info_request.id, team_id=info_request.team_id, before=before,
                 after={**{col: str(values[a]) for a, col in _HOUR_COLUMNS.items()},
                        "aggregated_ids": estimate.aggregated_ids, "cost": str(check.cost),
                        "limit": str(check.limit)})
    return estimate, check


def refuse_under_cost_limit(info_request: InfoRequest, *, actor: User | None) -> CostEstimate:
    """Rely on the estimate for a s12 refusal; refuse when it does not exceed the limit.

    FOIA s12(1) and FOISA s12(1) apply only where the cost "would exceed" the
    appropriate limit; s16 needs advice on narrowing the request.
    """
    estimate = estimate_for(info_request.id)
    if estimate is None:
        raise CaseHandlingError("Estimate the hours first.", "determining")
    if Regime(info_request.regime) in (Regime.EIR, Regime.EISR):
        regs, reg = ("EISR", "reg 10(4)(b)") if Regime(info_request.regime) is Regime.EISR else ("EIR", "reg 12(4)(b)")
        raise CaseHandlingError(f"The {regs} have no cost limit: refuse under {reg} (manifestly "
                                "unreasonable) instead.", "determining")
    check = cost_check_for(estimate, info_request)
    if not check.exceeds:
        raise CaseHandlingError(
            f"The estimate is £{check.cost:.2f} ({check.hours} hours at £{check.rate} an hour), within the "
            f"£{check.limit:.0f} limit: section 12 cannot be cited.", "determining")
    if not estimate.advice:
        raise CaseHandlingError("Give advice on narrowing the request (FOIA s16) before refusing.", "advice")
    estimate.relied_on = True
    db.session.flush()
    record_event(actor=actor, action="request.cost_limit_relied_on", obj=estimate,
                 summary=f"Section 12 relied on for {info_request.reference}: £{check.cost:.2f} exceeds "
                         f"£{check.limit:.0f}", request_id=info_request.id, team_id=info_request.team_id)
    return estimate


def cost_limit_fields(info_request: InfoRequest) -> dict | None:
    """Return the refusal notice's ``cost_limit`` group from a relied-on estimate, or None."""
    estimate = estimate_for(info_request.id)
    if estimate is None or not estimate.relied_on:
        return None
    check = cost_check_for(estimate, info_request)
    activities = [(a.label, getattr(estimate, col)) for a, col in _HOUR_COLUMNS.items()]
    return {"hours": check.hours, "limit": check.limit,
            "estimate": describe(check, activities, len(estimate.aggregated_request_ids)),
            "advice": estimate.advice}
