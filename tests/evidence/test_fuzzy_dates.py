"""FuzzyDate: dates known to the day, month or year."""

from datetime import date

import pytest

from casetracker.evidence.constants import DatePrecision
from casetracker.evidence.fuzzy_dates import FuzzyDate, InvalidFuzzyDate


@pytest.mark.parametrize(
    ("value", "precision", "earliest", "latest", "written", "iso"),
    [
        (FuzzyDate(2022, 2, 15), DatePrecision.DAY, date(2022, 2, 15), date(2022, 2, 15),
         "15 February 2022", "2022-02-15"),
        (FuzzyDate(2022, 2), DatePrecision.MONTH, date(2022, 2, 1), date(2022, 2, 28),
         "February 2022", "2022-02"),
        (FuzzyDate(2024, 2), DatePrecision.MONTH, date(2024, 2, 1), date(2024, 2, 29),
         "February 2024", "2024-02"),
        (FuzzyDate(2022, 7), DatePrecision.MONTH, date(2022, 7, 1), date(2022, 7, 31),
         "July 2022", "2022-07"),
        (FuzzyDate(2022), DatePrecision.YEAR, date(2022, 1, 1), date(2022, 12, 31),
         "2022", "2022"),
        (FuzzyDate(2022, 6, 2), DatePrecision.DAY, date(2022, 6, 2), date(2022, 6, 2),
         "2 June 2022", "2022-06-02"),
    ],
)
def test_bounds_and_uk_long_form(value, precision, earliest, latest, written, iso):
    assert value.precision is precision
    assert value.earliest() == earliest
    assert value.latest() == latest
    assert str(value) == written
    assert value.isoformat() == iso
    assert FuzzyDate.parse(iso) == value


def test_parse_reads_iso_forms_and_surrounding_space():
    assert FuzzyDate.parse(" 2022-02-07 ") == FuzzyDate(2022, 2, 7)
    assert FuzzyDate.parse("2022-02") == FuzzyDate(2022, 2)
    assert FuzzyDate.parse("2022") == FuzzyDate(2022)


def test_from_date_is_known_to_the_day():
    assert FuzzyDate.from_date(date(2022, 2, 7)) == FuzzyDate(2022, 2, 7)
    assert FuzzyDate.from_date(date(2022, 2, 7)).precision is DatePrecision.DAY


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("15/02/2022", 'Cannot read "15/02/2022" as a date: write 2022-02-15, 2022-02 or 2022.'),
        ("2022-2", 'Cannot read "2022-2" as a date: write 2022-02-15, 2022-02 or 2022.'),
        ("", 'Cannot read "" as a date: write 2022-02-15, 2022-02 or 2022.'),
        ("2022-13", "There is no month 13: use 1 to 12."),
        ("2022-02-31", "February 2022 has no day 31."),
        ("2023-02-29", "February 2023 has no day 29."),
    ],
)
def test_parse_refuses_unreadable_or_impossible_dates(text, message):
    with pytest.raises(InvalidFuzzyDate) as caught:
        FuzzyDate.parse(text)
    assert str(caught.value) == message


def test_a_day_needs_a_month():
    with pytest.raises(InvalidFuzzyDate, match=r"^A day \(15\) needs a month as well\.$"):
        FuzzyDate(2022, None, 15)


def test_leap_day_exists_in_leap_years():
    assert str(FuzzyDate.parse("2024-02-29")) == "29 February 2024"
