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
    #: "About N days after", within ``ABOUT_TOLERANCE_DAYS`` either way ("about a week": 7, 5 to 9 days).
    ABOUT_DAYS_AFTER = "about-days-after"
    #: "At least N days before" (e.g. a DPIA before processing, UK GDPR Art 35(1)).
    AT_LEAST_DAYS_BEFORE = "at-least-days-before"


#: The tolerance of "about N days": two days either way, stated in every explanation.
ABOUT_TOLERANCE_DAYS = 2


class AssertionEffect(StrEnum):
    """What an assertion's verdict does to its claim.

    ``context`` (the default): a contradicted assertion contradicts the claim, one that
    holds shows only consistency. ``supports``: holding supports the claim, failing
    contradicts it. ``contradicts``: holding contradicts the claim (the dates prove it
    wrong), failing says nothing.
    """

    CONTEXT = "context"
    SUPPORTS = "supports"
    CONTRADICTS = "contradicts"


class Verdict(StrEnum):
    """The outcome of checking an assertion against the events' dates."""

    HOLDS = "holds"
    CONTRADICTED = "contradicted"
    UNKNOWN = "unknown"
