"""Find the dates written in a text: now shared, in ``casetracker.dates.finder``."""

from casetracker.dates.finder import FoundDate, find_dates

__all__ = ["FoundDate", "find_dates"]
