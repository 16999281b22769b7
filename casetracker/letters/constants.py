"""Kinds of letter, regimes and the fixed words a letter chooses between."""

from __future__ import annotations

from enum import StrEnum


class LetterKind(StrEnum):
    """A letter casetracker can write; the value is the id used in URLs and the CLI."""

    FOI_REQUEST = "foi-request"
    EIR_REQUEST = "eir-request"
    SAR = "sar"
    ACKNOWLEDGEMENT = "acknowledgement"
    CLARIFICATION_REQUEST = "clarification-request"
    FEES_NOTICE = "fees-notice"
    EXTENSION_NOTICE = "extension-notice"
    REFUSAL_NOTICE = "refusal-notice"
    RESPONSE = "response"
    INTERNAL_REVIEW_REQUEST = "internal-review-request"
    INTERNAL_REVIEW_OUTCOME = "internal-review-outcome"
    CHASER = "chaser"
    ICO_COMPLAINT = "ico-complaint"
    TRIBUNAL_APPEAL = "tribunal-appeal"

    @property
    def label(self) -> str:
        """Return the name a person reads in a menu."""
        return _KIND_LABELS[self]

    @property
    def from_authority(self) -> bool:
        """Return True when the public authority writes this letter to the requester."""
        return self in _AUTHORITY_LETTERS


_KIND_LABELS = {
    LetterKind.FOI_REQUEST: "Freedom of information request",
    LetterKind.EIR_REQUEST: "Environmental information request",
    LetterKind.SAR: "Subject access request",
    LetterKind.ACKNOWLEDGEMENT: "Acknowledgement",
    LetterKind.CLARIFICATION_REQUEST: "Request for clarification",
    LetterKind.FEES_NOTICE: "Fees notice",
    LetterKind.EXTENSION_NOTICE: "Extension notice",
    LetterKind.REFUSAL_NOTICE: "Refusal notice",
    LetterKind.RESPONSE: "Response",
    LetterKind.INTERNAL_REVIEW_REQUEST: "Internal review request",
    LetterKind.INTERNAL_REVIEW_OUTCOME: "Internal review outcome",
    LetterKind.CHASER: "Chaser for an overdue response",
    LetterKind.ICO_COMPLAINT: "Complaint to the Information Commissioner",
    LetterKind.TRIBUNAL_APPEAL: "Notice of appeal to the First-tier Tribunal",
}

_AUTHORITY_LETTERS = frozenset(
    {
        LetterKind.ACKNOWLEDGEMENT,
        LetterKind.CLARIFICATION_REQUEST,
        LetterKind.FEES_NOTICE,
        LetterKind.EXTENSION_NOTICE,
        LetterKind.REFUSAL_NOTICE,
        LetterKind.RESPONSE,
        LetterKind.INTERNAL_REVIEW_OUTCOME,
    }
)


class Regime(StrEnum):
    """The law a request is made under."""

    FOIA = "foia"
    EIR = "eir"
    FOISA = "foisa"
    SAR = "sar"
    #: Environmental Information (Scotland) Regulations 2004.
    EISR = "eisr"


#: Regimes of environmental information: "exceptions" in "the Regulations" (EIR 2004, EISR 2004).
ENVIRONMENTAL = frozenset({Regime.EIR, Regime.EISR})
#: Regimes of the Scottish Information Commissioner and the requirement for review (FOISA 2002, EISR 2004).
SCOTTISH = frozenset({Regime.FOISA, Regime.EISR})


class Likelihood(StrEnum):
    """How likely the harm of a prejudice-based exemption is, in the words of the Act."""

    #: More probable than not.
    WOULD = "would"
    #: A real and significant risk, though not more probable than not.
    WOULD_BE_LIKELY_TO = "would be likely to"


class ReviewOutcome(StrEnum):
    """What an internal review decided about the original response."""

    UPHELD = "upheld"
    PARTLY_UPHELD = "partly-upheld"
    OVERTURNED = "overturned"
