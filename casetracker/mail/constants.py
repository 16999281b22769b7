"""Kinds of correspondence the mail layer can suggest, and what importing a message did."""

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


class ImportStatus(StrEnum):
    """What importing one message did; the words the CLI's ``--json`` prints."""

    IMPORTED = "imported"
    DUPLICATE = "duplicate"
    UNASSIGNED = "unassigned"
    FAILED = "failed"


#: Mail from the Information Commissioner's Office comes to us: incoming, like the authority's.
ICO_EMAIL_DOMAIN = "ico.org.uk"
