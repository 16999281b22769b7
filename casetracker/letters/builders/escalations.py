"""Letters that challenge a decision: internal review request, ICO complaint, tribunal appeal."""

from __future__ import annotations

from casetracker.letters.constants import SCOTTISH, LetterKind, Regime
from casetracker.letters.fields import lookup
from casetracker.letters.formatting import value_text
from casetracker.letters.layout import (
    Block, Heading, Items, Letter, Para, Table, compose, lines, text,
)
from casetracker.letters.wording import ICO_ADDRESS, SIC_ADDRESS, regime_of

__all__ = ["ico_complaint", "internal_review_request", "tribunal_appeal"]

TRIBUNAL_ADDRESS = (
    "First-tier Tribunal (General Regulatory Chamber)",
    "PO Box 11230",
    "Leicester",
    "LE1 8FQ",
    "grc@justice.gov.uk",
)


def _their_ref(ctx: dict) -> str:
    theirs = text(ctx, "request.their_reference")
    return f" (your reference {theirs})" if theirs else ""


_REVIEW_ASK = {
    Regime.FOIA: ("I am writing to ask for an internal review of your response of {responded} to "
                  "my request for information of {sent}{ref}, made under the Freedom of "
                  "Information Act 2000.",
                  "The Code of Practice under section 45 of the Act expects internal reviews to "
                  "be completed within 20 working days, so I expect your reply by {due}.",
                  "Request for internal review"),
    Regime.EIR: ("I am writing to make representations under regulation 11 of the Environmental "
                 "Information Regulations 2004 about your response of {responded} to my request "
                 "of {sent}{ref}.",
                 "Regulation 11(4) requires your decision within 40 working days of receiving "
                 "these representations, so I expect it by {due}.",
                 "Representations under regulation 11"),
    Regime.FOISA: ("I require you to review your decision under section 20 of the Freedom of "
                   "Information (Scotland) Act 2002. I made my request on {sent}{ref} and you "
                   "responded on {responded}.",
                   "Section 21(1) of the Act requires your response within 20 working days of "
                   "receiving this requirement, so I expect it by {due}.",
                   "Requirement for review"),
    Regime.EISR: ("I require you to review your decision: these are representations under "
                  "regulation 16 of the Environmental Information (Scotland) Regulations 2004. "
                  "I made my request on {sent}{ref} and you responded on {responded}.",
                  "Regulation 16(4) requires your decision within 20 working days of receiving "
                  "these representations, so I expect it by {due}.",
                  "Requirement for review (regulation 16)"),
}


def internal_review_request(ctx: dict) -> Letter:
    """Ask for an internal review: s45 Code of Practice, EIR reg 11, FOISA s20, EISR reg 16."""
    regime = regime_of(ctx)
    ask, timing, subject = _REVIEW_ASK[regime]
    values = {
        "responded": text(ctx, "request.responded"),
        "sent": text(ctx, "request.sent"),
        "ref": _their_ref(ctx),
        "due": text(ctx, "clocks.review_due"),
    }
    body = (
        Para(ask.format(**values)),
        Para("My grounds are:"),
        Items(lines(ctx.get("grounds")), numbered=True),
        Para("Please reconsider your response in the light of these grounds and, where you "
             "agree with them, send me the information."),
        Para(timing.format(**values)),
    )
    return compose(
        LetterKind.INTERNAL_REVIEW_REQUEST, ctx, f"{subject}: {text(ctx, 'request.title')}", body
    )


def _complaint_law(regime: Regime) -> tuple[str, str]:
    if regime is Regime.FOISA:
        return ("Application for a decision under section 47(1) of the Freedom of Information "
                "(Scotland) Act 2002", "apply to the Scottish Information Commissioner for a "
                "decision under section 47(1) of the Freedom of Information (Scotland) Act 2002")
    if regime is Regime.EISR:
        law = ("section 47(1) of the Freedom of Information (Scotland) Act 2002, as applied by "
               "regulation 17 of the Environmental Information (Scotland) Regulations 2004")
        return (f"Application for a decision under {law}",
                f"apply to the Scottish Information Commissioner for a decision under {law}")
    if regime is Regime.SAR:
        return ("Data protection complaint (UK GDPR Article 77)", "complain under Article 77 of "
                "the UK General Data Protection Regulation")
    law = "section 50 of the Freedom of Information Act 2000"
    if regime is Regime.EIR:
        law += ", as applied by regulation 18 of the Environmental Information Regulations 2004"
    return (f"Complaint under {law}", f"complain under {law}")


def _history(ctx: dict, regime: Regime) -> tuple[Para, tuple[str, ...]]:
    """Return the case so far, and the documents the regulator asks to see with a complaint."""
    sent, responded = text(ctx, "request.sent"), text(ctx, "request.responded")
    asked, reviewed = text(ctx, "request.review_requested"), text(ctx, "request.review_responded")
    what = "subject access request" if regime is Regime.SAR else "request"
    story = [f"I sent my {what} on {sent}."]
    documents = [f"my {what} of {sent}"]
    if responded:
        story.append(f"The authority responded on {responded}.")
        documents.append(f"the response of {responded}")
    else:
        due = text(ctx, "clocks.response_due")
        story.append(f"The authority has not responded; its response was due by {due}." if due
                     else "The authority has not responded.")
    if regime is not Regime.SAR and asked:
        story.append(f"I asked for an internal review on {asked}.")
        documents.append(f"my request for an internal review of {asked}")
        if reviewed:
            story.append(f"The authority gave the outcome of the review on {reviewed}.")
            documents.append(f"the internal review outcome of {reviewed}")
        else:
            limit = {
                Regime.FOISA: "20 working days section 21(1) allows",
                Regime.EISR: "20 working days regulation 16(4) allows",
                Regime.FOIA: "40 working days the Code of Practice under section 45 allows",
            }.get(regime, "40 working days regulation 11(4) allows")
            story.append(
                f"The authority has not given the outcome of the review within the {limit}, "
                f"which ended on {text(ctx, 'clocks.review_limit')}."
            )
    return Para(" ".join(story)), tuple(documents)


_IN_TIME = {
    Regime.FOIA: "complaining within six weeks of the final response, as you ask",
    Regime.EIR: "complaining within six weeks of the final response, as you ask",
    Regime.SAR: "complaining within three months of my last contact with the controller, as you "
    "ask",
    Regime.FOISA: "applying within six months of the review response, as section 47(4) requires",
    Regime.EISR: "applying within six months of the review response, as section 47(4) of the "
    "Freedom of Information (Scotland) Act 2002 requires (applied by regulation 17)",
}


def ico_complaint(ctx: dict) -> Letter:
    """Complain to the regulator: FOIA s50 (EIR reg 18), FOISA s47 (EISR reg 17), UK GDPR Art 77."""
    regime = regime_of(ctx)
    subject_law, complain = _complaint_law(regime)
    authority = text(ctx, "authority.name")
    ours = text(ctx, "request.our_reference")
    history, documents = _history(ctx, regime)
    earlier = text(ctx, "ico_reference")
    by = lookup(ctx, "clocks.ico_complaint_by")
    today = ctx.get("today")
    body: list[Block] = [
        Para(f"I am writing to {complain} about how my "
             + ("subject access request" if regime is Regime.SAR else "request")
             + (f" (my reference {ours})" if ours else "") + " has been dealt with."),
        Para(authority, label="Public authority:" if regime is not Regime.SAR else "Controller:"),
        history,
    ]
    if earlier:
        body.append(Para(f"Your office has dealt with this case before, under reference "
                         f"{earlier}."))
    if by and today and today <= by:
        body.append(Para(f"I am {_IN_TIME[regime]} (by {value_text(by)})."))
    elif by and today and regime not in SCOTTISH:
        # The ICO's six weeks (three months for data protection) are a guideline: say why it is late.
        body.append(Para(
            f"I am complaining after {value_text(by)}, the date by which the Information "
            "Commissioner asks for complaints. I ask you to accept it, because: "
            + (text(ctx, "late_reasons") or "the delay was caused by the authority's handling of my "
               "request, set out above.")))
    body += [
        Heading("What I dispute and why"),
        Items(lines(ctx.get("grounds")), numbered=True),
        Heading("Documents enclosed"),
        Para("I enclose copies of:"),
        Items(documents),
        Heading("Chronology"),
        _chronology(ctx),
        Para("Please let me know if you need anything else from me."),
    ]
    regulator = SIC_ADDRESS if regime in SCOTTISH else ICO_ADDRESS
    return compose(
        LetterKind.ICO_COMPLAINT, ctx, f"{subject_law}: {authority}", tuple(body),
        recipient=regulator, salutation="Dear Sir or Madam,",
        references=_labelled(("Our reference", ours), ("ICO reference", earlier)),
    )


def _labelled(*pairs: tuple[str, str]) -> tuple[str, ...]:
    return tuple(f"{label}: {value}" for label, value in pairs if value)


def _chronology(ctx: dict) -> Table:
    rows = tuple(
        tuple(value_text(row.get(part)).strip() for part in ("date", "event", "source", "quote"))
        for row in ctx.get("chronology") or []
    )
    return Table(("Date", "Event", "Source", "Quote"), rows)


def tribunal_appeal(ctx: dict) -> Letter:
    """Appeal a decision notice to the First-tier Tribunal: FOIA s57 and s58 (EIR reg 18)."""
    regime = regime_of(ctx)
    reference = text(ctx, "decision_notice_reference")
    issued = text(ctx, "decision_notice_date")
    appeal_by, today = lookup(ctx, "clocks.appeal_by"), ctx.get("today")
    law = "section 57 of the Freedom of Information Act 2000"
    if regime is Regime.EIR:
        law += ", as applied by regulation 18 of the Environmental Information Regulations 2004"
    # GRC Rules 2009 r22(2)(d): an address where documents may be sent; an email address will do.
    email = text(ctx, "requester.email")
    where = email or ", ".join(lines(lookup(ctx, "requester.address")))
    ico_ref = text(ctx, "ico_reference")
    ico_ref = "" if ico_ref == reference else ico_ref
    sent = text(ctx, "request.sent")
    body: list[Block] = [
        Para(f"I appeal under {law} against the Information Commissioner's decision notice "
             f"{reference} dated {issued}."),
        Para("This notice of appeal gives the information form GRC1 asks for; it can be sent with "
             "or instead of the form (rule 22(2))."),
        Heading("Appellant"),
        Para(text(ctx, "requester.name"), label="Name:"),
        *((Para(where, label="Address for documents:"),) if where else ()),
        Heading("Respondent"),
        Para("The Information Commissioner, " + ", ".join(ICO_ADDRESS[1:]) + "."),
        Heading("The decision notice"),
        Para(f"{reference}, dated {issued}. A copy is attached.", label="Decision notice:"),
        *((Para(ico_ref, label="ICO case reference:"),) if ico_ref else ()),
        Para(text(ctx, "authority.name"), label="Public authority:"),
        *((Para(sent, label="Date of my request:"),) if sent else ()),
        Heading("Grounds of appeal"),
        Para("The decision notice is not in accordance with the law, or the Commissioner ought "
             "to have exercised discretion differently (section 58(1)), because:"),
        Items(lines(ctx.get("grounds")), numbered=True),
        Heading("Result sought"),
        Para(text(ctx, "result_sought")),
        Heading("Time for appealing"),
    ]
    if today and appeal_by and today > appeal_by:
        body += [
            Para(f"This appeal is late: the 28 days allowed by rule 22 of the Tribunal Procedure "
                 f"(First-tier Tribunal) (General Regulatory Chamber) Rules 2009 ended on "
                 f"{value_text(appeal_by)}. I ask the Tribunal to extend the time, because:"),
            Para(text(ctx, "late_reasons")),
        ]
    else:
        body.append(Para(f"This notice is sent within the 28 days allowed by rule 22 of the "
                         "Tribunal Procedure (First-tier Tribunal) (General Regulatory Chamber) "
                         f"Rules 2009, which end on {value_text(appeal_by)}."))
    if ctx.get("chronology"):
        body += [Heading("Chronology"), _chronology(ctx)]
    return compose(
        LetterKind.TRIBUNAL_APPEAL, ctx, f"Notice of appeal against decision notice {reference}",
        tuple(body), recipient=TRIBUNAL_ADDRESS, salutation="Dear Sir or Madam,",
        references=_labelled(("Decision notice", reference), ("ICO reference", ico_ref)),
        enclosures=(f"Decision notice {reference} dated {issued}",),
    )
