"""Gather a letter's context from a request in the database: the plain dict the builders read.

The shape is the one ``casetracker.letters.fields`` describes. Dates are
``datetime.date`` (UK local); the clocks are computed, never typed in. A letter
that is itself a clock event (a response starts the internal review window, a
review request the review clock) has those clocks counted from the letter's date,
unless the event is already recorded.
"""

from __future__ import annotations

import dataclasses
import json
import re
from datetime import date
from typing import Any

from casetracker.deadlines.clocks import DeadlineError, fees_notice_lapses, review_due
from casetracker.deadlines.constants import SCOTTISH_REGIMES, Regime
from casetracker.evidence.chronology import chronology_rows
from casetracker.info_requests.clocks import CaseFacts, ClockName, compute_clocks
from casetracker.info_requests.models import InfoRequest
from casetracker.info_requests.services import case_facts
from casetracker.letters.constants import LetterKind
from casetracker.letters.errors import LetterDataError
from casetracker.letters.fields import COMPUTED_FIELDS, field_names
from casetracker.timeutil import typed_date_problem, uk_long_date, uk_today

__all__ = ["build_context", "parse_override", "parse_value", "set_field"]

K = LetterKind

_CLOCK_FIELDS = {
    ClockName.RESPONSE: "response_due",
    ClockName.REVIEW_WINDOW: "review_request_by",
    ClockName.REVIEW: "review_due",
    ClockName.ICO_COMPLAINT: "ico_complaint_by",
    ClockName.APPEAL: "appeal_by",
}

#: The ``CaseFacts`` date a letter of each kind sets once it is sent.
_LETTER_EVENTS = {
    K.RESPONSE: "response_sent",
    K.REFUSAL_NOTICE: "response_sent",
    K.FEES_NOTICE: "fees_notice",
    K.INTERNAL_REVIEW_REQUEST: "review_requested",
    K.INTERNAL_REVIEW_OUTCOME: "review_outcome",
    K.TRIBUNAL_APPEAL: "appeal_lodged",
}

#: Typed fields that change the dates the clocks are counted from.
_FACT_OVERRIDES = {
    "request.received": "received",
    "request.responded": "response_sent",
    "request.review_requested": "review_requested",
    "request.review_responded": "review_outcome",
    "decision_notice_date": "decision_notice_sent",
}

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_JSON_START = ("[", "{")
_JSON_WORDS = ("true", "false", "null")


def build_context(
    info_request: InfoRequest,
    kind: LetterKind | str,
    *,
    today: date,
    signatory: str | None = None,
    overrides: dict[str, Any] | None = None,
) -> dict:
    """Return the context of a ``kind`` letter about ``info_request``, dated ``today``.

    ``overrides`` maps dotted field names (``requester.name``, ``exemptions``)
    to values that replace what the case gives; a ``today`` among them also
    dates the clocks. ``signatory`` is who signs (an officer's name). Raises
    ``LetterDataError`` for an unknown kind or a name that is not a field of it.
    """
    kind = _kind(kind)
    overrides = dict(overrides or {})
    _check_names(kind, overrides)
    today = overrides.get("today") if isinstance(overrides.get("today"), date) else today
    r = info_request
    recorded = _with_overrides(case_facts(r), overrides)
    ctx: dict[str, Any] = {
        "today": today,
        "request": {
            "our_reference": r.reference,
            "their_reference": r.their_reference,
            "title": r.title,
            "text": r.body,
            "regime": r.regime,
            "sent": r.sent_on,
            "received": r.received_on,
            "responded": recorded.response_sent,
            "review_requested": recorded.review_requested,
            "review_responded": recorded.review_outcome,
        },
        "authority": {
            "name": r.authority.name,
            "email": r.authority.foi_email,
            "address": r.authority.postal_address,
        },
        "requester": {"name": r.requester_name, "email": r.requester_email,
                      "address": r.requester_address},
        "clocks": {},
    }
    if kind.from_authority and not _authority_side(r):
        # "Our" reference in a letter is the writer's: on a requester's case the authority
        # writes, so its reference (ours on file as "theirs") comes first.
        ctx["request"]["our_reference"], ctx["request"]["their_reference"] = (
            r.their_reference, r.reference)
    # An authority team's own type (central government or other) sets its s12 limit (issue 14).
    authority_type = getattr(r.team, "authority_type", None) if getattr(r.team, "is_authority", False) else None
    authority_type = authority_type or getattr(r.authority, "authority_type", None)
    if authority_type:
        ctx["authority"]["type"] = authority_type
    if signatory:
        ctx["signatory"] = {"name": signatory}
    from casetracker.officer.letter_side import add_side_defaults, check_side_rules

    add_side_defaults(ctx, r, kind)  # an FOI office's letter: the assigned officer signs, the s12 estimate
    known = field_names(kind)
    for name, value in (("ico_reference", r.ico_reference),
                        ("decision_notice_reference", r.decision_notice_reference),
                        ("decision_notice_date", recorded.decision_notice_sent)):
        if name in known and value:
            ctx[name] = value
    _add_clocks(ctx, kind, recorded, today)
    if "chronology" in known:
        ctx["chronology"] = chronology_rows(r.id) or _correspondence_rows(r.id)
    if "grounds" in known and kind is not K.INTERNAL_REVIEW_REQUEST:
        grounds = _review_grounds(r.id) or _no_response_grounds(ctx, recorded, today)
        if grounds:
            ctx["grounds"] = grounds
    for name, value in overrides.items():
        set_field(ctx, name, value)
    check_side_rules(ctx, r, kind)
    return ctx


def _authority_side(info_request: InfoRequest) -> bool:
    """Return True when the case belongs to the authority's own team (the "officer" side)."""
    return getattr(info_request.team, "side", "requester") == "authority"


def _correspondence_rows(request_id: int) -> list[dict]:
    """Return the correspondence as chronology rows, for a case with no evidence events yet."""
    from casetracker.correspondence.services import correspondence_for

    return [
        {"date": uk_long_date(c.dated), "event": f"{c.kind_label} ({c.direction})",
         "source": c.subject or "Correspondence", "quote": ""}
        for c in correspondence_for(request_id) if c.dated and c.moves_clocks
    ]


def _no_response_grounds(ctx: dict, facts: CaseFacts, today: date) -> list[str]:
    """Return the ground of a complaint about a request never answered (FOIA s10(1))."""
    due = ctx.get("clocks", {}).get("response_due")
    if facts.response_sent is None and isinstance(due, date) and today > due:
        return [f"The authority has not responded to my request. Its response was due by {uk_long_date(due)}."]
    return []


def _review_grounds(request_id: int) -> list[str]:
    """Return the grounds given in the internal review request, one per paragraph.

    A complaint or appeal usually disputes what the review was asked to put
    right, so those grounds are the starting point; the user can edit them.
    """
    from casetracker.correspondence.constants import CorrespondenceKind
    from casetracker.correspondence.services import correspondence_for

    asked = [c for c in correspondence_for(request_id) if c.kind == CorrespondenceKind.INTERNAL_REVIEW_REQUEST and c.body]
    if not asked:
        return []
    return [p.strip() for p in re.split(r"\n\s*\n", asked[-1].body) if p.strip()]


def _kind(kind: LetterKind | str) -> LetterKind:
    try:
        return LetterKind(kind)
    except ValueError:
        raise LetterDataError({"kind": f"{kind!r} is not a kind of letter."}) from None


def _check_names(kind: LetterKind, overrides: dict[str, Any]) -> None:
    computed = {spec.name for spec in COMPUTED_FIELDS}
    known = {name for name in field_names(kind) - computed if "[]" not in name}
    errors = {}
    for name in overrides:
        if name in computed:
            errors[name] = "This is filled in by the letter itself and cannot be set."
        elif name not in known:
            errors[name] = (f"This is not a field of a {kind.label.lower()}; "
                            "`flask letters kinds` lists the fields.")
    if errors:
        raise LetterDataError(errors)


def _add_clocks(ctx: dict, kind: LetterKind, recorded: CaseFacts, today: date) -> None:
    """Fill ``ctx["clocks"]``, ``request.due`` and the dates counted from this letter.

    Sources are those of ``info_requests.clocks.compute_clocks``; the review
    limit is the longest a review may take (FOIA s45 Code: 40 working days; EIR
    reg 11(4): 40; FOISA s21(1): 20), the fees lapse date FOIA s9(2), EIR reg 8(5).
    """
    try:
        base = compute_clocks(recorded, today)
    except DeadlineError as exc:
        raise LetterDataError({"request": f"The case's dates do not fit together: {exc}"}) from None
    facts, clocks = _as_if_sent(kind, recorded, today), base
    if facts is not recorded:
        try:
            clocks = compute_clocks(facts, today)
        except DeadlineError:
            facts = recorded  # the letter's date comes before a recorded event: count from the case
    for clock in clocks:
        if clock.name in _CLOCK_FIELDS:  # the decision-notice steps and Upper Tribunal clocks fill no field
            ctx["clocks"][_CLOCK_FIELDS[clock.name]] = clock.date
    ctx["request"]["due"] = base[0].date
    if base[0].due.paused and facts.response_sent is None:
        ctx["clocks"]["response_paused"] = base[0].due.pause_reason or "fees"
    regime = Regime(facts.regime)
    if facts.review_requested and regime is not Regime.SAR:
        ctx["clocks"]["review_limit"] = review_due(
            regime, facts.review_requested, exceptional=regime not in SCOTTISH_REGIMES,
            extra_days=facts.extra_days,
        ).date
    if facts.fees_notice:
        try:
            ctx["clocks"]["fees_lapse"] = fees_notice_lapses(
                facts.fees_notice, regime, extra_days=facts.extra_days)
        except DeadlineError:
            pass  # a SAR fee never lapses
    if kind is K.EXTENSION_NOTICE and regime is not Regime.FOISA:
        # The ICO expects a public interest extension of at most 20 further working days.
        # FOISA s10 has no extension: validation refuses the letter rather than crash here.
        extended = compute_clocks(
            dataclasses.replace(recorded, extended=True, extension_notice=today), today)[0]
        ctx["clocks"]["normal_response_due"] = compute_clocks(
            dataclasses.replace(recorded, extended=False), today)[0].date
        ctx["clocks"]["response_due"] = extended.date
        if regime is Regime.FOIA:
            ctx["estimated_decision_date"] = extended.date


def _with_overrides(facts: CaseFacts, overrides: dict[str, Any]) -> CaseFacts:
    """Return ``facts`` with the dates and regime typed in the form or after ``--set``."""
    changes: dict[str, Any] = {}
    for name, fact in _FACT_OVERRIDES.items():
        if name not in overrides:
            continue
        value = overrides[name]
        # An emptied date clears the event, but the clocks cannot run without a receipt date.
        if isinstance(value, date) or (value is None and fact != "received"):
            changes[fact] = value
    try:
        changes["regime"] = Regime(overrides["request.regime"])
    except (KeyError, ValueError):
        pass  # validation names a bad regime
    return dataclasses.replace(facts, **changes)


def _as_if_sent(kind: LetterKind, recorded: CaseFacts, today: date) -> CaseFacts:
    """Return the facts as they will be once this letter is sent on ``today``.

    A letter's dates are counted from its own date, even when an earlier event of
    the same kind is recorded: a review request written today expects its reply
    20 working days from today (s45 Code), not from a review asked for long ago.
    """
    event = _LETTER_EVENTS.get(kind)
    if event is None or getattr(recorded, event) == today:
        return recorded
    return dataclasses.replace(recorded, **{event: today})


def set_field(ctx: dict, name: str, value: Any) -> None:
    """Set dotted ``name`` in ``ctx``; a dict given for a group is merged into it."""
    *groups, leaf = name.split(".")
    target = ctx
    for group in groups:
        if not isinstance(target.get(group), dict):
            target[group] = {}
        target = target[group]
    if isinstance(value, dict) and isinstance(target.get(leaf), dict):
        target[leaf] = {**target[leaf], **value}
    else:
        target[leaf] = value


def parse_override(setting: str) -> tuple[str, Any]:
    """Split ``FIELD=VALUE`` (as typed after ``--set``) into the name and its parsed value.

    Raises ``LetterDataError`` for a setting without ``=`` or a value that does not parse.
    """
    name, sep, text = setting.partition("=")
    name = name.strip()
    if not sep or not name:
        raise LetterDataError({setting: "Write a setting as FIELD=VALUE, e.g. requester.name=Jo Bloggs."})
    try:
        return name, parse_value(text)
    except ValueError as exc:
        raise LetterDataError({name: str(exc)}) from None


def parse_value(text: str) -> Any:
    """Return typed text as a value: ``2022-02-07`` a date, JSON lists, objects and booleans as such.

    Inside JSON, strings in ``YYYY-MM-DD`` form become dates too. Anything else
    stays text (amounts stay text; the letter reads them as pounds). Raises
    ``ValueError`` with a message for an impossible date or broken JSON.
    """
    stripped = text.strip()
    if stripped.startswith(_JSON_START) or stripped in _JSON_WORDS:
        try:
            return _dates_in(json.loads(stripped))
        except json.JSONDecodeError as exc:
            raise ValueError(f"This is not valid JSON: {exc.msg} at character {exc.pos + 1}.") from None
    return _dates_in(text)


def _dates_in(value: Any) -> Any:
    if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        try:
            parsed = date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"{value.strip()} is not a real date.") from None
        problem = typed_date_problem(parsed, uk_today())
        if problem:
            raise ValueError(f"{value.strip()}: {problem}")
        return parsed
    if isinstance(value, list):
        return [_dates_in(v) for v in value]
    if isinstance(value, dict):
        return {k: _dates_in(v) for k, v in value.items()}
    return value
