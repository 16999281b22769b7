"""Tie an imported email to a request, suggest its kind and its direction, from visible cues."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from casetracker.mail.constants import SuggestedKind
from casetracker.mail.parsed import ParsedMessage

__all__ = [
    "KindSuggestion",
    "RequestKeys",
    "RequestMatch",
    "find_matches",
    "find_references",
    "guess_direction",
    "match_request",
    "suggest_kind",
]

# ICO case references: "IC-151664-D5Q4" today, "FS50123456" on older decision notices.
_ICO_REFERENCE = re.compile(r"(?<![A-Za-z0-9])(?:IC-\d{5,6}-[A-Z0-9]{4}|FS50\d{6})(?![A-Za-z0-9])", re.I)
_DECISION_NOTICE = re.compile(r"\bdecision notice\b", re.I)
_CUES: tuple[tuple[SuggestedKind, re.Pattern[str]], ...] = (
    (SuggestedKind.ICO_CORRESPONDENCE, _ICO_REFERENCE),
    (SuggestedKind.ICO_CORRESPONDENCE, re.compile(r"\bInformation Commissioner\b", re.I)),
    (SuggestedKind.INTERNAL_REVIEW_OUTCOME, re.compile(r"\binternal review\b", re.I)),
    (SuggestedKind.REFUSAL_NOTICE, re.compile(r"\brefus\w*", re.I)),
    # FOIA exemptions are ss21-44 (Part II); "s40(2)", "s.43(2)", "section 40".
    (SuggestedKind.REFUSAL_NOTICE, re.compile(r"\bsection (?:2[1-9]|3\d|4[0-4])\b(?:\(\d\))?", re.I)),
    (SuggestedKind.REFUSAL_NOTICE, re.compile(r"\bs\.? ?(?:2[1-9]|3\d|4[0-4])\(\d\)", re.I)),
    (SuggestedKind.REFUSAL_NOTICE, re.compile(r"\bexempt\w*", re.I)),
    (SuggestedKind.ACKNOWLEDGEMENT, re.compile(r"\backnowledg\w*", re.I)),
    (SuggestedKind.ACKNOWLEDGEMENT, re.compile(r"\bwe (?:have )?received your (?:\w+ )?request\b", re.I)),
    (SuggestedKind.RESPONSE, re.compile(r"\bplease find attached\b", re.I)),
    (SuggestedKind.RESPONSE, re.compile(r"\bresponse to your (?:\w+ ){0,3}request\b", re.I)),
)
# Shorter references (a bare "12") would match any number in a letter.
_MIN_REFERENCE_LENGTH = 4


@dataclass(frozen=True)
class RequestKeys:
    """What identifies one request in mail: its references and the Message-IDs already imported into it.

    Message-IDs carry no angle brackets.
    """

    request_id: int
    our_reference: str
    their_reference: str | None
    ico_references: tuple[str, ...]
    message_ids: frozenset[str]


@dataclass(frozen=True)
class RequestMatch:
    """A request a message points to, and why, in words for the user ("reference IC-151664-D5Q4")."""

    request_id: int
    reason: str


@dataclass(frozen=True)
class KindSuggestion:
    """The suggested kind of a message and the exact phrase that suggested it (None for "other")."""

    kind: SuggestedKind
    cue: str | None


def find_references(text: str) -> set[str]:
    """Return the ICO case references in ``text``, upper-cased (``IC-151664-D5Q4``, ``FS50123456``)."""
    return {match.group(0).upper() for match in _ICO_REFERENCE.finditer(text or "")}


def find_matches(message: ParsedMessage, candidates: Iterable[RequestKeys]) -> tuple[RequestMatch, ...]:
    """Return every request the message points to, one entry per request, in candidate order.

    A request matches when one of its references (ours, theirs, or an ICO
    case reference) appears in the subject or body as a whole word, ignoring
    case, or when the message's In-Reply-To or References names a message
    already imported into it.
    """
    text = f"{message.subject}\n{message.body_text}"
    thread = {message.in_reply_to, *message.references} - {None}
    matches: list[RequestMatch] = []
    for keys in candidates:
        reason = _reference_reason(keys, text) or _thread_reason(keys, thread)
        if reason:
            matches.append(RequestMatch(keys.request_id, reason))
    return tuple(matches)


def match_request(message: ParsedMessage, candidates: Iterable[RequestKeys]) -> int | None:
    """Return the id of the one request the message points to; None when none does, or several do."""
    request_ids = {match.request_id for match in find_matches(message, candidates)}
    return request_ids.pop() if len(request_ids) == 1 else None


def suggest_kind(subject: str, body: str) -> KindSuggestion:
    """Suggest what a message is from the words in its subject, then its body.

    "Decision notice" with an ICO case reference anywhere makes a decision
    notice. Otherwise the first cue in the subject wins, else the first cue in
    the body, because letters end with boilerplate (rights to an internal
    review and to complain to the Information Commissioner, FOIA s17(7)) that
    would otherwise outvote their opening line.
    """
    subject, body = subject or "", body or ""
    decision = _DECISION_NOTICE.search(subject) or _DECISION_NOTICE.search(body)
    if decision and (find_references(subject) or find_references(body)):
        return KindSuggestion(SuggestedKind.DECISION_NOTICE, decision.group(0))
    for text in (subject, body):
        earliest = _earliest_cue(text)
        if earliest is not None:
            return earliest
    return KindSuggestion(SuggestedKind.OTHER, None)


def guess_direction(
    sender_address: str, *, authority_domains: set[str], team_addresses: set[str]
) -> Literal["incoming", "outgoing"] | None:
    """Say whether a message came from the request's public authority or was sent by the team.

    A sender among ``team_addresses`` means outgoing; a sender whose domain is
    one of ``authority_domains`` or a subdomain of one means incoming; anything
    else is None, for the user to decide.
    """
    address = (sender_address or "").strip().lower()
    if "@" not in address:
        return None
    if address in {team.strip().lower() for team in team_addresses}:
        return "outgoing"
    domain = address.rpartition("@")[2]
    for authority in authority_domains:
        authority = authority.strip().lower().lstrip("@.")
        if authority and (domain == authority or domain.endswith("." + authority)):
            return "incoming"
    return None


def _earliest_cue(text: str) -> KindSuggestion | None:
    """Return the kind whose cue comes first in ``text`` (the earlier rule on a tie), or None."""
    best: tuple[int, int, KindSuggestion] | None = None
    for rank, (kind, pattern) in enumerate(_CUES):
        match = pattern.search(text)
        if match and (best is None or (match.start(), rank) < best[:2]):
            best = (match.start(), rank, KindSuggestion(kind, match.group(0)))
    return best[2] if best else None


def _reference_reason(keys: RequestKeys, text: str) -> str | None:
    """Return "reference X" for the first of the request's references found in ``text``."""
    for reference in (keys.our_reference, keys.their_reference, *keys.ico_references):
        reference = (reference or "").strip()
        if len(reference) >= _MIN_REFERENCE_LENGTH and _whole_word(reference).search(text):
            return f"reference {reference}"
    return None


def _thread_reason(keys: RequestKeys, thread: set[str]) -> str | None:
    """Return "reply to <id>" when the message replies to a message of the request."""
    for message_id in sorted(thread):
        if message_id.strip("<>") in keys.message_ids:
            return f"reply to <{message_id.strip('<>')}>"
    return None


def _whole_word(reference: str) -> re.Pattern[str]:
    """Match ``reference`` as a whole word: not inside a longer word or a longer reference ("FOI-12" in "FOI-123")."""
    return re.compile(rf"(?<![\w])(?<![\w][-/]){re.escape(reference)}(?![\w])(?![-/]\w)", re.I)
