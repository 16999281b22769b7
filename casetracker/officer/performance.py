"""Timeliness figures of an FOI office: pure arithmetic over each request's dates.

A request is **answered on time** when its response went out on or before the
due date the deadline engine computes (FOIA s10(1) 20 working days, moved by a
clarification s1(3), paused by a fees notice s10(2), extended for the public
interest test s10(3) or EIR reg 7). The percentage is taken over the requests
whose timeliness is settled: those answered, and those unanswered whose due
date has passed with the clock running (a request waiting on clarification or
a fee is neither). The ICO expects at least 90%.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

__all__ = ["CaseTiming", "breakdown", "counts", "summarise", "month_key", "quarter_key"]


@dataclass(frozen=True)
class CaseTiming:
    """One request's dates as the report needs them."""

    reference: str
    received: date
    due: date
    officer: str
    answered_on: date | None = None
    #: Working days from receipt (day 0) to the response.
    working_days: int | None = None
    #: True while the office waits on the requester (clarification, fee): the clock is stopped.
    stopped: bool = False
    outcome: str = "pending"
    #: The exemptions (exceptions) the response cited, as ``InfoRequest.exemption_list``.
    exemptions: tuple[str, ...] = ()
    #: The public authority asked (statistics per authority, issue 16).
    authority: str = ""
    authority_id: int | None = None
    #: The internal review: the day it was asked for, and how it ended (``review_result``).
    review_requested: date | None = None
    review_result: str = ""
    ico_complaint: bool = False
    decision_notice: bool = False

    @property
    def answered(self) -> bool:
        return self.answered_on is not None

    @property
    def on_time(self) -> bool:
        return self.answered_on is not None and self.answered_on <= self.due

    def settled(self, today: date) -> bool:
        """Return True when the request counts in the percentage: answered, or late with the clock running."""
        return self.answered or (not self.stopped and today > self.due)


def _percent(on_time: int, settled: int) -> float | None:
    return round(100 * on_time / settled, 1) if settled else None


def summarise(cases: list[CaseTiming], today: date) -> dict:
    """Return ``{"received", "answered", "on_time", "percent_on_time", "median_working_days", "by_officer"}``.

    ``by_officer`` maps each case officer (``"unassigned"`` for none) to
    ``{"received", "answered", "on_time", "percent_on_time"}``. The median is
    over answered requests, in working days; None when nothing was answered.
    """
    days = [c.working_days for c in cases if c.answered and c.working_days is not None]
    by_officer: dict[str, dict] = {}
    for officer in sorted({c.officer for c in cases}):
        mine = [c for c in cases if c.officer == officer]
        by_officer[officer] = counts(mine, today)
    total = counts(cases, today)
    return {
        "received": total["received"],
        "answered": total["answered"],
        "on_time": total["on_time"],
        "percent_on_time": total["percent_on_time"],
        "median_working_days": float(statistics.median(days)) if days else None,
        "by_officer": by_officer,
    }


def counts(cases: list[CaseTiming], today: date) -> dict:
    """Return ``{"received", "answered", "on_time", "percent_on_time"}`` of ``cases``."""
    on_time = sum(c.on_time for c in cases)
    return {"received": len(cases), "answered": sum(c.answered for c in cases), "on_time": on_time,
            "percent_on_time": _percent(on_time, sum(c.settled(today) for c in cases))}


def month_key(day: date) -> str:
    return f"{day.year}-{day.month:02d}"


def quarter_key(day: date) -> str:
    return f"{day.year} Q{(day.month - 1) // 3 + 1}"


def breakdown(cases: list[CaseTiming], today: date) -> dict:
    """Return the figures per month and per quarter of receipt, and the answered requests per outcome and exemption."""
    months: dict[str, list[CaseTiming]] = defaultdict(list)
    quarters: dict[str, list[CaseTiming]] = defaultdict(list)
    for c in cases:
        months[month_key(c.received)].append(c)
        quarters[quarter_key(c.received)].append(c)
    return {
        "months": [(key, counts(months[key], today)) for key in sorted(months)],
        "quarters": [(key, counts(quarters[key], today)) for key in sorted(quarters)],
        "outcomes": sorted(Counter(c.outcome for c in cases if c.answered).items()),
        "exemptions": exemption_counts(cases),
    }


def exemption_counts(cases: list[CaseTiming]) -> list[tuple[str, int]]:
    """Return (exemption, answered requests citing it), most cited first, then by citation."""
    cited = Counter(code for c in cases if c.answered for code in set(c.exemptions))
    return sorted(cited.items(), key=lambda item: (-item[1], item[0]))
