"""Dates known to the day, the month or only the year, as events on a chronology often are."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

__all__ = ["DatePrecision", "FuzzyDate", "InvalidFuzzyDate", "MONTH_NAMES"]


class DatePrecision(StrEnum):
    """How exactly a date is known."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"

# Fixed English names, because calendar.month_name follows the process locale
# and letters and bundles must always read "7 February 2022".
MONTH_NAMES = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

_ISO_PARTIAL = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


class InvalidFuzzyDate(ValueError):
    """A date that does not exist or cannot be read (e.g. 31 February, "2022-13")."""


@dataclass(frozen=True)
class FuzzyDate:
    """Hold a date known to the day, the month or the year, never more exactly than given.

    ``FuzzyDate(2022, 2, 15)`` is 15 February 2022; ``FuzzyDate(2022, 7)`` is
    July 2022, some day of it; ``FuzzyDate(2022)`` is some day of 2022.
    Raises ``InvalidFuzzyDate`` for a day without a month or a date that does
    not exist.
    """

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise InvalidFuzzyDate(f"A day ({self.day}) needs a month as well.")
        if not 1 <= self.year <= 9999:
            raise InvalidFuzzyDate(f"{self.year} is not a year we can record.")
        if self.month is not None and not 1 <= self.month <= 12:
            raise InvalidFuzzyDate(f"There is no month {self.month}: use 1 to 12.")
        if self.day is not None:
            last = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= last:
                raise InvalidFuzzyDate(
                    f"{MONTH_NAMES[self.month]} {self.year} has no day {self.day}."
                )

    @classmethod
    def parse(cls, text: str) -> FuzzyDate:
        """Read an ISO date to the day, month or year: "2022-02-15", "2022-02" or "2022".

        Raises ``InvalidFuzzyDate`` for any other text or a date that does not exist.
        """
        cleaned = text.strip()
        match = _ISO_PARTIAL.fullmatch(cleaned)
        if match is None:
            raise InvalidFuzzyDate(
                f'Cannot read "{text}" as a date: write 2022-02-15, 2022-02 or 2022.'
            )
        year, month, day = (int(part) if part else None for part in match.groups())
        return cls(year, month, day)

    @classmethod
    def from_date(cls, value: date) -> FuzzyDate:
        """Wrap a ``datetime.date`` known to the day."""
        return cls(value.year, value.month, value.day)

    @property
    def precision(self) -> DatePrecision:
        """Say whether the date is known to the day, the month or only the year."""
        if self.day is not None:
            return DatePrecision.DAY
        if self.month is not None:
            return DatePrecision.MONTH
        return DatePrecision.YEAR

    def earliest(self) -> date:
        """Return the first day the date could be (1 July 2022 for "July 2022")."""
        return date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> date:
        """Return the last day the date could be (31 July 2022 for "July 2022")."""
        month = self.month or 12
        return date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def isoformat(self) -> str:
        """Write the date as "2022-02-15", "2022-02" or "2022", the form ``parse`` reads."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def __str__(self) -> str:
        """Write the date in UK long form: "15 February 2022", "February 2022" or "2022"."""
        if self.month is None:
            return str(self.year)
        if self.day is None:
            return f"{MONTH_NAMES[self.month]} {self.year}"
        return f"{self.day} {MONTH_NAMES[self.month]} {self.year}"
