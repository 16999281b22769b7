"""The merge fields each kind of letter reads from its context.

A context is a plain dict. Groups are dicts (``request``, ``authority``,
``requester``, ``clocks``, ``signatory``, ``cost_limit``, ``vexatious``); lists
of records are lists of dicts, whose keys are written ``exemptions[].code``.
Dates are ``datetime.date``; amounts are ``Decimal`` pounds.
"""

from __future__ import annotations

from dataclasses import dataclass

from casetracker.letters.constants import LetterKind as K

__all__ = [
    "BOOLEAN_FIELDS",
    "COMPUTED_FIELDS",
    "FIELDS",
    "FIELDS_BY_KIND",
    "FieldSpec",
    "LINE_FIELDS",
    "field_names",
    "is_required",
    "lookup",
]

#: Lists, one item a line on the letter page (a JSON list of strings in the API).
LINE_FIELDS = frozenset({"grounds", "disclosed_items", "not_held", "clarification_points", "enclosures"})
#: Yes-or-no fields (a JSON true or false in the API).
BOOLEAN_FIELDS = frozenset({"ncnd", "vexatious.repeated", "emissions"})

ALL = frozenset(K)
NONE: frozenset[K] = frozenset()
REQUESTS = frozenset({K.FOI_REQUEST, K.EIR_REQUEST, K.SAR})
FROM_AUTHORITY = frozenset(k for k in K if k.from_authority)


@dataclass(frozen=True)
class FieldSpec:
    """One merge field: its dotted name, what it holds, and the kinds that need it.

    ``used_by`` lists the kinds whose letter prints it; ``required_for`` the kinds
    that cannot be generated without it (a subset of ``used_by``).
    """

    name: str
    description: str
    required_for: frozenset[K] = NONE
    used_by: frozenset[K] = ALL


def _f(name: str, description: str, required_for=NONE, used_by=ALL) -> FieldSpec:
    return FieldSpec(
        name, description, frozenset(required_for), frozenset(used_by) | frozenset(required_for)
    )


_EXEMPTING = {K.REFUSAL_NOTICE, K.EXTENSION_NOTICE}
_REFUSAL = {K.REFUSAL_NOTICE}
_EVENTS = {K.ICO_COMPLAINT, K.TRIBUNAL_APPEAL}

# The groups every letter shares (today, request, authority, requester, clocks,
# signatory, enclosures) are open to every kind; the rest only to the kinds that print them.
FIELDS: tuple[FieldSpec, ...] = (
    _f("today", "Date of the letter.", ALL),
    _f("request.our_reference", "Reference of the person writing the letter."),
    _f("request.their_reference", "Reference of the person the letter goes to."),
    _f("request.title", "Short description of the request, used in the subject line.", ALL),
    _f("request.text", "The information asked for, in the requester's words.", REQUESTS),
    _f("request.regime", "Law the request is made under: foia, eir, foisa, sar or eisr.", ALL),
    _f("request.sent", "Date the requester sent the request.",
       {K.CHASER, K.INTERNAL_REVIEW_REQUEST, K.ICO_COMPLAINT}),
    _f("request.received", "Date the public authority received the request (day 0).",
       {K.ACKNOWLEDGEMENT}),
    _f("request.due", "Due date recorded on the request, used when clocks.response_due is "
       "empty."),
    _f("request.responded", "Date of the authority's response.",
       {K.INTERNAL_REVIEW_REQUEST, K.INTERNAL_REVIEW_OUTCOME}),
    _f("request.review_requested", "Date the requester asked for an internal review.",
       {K.INTERNAL_REVIEW_OUTCOME}),
    _f("request.review_responded", "Date of the internal review outcome."),
    _f("request.preferred_format", "Format the requester would like (FOIA s11)."),
    _f("authority.name", "The public authority (or, for a SAR, the controller).", ALL),
    _f("authority.email", "The authority's address for requests and reviews."),
    _f("authority.address", "The authority's postal address, one line per line."),
    _f("authority.privacy_notice", "Where the authority's privacy notice is published."),
    _f("requester.name", "The requester's real name (FOIA s8(1)(b)).", ALL),
    _f("requester.email", "The requester's email address."),
    _f("requester.address", "The requester's postal address, one line per line."),
    _f("clocks.response_due", "Date the response is due.", {K.ACKNOWLEDGEMENT, K.CHASER}),
    _f("clocks.review_request_by", "Last day to ask for an internal review.", _REFUSAL),
    _f("clocks.review_due", "Date the internal review outcome is due.",
       {K.INTERNAL_REVIEW_REQUEST}),
    _f("clocks.review_limit", "Last day for the review outcome before the regulator will "
       "take a complaint without it (40 working days; FOISA 20)."),
    _f("clocks.ico_complaint_by", "Date six weeks after the final response, by which the "
       "ICO asks for complaints."),
    _f("clocks.appeal_by", "Last day to appeal a decision notice (28 days).",
       {K.TRIBUNAL_APPEAL}),
    _f("clocks.fees_lapse", "Last day to pay the fee before the notice lapses (FOIA s9(2): three "
       "months beginning with the notice).",
       {K.FEES_NOTICE}),
    _f("signatory.name", "Who signs the letter; the requester when empty.", FROM_AUTHORITY),
    _f("signatory.role", "The signatory's job title."),
    _f("enclosures", "Documents sent with the letter, one line each."),
    _f("exemptions", "Exemptions or exceptions relied on, one record each; a refusal "
       "needs one unless it relies on s12 or s14.", used_by=_EXEMPTING),
    _f("exemptions[].code", "Provision, e.g. s40(2) or reg 12(5)(e).", used_by=_EXEMPTING),
    _f("exemptions[].title", "Name of the exemption; the catalogue's when empty.",
       used_by=_EXEMPTING),
    _f("exemptions[].citation", "Provision as a letter writes it, e.g. section 40(2) "
       "(filled in).", used_by=_EXEMPTING),
    _f("exemptions[].reason", "Why the exemption applies to this information.",
       used_by=_EXEMPTING),
    _f("exemptions[].harm", "For a prejudice-based exemption: the harm disclosure would cause.",
       used_by=_EXEMPTING),
    _f("exemptions[].likelihood", "'would' or 'would be likely to'.", used_by=_EXEMPTING),
    _f("exemptions[].pit_for", "Public interest factors in favour of disclosure.",
       used_by=_EXEMPTING),
    _f("exemptions[].pit_against", "Public interest factors in favour of withholding.",
       used_by=_EXEMPTING),
    _f("exemptions[].pit_conclusion", "Where the balance of the public interest lies, and why.",
       used_by=_EXEMPTING),
    _f("exemptions[].qualified_person_opinion", "FOIA s36: who, as qualified person, gave the "
       "reasonable opinion, and when.", used_by=_EXEMPTING),
    _f("exemptions[].legitimate_interests", "Personal data (s40(2), reg 13, FOISA s38(1)(b)): the "
       "legitimate interests assessment.", used_by=_EXEMPTING),
    _f("exemptions[].purposes", "FOIA s31(1)(g)-(i): the s31(2) purposes, e.g. s31(2)(c).",
       used_by=_EXEMPTING),
    _f("ncnd", "True to neither confirm nor deny that the information is held.",
       used_by=_REFUSAL),
    _f("emissions", "True if the information is on emissions (EIR reg 12(9), EISR reg 10(6)).", used_by=_REFUSAL),
    _f("withheld", "What information is withheld.", used_by=_REFUSAL),
    _f("disclosed_items", "Information disclosed, one line each.",
       used_by={K.REFUSAL_NOTICE, K.RESPONSE, K.INTERNAL_REVIEW_OUTCOME}),
    _f("not_held", "Parts of the request for which no information is held, one line each.",
       used_by={K.RESPONSE}),
    _f("cost_limit", "The cost limit refusal (FOIA s12, FOISA s12), when used.",
       used_by=_REFUSAL),
    _f("cost_limit.hours", "Estimated hours to comply.", used_by=_REFUSAL),
    _f("cost_limit.limit", "Appropriate limit in pounds: 600 or 450 (FOISA 600).",
       used_by=_REFUSAL),
    _f("cost_limit.estimate", "How the estimate was reached.", used_by=_REFUSAL),
    _f("cost_limit.advice", "Advice on narrowing the request (FOIA s16).", used_by=_REFUSAL),
    _f("vexatious", "The vexatious or repeated request refusal (FOIA s14), when used.",
       used_by=_REFUSAL),
    _f("vexatious.reason", "Why the request is vexatious or repeated.", used_by=_REFUSAL),
    _f("vexatious.repeated", "True for a repeated request (s14(2)) rather than a vexatious one.",
       used_by=_REFUSAL),
    _f("grounds", "Grounds of the review request, complaint or appeal, one each.",
       {K.INTERNAL_REVIEW_REQUEST, K.ICO_COMPLAINT, K.TRIBUNAL_APPEAL}, NONE),
    _f("fee_amount", "Fee to pay, in pounds.", {K.FEES_NOTICE}, NONE),
    _f("fee_basis", "How the fee was worked out.", {K.FEES_NOTICE}, NONE),
    _f("payment_instructions", "How to pay the fee.", {K.FEES_NOTICE}, NONE),
    _f("estimated_decision_date", "Date by which the public interest decision is expected.",
       used_by={K.EXTENSION_NOTICE}),
    _f("extension_reason", "Why more time is needed (EIR reg 7, UK GDPR Art 12(3)).",
       used_by={K.EXTENSION_NOTICE}),
    _f("clarification_points", "What is unclear in the request, one point each.",
       {K.CLARIFICATION_REQUEST}, NONE),
    _f("advice", "Advice and assistance on how to frame or narrow the request (FOIA s16).",
       used_by={K.CLARIFICATION_REQUEST}),
    _f("outcome", "Review outcome: upheld, partly-upheld or overturned.",
       {K.INTERNAL_REVIEW_OUTCOME}, NONE),
    _f("review_findings", "The reviewer's reasons.", {K.INTERNAL_REVIEW_OUTCOME}, NONE),
    _f("chronology", "Dated events of the case, one record each.", {K.ICO_COMPLAINT}, _EVENTS),
    _f("chronology[].date", "Date of the event (a date, or text such as 'July 2022').",
       used_by=_EVENTS),
    _f("chronology[].event", "What happened.", used_by=_EVENTS),
    _f("chronology[].source", "Document and page that shows it.", used_by=_EVENTS),
    _f("chronology[].quote", "Exact words from the source.", used_by=_EVENTS),
    _f("ico_reference", "ICO case reference, e.g. IC-151664-D5Q4.", used_by=_EVENTS),
    _f("decision_notice_reference", "Reference of the decision notice appealed.",
       {K.TRIBUNAL_APPEAL}, NONE),
    _f("decision_notice_date", "Date of the decision notice.", {K.TRIBUNAL_APPEAL}, NONE),
    _f("result_sought", "What the appellant asks the Tribunal to decide.", {K.TRIBUNAL_APPEAL},
       NONE),
    _f("late_reasons", "Why the appeal or complaint is late, when it is.",
       used_by={K.TRIBUNAL_APPEAL, K.ICO_COMPLAINT}),
    _f("sar_exemptions", "SAR: each DPA 2018 exemption relied on and what it withholds, one line each.",
       used_by={K.RESPONSE}),
)

#: Fields render code fills in; a team template may use them but a context never sets them.
COMPUTED_FIELDS: tuple[FieldSpec, ...] = (
    _f("regime_name", "The law in full, e.g. 'the Freedom of Information Act 2000'."),
    _f("subject", "The subject line of the built-in letter."),
    _f("rights_paragraph", "Internal review and complaint rights; a refusal notice template "
       "must contain it.", used_by={K.REFUSAL_NOTICE, K.RESPONSE, K.INTERNAL_REVIEW_OUTCOME}),
    _f("letter_body", "The whole built-in letter, to place on a letterhead with "
       "{{p letter_body }}."),
)

FIELDS_BY_KIND: dict[K, tuple[FieldSpec, ...]] = {
    kind: tuple(spec for spec in FIELDS + COMPUTED_FIELDS if kind in spec.used_by) for kind in K
}


def field_names(kind: K) -> frozenset[str]:
    """Return every name a template of ``kind`` may use, group names included.

    A group (``request``) and a list (``exemptions``) are names too, so a template
    may write ``{% if cost_limit %}`` or ``{% for e in exemptions %}``.
    """
    names = {spec.name for spec in FIELDS_BY_KIND[kind]}
    for name in list(names):
        parts = name.split(".")
        names.update(".".join(parts[:i]) for i in range(1, len(parts)))
    return frozenset(n.removesuffix("[]") for n in names) | frozenset(names)


def is_required(spec: FieldSpec, kind: K) -> bool:
    """Return True when ``kind`` cannot be generated without ``spec``."""
    return kind in spec.required_for


def lookup(ctx: dict, name: str) -> object:
    """Return the value at dotted ``name`` in ``ctx``, or None when any step is missing."""
    value: object = ctx
    for part in name.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value
