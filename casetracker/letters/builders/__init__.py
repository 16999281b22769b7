"""The built-in letters: one function per kind, grouped by family, each ctx -> Letter."""

from __future__ import annotations

from collections.abc import Callable

from casetracker.letters.builders import decisions, escalations, notices, requests
from casetracker.letters.constants import LetterKind
from casetracker.letters.layout import Letter

__all__ = ["BUILDERS"]

K = LetterKind

BUILDERS: dict[LetterKind, Callable[[dict], Letter]] = {
    K.FOI_REQUEST: requests.foi_request,
    K.EIR_REQUEST: requests.eir_request,
    K.SAR: requests.subject_access_request,
    K.CHASER: requests.chaser,
    K.ACKNOWLEDGEMENT: notices.acknowledgement,
    K.CLARIFICATION_REQUEST: notices.clarification_request,
    K.FEES_NOTICE: notices.fees_notice,
    K.EXTENSION_NOTICE: notices.extension_notice,
    K.REFUSAL_NOTICE: decisions.refusal_notice,
    K.RESPONSE: decisions.response,
    K.INTERNAL_REVIEW_OUTCOME: decisions.internal_review_outcome,
    K.INTERNAL_REVIEW_REQUEST: escalations.internal_review_request,
    K.ICO_COMPLAINT: escalations.ico_complaint,
    K.TRIBUNAL_APPEAL: escalations.tribunal_appeal,
}
