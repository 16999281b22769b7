"""A computed deadline together with how it was counted, for display next to the date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Iterable

from casetracker.timeutil import short_date


#: How the engine writes a day in explanations, e.g. ``Thu 2 Jun 2022``.
format_day = short_date


def join_words(items: Iterable[str]) -> str:
    """Return ``["a", "b", "c"]`` as ``"a, b and c"``."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


@dataclass(frozen=True, slots=True)
class SkippedDay:
    """A weekday that was not counted, and why (a bank holiday, a proclaimed day)."""

    date: date
    reason: str

    def __str__(self) -> str:
        return f"{format_day(self.date)} ({self.reason})"


@dataclass(frozen=True, slots=True)
class ComputedDate:
    """A deadline: the date, the rule that set it and how it was counted.

    ``start`` is day 0 of the count (the date of receipt, of clarification, of
    the response...). ``skipped`` lists only weekdays that did not count
    (bank holidays and admin-added days), never plain weekends. ``paused`` is
    True while a fees notice is unpaid: no response is due, and ``date`` is then
    the last day to pay (or the notice date for a SAR, which never lapses); or
    while a clarification asked for is awaited, dated the day it was asked for.
    """

    date: date
    rule: str
    start: date
    skipped: tuple[SkippedDay, ...] = ()
    #: How far from ``start``: "20 working days", "one calendar month", "28 days".
    period: str = ""
    #: Further steps of the count, in order: clarification, fees pause, moves.
    notes: tuple[str, ...] = ()
    paused: bool = False
    #: Why a paused clock is paused: "fees" (FOIA s10(2)) or "clarification" (s1(3)).
    pause_reason: str = ""
    #: How ``period`` relates to ``start`` in words: "after", or "beginning with" (FOIA s9(2)).
    relation: str = "after"

    def explain(self) -> str:
        """Return the count in words, e.g. "20 working days after Tue 24 May 2022; skipped ..."."""
        parts = [f"{self.period} {self.relation} {format_day(self.start)}" if self.period else format_day(self.date)]
        parts.extend(self.notes)
        if self.skipped:
            parts.append("skipped " + join_words(str(day) for day in self.skipped))
        return "; ".join(parts)

    def __str__(self) -> str:
        return self.date.isoformat()
