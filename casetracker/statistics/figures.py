"""Figures per public authority over a team's tracked requests: pure arithmetic over ``CaseTiming`` rows.

Timeliness is the performance report's (``officer.performance``): a response is
on time when dated on or before the due date the deadline engine computes
(FOIA s10(1), EIR reg 5(2), FOISA s10(1), EISR reg 5(2)(a), UK GDPR Art 12(3),
moved by clarification, fees and extensions). **Late** counts the requests whose
lateness is settled and that were not on time: answered after the due date, or
unanswered past it with the clock running. The percentage late is over the
settled requests, as the percentage on time is.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from datetime import date

from casetracker.officer.performance import CaseTiming, counts, exemption_counts

__all__ = ["OUTCOME_NAMES", "authority_figures", "percentile", "figures_by_authority"]

#: ``InfoRequest.outcome`` values as the statistics name them.
OUTCOME_NAMES = {
    "disclosed-in-full": "granted",
    "disclosed-in-part": "part",
    "refused": "refused",
    "not-held": "not_held",
}
REVIEW_RESULTS = ("upheld", "partly-upheld", "overturned", "other", "not recorded", "pending")


def percentile(values: list[int], share: float) -> float | None:
    """Return the nearest-rank percentile: the smallest value with at least ``share`` of the values at or below it.

    90th of [5, 10, 20, 30]: rank ceil(0.9 * 4) = 4, so 30. None for no values.
    """
    if not values:
        return None
    ordered = sorted(values)
    return float(ordered[max(math.ceil(share * len(ordered)), 1) - 1])


def authority_figures(cases: list[CaseTiming], today: date) -> dict:
    """Return one authority's figures (the ``reports authorities --json`` entry, without its name)."""
    timing = counts(cases, today)
    settled = sum(c.settled(today) for c in cases)
    late = sum(c.settled(today) and not c.on_time for c in cases)
    days = [c.working_days for c in cases if c.answered and c.working_days is not None]
    outcomes = Counter(OUTCOME_NAMES[c.outcome] for c in cases if c.answered and c.outcome in OUTCOME_NAMES)
    reviews = [c for c in cases if c.review_requested is not None]
    ended = Counter(c.review_result for c in reviews)
    return {
        "requests": timing["received"],
        "answered": timing["answered"],
        "answered_late": sum(c.answered and not c.on_time for c in cases),
        "late": late,
        #: Requests whose lateness is settled: answered, or past due with the clock running.
        "settled": settled,
        "percent_late": round(100 * late / settled, 1) if settled else None,
        "median_working_days": float(statistics.median(days)) if days else None,
        "p90_working_days": percentile(days, 0.9),
        "outcomes": {name: outcomes.get(name, 0) for name in OUTCOME_NAMES.values()},
        "exemptions": dict(exemption_counts(cases)),
        "internal_reviews": {"requested": len(reviews),
                             "outcomes": {r: ended[r] for r in REVIEW_RESULTS if ended.get(r)}},
        "ico_complaints": sum(c.ico_complaint for c in cases),
        "decision_notices": sum(c.decision_notice for c in cases),
    }


SORTS = {
    # Most late first; an authority with nothing settled yet goes last.
    "late": lambda row: (row["percent_late"] is None, -(row["percent_late"] or 0), row["authority"].lower()),
    "requests": lambda row: (-row["requests"], row["authority"].lower()),
    "name": lambda row: row["authority"].lower(),
}


def figures_by_authority(cases: list[CaseTiming], today: date, sort: str = "late") -> list[dict]:
    """Return ``{"authority", "authority_id", **authority_figures}`` per authority, sorted by ``SORTS[sort]``."""
    groups: dict[int | None, list[CaseTiming]] = {}
    for c in cases:
        groups.setdefault(c.authority_id, []).append(c)
    rows = [{"authority": group[0].authority, "authority_id": key, **authority_figures(group, today)}
            for key, group in groups.items()]
    return sorted(rows, key=SORTS.get(sort, SORTS["late"]))
