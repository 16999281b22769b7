"""Regime-aware sentences that several letters share, the rights paragraphs above all."""

from __future__ import annotations

from casetracker.letters.constants import SCOTTISH, LetterKind, Regime
from casetracker.letters.fields import lookup
from casetracker.letters.formatting import value_text

__all__ = [
    "ICO_ADDRESS",
    "SIC_ADDRESS",
    "act_name",
    "advice_section",
    "regime_of",
    "rights_paragraph",
]

ICO_ADDRESS = (
    "Information Commissioner's Office",
    "Wycliffe House",
    "Water Lane",
    "Wilmslow",
    "Cheshire SK9 5AF",
)
SIC_ADDRESS = (
    "Scottish Information Commissioner",
    "Kinburn Castle",
    "Doubledykes Road",
    "St Andrews",
    "Fife KY16 9DS",
)
_ICO_HOW = (
    "You can complain online at ico.org.uk/make-a-complaint or write to the Information "
    "Commissioner's Office, Wycliffe House, Water Lane, Wilmslow, Cheshire SK9 5AF."
)
_SIC_HOW = (
    "You can write to the Scottish Information Commissioner, Kinburn Castle, Doubledykes "
    "Road, St Andrews, Fife KY16 9DS."
)

_ACTS = {
    Regime.FOIA: "the Freedom of Information Act 2000",
    Regime.EIR: "the Environmental Information Regulations 2004",
    Regime.FOISA: "the Freedom of Information (Scotland) Act 2002",
    Regime.SAR: "the UK General Data Protection Regulation",
    Regime.EISR: "the Environmental Information (Scotland) Regulations 2004",
}


def regime_of(ctx: dict) -> Regime:
    """Return the regime of the request in ``ctx`` (validated beforehand)."""
    return Regime(lookup(ctx, "request.regime"))


def act_name(regime: Regime) -> str:
    """Return the law in full, e.g. "the Freedom of Information Act 2000"."""
    return _ACTS[regime]


def advice_section(regime: Regime) -> str:
    """Return the duty to advise and assist: FOIA s16, EIR reg 9, FOISA s15, EISR reg 9."""
    return {
        Regime.FOIA: "section 16",
        Regime.EIR: "regulation 9",
        Regime.FOISA: "section 15",
        Regime.SAR: "Article 12(2)",
        Regime.EISR: "regulation 9",
    }[regime]


def _write_to_us(ctx: dict) -> str:
    """Return "Please write to us at X by D (...), quoting our reference R." for a review."""
    email = value_text(lookup(ctx, "authority.email"))
    ref = value_text(lookup(ctx, "request.our_reference"))
    date = lookup(ctx, "clocks.review_request_by")
    when = (
        f"by {value_text(date)} (40 working days from the date of this response)"
        if date else "within 40 working days of the date of this response"
    )
    where = f" at {email}" if email else ""
    quoting = f", quoting our reference {ref}" if ref else ""
    return f"Please write to us{where} {when}{quoting}."


def rights_paragraph(kind: LetterKind, ctx: dict) -> str:
    """Return the paragraph telling the requester how to challenge the letter.

    One paragraph, so render code can check that it survived a team template.
    Refusal notices and responses: internal review and the regulator (FOIA
    s17(7), EIR reg 14(5) with reg 11 and reg 18, FOISA s19 with s20 and s47,
    EISR reg 13(e) with reg 16 and reg 17).
    Review outcomes: the regulator only. A SAR: the ICO (UK GDPR Art 77).
    """
    regime = regime_of(ctx)
    if regime is Regime.SAR:
        return (
            "If you are unhappy with how we have handled your request, please tell us. "
            "You also have the right to complain to the Information Commissioner under "
            "Article 77 of the UK General Data Protection Regulation, and to apply to a "
            "court under section 167 of the Data Protection Act 2018. " + _ICO_HOW
        )
    if kind is LetterKind.INTERNAL_REVIEW_OUTCOME:
        return _after_review(ctx, regime)
    write = _write_to_us(ctx)
    if regime is Regime.FOIA:
        return (
            f"If you are unhappy with this response, you can ask us for an internal review. "
            f"{write} We aim to complete reviews within 20 working days. If you are still "
            "unhappy after the internal review, you have the right to complain to the "
            "Information Commissioner under section 50 of the Freedom of Information Act "
            "2000. " + _ICO_HOW
        )
    if regime is Regime.EIR:
        return (
            "If you are unhappy with this response, you can make representations to us "
            "under regulation 11 of the Environmental Information Regulations 2004 and ask "
            f"us to reconsider. {write} We will tell you our decision within 40 working days "
            "of receiving your representations. If you are still unhappy, you have the right "
            "to complain to the Information Commissioner under section 50 of the Freedom of "
            "Information Act 2000, as applied by regulation 18 of the Regulations. " + _ICO_HOW
        )
    if regime is Regime.EISR:
        return (
            "If you are dissatisfied with this response, you can make representations to us "
            "under regulation 16 of the Environmental Information (Scotland) Regulations 2004 "
            f"and require us to review our decision. {write} Please say why you are dissatisfied. "
            "We will tell you our decision within 20 working days of receiving your "
            "representations (regulation 16(4)). If you are still dissatisfied after our review, "
            "you can apply to the Scottish Information Commissioner for a decision under section "
            "47 of the Freedom of Information (Scotland) Act 2002, as applied by regulation 17, "
            "within six months of receiving our review response. " + _SIC_HOW
        )
    return (
        "If you are dissatisfied with this response, you can require us to review our "
        "decision under section 20 of the Freedom of Information (Scotland) Act 2002. "
        f"{write} Please say why you are dissatisfied. We will reply within 20 working days "
        "of receiving your requirement for review. If you are still dissatisfied after our "
        "review, you can apply to the Scottish Information Commissioner for a decision "
        "under section 47 of the Act within six months of receiving our review response. "
        + _SIC_HOW
    )


def _after_review(ctx: dict, regime: Regime) -> str:
    if regime in SCOTTISH:
        applied = ", as applied by regulation 17 of the Environmental Information (Scotland) " \
            "Regulations 2004," if regime is Regime.EISR else ""
        return (
            "If you are still dissatisfied, you can apply to the Scottish Information "
            "Commissioner for a decision under section 47 of the Freedom of Information "
            f"(Scotland) Act 2002{applied} within six months of receiving this review response. "
            + _SIC_HOW + " If you disagree with the Commissioner's decision, you can appeal to the "
            "Court of Session on a point of law only, within 42 days of receiving the decision "
            "(section 56 of the Act)."
        )
    law = "section 50 of the Freedom of Information Act 2000"
    if regime is Regime.EIR:
        law += ", as applied by regulation 18 of the Environmental Information Regulations 2004"
    deadline = lookup(ctx, "clocks.ico_complaint_by")
    timing = f", that is by {value_text(deadline)}" if deadline else ""
    return (
        "If you are not satisfied with the outcome of this review, you have the right to "
        f"complain to the Information Commissioner under {law}. The Information "
        f"Commissioner asks for complaints within six weeks of the final response{timing}. "
        + _ICO_HOW
    )
