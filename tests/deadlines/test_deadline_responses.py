"""Response clocks: FOIA, EIR and FOISA working days; SAR calendar months.

Every expected date was counted by hand on a calendar; the comment beside it
lists the weekdays skipped.
"""

from datetime import date

import pytest

from casetracker.deadlines.clocks import fees_notice_lapses, response_due, sar_due
from casetracker.deadlines.computed import SkippedDay
from casetracker.deadlines.constants import ReceiptConvention, Regime
from casetracker.deadlines.errors import DeadlineError


def test_real_ico_acknowledgement_received_14_jan_due_11_feb_2022():
    # Day 1 Mon 17 Jan ... day 20 Fri 11 Feb; nothing skipped.
    due = response_due(Regime.FOIA, date(2022, 1, 14))
    assert due.date == date(2022, 2, 11)
    assert due.rule == "FOIA 2000 s10(1)"
    assert due.start == date(2022, 1, 14)
    assert due.skipped == ()
    assert due.explain() == "20 working days after Fri 14 Jan 2022"


@pytest.mark.parametrize(
    ("regime", "received", "due", "skipped"),
    [
        # Christmas and New Year 2021/22: skips Mon 27 Dec, Tue 28 Dec (substitutes),
        # Mon 3 Jan (New Year substitute), Tue 4 Jan (Scotland's 2 January, substitute).
        ("foia", date(2021, 12, 10), date(2022, 1, 13),
         [date(2021, 12, 27), date(2021, 12, 28), date(2022, 1, 3), date(2022, 1, 4)]),
        ("foisa", date(2021, 12, 10), date(2022, 1, 13),
         [date(2021, 12, 27), date(2021, 12, 28), date(2022, 1, 3), date(2022, 1, 4)]),
        # Christmas and New Year 2023/24: skips 25, 26 Dec, 1 Jan and Tue 2 Jan (Scotland).
        ("foia", date(2023, 12, 15), date(2024, 1, 18),
         [date(2023, 12, 25), date(2023, 12, 26), date(2024, 1, 1), date(2024, 1, 2)]),
        # St Patrick's Day Fri 17 Mar 2023 stops FOIA but not FOISA.
        ("foia", date(2023, 3, 1), date(2023, 3, 30), [date(2023, 3, 17)]),
        ("foisa", date(2023, 3, 1), date(2023, 3, 29), []),
        # Battle of the Boyne Wed 12 Jul 2023 stops FOIA and EIR but not FOISA.
        ("foia", date(2023, 6, 28), date(2023, 7, 27), [date(2023, 7, 12)]),
        ("eir", date(2023, 6, 28), date(2023, 7, 27), [date(2023, 7, 12)]),
        ("foisa", date(2023, 6, 28), date(2023, 7, 26), []),
        # St Andrew's Day Wed 30 Nov 2022 stops both: it is a bank holiday in a part of the UK.
        ("foia", date(2022, 11, 16), date(2022, 12, 15), [date(2022, 11, 30)]),
        ("foisa", date(2022, 11, 16), date(2022, 12, 15), [date(2022, 11, 30)]),
        # Scotland's first Monday in August, Mon 7 Aug 2023, stops FOIA too.
        ("foia", date(2023, 7, 24), date(2023, 8, 22), [date(2023, 8, 7)]),
        # England's late summer Mon 28 Aug 2023 stops FOIA, not FOISA.
        ("foia", date(2023, 8, 14), date(2023, 9, 12), [date(2023, 8, 28)]),
        ("foisa", date(2023, 8, 14), date(2023, 9, 11), []),
        # Easter 2023: FOIA skips Good Friday 7 Apr and Easter Monday 10 Apr; FOISA only Good Friday.
        ("foia", date(2023, 3, 27), date(2023, 4, 26), [date(2023, 4, 7), date(2023, 4, 10)]),
        ("foisa", date(2023, 3, 27), date(2023, 4, 25), [date(2023, 4, 7)]),
        # One-off days: Spring bank holiday moved to Thu 2 Jun and the Jubilee Fri 3 Jun 2022.
        ("foia", date(2022, 5, 24), date(2022, 6, 23), [date(2022, 6, 2), date(2022, 6, 3)]),
        # The Queen's state funeral, Mon 19 Sep 2022.
        ("foia", date(2022, 9, 12), date(2022, 10, 11), [date(2022, 9, 19)]),
        # Early May Mon 1 May and the Coronation Mon 8 May 2023.
        ("foia", date(2023, 4, 24), date(2023, 5, 24), [date(2023, 5, 1), date(2023, 5, 8)]),
    ],
)
def test_twenty_working_days_skip_the_right_holidays(regime, received, due, skipped):
    computed = response_due(regime, received)
    assert computed.date == due
    assert [day.date for day in computed.skipped] == skipped


def test_explanation_names_each_skipped_day_and_its_nation():
    assert response_due("foia", date(2023, 6, 28)).explain() == (
        "20 working days after Wed 28 Jun 2023; skipped Wed 12 Jul 2023 (Battle of the Boyne (Northern Ireland))"
    )
    assert response_due("foisa", date(2023, 3, 27)).explain() == (
        "20 working days after Mon 27 Mar 2023; skipped Fri 7 Apr 2023 (Good Friday)"
    )
    assert response_due("foisa", date(2023, 3, 27)).rule == "FOISA 2002 s10(1)"
    assert response_due("eir", date(2023, 3, 27)).rule == "EIR 2004 reg 5(2)"


def test_extension_gives_forty_working_days():
    # 14 Jan 2022 + 40: day 20 Fri 11 Feb, day 40 Fri 11 Mar; nothing skipped.
    foia = response_due("foia", date(2022, 1, 14), extended=True)
    assert (foia.date, foia.rule) == (date(2022, 3, 11), "FOIA 2000 s10(3)")
    eir = response_due("eir", date(2022, 1, 14), extended=True)
    assert (eir.date, eir.rule) == (date(2022, 3, 11), "EIR 2004 reg 7(1)")
    with pytest.raises(DeadlineError, match=r"^FOISA has no extension for the public interest test"):
        response_due("foisa", date(2022, 1, 14), extended=True)


def test_clarification_restarts_the_clock():
    # Clarified Mon 7 Feb 2022 is the new day 0: day 20 Mon 7 Mar; nothing skipped.
    due = response_due("foia", date(2022, 1, 14), clarified=date(2022, 2, 7))
    assert due.date == date(2022, 3, 7)
    assert due.start == date(2022, 2, 7)
    assert due.explain() == (
        "20 working days after Mon 7 Feb 2022; request received Fri 14 Jan 2022 and clarified "
        "Mon 7 Feb 2022, so the clock started again (FOIA 2000 s1(3), s10(6)(b))"
    )


def test_clarification_on_a_saturday_under_each_receipt_convention():
    # Sat 12 Feb 2022: arrival counts Mon 14 Feb as day 1 -> Fri 11 Mar;
    # next-working-day makes Mon 14 Feb day 0 -> Mon 14 Mar.
    received, clarified = date(2022, 1, 14), date(2022, 2, 12)
    assert response_due("foia", received, clarified=clarified).date == date(2022, 3, 11)
    assert response_due("foia", received, clarified=clarified, receipt="next-working-day").date == date(2022, 3, 14)


@pytest.mark.parametrize(
    ("received", "arrival", "next_working_day"),
    [
        # Sat 15 Jan 2022: arrival -> Fri 11 Feb; day 0 Mon 17 Jan -> Mon 14 Feb.
        (date(2022, 1, 15), date(2022, 2, 11), date(2022, 2, 14)),
        # Mon 2 May 2022, May Day: arrival -> Mon 30 May; day 0 Tue 3 May -> Tue 31 May.
        (date(2022, 5, 2), date(2022, 5, 30), date(2022, 5, 31)),
        # A working day is day 0 under both conventions.
        (date(2022, 1, 14), date(2022, 2, 11), date(2022, 2, 11)),
    ],
)
def test_both_receipt_conventions(received, arrival, next_working_day):
    assert response_due("foia", received).date == arrival
    assert response_due("foia", received, receipt=ReceiptConvention.ARRIVAL).date == arrival
    assert response_due("foia", received, receipt=ReceiptConvention.NEXT_WORKING_DAY).date == next_working_day


def test_next_working_day_convention_explains_the_move():
    assert response_due("foia", date(2022, 5, 2), receipt="next-working-day").explain() == (
        "20 working days after Tue 3 May 2022; Mon 2 May 2022 is not a working day (May Day), "
        "so Tue 3 May 2022 counts as the date of receipt"
    )


def test_fees_notice_pauses_the_clock_from_notice_to_payment_both_included():
    # Received Fri 14 Jan 2022; notice Mon 24 Jan (day 6, so 5 days used); paid Wed 2 Feb.
    # Paused: 24-28 Jan, 31 Jan-2 Feb = 8 working days; 15 more from Thu 3 Feb -> Wed 23 Feb.
    due = response_due("foia", date(2022, 1, 14), fees_notice=date(2022, 1, 24), fee_paid=date(2022, 2, 2))
    assert due.date == date(2022, 2, 23)
    assert not due.paused
    assert due.explain() == (
        "20 working days after Fri 14 Jan 2022; the 8 working days from the fees notice on Mon 24 Jan 2022 "
        "to the fee received on Wed 2 Feb 2022, both included, did not count (FOIA 2000 s10(2))"
    )


@pytest.mark.parametrize(
    ("notice", "paid", "due"),
    [
        # Notice and payment the same day: one working day paused -> Mon 14 Feb.
        (date(2022, 1, 24), date(2022, 1, 24), date(2022, 2, 14)),
        # Notice on day 0: Mon 17 and Tue 18 Jan paused; 20 from Tue 18 Jan -> Tue 15 Feb.
        (date(2022, 1, 14), date(2022, 1, 18), date(2022, 2, 15)),
        # Paid on Sat 22 Jan: only Fri 21 Jan paused -> Mon 14 Feb.
        (date(2022, 1, 21), date(2022, 1, 22), date(2022, 2, 14)),
        # Notice after the due date pauses nothing.
        (date(2022, 2, 14), date(2022, 2, 20), date(2022, 2, 11)),
    ],
)
def test_fees_pause_edges(notice, paid, due):
    assert response_due("foia", date(2022, 1, 14), fees_notice=notice, fee_paid=paid).date == due


def test_unpaid_fees_notice_pauses_until_it_lapses():
    due = response_due("foia", date(2022, 1, 14), fees_notice=date(2022, 1, 24))
    assert due.paused
    # Three months beginning with Mon 24 Jan 2022 end on Sat 23 Apr 2022 (s9(2)).
    assert (due.date, due.rule) == (date(2022, 4, 23), "FOIA 2000 s9(2)")
    assert due.explain() == (
        "three months beginning with Mon 24 Jan 2022; the fees notice stopped the clock after 5 of 20 working "
        "days; no response is due until the fee is paid (FOIA 2000 s10(2)), and unless it is paid by "
        "Sat 23 Apr 2022 the notice lapses"
    )


def test_fees_notice_lapses_three_months_on():
    # "Beginning with" the notice day: 24 Jan is day 1, so the last day to pay is 23 Apr.
    assert fees_notice_lapses(date(2022, 1, 24)) == date(2022, 4, 23)
    # No 30 February: the month's last day.
    assert fees_notice_lapses(date(2022, 11, 30)) == date(2023, 2, 28)
    assert fees_notice_lapses(date(2022, 11, 30), "foisa") == date(2023, 2, 28)
    # EIR reg 8(5): 60 working days from Mon 24 Jan 2022, skipping Thu 17 Mar, Fri 15 Apr
    # and Mon 18 Apr, end Thu 21 Apr; the notice lapses the day after.
    # EIR reg 8(5): paid within 60 working days, so the 60th (Thu 21 Apr 2022) is the last day.
    assert fees_notice_lapses(date(2022, 1, 24), "eir") == date(2022, 4, 21)
    with pytest.raises(DeadlineError, match="^A SAR fee has no lapse date"):
        fees_notice_lapses(date(2022, 1, 24), "sar")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"fees_notice": date(2022, 1, 24), "fee_paid": date(2022, 1, 20)},
         "The fee was paid on Thu 20 Jan 2022, before the fees notice of Mon 24 Jan 2022."),
        ({"fee_paid": date(2022, 1, 20)},
         "A fee can only be paid after a fees notice: give the date of the fees notice too."),
        ({"clarified": date(2022, 1, 10)},
         "The clarification (Mon 10 Jan 2022) cannot arrive before the request was received (Fri 14 Jan 2022)."),
        ({"fees_notice": date(2022, 1, 10), "fee_paid": date(2022, 1, 20)},
         "The fees notice (Mon 10 Jan 2022) cannot come before the request was received (Fri 14 Jan 2022)."),
        ({"receipt": "whenever"},
         "Unknown receipt convention 'whenever'; choose one of arrival, next-working-day."),
    ],
)
def test_impossible_events_raise_a_clear_error(kwargs, message):
    with pytest.raises(DeadlineError) as excinfo:
        response_due("foia", date(2022, 1, 14), **kwargs)
    assert str(excinfo.value) == message


def test_unknown_regime_raises_a_clear_error():
    with pytest.raises(DeadlineError) as excinfo:
        response_due("gdpr", date(2022, 1, 14))
    assert str(excinfo.value) == "Unknown regime 'gdpr'; choose one of foia, eir, foisa, sar, eisr."
    assert isinstance(excinfo.value, ValueError)


@pytest.mark.parametrize(
    ("received", "due"),
    [
        # The ICO's example: received 3 Sep, due 3 Oct (Mon 3 Oct 2022).
        (date(2022, 9, 3), date(2022, 10, 3)),
        # Sat 3 Oct 2020 moves to Mon 5 Oct.
        (date(2020, 9, 3), date(2020, 10, 5)),
        # No 31 February: Tue 28 Feb 2023; leap year: Thu 29 Feb 2024.
        (date(2023, 1, 31), date(2023, 2, 28)),
        (date(2024, 1, 31), date(2024, 2, 29)),
        # 29 Feb 2024 -> Fri 29 Mar, Good Friday; Mon 1 Apr is Easter Monday everywhere but
        # Scotland, so with no nation for the controller the safe date is Mon 1 Apr.
        (date(2024, 2, 29), date(2024, 4, 1)),
        # 31 Mar 2023 -> Sun 30 Apr; Mon 1 May early May bank holiday -> Tue 2 May.
        (date(2023, 3, 31), date(2023, 5, 2)),
    ],
)
def test_sar_one_calendar_month(received, due):
    assert sar_due(received).date == due
    assert response_due("sar", received).date == due


def test_sar_explanations():
    assert sar_due(date(2022, 9, 3)).explain() == "one calendar month after Sat 3 Sep 2022"
    leap = sar_due(date(2024, 2, 29))
    assert leap.rule == "UK GDPR Art 12(3)"
    # No nation given: Easter Monday is worked in Scotland, so Mon 1 Apr 2024 is the safe date.
    assert leap.skipped == (SkippedDay(date(2024, 3, 29), "Good Friday"),)
    assert leap.notes[-1] == (
        "Mon 1 Apr 2024 is Easter Monday (England, Wales, Northern Ireland), a bank holiday in only part of "
        "the UK; with no nation given for the controller the earlier, safe date is shown (the alternative, "
        "counting every nation's holidays, is Tue 2 Apr 2024)"
    )
    # An English controller keeps Easter Monday: Tue 2 Apr 2024.
    assert sar_due(date(2024, 2, 29), nation="england").date == date(2024, 4, 2)
    assert sar_due(date(2023, 3, 31)).explain() == (
        "one calendar month after Fri 31 Mar 2023; April 2023 has no day 31, so the month ends on its last day; "
        "the last day, Sun 30 Apr 2023, is not a working day, so the next working day counts; "
        "skipped Mon 1 May 2023 (May Day)"
    )


def test_sar_extension_clarification_and_fee():
    # Extended by two months: Sat 3 Dec 2022 -> Mon 5 Dec.
    assert sar_due(date(2022, 9, 3), extended=True).date == date(2022, 12, 5)
    # Clarified Mon 12 Sep 2022 -> Wed 12 Oct.
    assert sar_due(date(2022, 9, 3), clarified=date(2022, 9, 12)).date == date(2022, 10, 12)
    # Fee received Thu 15 Sep 2022 -> Sat 15 Oct -> Mon 17 Oct.
    assert sar_due(date(2022, 9, 3), fees_notice=date(2022, 9, 5), fee_paid=date(2022, 9, 15)).date == date(2022, 10, 17)
    unpaid = sar_due(date(2022, 9, 3), fees_notice=date(2022, 9, 5))
    assert (unpaid.paused, unpaid.date) == (True, date(2022, 9, 5))
