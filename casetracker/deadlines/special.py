"""Response clocks with a special rule: a late extension notice, and maintained schools.

Called by ``responses.response_due``; every function returns a ``ComputedDate``
whose notes say which rule applied and, where the law leaves a choice, what the
alternative date would have been.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Mapping, Sequence

from casetracker.deadlines.calendars import get_calendar
from casetracker.deadlines.computed import ComputedDate, format_day
from casetracker.deadlines.constants import REGIME_CALENDARS, ReceiptConvention, Regime
from casetracker.deadlines.errors import DeadlineError

#: FOIA (Time for Compliance with Request) Regulations 2004 (SI 2004/3364) reg 3: maintained schools.
SCHOOL_RULE = "SI 2004/3364 reg 3"
SCHOOL_DAYS = 20
SCHOOL_LIMIT_WORKING_DAYS = 60
#: The provision that makes an extension notice due within the normal time, per regime.
LATE_EXTENSION_RULES = {
    Regime.FOIA: "FOIA 2000 s17(1)-(2)",
    Regime.EIR: "EIR 2004 reg 7(3)",
    # EISR reg 7(2): notify the extension no later than 20 working days after receipt.
    Regime.EISR: "EISR 2004 reg 7(2)",
}


def special_response_due(
    regime: Regime,
    received: date,
    *,
    extended: bool,
    receipt: ReceiptConvention | str,
    clarified: date | None,
    fees_notice: date | None,
    fee_paid: date | None,
    extra_days: Mapping[date, str] | None,
    extension_notice: date | None,
    school_terms: Sequence[tuple[date, date]] | None,
    is_school: bool,
) -> ComputedDate:
    """Return the response date under a late extension notice or the schools rule.

    An extension notified after the 20th working day extends nothing: the
    notice is itself due within the 20 (FOIA 2000 s17(1)-(2); EIR 2004 reg
    7(3)), so the 20-day date stands and the note records the breach. A
    maintained school (FOIA only): the 20th school day or the 60th working day,
    whichever is first (SI 2004/3364 reg 3); see ``school_due``.
    """
    from casetracker.deadlines.responses import response_due

    common = dict(receipt=receipt, clarified=clarified, fees_notice=fees_notice, fee_paid=fee_paid,
                  extra_days=extra_days)
    normal = response_due(regime, received, **common)
    if is_school and regime is Regime.FOIA and not extended and not normal.paused and fees_notice is None:
        return school_due(normal.start, school_terms, extra_days, normal)
    if not extended or extension_notice is None or normal.paused:
        return response_due(regime, received, extended=extended, **common)
    if extension_notice > normal.date:
        rule = LATE_EXTENSION_RULES.get(regime, normal.rule)
        note = (
            f"the extension notice of {format_day(extension_notice)} came after the response was "
            f"due on {format_day(normal.date)}; it had to be given within the 20 working days "
            f"({rule}), so it extended nothing and the response was late"
        )
        return dataclasses.replace(normal, notes=normal.notes + (note,))
    return response_due(regime, received, extended=True, **common)


def parse_terms(text: str) -> tuple[tuple[date, date], ...]:
    """Return terms from lines "YYYY-MM-DD YYYY-MM-DD" (first and last school day); "#" starts a comment.

    Raises ``DeadlineError`` naming the line of a bad date or a term that ends before it starts.
    """
    terms = []
    for number, line in enumerate(text.splitlines(), start=1):
        words = line.split("#", 1)[0].replace(",", " ").split()
        if not words:
            continue
        try:
            first, last = (date.fromisoformat(w) for w in words)
        except ValueError:
            raise DeadlineError(
                f"Line {number} of the term dates is not two dates (YYYY-MM-DD YYYY-MM-DD): {line.strip()!r}."
            ) from None
        if last < first:
            raise DeadlineError(f"Line {number} of the term dates ends before it starts.")
        terms.append((first, last))
    return tuple(sorted(terms))


def school_due(
    start: date,
    terms: Sequence[tuple[date, date]] | None,
    extra_days: Mapping[date, str] | None,
    normal: ComputedDate,
) -> ComputedDate:
    """Return a maintained school's response date: the 20th school day or the 60th working day, if earlier.

    SI 2004/3364 reg 3 disregards working days that are not school days. ``terms``
    are (first, last) school days; without them every working day is taken as a
    school day, which gives the 20th working day (``normal``), the safe date.
    """
    calendar = get_calendar(REGIME_CALENDARS[Regime.FOIA], extra_days)
    if not terms:
        note = (
            "a maintained school: no term dates are set, so every working day is counted as a school "
            f"day, the safe date; with term dates it could be up to the {SCHOOL_LIMIT_WORKING_DAYS}th "
            f"working day, {format_day(calendar.add_working_days(start, SCHOOL_LIMIT_WORKING_DAYS).date)} "
            f"({SCHOOL_RULE})"
        )
        return dataclasses.replace(normal, notes=normal.notes + (note,))
    limit = calendar.add_working_days(start, SCHOOL_LIMIT_WORKING_DAYS).date
    counted, day = 0, start
    while counted < SCHOOL_DAYS and day < limit:
        day = calendar.next_working_day(day)
        if any(first <= day <= last for first, last in terms):
            counted += 1
    if counted >= SCHOOL_DAYS and day <= limit:
        due, period, how = day, "20 school days", f"the 20th school day comes before the 60th working day, {format_day(limit)}"
    else:
        due, period, how = limit, "60 working days", "the 60th working day comes before the 20th school day"
    note = f"a maintained school: {how} ({SCHOOL_RULE})"
    return ComputedDate(due, SCHOOL_RULE, start, calendar.skipped_between(start, due), period,
                        normal.notes + (note,))
