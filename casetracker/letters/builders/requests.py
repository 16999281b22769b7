"""Letters the requester sends to ask: FOI, EIR and subject access requests, and the chaser."""

from __future__ import annotations

from casetracker.letters.constants import LetterKind, Regime
from casetracker.letters.layout import Items, Letter, Para, compose, paras, quoted, text
from casetracker.letters.wording import act_name, advice_section, regime_of

__all__ = ["chaser", "eir_request", "foi_request", "subject_access_request"]

_REQUEST_NAMES = {
    Regime.FOIA: "Freedom of Information request",
    Regime.EIR: "Environmental Information Regulations request",
    Regime.FOISA: "Freedom of Information (Scotland) request",
    Regime.SAR: "Subject access request",
    Regime.EISR: "Environmental Information (Scotland) Regulations request",
}


def _reply_to(ctx: dict) -> Para:
    where = text(ctx, "requester.email") or "the address above"
    return Para(f"Please send your reply to {where}.")


def _format(ctx: dict, section: str) -> tuple[Para, ...]:
    wanted = text(ctx, "request.preferred_format")
    if not wanted:
        return ()
    return (Para(f"I would like to receive the information in this form: {wanted} ({section})."),)


def _due(ctx: dict) -> str:
    return text(ctx, "clocks.response_due") or text(ctx, "request.due")


def foi_request(ctx: dict) -> Letter:
    """Write a request under FOIA s1 and s8 (or FOISA s1 and s8)."""
    regime = regime_of(ctx)
    due = _due(ctx)
    body = (
        Para(f"I am writing to make a request for information under {act_name(regime)}."),
        Para("Please send me the following information:"),
        *paras(text(ctx, "request.text")),
        *_format(ctx, "section 11"),
        Para(
            "If any part of this request is unclear, or if answering it in full would exceed "
            "the cost limit, please contact me under your duty to provide advice and "
            f"assistance ({advice_section(regime)}) so that I can refine it, and please send "
            "whatever information you can provide within the limit."
        ),
        Para(
            "If you decide to withhold any of the information, please tell me which exemption "
            "you rely on and why, and send me the rest."
        ),
        Para(
            "The Act requires you to respond promptly and no later than the twentieth working "
            "day after you receive this request (section 10(1))"
            + (f", so I expect your reply by {due}." if due else ".")
        ),
        _reply_to(ctx),
    )
    return compose(
        LetterKind.FOI_REQUEST, ctx, f"{_REQUEST_NAMES[regime]}: {text(ctx, 'request.title')}", body
    )


def eir_request(ctx: dict) -> Letter:
    """Write a request for environmental information under EIR reg 5 (EISR 2004 reg 5 in Scotland)."""
    due = _due(ctx)
    scottish = regime_of(ctx) is Regime.EISR
    regime = Regime.EISR if scottish else Regime.EIR
    presumption, deadline = ("10(2)(b)", "5(2)(a)") if scottish else ("12(2)", "5(2)")
    body = (
        Para(f"I am writing to request environmental information under {act_name(regime)}."),
        Para("Please send me the following information:"),
        *paras(text(ctx, "request.text")),
        *_format(ctx, "regulation 6"),
        Para(
            "If any part of this request is unclear, please contact me under your duty to "
            "provide advice and assistance (regulation 9) so that I can refine it."
        ),
        Para(
            "If you decide to withhold any of the information, please tell me which exception "
            "you rely on, how you weighed the public interest with the presumption in favour "
            f"of disclosure (regulation {presumption}), and send me the rest."
        ),
        Para(
            "The Regulations require you to respond as soon as possible and no later than 20 "
            f"working days after you receive this request (regulation {deadline})"
            + (f", so I expect your reply by {due}." if due else ".")
        ),
        _reply_to(ctx),
    )
    return compose(
        LetterKind.EIR_REQUEST, ctx, f"{_REQUEST_NAMES[regime]}: {text(ctx, 'request.title')}",
        body,
    )


def subject_access_request(ctx: dict) -> Letter:
    """Write a subject access request under UK GDPR Art 15."""
    due = _due(ctx)
    body = (
        Para(
            "I am writing to make a subject access request under Article 15 of the UK General "
            "Data Protection Regulation for a copy of the personal data you hold about me."
        ),
        Para("In particular, please send me:"),
        *paras(text(ctx, "request.text")),
        Para("Please also tell me (Article 15(1) and (2)):"),
        Items((
            "why you use my personal data, and the categories of data concerned;",
            "who you have disclosed it to or will disclose it to, including anyone outside the "
            "UK and the safeguards for those transfers;",
            "how long you will keep it;",
            "where you got it from, if not from me;",
            "whether you use it for automated decision-making, including profiling; and",
            "my rights to have it corrected or erased, to restrict or object to its use, and "
            "to complain to the Information Commissioner.",
        )),
        *_format(ctx, "Article 15(3)"),
        Para(
            "You must respond without undue delay and within one month of receiving this "
            "request (Article 12(3))" + (f", so I expect your reply by {due}." if due else ".")
            + " If you need more information to confirm my identity or to find my data, please "
            "tell me promptly."
        ),
        _reply_to(ctx),
    )
    return compose(
        LetterKind.SAR, ctx, f"{_REQUEST_NAMES[Regime.SAR]}: {text(ctx, 'request.title')}", body
    )


_NEXT_STEP = {
    Regime.FOIA: "If I do not receive a response soon, I will complain to the Information "
    "Commissioner under section 50 of the Freedom of Information Act 2000.",
    Regime.EIR: "If I do not receive a response soon, I will make representations under "
    "regulation 11 and may then complain to the Information Commissioner.",
    Regime.FOISA: "If I do not receive a response soon, I will require a review of your "
    "failure to respond under section 20 of the Act and may then apply to the Scottish "
    "Information Commissioner.",
    Regime.SAR: "If I do not receive a response soon, I will complain to the Information "
    "Commissioner.",
    Regime.EISR: "If I do not receive a response soon, I will require a review of your failure "
    "to respond under regulation 16 and may then apply to the Scottish Information Commissioner.",
}


def chaser(ctx: dict) -> Letter:
    """Remind the authority its response is overdue: FOIA s10(1), EIR reg 5(2), GDPR Art 12(3)."""
    regime = regime_of(ctx)
    due = _due(ctx)
    theirs = text(ctx, "request.their_reference")
    reference = f" (your reference {theirs})" if theirs else ""
    limit = "one month" if regime is Regime.SAR else "20 working days"
    body = (
        Para(
            f"On {text(ctx, 'request.sent')} I sent you a request{reference} under "
            f"{act_name(regime)}. The law required a response within {limit}"
            + (f", by {due}." if due else ".")
            + " I have not received a response, and it is now overdue."
        ),
        *quoted(ctx, "My request was:"),
        Para("Please send your response as soon as possible, and tell me when I can expect it."),
        Para(_NEXT_STEP[regime]),
        _reply_to(ctx),
    )
    return compose(LetterKind.CHASER, ctx, f"Overdue response: {text(ctx, 'request.title')}", body)
