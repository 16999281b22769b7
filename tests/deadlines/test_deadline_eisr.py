"""The Environmental Information (Scotland) Regulations 2004 as a fifth regime: exact dates, worked by hand.

EISR reg 2(1) gives "working day" the meaning of FOISA 2002 s73, so only Scottish bank holidays count.
Summer 2022: Mon 1 Aug is the Scottish summer bank holiday (not a holiday in England); Mon 29 Aug is the
English late summer holiday (a working day in Scotland); Mon 19 Sep 2022 (the State Funeral) was a
holiday in every nation.
"""

from __future__ import annotations

from datetime import date

import pytest

from casetracker.deadlines.clocks import (
    court_of_session_appeal,
    ico_complaint_window,
    response_due,
    review_due,
    review_request_window,
)
from casetracker.deadlines.constants import CalendarName, Regime
from casetracker.deadlines.errors import DeadlineError
from casetracker.deadlines.responses import calendar_for
from casetracker.info_requests.clocks import CaseFacts, ClockName, compute_clocks

D = date


def test_eisr_counts_20_scottish_working_days():
    # Received Fri 29 Jul 2022 (day 0). Mon 1 Aug is skipped (Scottish holiday). Tue 2 - Fri 5 Aug are
    # days 1-4, 8-12 Aug 5-9, 15-19 Aug 10-14, 22-26 Aug 15-19, and Mon 29 Aug (an English holiday only)
    # is day 20: EISR reg 5(2)(a). The EIR, on the UK union calendar, also skip 29 Aug: Tue 30 Aug.
    due = response_due("eisr", D(2022, 7, 29))
    assert (due.date, due.rule) == (D(2022, 8, 29), "EISR 2004 reg 5(2)(a)")
    assert response_due("eir", D(2022, 7, 29)).date == D(2022, 8, 30)
    assert calendar_for("eisr") is CalendarName.SCOTLAND


def test_eisr_extension_for_volume_and_complexity_is_40_working_days():
    # Reg 7(1): day 20 is Mon 29 Aug; 30 Aug - 2 Sep are 21-24, 5-9 Sep 25-29, 12-16 Sep 30-34,
    # Mon 19 Sep skipped, 20-23 Sep 35-38, Mon 26 Sep 39, Tue 27 Sep 40.
    extended = response_due("eisr", D(2022, 7, 29), extended=True, extension_notice=D(2022, 8, 26))
    assert (extended.date, extended.rule) == (D(2022, 9, 27), "EISR 2004 reg 7(1)")


def test_eisr_extension_notified_after_day_20_extends_nothing():
    # Reg 7(2): the notice is due no later than 20 working days after receipt (Mon 29 Aug); one sent
    # Tue 30 Aug extends nothing, so the response stays due on 29 Aug and the note says why.
    late = response_due("eisr", D(2022, 7, 29), extended=True, extension_notice=D(2022, 8, 30))
    assert late.date == D(2022, 8, 29)
    assert "(EISR 2004 reg 7(2)), so it extended nothing" in late.explain()


def test_eisr_review_window_and_review_are_scottish_and_never_extended():
    # Reg 16(2): representations within 40 working days of the response of Mon 29 Aug 2022:
    # 30 Aug - 2 Sep 1-4, 5-9 Sep 5-9, 12-16 Sep 10-14, (19 Sep skipped) 20-23 Sep 15-18,
    # 26-30 Sep 19-23, 3-7 Oct 24-28, 10-14 Oct 29-33, 17-21 Oct 34-38, Mon 24 Oct 39, Tue 25 Oct 40.
    window = review_request_window("eisr", D(2022, 8, 29))
    assert (window.date, window.rule) == (D(2022, 10, 25), "EISR 2004 reg 16(2)")
    # Reg 16(4): the decision within 20 working days of Mon 3 Oct 2022: 4-7 Oct 1-4, 10-14 Oct 5-9,
    # 17-21 Oct 10-14, 24-28 Oct 15-19, Mon 31 Oct 20.
    review = review_due("eisr", D(2022, 10, 3))
    assert (review.date, review.rule) == (D(2022, 10, 31), "EISR 2004 reg 16(4)")
    with pytest.raises(DeadlineError, match=r"EISR allows no extension of a review: it is due within 20 "
                                            r"working days \(EISR 2004 reg 16\(4\)\)\."):
        review_due("eisr", D(2022, 10, 3), exceptional=True)


def test_eisr_application_to_the_scottish_commissioner_is_six_months_and_a_bar():
    # Reg 17 applies FOISA s47(4)(a): six months from the review outcome of Mon 31 Oct 2022: 30 Apr 2023.
    sic = ico_complaint_window("eisr", D(2022, 10, 31))
    assert (sic.date, sic.rule) == (D(2023, 4, 30), "FOISA 2002 s47(4)(a), applied by EISR 2004 reg 17")


def test_eisr_request_page_clocks_name_the_scottish_commissioner_and_court_of_session():
    facts = CaseFacts(regime=Regime.EISR, received=D(2022, 7, 29), response_sent=D(2022, 8, 29),
                      review_requested=D(2022, 10, 3), review_outcome=D(2022, 10, 31),
                      decision_notice_sent=D(2023, 3, 1))
    clocks = {c.name: c for c in compute_clocks(facts, D(2023, 3, 2))}
    assert clocks[ClockName.RESPONSE].date == D(2022, 8, 29)
    assert clocks[ClockName.REVIEW_WINDOW].date == D(2022, 10, 25)
    assert clocks[ClockName.REVIEW].date == D(2022, 10, 31)
    assert (clocks[ClockName.REVIEW_WINDOW].label, clocks[ClockName.REVIEW].label) == ("Require a review by",
                                                                                        "Review due")
    assert clocks[ClockName.ICO_COMPLAINT].label == "Apply to the Scottish Information Commissioner by"
    assert clocks[ClockName.ICO_COMPLAINT].warning_only is False
    # Reg 17 applies FOISA s56(b): 42 days after Wed 1 Mar 2023, Wed 12 Apr 2023.
    assert clocks[ClockName.APPEAL].label == "Appeal to the Court of Session by"
    assert clocks[ClockName.APPEAL].date == court_of_session_appeal(D(2023, 3, 1)).date == D(2023, 4, 12)
