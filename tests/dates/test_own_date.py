"""A document's own date: its date line, else the earliest plausible date on its first page."""

from __future__ import annotations

from datetime import date

import pytest

from casetracker.dates.own_date import OwnDate, OwnDateSource, document_own_date

TODAY = date(2026, 12, 1)
LETTERHEAD = "Highways Department\nCounty Hall\nCardiff CF10 4UW\nOur ref: FOI/2021/118\n"
BODY = "\nDear Ms Evans,\nThank you for your request of 1 February 2021, received on 2 February 2021.\n"


@pytest.mark.parametrize("line", [
    "3 March 2021", "3rd March 2021", "03/03/2021", "Wednesday, 3 March 2021", "Date: 3 March 2021",
    "Dated 3rd of March 2021", "3.3.2021", "  Wed 3 Mar 2021  ",
])
def test_a_letters_date_line_in_any_usual_uk_form_dates_it(line):
    assert document_own_date(LETTERHEAD + line + BODY, today=TODAY) == OwnDate(date(2021, 3, 3), OwnDateSource.DATE_LINE)


def test_without_a_date_line_the_earliest_plausible_date_on_the_page_is_taken():
    text = ("Minutes of the board. The contract signed on 5 May 1975 was reviewed on 14 February 2022 "
            "and again on 2 March 2022; the next review is on 1 January 2099.")
    assert document_own_date(text, today=TODAY) == OwnDate(date(2022, 2, 14), OwnDateSource.FIRST_PAGE)


def test_a_future_date_line_is_not_the_letters_date():
    text = "Notice of hearing\n1 January 2099\nThe hearing was listed on 9 September 2026."
    assert document_own_date(text, today=TODAY) == OwnDate(date(2026, 9, 9), OwnDateSource.FIRST_PAGE)


@pytest.mark.parametrize("text", ["", "No dates here at all.", "Published in March 2021, revised 2022."])
def test_a_page_without_a_date_to_the_day_has_no_own_date(text):
    assert document_own_date(text, today=TODAY) is None
