"""Chargeable activities, consultation outcomes and the money figures of the cost limit."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum


class CostActivity(StrEnum):
    """The only activities whose time counts towards the cost limit.

    The Freedom of Information and Data Protection (Appropriate Limit and Fees)
    Regulations 2004 reg 4(3): determining whether the information is held,
    locating it, retrieving it, and extracting it.
    """

    DETERMINING = "determining"
    LOCATING = "locating"
    RETRIEVING = "retrieving"
    EXTRACTING = "extracting"

    @property
    def label(self) -> str:
        return _ACTIVITY_LABELS[self]


_ACTIVITY_LABELS = {
    CostActivity.DETERMINING: "Determining whether the information is held",
    CostActivity.LOCATING: "Locating the information",
    CostActivity.RETRIEVING: "Retrieving the information",
    CostActivity.EXTRACTING: "Extracting the information",
}


class ConsultationOutcome(StrEnum):
    """What a third party consulted about disclosure said (FOIA s45 Code of Practice, part 4)."""

    PENDING = "pending"
    NO_OBJECTION = "no-objection"
    OBJECTS = "objects"
    NO_REPLY = "no-reply"

    @property
    def label(self) -> str:
        return self.value.replace("-", " ").capitalize()


#: Staff time is charged at £25 an hour (Fees Regulations 2004 reg 4(4)).
HOURLY_RATE = Decimal("25")
#: FOISA: staff time at no more than £15 an hour (Fees for Required Disclosure (Scotland) Regs 2004 reg 3(2)).
FOISA_HOURLY_RATE = Decimal("15")
#: Similar requests from one requester within this many working days are aggregated (Fees Regulations 2004 reg 5(2)).
AGGREGATION_WORKING_DAYS = 60
#: The ICO expects at least this share of requests answered within the statutory time.
ICO_ON_TIME_TARGET = 90
