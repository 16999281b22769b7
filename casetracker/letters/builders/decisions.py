"""Letters that decide a request: refusal notice, response, internal review outcome."""

from __future__ import annotations

from decimal import Decimal

from casetracker.letters.constants import ENVIRONMENTAL, SCOTTISH, LetterKind, Likelihood, Regime, ReviewOutcome
from casetracker.letters.exemption_checks import ncnd_provision, purposes_of
from casetracker.letters.exemptions import NOT_FOR_EMISSIONS, Exemption, get_exemption
from casetracker.letters.formatting import money
from casetracker.letters.layout import (
    Block, Heading, Items, Letter, Para, compose, lines, paras, text,
)
from casetracker.letters.validation import HOURLY_RATE
from casetracker.letters.wording import act_name, advice_section, regime_of, rights_paragraph

__all__ = ["internal_review_outcome", "refusal_notice", "response"]

_RIGHTS_HEADING = "Your right to ask for a review and to complain"

_THRESHOLD = {
    Likelihood.WOULD: "would cause this harm, which we judge more probable than not",
    Likelihood.WOULD_BE_LIKELY_TO: "would be likely to cause this harm: there is a real and "
    "significant risk of it, even if it is not more probable than not",
}

_NCND = {
    Regime.FOIA: "Section 1(1)(a) of the Act gives a general duty to tell you whether we hold "
    "information. That duty does not apply where confirming or denying would itself disclose "
    "exempt information, and we rely on the provisions below to exclude it.",
    Regime.EIR: "Regulation 12(6) (and, for personal data, regulation 13(5A)) allows us to "
    "respond in this way where confirming or denying would itself adversely affect the "
    "interests protected by the exceptions below.",
    Regime.FOISA: "Section 18 of the Act allows us to refuse to reveal whether the information "
    "exists or is held where revealing it would be contrary to the public interest and the "
    "exemptions below would apply to it.",
    Regime.EISR: "Regulation 10(8) (and, for personal data, regulation 11(6)) allows us to "
    "respond in this way where confirming or denying would itself prejudice substantially the "
    "interests protected by the exceptions below and would not be in the public interest.",
}

_NOTICE_LAW = {
    Regime.FOIA: "section 17 of the Act",
    Regime.EIR: "regulation 14 of the Regulations",
    Regime.FOISA: "section 16 of the Act",
    Regime.EISR: "regulation 13 of the Regulations",
}


def _exemption_blocks(record: dict, regime: Regime, ncnd: bool = False) -> list[Block]:
    """Return one exemption's heading and reasoning: FOIA s17(1)(b)-(c), s17(3); FOISA s16; EIR reg 14(3)."""
    exemption: Exemption = get_exemption(str(record.get("code")), regime)
    if ncnd:
        exemption = ncnd_provision(exemption.code, regime)
    title = str(record.get("title") or exemption.title)
    word = "exception" if regime in ENVIRONMENTAL else "exemption"
    law = "the Regulations" if regime in ENVIRONMENTAL else "the Act"
    purposes = purposes_of(record)
    rely = f"We rely on {exemption.citation} of {law}"
    if purposes:
        rely += ", for the purpose" + ("s" if len(purposes) > 1 else "") + " in " + "; ".join(
            f"{'section ' + code.removeprefix('s')} ({words})" for code, words in purposes)
    if ncnd and regime is Regime.FOISA:
        rely += ", with section 18(1)"
    blocks: list[Block] = [
        Heading(f"{exemption.citation[:1].upper() + exemption.citation[1:]}: {title}"),
        Para(rely + "."),
        *paras(record.get("reason")),
    ]
    if record.get("qualified_person_opinion"):
        blocks.append(Para(_clause(record.get("qualified_person_opinion")) + " In the qualified person's "
                           "reasonable opinion the harm described below would follow from disclosure.",
                           label="Qualified person's opinion (section 36(2)):"))
    if exemption.prejudice_based:
        harm = _clause(record.get("harm"))
        what = "confirming or denying whether we hold the information" if ncnd else "disclosure"
        if regime is Regime.EIR:
            blocks.append(Para(
                f"{harm} We consider that {what} would adversely affect these interests, "
                "and that this is more probable than not.", label="Harm:"))
        else:
            likelihood = Likelihood(record.get("likelihood"))
            threshold = _THRESHOLD[likelihood]
            if regime in SCOTTISH:
                threshold = threshold.replace("cause this harm", "cause this substantial prejudice")
            blocks.append(Para(f"{harm} This is a prejudice-based {word}, and we consider that "
                               f"{what} {threshold}.", label="Harm:"))
    if record.get("legitimate_interests"):
        blocks.append(Para(str(record.get("legitimate_interests")).strip(),
                           label="Legitimate interests (UK GDPR Article 6(1)(f)):"))
    if regime in ENVIRONMENTAL and exemption.code in NOT_FOR_EMISSIONS:
        emissions_rule = "10(6)" if regime is Regime.EISR else "12(9)"
        blocks.append(Para(f"The information is not information on emissions, so regulation {emissions_rule} "
                           "does not prevent us from relying on this exception."))
    if exemption.needs_public_interest_test:
        if ncnd:
            weighing = (f"This {word} is qualified, so we have weighed the public interest in maintaining "
                        "the exclusion of the duty to confirm or deny against the public interest in "
                        "telling you whether we hold the information.")
        elif regime in ENVIRONMENTAL:
            presumption = "10(2)(b)" if regime is Regime.EISR else "12(2)"
            weighing = ("We have weighed the public interest, starting from the presumption in favour of "
                        f"disclosure in regulation {presumption}.")
        else:
            weighing = (f"This {word} is qualified, so we have weighed the public interest in maintaining "
                        "it against the public interest in disclosure.")
        blocks += [
            Para(weighing, label="Public interest test:"),
            Para(str(record.get("pit_for", "")).strip(), label="In favour of disclosure:"),
            Para(str(record.get("pit_against", "")).strip(), label="In favour of withholding:"),
            Para(str(record.get("pit_conclusion", "")).strip(), label="Our conclusion:"),
        ]
    elif exemption.absolute and regime in ENVIRONMENTAL:
        test = "10(1)(b)" if regime is Regime.EISR else "12(1)(b)"
        blocks.append(Para(f"The public interest test in regulation {test} does not apply to "
                           "this exception."))
    elif exemption.absolute:
        blocks.append(Para(f"This {word} is absolute, so there is no public interest test."))
    return blocks


def _clause(value: object) -> str:
    """Return free text ending with a full stop, so sentences can follow it."""
    phrase = " ".join(str(value or "").split())
    return phrase if phrase.endswith((".", "!", "?")) else phrase + "."


def _cost_blocks(cost: dict, regime: Regime) -> list[Block]:
    rate = HOURLY_RATE[regime]
    limit = Decimal(str(cost.get("limit")))
    regulations = (
        "the Freedom of Information (Fees for Required Disclosure) (Scotland) Regulations 2004"
        if regime is Regime.FOISA else
        "the Freedom of Information and Data Protection (Appropriate Limit and Fees) "
        "Regulations 2004"
    )
    return [
        Heading("Cost limit (section 12)"),
        Para(
            f"The appropriate limit for us is {money(limit)}, set by {regulations}. At "
            f"{money(rate)} an hour, that is {limit / rate:g} hours of work. We estimate that "
            f"complying with your request would take {cost.get('hours')} hours, so section 12 "
            "means we do not have to comply with it."
        ),
        *paras(cost.get("estimate")),
        Para(str(cost.get("advice", "")).strip(),
             label=f"Advice and assistance ({advice_section(regime)}):"),
    ]


def _vexatious_blocks(vexatious: dict) -> list[Block]:
    repeated = bool(vexatious.get("repeated"))
    heading = (
        "Repeated request (section 14(2))" if repeated else "Vexatious request (section 14(1))"
    )
    what = "a repeat of an earlier request we have answered" if repeated else "vexatious"
    return [
        Heading(heading),
        Para(f"We consider your request {what}, so section 14 means we do not have to comply "
             "with it."),
        *paras(vexatious.get("reason")),
    ]


def _opening(ctx: dict, regime: Regime) -> list[Block]:
    received = text(ctx, "request.received")
    when = f", which we received on {received}," if received else ""
    blocks: list[Block] = [
        Para(f"We have considered your request{when} under {act_name(regime)}. This letter is a "
             f"refusal notice under {_NOTICE_LAW[regime]}.")
    ]
    disclosed = lines(ctx.get("disclosed_items"))
    if ctx.get("ncnd"):
        blocks += [Para("We neither confirm nor deny that we hold the information you asked for."),
                   Para(_NCND[regime])]
    elif ctx.get("exemptions"):
        if disclosed:
            blocks += [Para("We are disclosing part of the information you asked for and "
                            "withholding the rest. We are disclosing:"), Items(disclosed)]
        else:
            blocks.append(Para("We hold the information you asked for, but we are withholding it."))
        blocks.append(Para(text(ctx, "withheld"), label="We are withholding:"))
    else:
        blocks.append(Para("We are refusing your request, for the reasons below."))
    return blocks


def refusal_notice(ctx: dict) -> Letter:
    """Refuse a request (FOIA s17, EIR reg 14, FOISA s16, EISR reg 13), always with the rights paragraph."""
    regime = regime_of(ctx)
    body: list[Block] = _opening(ctx, regime)
    for record in ctx.get("exemptions") or []:
        body += _exemption_blocks(record, regime, bool(ctx.get("ncnd")))
    if ctx.get("cost_limit"):
        body += _cost_blocks(ctx["cost_limit"], regime)
    if ctx.get("vexatious"):
        body += _vexatious_blocks(ctx["vexatious"])
    body += [Heading(_RIGHTS_HEADING), Para(rights_paragraph(LetterKind.REFUSAL_NOTICE, ctx))]
    return compose(
        LetterKind.REFUSAL_NOTICE, ctx, f"Refusal notice: {text(ctx, 'request.title')}", tuple(body)
    )


def response(ctx: dict) -> Letter:
    """Answer a request in full, or say what is not held (FOIA s1(1), EIR reg 5, UK GDPR Art 15)."""
    regime = regime_of(ctx)
    received = text(ctx, "request.received")
    when = f", which we received on {received}," if received else ""
    disclosed, not_held = lines(ctx.get("disclosed_items")), lines(ctx.get("not_held"))
    body: list[Block] = [Para(f"We have dealt with your request{when} under {act_name(regime)}.")]
    if disclosed:
        lead = ("We enclose a copy of the personal data we hold about you:"
                if regime is Regime.SAR else
                "We hold information within the scope of your request, and we are disclosing it:")
        body += [Para(lead), Items(disclosed)]
    if not_held:
        law = {
            Regime.EIR: " We did not hold it when we received your request, so regulation "
            "12(4)(a) applies.",
            Regime.SAR: "",
            Regime.EISR: " We did not hold it when we received your request, so regulation "
            "10(4)(a) applies.",
            # FOISA s17(1): notice that the information is not held.
            Regime.FOISA: " This is notice under section 17(1) of the Act that we do not hold it.",
        }.get(regime, " This confirms, under section 1(1)(a) of the Act, that it is not held.")
        body += [Para("We do not hold information for these parts of your request:"),
                 Items(not_held), Para(f"We have searched for it and found none.{law}")]
    if regime is Regime.SAR:
        body += _sar_supplementary(ctx)
    heading = "Your right to complain" if regime is Regime.SAR else _RIGHTS_HEADING
    body += [Heading(heading), Para(rights_paragraph(LetterKind.RESPONSE, ctx))]
    return compose(
        LetterKind.RESPONSE, ctx, f"Response to your request: {text(ctx, 'request.title')}",
        tuple(body),
    )


#: UK GDPR Art 15(1)(a)-(h) and 15(2): what a controller must tell the data subject besides the copy.
_ART15 = (
    ("purposes", "Why we use your personal data (Article 15(1)(a))"),
    ("categories", "The categories of personal data concerned (Article 15(1)(b))"),
    ("recipients", "Who we have disclosed it to or will disclose it to (Article 15(1)(c))"),
    ("retention", "How long we will keep it, or how we decide that (Article 15(1)(d))"),
    ("source", "Where we got it from, if not from you (Article 15(1)(g))"),
    ("automated", "Automated decision-making, including profiling (Article 15(1)(h))"),
    ("transfers", "Safeguards for transfers outside the UK (Article 15(2))"),
)


def _sar_supplementary(ctx: dict) -> list[Block]:
    """Return Article 15's supplementary information and any exemption relied on (DPA 2018 Sch 2-4)."""
    given = ctx.get("sar_information") or {}
    blocks: list[Block] = [Heading("Information about how we use your data (Article 15)")]
    for key, label in _ART15:
        value = str(given.get(key) or "").strip() if isinstance(given, dict) else ""
        blocks.append(Para(value or "As set out in our privacy notice.", label=f"{label}:"))
    blocks.append(Para(
        "You have the right to ask us to correct or erase your personal data, to restrict or object "
        "to our use of it, and to complain to the Information Commissioner (Article 15(1)(e) and (f))."))
    withheld = lines(ctx.get("sar_exemptions"))
    if withheld:
        blocks += [Para("We have withheld some personal data under these exemptions in the Data "
                        "Protection Act 2018:"), Items(withheld)]
    return blocks


_OUTCOME = {
    ReviewOutcome.UPHELD: "We have reviewed our response and we uphold it.",
    ReviewOutcome.PARTLY_UPHELD: "We have reviewed our response. We uphold part of it and have "
    "changed the rest, as explained below.",
    ReviewOutcome.OVERTURNED: "We have reviewed our response and decided that it was wrong. We "
    "have changed our decision, as explained below.",
}

_REVIEW_NAME = {
    Regime.FOIA: ("an internal review", "Internal review"),
    Regime.EIR: ("a reconsideration under regulation 11", "Reconsideration (regulation 11)"),
    Regime.FOISA: ("a review under section 20", "Review (section 21)"),
    Regime.EISR: ("a review under regulation 16", "Review (regulation 16)"),
}


def internal_review_outcome(ctx: dict) -> Letter:
    """Give the result of an internal review: s45 Code, EIR reg 11(4), FOISA s21, EISR reg 16(4)."""
    regime = regime_of(ctx)
    name, heading = _REVIEW_NAME[regime]
    disclosed = lines(ctx.get("disclosed_items"))
    body: list[Block] = [
        Para(
            f"On {text(ctx, 'request.review_requested')} you asked for {name} of our response "
            f"of {text(ctx, 'request.responded')} to your request. This letter gives the outcome."
        ),
        Para(_OUTCOME[ReviewOutcome(ctx.get("outcome"))]),
        Heading("Our reasons"),
        *paras(ctx.get("review_findings")),
    ]
    if disclosed:
        body += [Para("We are now disclosing:"), Items(disclosed)]
    body += [Heading("If you are still unhappy"),
             Para(rights_paragraph(LetterKind.INTERNAL_REVIEW_OUTCOME, ctx))]
    return compose(
        LetterKind.INTERNAL_REVIEW_OUTCOME, ctx, f"{heading}: {text(ctx, 'request.title')}",
        tuple(body),
    )
