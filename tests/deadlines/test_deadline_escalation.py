"""Clocks after the response (review, complaint, appeal) and the status of an open clock.

Dates counted by hand; skipped weekdays listed beside each.
"""

from datetime import date

import pytest

from casetracker.deadlines.clocks import (
    appeal_deadline,
    ico_complaint_window,
    request_status,
    review_due,
    review_request_window,
)
from casetracker.deadlines.computed import SkippedDay
from casetracker.deadlines.constants import ClockStatus, Regime
from casetracker.deadlines.errors import DeadlineError


@pytest.mark.parametrize(
    ("regime", "due", "rule"),
    [
        # Response Fri 11 Feb 2022 + 40 working days, skipping Thu 17 Mar (NI) -> Mon 11 Apr.
        ("foia", date(2022, 4, 11), "FOIA s45 Code of Practice (2018) Part 5"),
        ("eir", date(2022, 4, 11), "EIR 2004 reg 11(2)"),
        # Scotland counts 17 Mar -> Fri 8 Apr.
        ("foisa", date(2022, 4, 8), "FOISA 2002 s20(5)"),
    ],
)
def test_review_request_window_is_forty_working_days(regime, due, rule):
    window = review_request_window(regime, date(2022, 2, 11))
    assert (window.date, window.rule) == (due, rule)


def test_review_request_window_explains_the_nations_day():
    assert review_request_window("foia", date(2022, 2, 11)).skipped == (
        SkippedDay(date(2022, 3, 17), "Saint Patrick's Day (Northern Ireland)"),
    )


@pytest.mark.parametrize(
    ("regime", "exceptional", "due"),
    [
        # Requested Mon 11 Apr 2022; skips Fri 15 Apr, Mon 18 Apr, Mon 2 May -> Thu 12 May.
        ("foia", False, date(2022, 5, 12)),
        # Exceptional, 40: also skips Thu 2 and Fri 3 Jun -> Mon 13 Jun.
        ("foia", True, date(2022, 6, 13)),
        # EIR reg 11(4): 40 in every case.
        ("eir", False, date(2022, 6, 13)),
        ("eir", True, date(2022, 6, 13)),
        # FOISA s21(1): Easter Monday counts in Scotland -> Wed 11 May.
        ("foisa", False, date(2022, 5, 11)),
    ],
)
def test_review_due(regime, exceptional, due):
    assert review_due(regime, date(2022, 4, 11), exceptional=exceptional).date == due


def test_review_errors():
    with pytest.raises(DeadlineError, match=r"^FOISA allows no extension of a review"):
        review_due("foisa", date(2022, 4, 11), exceptional=True)
    with pytest.raises(DeadlineError, match="^SAR has no internal review stage"):
        review_due("sar", date(2022, 4, 11))
    with pytest.raises(DeadlineError, match="^SAR has no internal review stage"):
        review_request_window(Regime.SAR, date(2022, 4, 11))


def test_regulator_complaint_windows():
    # Thu 17 Feb 2022 + six weeks = Thu 31 Mar 2022.
    foia = ico_complaint_window("foia", date(2022, 2, 17))
    assert foia.date == date(2022, 3, 31)
    assert foia.explain() == (
        "six weeks after Thu 17 Feb 2022; the ICO's request, not a bar: it may accept a later complaint"
    )
    assert ico_complaint_window("eir", date(2022, 2, 17)).rule == "EIR 2004 reg 18; ICO guidance"
    # The SIC: six months.
    assert ico_complaint_window("foisa", date(2022, 2, 17)).date == date(2022, 8, 17)
    # Data protection complaints: three months.
    assert ico_complaint_window("sar", date(2022, 2, 17)).date == date(2022, 5, 17)


@pytest.mark.parametrize(
    ("sent", "due"),
    [
        # + 28 days = Fri 1 Apr 2022, a working day.
        (date(2022, 3, 4), date(2022, 4, 1)),
        # + 28 = Thu 17 Mar 2022, St Patrick's Day in Northern Ireland only: r12 does not say
        # whose holidays count, so the safe date is Thu 17 Mar itself (issue 15).
        (date(2022, 2, 17), date(2022, 3, 17)),
        # + 28 = Tue 27 Dec 2022, Christmas substitute -> Wed 28 Dec.
        (date(2022, 11, 29), date(2022, 12, 28)),
        # + 28 = Sat 1 Oct 2022 -> Mon 3 Oct.
        (date(2022, 9, 3), date(2022, 10, 3)),
    ],
)
def test_appeal_deadline_moves_to_the_next_working_day(sent, due):
    assert appeal_deadline(sent).date == due


def test_appeal_deadline_explanation():
    assert appeal_deadline(date(2022, 2, 17)).explain() == (
        "28 days after Thu 17 Feb 2022; Thu 17 Mar 2022 is Saint Patrick's Day (Northern Ireland), a bank "
        "holiday in only part of the UK; the rules do not say which part's holidays count, so the earlier, "
        "safe date is shown (the alternative is Fri 18 Mar 2022)"
    )
    # An admin-added day moves it too.
    moved = appeal_deadline(date(2022, 3, 4), extra_days={date(2022, 4, 1): "Proclaimed day"})
    assert moved.date == date(2022, 4, 4)


@pytest.mark.parametrize(
    ("today", "is_school", "status"),
    [
        # Due Fri 11 Feb 2022 for a request received Fri 14 Jan 2022.
        (date(2022, 2, 3), False, ClockStatus.NOT_YET_DUE),  # 6 working days left
        (date(2022, 2, 4), False, ClockStatus.DUE_SOON),  # 5 left
        (date(2022, 2, 11), False, ClockStatus.DUE_TODAY),  # the due day: due, not "soon" (issue 15)
        (date(2022, 2, 14), False, ClockStatus.OVERDUE),
        (date(2022, 3, 11), False, ClockStatus.OVERDUE),  # working day 40 after receipt
        (date(2022, 3, 14), False, ClockStatus.LONG_OVERDUE),  # working day 41
        # Schools: 60, skipping Thu 17 Mar -> day 60 is Mon 11 Apr 2022.
        (date(2022, 3, 14), True, ClockStatus.OVERDUE),
        (date(2022, 4, 11), True, ClockStatus.OVERDUE),
        (date(2022, 4, 12), True, ClockStatus.LONG_OVERDUE),
    ],
)
def test_request_status(today, is_school, status):
    assert request_status(
        date(2022, 2, 11), today, received=date(2022, 1, 14), regime="foia", is_school=is_school
    ) is status


def test_request_status_counts_on_the_regime_calendar():
    # Received Mon 27 Mar 2023; FOISA due Tue 25 Apr. On Tue 18 Apr: Scotland counts
    # 19, 20, 21, 24, 25 = 5 left (due soon); FOIA due Wed 26 Apr, 6 left.
    assert request_status(date(2023, 4, 25), date(2023, 4, 18), received=date(2023, 3, 27),
                          regime="foisa") is ClockStatus.DUE_SOON
    assert request_status(date(2023, 4, 26), date(2023, 4, 18), received=date(2023, 3, 27),
                          regime="foia") is ClockStatus.NOT_YET_DUE
    # An admin-added day leaves fewer working days: 19 Apr skipped -> 5 left.
    assert request_status(date(2023, 4, 26), date(2023, 4, 18), received=date(2023, 3, 27), regime="foia",
                          extra_days={date(2023, 4, 19): "Proclaimed"}) is ClockStatus.DUE_SOON
