"""Check assertions about the order of events, and derive a claim's status from them.

An assertion reads "first REL second", e.g. "DPIA version 1 dated ON_OR_BEFORE
daily attendance data collection began". Dates may be known only to the month
or year (``FuzzyDate``): a verdict is given only when every day the vague dates
could stand for leads to the same answer; otherwise it is UNKNOWN. No day is
ever invented, so a gap in days is reported only when both dates are exact.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from .constants import ABOUT_TOLERANCE_DAYS, AssertionEffect, ClaimStatus, DatePrecision, Relation, Stance, Verdict
from .fuzzy_dates import FuzzyDate

__all__ = ["AssertionResult", "InvalidAssertion", "assertion_stance", "claim_status", "evaluate", "relation_phrase"]

#: ``working_days(start, end)``: working days after ``start`` up to and including
#: ``end`` (0 when equal), called with ``start <= end``; 20 for 14 Jan -> 11 Feb 2022.
#: In the app: ``casetracker.deadlines.calendars.get_calendar("uk").working_days_after``.
WorkingDayCounter = Callable[[date, date], int]

_WITHIN = (Relation.WITHIN_WORKING_DAYS, Relation.WITHIN_CALENDAR_DAYS)
#: Relations that need an N.
NEEDS_N = (*_WITHIN, Relation.ABOUT_DAYS_AFTER, Relation.AT_LEAST_DAYS_BEFORE)

# The calendar-day gaps (first minus second) for which each relation holds, as
# closed ranges; None is an open end. The working-day relation is checked apart.
_HOLDING_GAPS: dict[Relation, tuple[int | None, int | None]] = {
    Relation.BEFORE: (None, -1),
    Relation.ON_OR_BEFORE: (None, 0),
    Relation.AFTER: (1, None),
    Relation.SAME_DAY: (0, 0),
}


class InvalidAssertion(ValueError):
    """An assertion that cannot be checked as set up (no N, no working-day calendar)."""


@dataclass(frozen=True)
class AssertionResult:
    """The verdict on one assertion, with the gap and a sentence fit to print.

    ``gap_days`` is signed, first event minus second event: in calendar days,
    or in working days for WITHIN_WORKING_DAYS; positive when the first event
    came later. It is None unless both dates are known to the day.
    """

    verdict: Verdict
    gap_days: int | None
    explanation: str


def relation_phrase(relation: Relation, n: int | None = None) -> str:
    """Word a relation for a sentence: "on or before", "within 5 working days after"."""
    relation = Relation(relation)
    if relation in _WITHIN:
        unit = "working day" if relation is Relation.WITHIN_WORKING_DAYS else "calendar day"
        return f"within {_count(n or 0, unit)} after"
    if relation is Relation.SAME_DAY:
        return "on the same day as"
    if relation is Relation.ABOUT_DAYS_AFTER:
        return f"about {_count(n or 0, 'day')} (give or take {ABOUT_TOLERANCE_DAYS}) after"
    if relation is Relation.AT_LEAST_DAYS_BEFORE:
        return f"at least {_count(n or 0, 'day')} before"
    return relation.value.replace("-", " ")


def evaluate(
    relation: Relation,
    first: FuzzyDate | None,
    second: FuzzyDate | None,
    *,
    n: int | None = None,
    working_days: WorkingDayCounter | None = None,
    first_label: str = "first event",
    second_label: str = "second event",
) -> AssertionResult:
    """Decide whether "first REL second" holds, is contradicted, or is unknown.

    WITHIN_* relations mean the first event falls on or after the second and
    no more than ``n`` days after it, the way FOIA s10(1) counts a response
    "not later than the twentieth working day following the date of receipt".
    Working days come from the injected ``working_days`` counter (the deadline
    engine's UK calendar, FOIA s10(6)); ``n`` is ignored by other relations.
    A missing date gives UNKNOWN. Raises ``InvalidAssertion`` if a WITHIN_*
    relation has no ``n`` (or a negative one), or WITHIN_WORKING_DAYS has no
    counter.
    """
    try:
        relation = Relation(relation)
    except ValueError:
        raise InvalidAssertion(f'"{relation}" is not a relation we can check.') from None
    if relation in NEEDS_N and (n is None or n < 0):
        raise InvalidAssertion(
            f'Say how many days "{relation.value}" allows: a whole number, 0 or more.'
        )
    if relation is Relation.WITHIN_WORKING_DAYS and working_days is None:
        raise InvalidAssertion("A within-working-days assertion needs a working-day calendar.")
    phrase = relation_phrase(relation, n)

    if first is None or second is None:
        dated = ((first_label, first), (second_label, second))
        missing = [label for label, when in dated if when is None]
        if len(missing) == 1:
            why = f"{missing[0]} has no date yet"
        else:
            why = f"{missing[0]} and {missing[1]} have no dates yet"
        text = f"Whether {first_label} is {phrase} {second_label} is unknown: {why}."
        return AssertionResult(Verdict.UNKNOWN, None, text)

    verdict = _verdict(relation, first, second, n, working_days)
    first_text = f"{first_label} ({first})"
    second_text = f"{second_label} ({second})"

    exact = first.precision is DatePrecision.DAY and second.precision is DatePrecision.DAY
    if not exact:
        if verdict is Verdict.HOLDS:
            text = f"{first_text} is {phrase} {second_text}, whatever the exact day."
        elif verdict is Verdict.CONTRADICTED:
            text = f"{first_text} is not {phrase} {second_text}, whatever the exact day."
        else:
            text = (
                f"Whether {first_text} is {phrase} {second_text} depends on the exact day,"
                " which is not known."
            )
        return AssertionResult(verdict, None, text)

    gap = _exact_gap(relation, first.earliest(), second.earliest(), working_days)
    if first == second:
        position = "on the same day as"
    else:
        unit = "working day" if relation is Relation.WITHIN_WORKING_DAYS else "day"
        # By the calendar, since a weekend after a Friday is 0 working days after it.
        direction = "after" if first.earliest() > second.earliest() else "before"
        position = f"{_count(abs(gap), unit)} {direction}"
    if verdict is not Verdict.HOLDS:
        outcome = f"not {phrase} it"
    elif position == phrase:
        outcome = "as asserted"
    else:
        outcome = f"so it is {phrase} it"
    return AssertionResult(verdict, gap, f"{first_text} is {position} {second_text}, {outcome}.")


def assertion_stance(verdict: Verdict | str, effect: AssertionEffect | str = AssertionEffect.CONTEXT) -> Stance | None:
    """Return how an assertion's verdict bears on its claim, as an evidence stance would.

    ``context``: contradicted -> contradicts. ``supports``: holds -> supports,
    contradicted -> contradicts. ``contradicts``: holds -> contradicts. Otherwise None.
    """
    verdict, effect = Verdict(verdict), AssertionEffect(effect)
    if verdict is Verdict.UNKNOWN:
        return None
    if effect is AssertionEffect.CONTRADICTS:
        return Stance.CONTRADICTS if verdict is Verdict.HOLDS else None
    if verdict is Verdict.CONTRADICTED:
        return Stance.CONTRADICTS
    return Stance.SUPPORTS if effect is AssertionEffect.SUPPORTS else None


def claim_status(stances: Iterable[Stance], assertion_verdicts: Iterable[Verdict | tuple]) -> ClaimStatus:
    """Derive a claim's status from its evidence stances and its assertions' verdicts.

    The rule, in order:
    1. an assertion is contradicted: CONTRADICTED, or DISPUTED if some evidence
       supports the claim (the documents then disagree with each other);
    2. evidence both supports and contradicts it: DISPUTED;
    3. only supporting evidence: SUPPORTED; only contradicting evidence: CONTRADICTED;
    4. nothing else: UNVERIFIED.
    Context passages and assertions that hold or are unknown do not move the
    status: dates in the right order show a claim is consistent, not that it is true.
    Strings are accepted for stored values ("supports", "contradicted"). An item
    of ``assertion_verdicts`` may be a (verdict, effect) pair: then it counts as
    the stance ``assertion_stance`` gives it, so an assertion that holds can
    support or contradict the claim.
    """
    stance_set = {Stance(stance) for stance in stances}
    plain: list[Verdict] = []
    for item in assertion_verdicts:
        if isinstance(item, tuple):
            stance = assertion_stance(*item)
            if stance is not None:
                stance_set.add(stance)
        else:
            plain.append(Verdict(item))
    supported = Stance.SUPPORTS in stance_set
    contradicted_by_evidence = Stance.CONTRADICTS in stance_set
    if any(verdict is Verdict.CONTRADICTED for verdict in plain):
        return ClaimStatus.DISPUTED if supported else ClaimStatus.CONTRADICTED
    if supported and contradicted_by_evidence:
        return ClaimStatus.DISPUTED
    if supported:
        return ClaimStatus.SUPPORTED
    if contradicted_by_evidence:
        return ClaimStatus.CONTRADICTED
    return ClaimStatus.UNVERIFIED


def _verdict(
    relation: Relation,
    first: FuzzyDate,
    second: FuzzyDate,
    n: int | None,
    working_days: WorkingDayCounter | None,
) -> Verdict:
    """Return HOLDS/CONTRADICTED only if every reading of the vague dates agrees."""
    # Every whole number of days between these two gaps is possible.
    least = (first.earliest() - second.latest()).days
    most = (first.latest() - second.earliest()).days
    if relation is Relation.WITHIN_WORKING_DAYS:
        assert working_days is not None and n is not None
        if least >= 0 and working_days(second.earliest(), first.latest()) <= n:
            return Verdict.HOLDS
        if most < 0 or (least >= 0 and working_days(second.latest(), first.earliest()) > n):
            return Verdict.CONTRADICTED
        return Verdict.UNKNOWN
    low, high = _gaps(relation, n)
    inside_low = low is None or least >= low
    inside_high = high is None or most <= high
    if inside_low and inside_high:
        return Verdict.HOLDS
    if (high is not None and least > high) or (low is not None and most < low):
        return Verdict.CONTRADICTED
    return Verdict.UNKNOWN


def _gaps(relation: Relation, n: int | None) -> tuple[int | None, int | None]:
    """Return the closed range of calendar-day gaps (first minus second) for which ``relation`` holds."""
    if relation is Relation.WITHIN_CALENDAR_DAYS:
        return 0, n
    if relation is Relation.ABOUT_DAYS_AFTER:
        assert n is not None
        return n - ABOUT_TOLERANCE_DAYS, n + ABOUT_TOLERANCE_DAYS
    if relation is Relation.AT_LEAST_DAYS_BEFORE:
        assert n is not None
        return None, -n
    return _HOLDING_GAPS[relation]


def _exact_gap(
    relation: Relation, first: date, second: date, working_days: WorkingDayCounter | None
) -> int:
    """Return first minus second, in working days for the working-day relation."""
    if relation is not Relation.WITHIN_WORKING_DAYS:
        return (first - second).days
    assert working_days is not None
    return working_days(second, first) if first >= second else -working_days(first, second)


def _count(number: int, unit: str) -> str:
    return f"{number} {unit}" if number == 1 else f"{number} {unit}s"
