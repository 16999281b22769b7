"""Kinds of correspondence the mail layer can suggest."""

from __future__ import annotations

from enum import StrEnum


class SuggestedKind(StrEnum):
    """What an imported email appears to be; the user confirms or corrects it."""

    ACKNOWLEDGEMENT = "acknowledgement"
    RESPONSE = "response"
    REFUSAL_NOTICE = "refusal_notice"
    INTERNAL_REVIEW_OUTCOME = "internal_review_outcome"
    ICO_CORRESPONDENCE = "ico_correspondence"
    DECISION_NOTICE = "decision_notice"
    OTHER = "other"
