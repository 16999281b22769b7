"""Statuses, outcomes, nations and visibility of requests."""

from enum import StrEnum


class Nation(StrEnum):
    ENGLAND = "england"
    WALES = "wales"
    SCOTLAND = "scotland"
    NORTHERN_IRELAND = "northern-ireland"
    UK_WIDE = "uk-wide"


class RequestStatus(StrEnum):
    """Where a request stands; moved by recording correspondence, never by hand."""

    AWAITING_RESPONSE = "awaiting-response"
    AWAITING_CLARIFICATION = "awaiting-clarification"
    AWAITING_FEE = "awaiting-fee"
    RESPONDED = "responded"
    INTERNAL_REVIEW = "internal-review"
    REVIEWED = "reviewed"
    ICO_COMPLAINT = "ico-complaint"
    DECISION_NOTICE = "decision-notice"
    APPEAL = "appeal"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return self.value.replace("-", " ").replace("ico", "ICO").capitalize().replace("Ico", "ICO")


#: Statuses in which the authority still owes the first response.
AWAITING_RESPONSE_STATUSES = frozenset(
    {RequestStatus.AWAITING_RESPONSE, RequestStatus.AWAITING_CLARIFICATION, RequestStatus.AWAITING_FEE}
)


class Outcome(StrEnum):
    """What the response gave (FOIA s1, s17)."""

    PENDING = "pending"
    DISCLOSED_IN_FULL = "disclosed-in-full"
    DISCLOSED_IN_PART = "disclosed-in-part"
    REFUSED = "refused"
    NOT_HELD = "not-held"

    @property
    def label(self) -> str:
        return self.value.replace("-", " ").capitalize()


class Visibility(StrEnum):
    TEAM = "team"
    PRIVATE = "private"
