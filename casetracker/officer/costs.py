"""The cost limit: the appropriate limit, the cost of an estimate, and whether the limit is exceeded.

Pure: plain values in, plain values out. Sources: FOIA 2000 s12 and the Freedom
of Information and Data Protection (Appropriate Limit and Fees) Regulations 2004
(reg 3 the limits, reg 4(3) the chargeable activities, reg 4(4) £25 an hour,
reg 5 aggregation); FOISA s12 and the Fees for Required Disclosure (Scotland)
Regulations 2004 (£600, staff time at no more than £15 an hour); EIR reg 12(4)(b)
(manifestly unreasonable; no statutory limit, so ICO guidance uses the FOIA
figures as a starting point).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Iterable, Mapping

from casetracker.auth.constants import AuthorityType
from casetracker.deadlines.constants import Regime
from casetracker.letters.exemption_checks import cost_limit
from casetracker.officer.constants import (
    AGGREGATION_WORKING_DAYS,
    FOISA_HOURLY_RATE,
    HOURLY_RATE,
    CostActivity,
)

__all__ = ["CostCheck", "appropriate_limit", "check_cost", "hourly_rate", "within_aggregation_window"]



def appropriate_limit(authority_type: AuthorityType | str, regime: Regime | str) -> Decimal:
    """Return the cost limit in pounds: £600 central government, £450 others; FOISA £600 for all.

    Fees Regulations 2004 reg 3(2) (central government, Schedule 1 Part I
    bodies) and reg 3(3) (every other authority); FOISA Fees Regulations reg 5.
    """
    # One rule with the letters' check (``letters.exemption_checks.cost_limit``). EIR reg 12(4)(b)
    # sets no figure; the ICO's guidance takes the FOIA limit as the guide, so every other regime does
    # (the EISR, reg 10(4)(b), take the Scottish figures of FOISA as theirs).
    scottish = Regime(regime) in (Regime.FOISA, Regime.EISR)
    return cost_limit("foisa" if scottish else "foia", AuthorityType(authority_type).value)


def hourly_rate(regime: Regime | str) -> Decimal:
    """Return the hourly rate for staff time: £25 (Fees Regulations 2004 reg 4(4)); FOISA £15."""
    return FOISA_HOURLY_RATE if Regime(regime) in (Regime.FOISA, Regime.EISR) else HOURLY_RATE


@dataclass(frozen=True)
class CostCheck:
    """An estimate priced against the limit."""

    hours: Decimal
    rate: Decimal
    cost: Decimal
    limit: Decimal

    @property
    def exceeds(self) -> bool:
        """Return True when complying would cost more than the limit (s12(1): "would exceed")."""
        return self.cost > self.limit

    @property
    def limit_hours(self) -> Decimal:
        """Return the limit as hours of staff time (24 hours for £600, 18 for £450)."""
        return self.limit / self.rate


def check_cost(hours: Mapping[CostActivity | str, Decimal], *, authority_type: AuthorityType | str,
               regime: Regime | str, aggregated_hours: Decimal = Decimal(0)) -> CostCheck:
    """Price ``hours`` per chargeable activity (plus aggregated requests' hours) against the limit.

    Only the four activities of reg 4(3) count; redaction and deciding on
    exemptions do not. Raises ``ValueError`` for another activity or negative hours.
    """
    total = Decimal(aggregated_hours)
    for activity, value in hours.items():
        CostActivity(activity)
        value = Decimal(value)
        if value < 0:
            raise ValueError("Hours cannot be negative.")
        total += value
    rate = hourly_rate(regime)
    return CostCheck(hours=total, rate=rate, cost=total * rate, limit=appropriate_limit(authority_type, regime))


def within_aggregation_window(received: date, other: date, working_days_between: int) -> bool:
    """Return True when two requests were received within 60 consecutive working days (reg 5(2)(b)).

    ``working_days_between`` is the count of working days from the earlier date to the later.
    """
    return working_days_between < AGGREGATION_WORKING_DAYS


def describe(check: CostCheck, activities: Iterable[tuple[str, Decimal]], aggregated: int) -> str:
    """Return how the estimate was reached, as the refusal notice prints it."""
    parts = [f"{label.lower()}: {hours} hours" for label, hours in activities if hours]
    text = "; ".join(parts) or "no chargeable activity"
    if aggregated:
        text += (f"; with {aggregated} similar request{'s' if aggregated > 1 else ''} from you received "
                 f"within 60 working days, aggregated as the Fees Regulations 2004 reg 5 allow")
    return (f"We estimate {check.hours} hours in all ({text}), which at £{check.rate} an hour is "
            f"£{check.cost:.2f}, more than the appropriate limit of £{check.limit:.0f}.")
