"""Properties every due date must have, whatever the date of receipt."""

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from casetracker.deadlines.calendars import get_calendar
from casetracker.deadlines.clocks import calendar_for, response_due, sar_due
from casetracker.deadlines.constants import ReceiptConvention, Regime

days = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31))
working_day_regimes = st.sampled_from([Regime.FOIA, Regime.EIR, Regime.FOISA])
conventions = st.sampled_from(list(ReceiptConvention))
extra_days = st.dictionaries(days, st.just("Proclaimed day"), max_size=5)


def _allowed_extension(regime: Regime, extended: bool) -> bool:
    """FOISA has no extension, so drop the flag for it."""
    return extended and regime is not Regime.FOISA


# Each new set of extra days builds a fresh calendar index (a few hundred ms on a loaded machine), so
# hypothesis's per-example deadline measures the machine, not the code: speed is measured in bench/.
@settings(deadline=None)
@given(regime=working_day_regimes, received=days, extended=st.booleans(), receipt=conventions, extra=extra_days)
def test_due_date_is_a_working_day_after_receipt(regime, received, extended, receipt, extra):
    due = response_due(regime, received, extended=_allowed_extension(regime, extended), receipt=receipt, extra_days=extra)
    calendar = get_calendar(calendar_for(regime), extra)
    assert calendar.is_working_day(due.date)
    assert due.date > received
    expected = 40 if _allowed_extension(regime, extended) else 20
    assert calendar.working_days_after(due.start, due.date) == expected
    for skipped in due.skipped:
        assert due.start < skipped.date <= due.date
        assert skipped.date.weekday() < 5 and not calendar.is_working_day(skipped.date)


@given(regime=working_day_regimes, first=days, gap=st.integers(0, 40), extended=st.booleans(), receipt=conventions)
def test_later_receipt_never_gives_an_earlier_due_date(regime, first, gap, extended, receipt):
    later = first + timedelta(days=gap)
    extended = _allowed_extension(regime, extended)
    assert response_due(regime, first, extended=extended, receipt=receipt).date <= \
        response_due(regime, later, extended=extended, receipt=receipt).date


@given(received=days, extended=st.booleans())
def test_sar_due_date_is_a_working_day_after_receipt(received, extended):
    due = sar_due(received, extended=extended)
    # With no nation for the controller, a day some nation works is the safe due date.
    assert any(get_calendar(c).is_working_day(due.date) for c in ("england-wales", "scotland", "northern-ireland"))
    assert get_calendar("england-wales").is_working_day(sar_due(received, extended=extended, nation="england").date)
    assert due.date > received


@given(first=days, gap=st.integers(0, 62), extended=st.booleans())
def test_later_sar_never_gives_an_earlier_due_date(first, gap, extended):
    assert sar_due(first, extended=extended).date <= sar_due(first + timedelta(days=gap), extended=extended).date


@given(start=days, n=st.integers(0, 60), name=st.sampled_from(["uk", "scotland"]))
def test_counting_forward_and_back_agree(start, n, name):
    calendar = get_calendar(name)
    counted = calendar.add_working_days(start, n)
    assert calendar.working_days_after(start, counted.date) == n
    assert calendar.working_days_after(counted.date, start) == -n


@given(received=days, notice_after=st.integers(0, 30), paid_after=st.integers(0, 30))
def test_a_fees_pause_never_shortens_the_clock(received, notice_after, paid_after):
    notice = received + timedelta(days=notice_after)
    paid = notice + timedelta(days=paid_after)
    plain = response_due("foia", received).date
    paused = response_due("foia", received, fees_notice=notice, fee_paid=paid).date
    assert paused >= plain
    calendar = get_calendar("uk")
    if notice <= plain and paid > received:
        # The pause adds exactly the working days from notice to payment, both included.
        covered = calendar.working_days_after(max(received, notice - timedelta(days=1)), paid)
        assert calendar.working_days_after(received, paused) == 20 + covered
    else:
        assert paused == plain
