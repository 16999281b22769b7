"""Kinds and directions of correspondence."""

from enum import StrEnum


class Direction(StrEnum):
    INCOMING = "incoming"
    OUTGOING = "outgoing"


class CorrespondenceKind(StrEnum):
    """What a letter or email is, in the life of a request; recording one moves the clocks."""

    REQUEST = "request"
    ACKNOWLEDGEMENT = "acknowledgement"
    CLARIFICATION_REQUEST = "clarification-request"
    CLARIFICATION = "clarification"
    FEES_NOTICE = "fees-notice"
    FEE_PAID = "fee-paid"
    EXTENSION_NOTICE = "extension-notice"
    RESPONSE = "response"
    REFUSAL_NOTICE = "refusal-notice"
    INTERNAL_REVIEW_REQUEST = "internal-review-request"
    INTERNAL_REVIEW_OUTCOME = "internal-review-outcome"
    ICO_COMPLAINT = "ico-complaint"
    ICO_CORRESPONDENCE = "ico-correspondence"
    DECISION_NOTICE = "decision-notice"
    APPEAL = "appeal"
    #: The First-tier Tribunal's decision (sent to the parties): opens the Upper Tribunal permission clock.
    TRIBUNAL_DECISION = "tribunal-decision"
    OTHER = "other"

    @property
    def label(self) -> str:
        return (
            self.value.replace("-", " ").capitalize().replace("Ico ", "ICO ")
        )


class CorrespondenceState(StrEnum):
    """Drafts (generated letters not yet sent) do not move the clocks."""

    DRAFT = "draft"
    SENT = "sent"
    RECEIVED = "received"
