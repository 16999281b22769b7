"""Letters the authority sends while a request is open: acknowledgement to extension."""

from __future__ import annotations

from casetracker.letters.constants import LetterKind, Regime
from casetracker.letters.exemptions import get_exemption
from casetracker.letters.fields import lookup
from casetracker.letters.formatting import money
from casetracker.letters.layout import (
    Heading, Items, Letter, Para, compose, lines, paras, quoted, text,
)
from casetracker.letters.wording import act_name, advice_section, regime_of

__all__ = ["acknowledgement", "clarification_request", "extension_notice", "fees_notice"]

_CLOCK = {
    Regime.FOIA: (
        "The Freedom of Information Act 2000 gives us 20 working days to respond (section "
        "10(1)). The day we received your request is day 0, and weekends and bank holidays in "
        "any part of the UK do not count. If we need to ask you to clarify your request, the "
        "20 working days start again when we receive your reply. If a fee is payable, we will "
        "send you a fees notice, and the days until you pay do not count. If we need to "
        "consider the public interest in withholding some of the information, we may need a "
        "reasonable extra time, and we will write to tell you if so."
    ),
    Regime.EIR: (
        "The Environmental Information Regulations 2004 give us 20 working days to respond "
        "(regulation 5(2)). The day we received your request is day 0, and weekends and bank "
        "holidays in any part of the UK do not count. If your request is too general, we will "
        "ask you to clarify it, and the 20 working days start again when we receive your reply "
        "(regulation 9(4)). If the request is both complex and voluminous, we may extend the "
        "time to 40 working days (regulation 7), and we will write to tell you if so. We will "
        "tell you before we charge for making any information available (regulation 8)."
    ),
    Regime.FOISA: (
        "The Freedom of Information (Scotland) Act 2002 gives us 20 working days to respond "
        "(section 10(1)). The day we received your request is day 0, and weekends and Scottish "
        "bank holidays do not count (section 73). If we need to ask you to clarify your "
        "request, the 20 working days start again when we receive your reply. If a fee is "
        "payable, we will send you a fees notice, and the days until you pay do not count."
    ),
    Regime.EISR: (
        "The Environmental Information (Scotland) Regulations 2004 give us 20 working days to "
        "respond (regulation 5(2)(a)). The day we received your request is day 0, and weekends "
        "and Scottish bank holidays do not count. If your request is too general, we will ask "
        "you for more particulars, and the 20 working days start again when we receive your "
        "reply (regulation 9). If the volume and complexity of the information make it "
        "impracticable to answer in time, we may extend the time by up to 20 further working "
        "days (regulation 7), and we will write to tell you so within the first 20. We will "
        "tell you before we charge for making any information available (regulation 8)."
    ),
    Regime.SAR: (
        "The UK General Data Protection Regulation gives us one month to respond (Article "
        "12(3)). If we need more information to confirm your identity or to clarify your "
        "request, the time starts when we receive it. If your request is complex, or you "
        "have made several, we may extend the time by up to two further months, and we will "
        "tell you within the first month if so."
    ),
}


def _received(ctx: dict) -> str:
    received = text(ctx, "request.received")
    return f", which we received on {received}" if received else ""


def acknowledgement(ctx: dict) -> Letter:
    """Acknowledge a request with its date of receipt, due date and how the clock runs."""
    regime = regime_of(ctx)
    ours = text(ctx, "request.our_reference")
    email = text(ctx, "authority.email")
    privacy = text(ctx, "authority.privacy_notice")
    due = text(ctx, "clocks.response_due") or text(ctx, "request.due")
    body = (
        Para(
            f"Thank you for your request{_received(ctx)}. We are dealing with it under "
            f"{act_name(regime)}" + (f", and our reference is {ours}." if ours else ".")
        ),
        *quoted(ctx, "You asked for:"),
        Para(f"We will respond by {due}."),
        Heading("How the time limit works"),
        Para(_CLOCK[regime]),
        Para(
            "If you have any questions about your request, please contact us"
            + (f" at {email}" if email else "")
            + (f", quoting our reference {ours}." if ours else ".")
        ),
        Para(
            "We use your name and contact details only to deal with your request"
            + (f". Our privacy notice explains how we handle personal data: {privacy}."
               if privacy else ".")
        ),
    )
    return compose(
        LetterKind.ACKNOWLEDGEMENT, ctx, f"Acknowledgement: {text(ctx, 'request.title')}", body
    )


_RESTART = {
    Regime.FOIA: "We cannot deal with your request until we receive your reply (section 1(3) "
    "of the Act). When we receive it, the 20 working days for our response start again from "
    "that day.",
    Regime.EIR: "When we receive your reply, the 20 working days for our response start again "
    "from that day (regulation 9(4)).",
    Regime.FOISA: "We cannot deal with your request until we receive your reply (section 1(3) "
    "of the Act). When we receive it, the 20 working days for our response start again from "
    "that day.",
    Regime.SAR: "The one-month time limit is paused until we receive your reply, and starts "
    "again from that day.",
    Regime.EISR: "When we receive your reply, the 20 working days for our response start again "
    "from that day (regulation 9(4)).",
}


def clarification_request(ctx: dict) -> Letter:
    """Ask the requester to clarify: FOIA s1(3) and s16, EIR reg 9, FOISA s1(3) and s15."""
    regime = regime_of(ctx)
    advice = text(ctx, "advice")
    body = (
        Para(
            f"Thank you for your request{_received(ctx)}. To find the information you want, we "
            "need you to clarify the following:"
        ),
        Items(lines(ctx.get("clarification_points")), numbered=True),
        *((Heading(f"Our advice ({advice_section(regime)})"), *paras(advice)) if advice else ()),
        Para(_RESTART[regime]),
        *quoted(ctx, "You asked for:"),
    )
    return compose(
        LetterKind.CLARIFICATION_REQUEST, ctx,
        f"Clarification needed: {text(ctx, 'request.title')}", body,
    )


_FEE_LAW = {
    Regime.FOIA: ("This letter is a fees notice under section 9 of the Freedom of Information "
                  "Act 2000.", "section 10(2)", " (section 9(2))"),
    Regime.FOISA: ("This letter is a fees notice under section 9 of the Freedom of Information "
                   "(Scotland) Act 2002.", "section 10(2)", " (section 9(4))"),
    Regime.EIR: ("We charge for making this information available, as regulation 8 of the "
                 "Environmental Information Regulations 2004 allows, and we ask you to pay in "
                 "advance.", "regulation 8", ""),
    Regime.EISR: ("We charge for making this information available, as regulation 8 of the "
                  "Environmental Information (Scotland) Regulations 2004 allows, and we ask you "
                  "to pay in advance.", "regulation 8", ""),
}


def fees_notice(ctx: dict) -> Letter:
    """Ask for a fee before answering: FOIA s9 and s10(2), FOISA s9, EIR reg 8."""
    regime = regime_of(ctx)
    notice, pause, lapse_law = _FEE_LAW[regime]
    body = (
        Para(f"We can provide the information you asked for{_received(ctx)}, but a fee is payable."
             f" {notice}"),
        Para(money(lookup(ctx, "fee_amount")) + ".", label="The fee is"),
        Para(text(ctx, "fee_basis"), label="How we worked it out:"),
        Para(text(ctx, "payment_instructions"), label="How to pay:"),
        Para(
            "The days from the date of this notice to the day we receive your payment do not "
            f"count towards the 20 working days we have to respond ({pause})."
        ),
        Para(
            f"If we have not received your payment by {text(ctx, 'clocks.fees_lapse')}"
            + ("" if regime is Regime.EIR else
               ", the last day of the three months beginning with the date of this notice")
            + f", we will not have to answer your request{lapse_law}."
        ),
    )
    return compose(LetterKind.FEES_NOTICE, ctx, f"Fees notice: {text(ctx, 'request.title')}", body)


def _considered(ctx: dict) -> tuple[str, ...]:
    found = []
    for record in ctx.get("exemptions") or []:
        exemption = get_exemption(str(record.get("code")), regime_of(ctx))
        title = str(record.get("title") or exemption.title)
        found.append(f"{exemption.citation[:1].upper() + exemption.citation[1:]} ({title})")
    return tuple(found)


def extension_notice(ctx: dict) -> Letter:
    """Extend the time: FOIA s10(3) and s17(2), EIR reg 7(1), UK GDPR Art 12(3)."""
    regime = regime_of(ctx)
    reason = text(ctx, "extension_reason")
    email = text(ctx, "authority.email")
    if regime is Regime.FOIA:
        considered = _considered(ctx)
        body = (
            Para(
                f"We are writing about your request{_received(ctx)}. We hold information within "
                "its scope, and we are considering whether it is exempt under:"
            ),
            Items(considered),
            Para(
                ("This exemption is" if len(considered) == 1 else "These exemptions are")
                + " qualified, so we must decide whether the public interest "
                "in withholding the information outweighs the public interest in disclosing "
                "it. We have not yet reached a decision on the public interest test. Section "
                "10(3) of the Freedom of Information Act 2000 allows us a reasonable extension "
                "of time to do so, and this letter is the notice section 17(2) requires."
            ),
            *paras(reason),
            Para(
                f"We estimate that we will reach a decision by "
                f"{text(ctx, 'estimated_decision_date')}. The Information Commissioner expects "
                "such extensions to last no more than 20 further working days."
            ),
            Para(
                "If you are unhappy with the way we are handling your request, you can ask us "
                f"for an internal review{f' at {email}' if email else ''}, and you then have "
                "the right to complain to the Information Commissioner under section 50 of the "
                "Act."
            ),
        )
        subject = "Extension of time to consider the public interest"
    else:
        law = (
            "Regulation 7(1) of the Environmental Information Regulations 2004 allows us to "
            "extend the time to 40 working days for a request that is complex and voluminous."
            if regime is Regime.EIR else
            "Regulation 7(1) of the Environmental Information (Scotland) Regulations 2004 allows "
            "us to extend the time by up to 20 further working days where the volume and "
            "complexity of the information make it impracticable to answer within 20, and "
            "regulation 7(2) requires us to tell you, with our reasons (regulation 7(3))."
            if regime is Regime.EISR else
            "Article 12(3) of the UK General Data Protection Regulation allows us to extend the "
            "time by up to two further months for a complex request or several requests."
        )
        body = (
            Para(f"We are writing about your request{_received(ctx)}. We need more time to "
                 f"respond. {law}"),
            *paras(reason),
            Para(f"We will now respond by {text(ctx, 'clocks.response_due')}."),
            Para(
                "If you are unhappy with the extension, you can "
                + ("make representations to us under regulation 16, and you then have the right "
                   "to apply to the Scottish Information Commissioner."
                   if regime is Regime.EISR else
                   ("make representations to us under regulation 11, and you then have"
                    if regime is Regime.EIR else "tell us, and you also have")
                   + " the right to complain to the Information Commissioner.")
            ),
        )
        subject = "Extension of time"
    return compose(
        LetterKind.EXTENSION_NOTICE, ctx, f"{subject}: {text(ctx, 'request.title')}", body
    )
