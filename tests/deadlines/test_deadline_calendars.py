"""Working-day calendars: the UK union (FOIA s10(6)) and Scotland (FOISA s73)."""

from datetime import date

import holidays
import pytest

from casetracker.deadlines.bank_holidays import Holiday, holidays_in_year
from casetracker.deadlines.calendars import WorkingDayCalendar, clear_caches, get_calendar
from casetracker.deadlines.computed import SkippedDay
from casetracker.deadlines.constants import CalendarName
from casetracker.deadlines.errors import DeadlineError

UK = get_calendar(CalendarName.UK)
SCOTLAND = get_calendar(CalendarName.SCOTLAND)


def test_holidays_uk_alone_misses_the_nations_own_days_so_we_build_the_union():
    # The trap the glossary warns of: holidays.UK() gives only the days common to all nations.
    assert date(2023, 3, 17) not in holidays.country_holidays("GB", years=2023)
    assert not UK.is_working_day(date(2023, 3, 17))


@pytest.mark.parametrize(
    ("day", "uk_reason", "scotland_reason"),
    [
        # Christmas and New Year: 2023 had Scotland's 2 January on a Monday
        # together with the substitute New Year's Day, and its substitute on 3 January.
        (date(2023, 12, 25), "Christmas Day", "Christmas Day"),
        (date(2023, 1, 2), "New Year's Day (observed); New Year Holiday (Scotland)",
         "New Year Holiday; New Year's Day (observed)"),
        (date(2023, 1, 3), "New Year Holiday (observed) (Scotland)", "New Year Holiday (observed)"),
        (date(2024, 1, 2), "New Year Holiday (Scotland)", "New Year Holiday"),
        # The nations' own days.
        (date(2023, 3, 17), "Saint Patrick's Day (Northern Ireland)", None),
        (date(2023, 7, 12), "Battle of the Boyne (Northern Ireland)", None),
        (date(2022, 11, 30), "Saint Andrew's Day (Scotland)", "Saint Andrew's Day"),
        (date(2023, 8, 7), "Summer Bank Holiday (Scotland)", "Summer Bank Holiday"),
        (date(2023, 8, 28), "Late Summer Bank Holiday (England, Wales, Northern Ireland)", None),
        # Easter: Good Friday everywhere, Easter Monday not in Scotland.
        (date(2023, 4, 7), "Good Friday", "Good Friday"),
        (date(2023, 4, 10), "Easter Monday (England, Wales, Northern Ireland)", None),
        # Substitute days: Christmas 2022 fell on a Sunday; in 2021 on a Saturday.
        (date(2022, 12, 27), "Christmas Day (observed)", "Christmas Day (observed)"),
        (date(2021, 12, 27), "Christmas Day (observed)", "Christmas Day (observed)"),
        (date(2021, 12, 28), "Boxing Day (observed)", "Boxing Day (observed)"),
        (date(2022, 1, 3), "New Year's Day (observed)", "New Year's Day (observed)"),
        (date(2022, 1, 4), "New Year Holiday (observed) (Scotland)", "New Year Holiday (observed)"),
        # One-off proclaimed days.
        (date(2022, 6, 2), "Spring Bank Holiday", "Spring Bank Holiday"),
        (date(2022, 6, 3), "Platinum Jubilee of Elizabeth II", "Platinum Jubilee of Elizabeth II"),
        (date(2022, 9, 19), "State Funeral of Queen Elizabeth II", "State Funeral of Queen Elizabeth II"),
        (date(2023, 5, 8), "Coronation of Charles III", "Coronation of Charles III"),
        # Ordinary days.
        (date(2022, 10, 1), "Saturday", "Saturday"),
        (date(2022, 10, 2), "Sunday", "Sunday"),
        (date(2022, 10, 3), None, None),
    ],
)
def test_why_a_day_is_not_working_on_each_calendar(day, uk_reason, scotland_reason):
    assert UK.why_not_working(day) == uk_reason
    assert SCOTLAND.why_not_working(day) == scotland_reason
    assert UK.is_working_day(day) is (uk_reason is None)
    assert SCOTLAND.is_working_day(day) is (scotland_reason is None)


def test_uk_non_working_weekdays_of_2022_with_nations():
    all_nations = ("England", "Wales", "Scotland", "Northern Ireland")
    assert UK.non_working_weekdays(2022) == [
        Holiday(date(2022, 1, 3), "New Year's Day (observed)", all_nations),
        Holiday(date(2022, 1, 4), "New Year Holiday (observed)", ("Scotland",)),
        Holiday(date(2022, 3, 17), "Saint Patrick's Day", ("Northern Ireland",)),
        Holiday(date(2022, 4, 15), "Good Friday", all_nations),
        Holiday(date(2022, 4, 18), "Easter Monday", ("England", "Wales", "Northern Ireland")),
        Holiday(date(2022, 5, 2), "May Day", all_nations),
        Holiday(date(2022, 6, 2), "Spring Bank Holiday", all_nations),
        Holiday(date(2022, 6, 3), "Platinum Jubilee of Elizabeth II", all_nations),
        Holiday(date(2022, 7, 12), "Battle of the Boyne", ("Northern Ireland",)),
        Holiday(date(2022, 8, 1), "Summer Bank Holiday", ("Scotland",)),
        Holiday(date(2022, 8, 29), "Late Summer Bank Holiday", ("England", "Wales", "Northern Ireland")),
        Holiday(date(2022, 9, 19), "State Funeral of Queen Elizabeth II", all_nations),
        Holiday(date(2022, 11, 30), "Saint Andrew's Day", ("Scotland",)),
        Holiday(date(2022, 12, 26), "Boxing Day", all_nations),
        Holiday(date(2022, 12, 27), "Christmas Day (observed)", all_nations),
    ]


def test_scotland_non_working_weekdays_of_2023():
    assert [(h.date, h.name) for h in SCOTLAND.non_working_weekdays(2023)] == [
        (date(2023, 1, 2), "New Year Holiday; New Year's Day (observed)"),
        (date(2023, 1, 3), "New Year Holiday (observed)"),
        (date(2023, 4, 7), "Good Friday"),
        (date(2023, 5, 1), "May Day"),
        (date(2023, 5, 8), "Coronation of Charles III"),
        (date(2023, 5, 29), "Spring Bank Holiday"),
        (date(2023, 8, 7), "Summer Bank Holiday"),
        (date(2023, 11, 30), "Saint Andrew's Day"),
        (date(2023, 12, 25), "Christmas Day"),
        (date(2023, 12, 26), "Boxing Day"),
    ]


def test_extra_days_are_skipped_and_named_and_listed_without_nations():
    proclaimed = {date(2023, 3, 1): "Proclaimed bank holiday"}
    calendar = get_calendar("uk", proclaimed)
    assert calendar.why_not_working(date(2023, 3, 1)) == "Proclaimed bank holiday"
    assert Holiday(date(2023, 3, 1), "Proclaimed bank holiday", ()) in calendar.non_working_weekdays(2023)
    # The shared calendar without extra days is untouched.
    assert UK.is_working_day(date(2023, 3, 1))
    # Received Tue 28 Feb 2023: Thu 2 Mar is day 1 since Wed 1 Mar is skipped.
    counted = calendar.add_working_days(date(2023, 2, 28), 1)
    assert counted.date == date(2023, 3, 2)
    assert counted.skipped == (SkippedDay(date(2023, 3, 1), "Proclaimed bank holiday"),)


def test_next_working_day_after_good_friday_differs_by_calendar():
    # Easter Monday 18 Apr 2022 is a holiday in England, Wales and NI, not in Scotland.
    assert UK.next_working_day(date(2022, 4, 15)) == date(2022, 4, 19)
    assert SCOTLAND.next_working_day(date(2022, 4, 15)) == date(2022, 4, 18)
    assert UK.next_working_day(date(2022, 4, 19)) == date(2022, 4, 20)
    assert UK.on_or_next_working_day(date(2022, 4, 19)) == date(2022, 4, 19)
    assert UK.on_or_next_working_day(date(2022, 4, 16)) == date(2022, 4, 19)


def test_working_days_after_counts_the_end_not_the_start():
    # The ICO's acknowledgement: received Fri 14 Jan 2022, due Fri 11 Feb 2022 = day 20.
    assert UK.working_days_after(date(2022, 1, 14), date(2022, 2, 11)) == 20
    assert UK.working_days_after(date(2022, 2, 11), date(2022, 1, 14)) == -20
    assert UK.working_days_after(date(2022, 2, 11), date(2022, 2, 11)) == 0
    # Across the year end: Dec 2022 29, 30 and Jan 2023 4, 5, 6 (27 Dec and 2-3 Jan skipped).
    assert UK.working_days_after(date(2022, 12, 28), date(2023, 1, 6)) == 5
    assert SCOTLAND.working_days_after(date(2022, 12, 28), date(2023, 1, 6)) == 5


def test_add_working_days_explains_the_skipped_weekdays_only():
    counted = UK.add_working_days(date(2022, 5, 24), 20)
    # Day 1 Wed 25 May ... skipping Thu 2 and Fri 3 Jun (and weekends) ... day 20 Thu 23 Jun.
    assert counted.date == date(2022, 6, 23)
    assert counted.rule == "FOIA 2000 s10(6)"
    assert counted.explain() == (
        "20 working days after Tue 24 May 2022; skipped Thu 2 Jun 2022 (Spring Bank Holiday) "
        "and Fri 3 Jun 2022 (Platinum Jubilee of Elizabeth II)"
    )
    assert UK.add_working_days(date(2022, 10, 1), 0).date == date(2022, 10, 1)


def test_bad_calendar_input_raises_our_error():
    with pytest.raises(DeadlineError, match="^Unknown calendar 'wales'; choose one of uk, scotland, england-wales, northern-ireland.$"):
        get_calendar("wales")
    with pytest.raises(DeadlineError, match="^Cannot count -1 working days; give zero or more.$"):
        UK.add_working_days(date(2022, 1, 1), -1)
    with pytest.raises(DeadlineError, match="^Dates must fall between 1872 and 2100"):
        UK.is_working_day(date(2101, 1, 3))
    with pytest.raises(DeadlineError, match="^Dates must fall between 1872 and 2100"):
        UK.add_working_days(date(2100, 12, 30), 5)


def test_holiday_data_and_calendars_are_cached():
    clear_caches()
    assert get_calendar("uk") is get_calendar(CalendarName.UK)
    assert get_calendar("uk", {date(2023, 3, 1): "x"}) is get_calendar("uk", {date(2023, 3, 1): "x"})
    assert get_calendar("uk", {date(2023, 3, 1): "x"}) is not get_calendar("uk")
    holidays_in_year(CalendarName.UK, 2030)
    before = holidays_in_year.cache_info().hits
    holidays_in_year(CalendarName.UK, 2030)
    assert holidays_in_year.cache_info().hits == before + 1
    # A fresh calendar object still answers the same as the shared one.
    assert WorkingDayCalendar("uk").add_working_days(date(2022, 1, 14), 20).date == date(2022, 2, 11)
