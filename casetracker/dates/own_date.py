"""Find the date a document bears on its face: its date line, else the earliest plausible date.

A letter is dated by the line that holds its date alone ("3 March 2021", "Date: 03/03/2021",
"Wednesday, 3 March 2021"); that date, not the file's creation time, is when the authority
wrote it, which is what a chronology and a date-range search need (an FOIA s10(1) response is
judged by the date it bears and was sent, not by when its file was saved).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from casetracker.dates.finder import find_dates
from casetracker.dates.fuzzy import DatePrecision

__all__ = ["OwnDate", "OwnDateSource", "document_own_date"]

#: A letter's date line sits near its top: the letterhead, address and references come first.
_DATE_LINE_WITHIN = 60
#: Earlier than this, a date on a released document's first page is a reference, not its date.
_EARLIEST_PLAUSIBLE = date(1980, 1, 1)
# What may stand beside the date on its line: a label, a weekday, punctuation.
_DATE_LINE_EXTRAS = re.compile(
    r"(?i)\b(?:date[ds]?|dated|sent|our\s+ref(?:erence)?|your\s+ref(?:erence)?|on|the|of)\b"
    r"|\b(?:mon|tue|tues|wed|wednes|thu|thurs|fri|sat|satur|sun)(?:day)?\b|[\s:,.;()\-–—|]"
)


class OwnDateSource(StrEnum):
    """Where a document's own date was found."""

    DATE_LINE = "date line"  # a line that holds only the date, as letters do
    FIRST_PAGE = "first page"  # the earliest plausible date written on the first page
    EMAIL_HEADER = "email header"  # an email's Date: (RFC 5322 s3.6.1)
    FILE_METADATA = "file metadata"  # PDF CreationDate, Office created: when the file was made


@dataclass(frozen=True)
class OwnDate:
    """A document's own date and where on it the date was found."""

    date: date
    source: OwnDateSource


def document_own_date(first_page: str, *, today: date) -> OwnDate | None:
    """Return the date ``first_page`` bears, or None when it gives no date to the day.

    The first line near the top that holds a date and nothing else but a label or weekday
    is the date line; failing one, the earliest date to the day written on the page that is
    neither before 1980 nor after ``today``.
    """
    for number, line in enumerate(first_page.splitlines()):
        if number >= _DATE_LINE_WITHIN:
            break
        found = [d for d in find_dates(line) if d.date.precision is DatePrecision.DAY]
        if len(found) != 1:
            continue
        rest = line[: found[0].start] + line[found[0].end :]
        if not _DATE_LINE_EXTRAS.sub("", rest) and _plausible(found[0].date.earliest(), today):
            return OwnDate(found[0].date.earliest(), OwnDateSource.DATE_LINE)
    days = [
        d.date.earliest() for d in find_dates(first_page) if d.date.precision is DatePrecision.DAY
    ]
    plausible = [day for day in days if _plausible(day, today)]
    return OwnDate(min(plausible), OwnDateSource.FIRST_PAGE) if plausible else None


def _plausible(day: date, today: date) -> bool:
    return _EARLIEST_PLAUSIBLE <= day <= today
