"""Dates known to the day, the month or only the year: now shared, in ``casetracker.dates.fuzzy``."""

from casetracker.dates.fuzzy import MONTH_NAMES, DatePrecision, FuzzyDate, InvalidFuzzyDate

__all__ = ["DatePrecision", "FuzzyDate", "InvalidFuzzyDate", "MONTH_NAMES"]
