"""The response clocks: 20 working days (FOIA, EIR, FOISA) or one calendar month (SAR).

Dates are ``datetime.date``, UK local. Every function returns a ``ComputedDate``
that names its legal source and lists the days it skipped.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Mapping, Sequence

from dateutil.relativedelta import relativedelta

from casetracker.deadlines.calendars import WorkingDayCalendar, get_calendar
from casetracker.deadlines.computed import ComputedDate, format_day
from casetracker.deadlines.constants import NATION_CALENDARS, REGIME_CALENDARS, CalendarName, ReceiptConvention, Regime
from casetracker.deadlines.errors import DeadlineError
from casetracker.deadlines.nations import SAR_PAUSE_FROM, sar_calendar, sar_next_working

#: Working days allowed and the provision, per (regime, extended).
RESPONSE_RULES: dict[tuple[Regime, bool], tuple[int, str]] = {
    (Regime.FOIA, False): (20, "FOIA 2000 s10(1)"),
    # s10(3) allows a "reasonable" extension; the ICO expects 20 further working days at most.
    (Regime.FOIA, True): (40, "FOIA 2000 s10(3)"),
    (Regime.EIR, False): (20, "EIR 2004 reg 5(2)"),
    (Regime.EIR, True): (40, "EIR 2004 reg 7(1)"),
    (Regime.FOISA, False): (20, "FOISA 2002 s10(1)"),
    (Regime.EISR, False): (20, "EISR 2004 reg 5(2)(a)"),
    # Reg 7(1): up to 20 further working days where volume and complexity make 20 impracticable.
    (Regime.EISR, True): (40, "EISR 2004 reg 7(1)"),
}
CLARIFICATION_RULES = {
    Regime.FOIA: "FOIA 2000 s1(3), s10(6)(b)",
    Regime.EIR: "EIR 2004 reg 9(4)",
    Regime.FOISA: "FOISA 2002 s1(3), s10(1)(b)",
    Regime.SAR: "ICO guidance on the time limit",
    Regime.EISR: "EISR 2004 reg 9(4)",
}
FEES_PAUSE_RULES = {
    Regime.FOIA: "FOIA 2000 s10(2)",
    Regime.EIR: "EIR 2004 reg 8; ICO guidance on charging",
    Regime.FOISA: "FOISA 2002 s10(2)",
    Regime.EISR: "EISR 2004 reg 8; SIC guidance on charging",
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
    clarification_requested: date | None = None,
    extension_notice: date | None = None,
    nation: str | None = None,
    school_terms: Sequence[tuple[date, date]] | None = None,
    is_school: bool = False,
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

    ``clarification_requested``: while no clarification has arrived since that
    day, no response is due (FOIA s1(3), EIR reg 9(4), FOISA s1(3)): the result
    is ``paused`` (``pause_reason`` "clarification") and dated that day.
    ``extension_notice``: the day the extension was notified; a notice after the
    20th working day cannot extend the time (FOIA s17(1)-(2), EIR reg 7(3)), so
    the 20-day date stands and the note says the notice was late. ``is_school``
    with ``school_terms`` (first and last day of each term): FOIA (Time for
    Compliance with Request) Regulations 2004 (SI 2004/3364) reg 3, the 20th
    school day or the 60th working day, whichever comes first; without term
    dates every working day is taken as a school day (20 working days, the safe
    date). ``nation``: the controller's nation, for a SAR (see ``sar_due``).
    """
    regime = parse_regime(regime)
    if clarification_requested is not None and (clarified is None or clarified < clarification_requested):
        return _awaiting_clarification(regime, received, clarification_requested)
    if regime is not Regime.SAR and (extension_notice is not None or is_school):
        from casetracker.deadlines.special import special_response_due

        return special_response_due(
            regime, received, extended=extended, receipt=receipt, clarified=clarified,
            fees_notice=fees_notice, fee_paid=fee_paid, extra_days=extra_days,
            extension_notice=extension_notice, school_terms=school_terms, is_school=is_school,
        )
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
            clarification_requested=clarification_requested, nation=nation,
        )
    if (regime, extended) not in RESPONSE_RULES:  # FOISA only: every other regime has both rows
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


def _awaiting_clarification(regime: Regime, received: date, requested: date) -> ComputedDate:
    """Return the paused clock of a request whose clarification is awaited (FOIA s1(3))."""
    if requested < received:
        raise DeadlineError(
            f"The clarification cannot be asked for ({format_day(requested)}) before the request "
            f"was received ({format_day(received)})."
        )
    rule = CLARIFICATION_RULES[regime]
    if regime is Regime.SAR:
        words = "no response is due while the clarification asked for is awaited (UK GDPR Art 12A)"
    else:
        words = (f"no response is due while the clarification asked for is awaited: the authority "
                 f"need not comply until it arrives ({rule})")
    note = f"clarification asked for on {format_day(requested)}; {words}"
    return ComputedDate(requested, rule, requested, (), "", (note,), paused=True, pause_reason="clarification")


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
        f"is due until the fee is paid ({FEES_PAUSE_RULES[regime]}), and unless it is paid by "
        f"{format_day(lapses.date)} the notice lapses"
    )
    return ComputedDate(lapses.date, lapses.rule, fees_notice, (), lapses.period, tuple(notes), paused=True,
                        pause_reason="fees", relation=lapses.relation)


def fees_notice_lapses(
    notice_given: date, regime: Regime | str = Regime.FOIA, *, extra_days: Mapping[date, str] | None = None
) -> date:
    """Return the last day an unpaid fees notice can be paid; it lapses the day after.

    FOIA 2000 s9(2) and FOISA 2002 s9(4): the period of three months beginning
    with the day the notice is given, so the notice day counts as the first day
    and the last is the day before the same date three months on (1 June 2022:
    31 August 2022). EIR 2004 reg 8(5): within 60 working days of the
    notification, so the 60th working day. A SAR fee never lapses (``DeadlineError``).
    """
    return _fee_lapse(notice_given, parse_regime(regime), extra_days).date


def _fee_lapse(notice_given: date, regime: Regime, extra_days: Mapping[date, str] | None) -> ComputedDate:
    if regime is Regime.SAR:
        raise DeadlineError("A SAR fee has no lapse date: the month starts when the fee arrives.")
    if regime is Regime.EIR:
        last = get_calendar(CalendarName.UK, extra_days).add_working_days(notice_given, 60)
        return ComputedDate(last.date, "EIR 2004 reg 8(5)", notice_given, last.skipped, "60 working days")
    # EISR 2004 reg 8 sets no lapse period of its own: the FOISA s9(4) three months are taken,
    # the Scottish Commissioner's practice (the earlier of the candidate periods).
    rule = {Regime.FOIA: "FOIA 2000 s9(2)", Regime.EISR: "EISR 2004 reg 8, as FOISA 2002 s9(4)"}.get(
        regime, "FOISA 2002 s9(4)")
    # "The period of three months beginning with the day on which the fees notice
    # is given": the notice day is day 1, so a notice of 1 June runs to 31 August.
    # With no corresponding date (30 November: no 30 February) the period ends with that month.
    corresponding = notice_given + relativedelta(months=3)
    last = corresponding if corresponding.day != notice_given.day else corresponding - timedelta(days=1)
    return ComputedDate(last, rule, notice_given, (), "three months", relation="beginning with")


def sar_due(
    received: date,
    *,
    extended: bool = False,
    receipt: ReceiptConvention | str = ReceiptConvention.ARRIVAL,
    clarified: date | None = None,
    fees_notice: date | None = None,
    fee_paid: date | None = None,
    extra_days: Mapping[date, str] | None = None,
    clarification_requested: date | None = None,
    nation: str | None = None,
) -> ComputedDate:
    """Return the day the response to a subject access request is due.

    UK GDPR Art 12(3): one calendar month counted from the day of receipt
    (received 3 Sep, due 3 Oct); if that month has no such date, its last day;
    a non-working day moves to the next working day (ICO guidance) of the
    controller's ``nation`` (``NATION_CALENDARS``); for a UK-wide controller,
    or none given, only a day no nation works moves it: the law names no
    calendar, so the earlier, safe date is shown. ``extended``: two further
    months. Clarification: from the Data (Use and Access) Act 2025 (Art 12A,
    taken as in force from Royal Assent on 19 June 2025, the earliest date it
    can apply) the clock pauses from ``clarification_requested`` to
    ``clarified``; before it the month started again on clarification (ICO
    guidance). A fee asked for but not paid: ``paused``, dated the fees notice.
    Raises ``DeadlineError`` for events out of order.
    """
    receipt = parse_receipt(receipt)
    check_clock_events(received, clarified, fees_notice, fee_paid)
    if clarification_requested is not None and (clarified is None or clarified < clarification_requested):
        return _awaiting_clarification(Regime.SAR, received, clarification_requested)
    calendar = sar_calendar(nation, extra_days)
    notes: list[str] = []
    start = received
    pause = 0
    if clarified is not None:
        start, pause = _sar_clarification(received, clarified, clarification_requested, notes)
    if fees_notice is not None and fee_paid is None:
        notes.append("a fee was asked for: no response is due until it is paid (UK GDPR Art 12(5))")
        return ComputedDate(fees_notice, SAR_RULE, fees_notice, (), "", tuple(notes), paused=True,
                            pause_reason="fees")
    if fee_paid is not None and fee_paid > start:
        notes.append(f"the month started when the fee arrived on {format_day(fee_paid)} (UK GDPR Art 12(5))")
        start = fee_paid
    start = _move_receipt(calendar, start, receipt, notes)
    months = 3 if extended else 1
    nominal = start + relativedelta(months=months)
    if nominal.day != start.day:
        notes.append(f"{nominal:%B %Y} has no day {start.day}, so the month ends on its last day")
    if pause:
        nominal += timedelta(days=pause)
    due = sar_next_working(calendar, nominal, nation)
    if due != nominal:
        notes.append(f"the last day, {format_day(nominal)}, is not a working day, so the next working day counts")
    uk = get_calendar(CalendarName.UK, extra_days)
    if nation not in NATION_CALENDARS and uk.on_or_next_working_day(due) != due:
        notes.append(
            f"{format_day(due)} is {uk.why_not_working(due)}, a bank holiday in only part of the UK; with no "
            f"nation given for the controller the earlier, safe date is shown (the alternative, counting "
            f"every nation's holidays, is {format_day(uk.on_or_next_working_day(due))})"
        )
    period = "three calendar months (extended by two months)" if extended else "one calendar month"
    return ComputedDate(
        due, SAR_RULE, start, calendar.skipped_between(nominal - timedelta(days=1), due - timedelta(days=1)),
        period, tuple(notes)
    )


def _sar_clarification(received: date, clarified: date, requested: date | None, notes: list[str]) -> tuple[date, int]:
    """Return the start of a SAR's month and the days it is paused, after a clarification."""
    if received >= SAR_PAUSE_FROM and requested is not None:
        paused = (clarified - requested).days
        notes.append(
            f"the clock paused from the clarification asked for on {format_day(requested)} until it "
            f"arrived on {format_day(clarified)}, {paused} day{'s' if paused != 1 else ''} added "
            f"(UK GDPR Art 12A, Data (Use and Access) Act 2025); if that rule had not yet commenced "
            f"the month would start again on {format_day(clarified)}, a later date"
        )
        return received, paused
    if received >= SAR_PAUSE_FROM:
        notes.append(
            f"request received {format_day(received)}; clarified {format_day(clarified)}; without the day "
            f"the clarification was asked for the pause (UK GDPR Art 12A) cannot be counted, so the month "
            f"starts again on clarification: give that day for the earlier, paused date"
        )
    else:
        notes.append(f"request received {format_day(received)}; the month started again on clarification "
                     f"({CLARIFICATION_RULES[Regime.SAR]}; before the Data (Use and Access) Act 2025)")
    return clarified, 0
