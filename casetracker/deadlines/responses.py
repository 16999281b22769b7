"""The response clocks: 20 working days (FOIA, EIR, FOISA) or one calendar month (SAR).

Dates are ``datetime.date``, UK local. Every function returns a ``ComputedDate``
that names its legal source and lists the days it skipped.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Mapping

from dateutil.relativedelta import relativedelta

from casetracker.deadlines.calendars import WorkingDayCalendar, get_calendar
from casetracker.deadlines.computed import ComputedDate, format_day
from casetracker.deadlines.constants import REGIME_CALENDARS, CalendarName, ReceiptConvention, Regime
from casetracker.deadlines.errors import DeadlineError

#: Working days allowed and the provision, per (regime, extended).
RESPONSE_RULES: dict[tuple[Regime, bool], tuple[int, str]] = {
    (Regime.FOIA, False): (20, "FOIA 2000 s10(1)"),
    # s10(3) allows a "reasonable" extension; the ICO expects 20 further working days at most.
    (Regime.FOIA, True): (40, "FOIA 2000 s10(3)"),
    (Regime.EIR, False): (20, "EIR 2004 reg 5(2)"),
    (Regime.EIR, True): (40, "EIR 2004 reg 7(1)"),
    (Regime.FOISA, False): (20, "FOISA 2002 s10(1)"),
}
CLARIFICATION_RULES = {
    Regime.FOIA: "FOIA 2000 s1(3), s10(6)(b)",
    Regime.EIR: "EIR 2004 reg 9(4)",
    Regime.FOISA: "FOISA 2002 s1(3), s10(1)(b)",
    Regime.SAR: "ICO guidance on the time limit",
}
FEES_PAUSE_RULES = {
    Regime.FOIA: "FOIA 2000 s10(2)",
    Regime.EIR: "EIR 2004 reg 8; ICO guidance on charging",
    Regime.FOISA: "FOISA 2002 s10(2)",
}
SAR_RULE = "UK GDPR Art 12(3)"


def parse_regime(regime: Regime | str) -> Regime:
    """Return ``regime`` as a ``Regime``; raise ``DeadlineError`` for an unknown one."""
    if isinstance(regime, Regime):
        return regime
    try:
        return Regime(regime)
    except ValueError:
        choices = ", ".join(r.value for r in Regime)
        raise DeadlineError(f"Unknown regime {regime!r}; choose one of {choices}.") from None


def parse_receipt(receipt: ReceiptConvention | str) -> ReceiptConvention:
    """Return ``receipt`` as a ``ReceiptConvention``; raise ``DeadlineError`` for an unknown one."""
    if isinstance(receipt, ReceiptConvention):
        return receipt
    try:
        return ReceiptConvention(receipt)
    except ValueError:
        choices = ", ".join(r.value for r in ReceiptConvention)
        raise DeadlineError(f"Unknown receipt convention {receipt!r}; choose one of {choices}.") from None


def calendar_for(regime: Regime | str) -> CalendarName:
    """Return the calendar a regime counts working days on (Scotland for FOISA, s73)."""
    return REGIME_CALENDARS[parse_regime(regime)]


def check_clock_events(
    received: date, clarified: date | None, fees_notice: date | None, fee_paid: date | None
) -> None:
    """Raise ``DeadlineError`` unless the events that move a clock come in a possible order."""
    if clarified is not None and clarified < received:
        raise DeadlineError(
            f"The clarification ({format_day(clarified)}) cannot arrive before the request "
            f"was received ({format_day(received)})."
        )
    if fee_paid is not None and fees_notice is None:
        raise DeadlineError("A fee can only be paid after a fees notice: give the date of the fees notice too.")
    if fees_notice is not None and fees_notice < received:
        raise DeadlineError(
            f"The fees notice ({format_day(fees_notice)}) cannot come before the request "
            f"was received ({format_day(received)})."
        )
    if fee_paid is not None and fees_notice is not None and fee_paid < fees_notice:
        raise DeadlineError(
            f"The fee was paid on {format_day(fee_paid)}, before the fees notice of {format_day(fees_notice)}."
        )


def _move_receipt(calendar: WorkingDayCalendar, start: date, receipt: ReceiptConvention, notes: list[str]) -> date:
    """Return day 0 under ``receipt``: the next working day if the authority counts that way."""
    if receipt is ReceiptConvention.NEXT_WORKING_DAY and not calendar.is_working_day(start):
        moved = calendar.next_working_day(start)
        notes.append(
            f"{format_day(start)} is not a working day ({calendar.why_not_working(start)}), "
            f"so {format_day(moved)} counts as the date of receipt"
        )
        return moved
    return start


def response_due(
    regime: Regime | str,
    received: date,
    *,
    extended: bool = False,
    receipt: ReceiptConvention | str = ReceiptConvention.ARRIVAL,
    clarified: date | None = None,
    fees_notice: date | None = None,
    fee_paid: date | None = None,
    extra_days: Mapping[date, str] | None = None,
) -> ComputedDate:
    """Return the day the response to a request is due.

    Day 0 is the date of receipt and day 1 the next working day; the response
    is due by the end of the 20th working day (FOIA 2000 s10(1), EIR 2004
    reg 5(2), FOISA 2002 s10(1) on the Scottish calendar). ``extended``: 40
    working days (FOIA s10(3) public interest test, as the ICO expects; EIR
    reg 7(1)); FOISA has no extension. ``clarified``: the clock starts again
    from that day (s1(3)). ``fees_notice``/``fee_paid``: the working days from
    the notice to the payment, both included, do not count (s10(2)); while
    unpaid the result is ``paused`` and dated the day the notice lapses. SAR
    delegates to ``sar_due``. Raises ``DeadlineError`` for an unknown regime,
    events out of order, or a FOISA extension.
    """
    regime = parse_regime(regime)
    if receipt is ReceiptConvention.ARRIVAL and clarified is None and fees_notice is None and fee_paid is None:
        # The common case, kept lean: the deadline list computes thousands of these.
        plain = RESPONSE_RULES.get((regime, extended))
        if plain is not None:
            days, rule = plain
            return get_calendar(REGIME_CALENDARS[regime], extra_days).add_working_days(received, days, rule=rule)
    receipt = parse_receipt(receipt)
    check_clock_events(received, clarified, fees_notice, fee_paid)
    if regime is Regime.SAR:
        return sar_due(
            received, extended=extended, receipt=receipt, clarified=clarified,
            fees_notice=fees_notice, fee_paid=fee_paid, extra_days=extra_days,
        )
    if (regime, extended) not in RESPONSE_RULES:
        raise DeadlineError(
            "FOISA has no extension for the public interest test: the response is due "
            "within 20 working days (FOISA 2002 s10(1))."
        )
    days, rule = RESPONSE_RULES[(regime, extended)]
    calendar = get_calendar(REGIME_CALENDARS[regime], extra_days)
    notes: list[str] = []
    start = received
    if clarified is not None:
        notes.append(
            f"request received {format_day(received)} and clarified {format_day(clarified)}, "
            f"so the clock started again ({CLARIFICATION_RULES[regime]})"
        )
        start = clarified
    start = _move_receipt(calendar, start, receipt, notes)
    if fees_notice is not None and fee_paid is None:
        return _unpaid_fee(regime, calendar, start, days, fees_notice, notes, extra_days)
    if fee_paid is None:
        due = calendar.add_working_days(start, days).date
    else:
        due = _count_with_fee_pause(regime, calendar, start, days, fees_notice, fee_paid, notes)
    return ComputedDate(due, rule, start, calendar.skipped_between(start, due), f"{days} working days", tuple(notes))


def _count_with_fee_pause(
    regime: Regime,
    calendar: WorkingDayCalendar,
    start: date,
    days: int,
    fees_notice: date,
    fee_paid: date,
    notes: list[str],
) -> date:
    """Return the ``days``th working day after ``start``, not counting the fees notice to the payment."""
    before_notice = calendar.working_days_after(start, fees_notice - timedelta(days=1)) if fees_notice > start else 0
    if fee_paid <= start or before_notice >= days:
        notes.append(f"the fees notice of {format_day(fees_notice)} did not fall within the count, so it paused nothing")
        return calendar.add_working_days(start, days).date
    paused = calendar.working_days_after(max(start, fees_notice - timedelta(days=1)), fee_paid)
    notes.append(
        f"the {paused} working day{'s' if paused != 1 else ''} from the fees notice on {format_day(fees_notice)} "
        f"to the fee received on {format_day(fee_paid)}, both included, did not count ({FEES_PAUSE_RULES[regime]})"
    )
    return calendar.add_working_days(max(start, fee_paid), days - before_notice).date


def _unpaid_fee(
    regime: Regime,
    calendar: WorkingDayCalendar,
    start: date,
    days: int,
    fees_notice: date,
    notes: list[str],
    extra_days: Mapping[date, str] | None,
) -> ComputedDate:
    """Return the paused clock of an unpaid fees notice, dated the day the notice lapses."""
    used = calendar.working_days_after(start, fees_notice - timedelta(days=1)) if fees_notice > start else 0
    lapses = _fee_lapse(fees_notice, regime, extra_days)
    notes.append(
        f"the fees notice stopped the clock after {min(used, days)} of {days} working days; no response "
        f"is due until the fee is paid ({FEES_PAUSE_RULES[regime]}), and unpaid the notice lapses "
        f"on {format_day(lapses.date)}"
    )
    return ComputedDate(lapses.date, lapses.rule, fees_notice, (), lapses.period, tuple(notes), paused=True)


def fees_notice_lapses(
    notice_given: date, regime: Regime | str = Regime.FOIA, *, extra_days: Mapping[date, str] | None = None
) -> date:
    """Return the day an unpaid fees notice lapses: the fee must arrive before this date.

    FOIA 2000 s9(2) and FOISA 2002 s9(4): three months beginning with the day
    the notice is given, so it lapses on the same date three months on (the
    month's last day if that month is shorter). EIR 2004 reg 8(5): the charge
    must be paid within 60 working days of the notification, so it lapses the
    day after the 60th. A SAR fee never lapses (``DeadlineError``).
    """
    return _fee_lapse(notice_given, parse_regime(regime), extra_days).date


def _fee_lapse(notice_given: date, regime: Regime, extra_days: Mapping[date, str] | None) -> ComputedDate:
    if regime is Regime.SAR:
        raise DeadlineError("A SAR fee has no lapse date: the month starts when the fee arrives.")
    if regime is Regime.EIR:
        last = get_calendar(CalendarName.UK, extra_days).add_working_days(notice_given, 60)
        return ComputedDate(
            last.date + timedelta(days=1), "EIR 2004 reg 8(5)", notice_given, last.skipped,
            "60 working days and a day",
        )
    rule = "FOIA 2000 s9(2)" if regime is Regime.FOIA else "FOISA 2002 s9(4)"
    return ComputedDate(notice_given + relativedelta(months=3), rule, notice_given, (), "three months")


def sar_due(
    received: date,
    *,
    extended: bool = False,
    receipt: ReceiptConvention | str = ReceiptConvention.ARRIVAL,
    clarified: date | None = None,
    fees_notice: date | None = None,
    fee_paid: date | None = None,
    extra_days: Mapping[date, str] | None = None,
) -> ComputedDate:
    """Return the day the response to a subject access request is due.

    UK GDPR Art 12(3): one calendar month counted from the day of receipt
    (received 3 Sep, due 3 Oct); if that month has no such date, its last day;
    a non-working day moves to the next working day (ICO guidance).
    ``extended``: two further months. The month starts again when a requested
    clarification or fee arrives (ICO guidance); with a fee asked for but not
    paid the result is ``paused`` and dated the fees notice. Raises
    ``DeadlineError`` for events out of order.
    """
    receipt = parse_receipt(receipt)
    check_clock_events(received, clarified, fees_notice, fee_paid)
    calendar = get_calendar(CalendarName.UK, extra_days)
    notes: list[str] = []
    start = received
    if clarified is not None:
        notes.append(f"request received {format_day(received)}; the month started again on clarification "
                     f"({CLARIFICATION_RULES[Regime.SAR]})")
        start = clarified
    if fees_notice is not None and fee_paid is None:
        notes.append("a fee was asked for: no response is due until it is paid (UK GDPR Art 12(5))")
        return ComputedDate(fees_notice, SAR_RULE, fees_notice, (), "", tuple(notes), paused=True)
    if fee_paid is not None and fee_paid > start:
        notes.append(f"the month started when the fee arrived on {format_day(fee_paid)} (UK GDPR Art 12(5))")
        start = fee_paid
    start = _move_receipt(calendar, start, receipt, notes)
    months = 3 if extended else 1
    nominal = start + relativedelta(months=months)
    if nominal.day != start.day:
        notes.append(f"{nominal:%B %Y} has no day {start.day}, so the month ends on its last day")
    due = calendar.on_or_next_working_day(nominal)
    if due != nominal:
        notes.append(f"the last day, {format_day(nominal)}, is not a working day, so the next working day counts")
    period = "three calendar months (extended by two months)" if extended else "one calendar month"
    return ComputedDate(
        due, SAR_RULE, start, calendar.skipped_between(nominal - timedelta(days=1), due), period, tuple(notes)
    )
