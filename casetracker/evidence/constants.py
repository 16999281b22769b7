"""Kinds and states of claims, evidence passages, events and assertions."""

from enum import StrEnum

from casetracker.dates.fuzzy import DatePrecision  # noqa: F401  (shared with documents)


class Stance(StrEnum):
    """How an evidence passage bears on a claim."""

    SUPPORTS = "supports"
    CONTRADICTS = "contradicts"
    CONTEXT = "context"


class ClaimStatus(StrEnum):
    """Where a claim stands; computed by ``assertions.claim_status``, never set by hand."""

    UNVERIFIED = "unverified"
    SUPPORTED = "supported"
    CONTRADICTED = "contradicted"
    DISPUTED = "disputed"


class Relation(StrEnum):
    """The order an assertion says two events came in ("first REL second")."""

    BEFORE = "before"
    ON_OR_BEFORE = "on-or-before"
    AFTER = "after"
    SAME_DAY = "same-day"
    WITHIN_WORKING_DAYS = "within-working-days"
    WITHIN_CALENDAR_DAYS = "within-calendar-days"


class Verdict(StrEnum):
    """The outcome of checking an assertion against the events' dates."""

    HOLDS = "holds"
    CONTRADICTED = "contradicted"
    UNKNOWN = "unknown"
