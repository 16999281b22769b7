"""The retention schedule: how long each kind of record is kept, and when one has expired.

Pure: plain values in, plain values out. Keeping personal data no longer than
needed is UK GDPR Art 5(1)(e) (storage limitation); the controller must say
how long it keeps each kind (Art 13(2)(a), Art 30(1)(f)). The periods below are
defaults for the deployer to set, not law.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Mapping


class RecordType(StrEnum):
    """The kinds of record the schedule covers."""

    CLOSED_REQUESTS = "closed_requests"
    DOCUMENTS = "documents"
    REQUESTER_DETAILS = "requester_details"
    UNASSIGNED_MAIL = "unassigned_mail"
    AUDIT_EVENTS = "audit_events"
    GENERATED_LETTERS = "generated_letters"


@dataclass(frozen=True)
class Rule:
    """One line of the schedule: what, how long, counted from when, what happens, and why that long."""

    record_type: RecordType
    label: str
    months: int
    counted_from: str
    action: str
    why: str


#: Default periods in months (``RETENTION_MONTHS`` in config overrides any of them).
DEFAULT_MONTHS: dict[str, int] = {
    RecordType.CLOSED_REQUESTS: 36,
    RecordType.DOCUMENTS: 36,
    RecordType.REQUESTER_DETAILS: 24,
    RecordType.UNASSIGNED_MAIL: 6,
    RecordType.AUDIT_EVENTS: 72,
    RecordType.GENERATED_LETTERS: 3,
}

_TEXT = {
    RecordType.CLOSED_REQUESTS: (
        "Closed requests and their correspondence", "the last action on the closed request",
        "deleted, with correspondence, evidence, clocks and documents",
        "The National Archives' retention guidance for FOI case files under the Lord Chancellor's Code of "
        "Practice on the management of records (FOIA 2000 s46): request, correspondence and response kept "
        "3 years from the last action; longer (commonly 6) where an ICO complaint or appeal followed."),
    RecordType.DOCUMENTS: (
        "Documents on closed requests (files and their text)", "the last action on the closed request",
        "deleted; the file is removed from disk when nothing else refers to it, and from search",
        "Part of the FOI case file (s46 Code, as above); released information is kept by the authority "
        "itself, so the tracker's copy need not outlive the case."),
    RecordType.REQUESTER_DETAILS: (
        "Requester details (name, email, postal address)", "the last action on the closed request",
        "anonymised everywhere (request, correspondence, pages, files, search, audit); the case stays",
        "Covers internal review (40 working days, s45 Code), ICO complaint (s50) and tribunal appeal; "
        "the case file needs no identity after that (UK GDPR Art 5(1)(c), (e))."),
    RecordType.UNASSIGNED_MAIL: (
        "Mail waiting to be assigned", "the day it was imported",
        "deleted with its stored file",
        "Mail no request was found for is not part of any case file; six months is ample to assign it."),
    RecordType.AUDIT_EVENTS: (
        "Audit events", "the day of the event",
        "deleted (a narrow, audited exception to the audit trail's immutability)",
        "Six years, the limitation period for most claims (Limitation Act 1980 ss2, 5), in which the "
        "handling of a case may have to be shown."),
    RecordType.GENERATED_LETTERS: (
        "Generated letters never sent (drafts)", "the day the draft was generated",
        "deleted with their .docx",
        "A draft that was never sent is not a record of the case; a sent letter is correspondence and "
        "follows the closed request."),
}


def rules(months: Mapping[str, int] | None = None) -> list[Rule]:
    """Return the schedule: the defaults with ``months`` (record type -> months) laid over them.

    Raises ValueError for an unknown record type or a period that is not a positive whole number.
    """
    chosen = dict(DEFAULT_MONTHS)
    for key, value in (months or {}).items():
        if key not in DEFAULT_MONTHS:
            raise ValueError(f"RETENTION_MONTHS: {key!r} is not a record type "
                             f"({', '.join(sorted(DEFAULT_MONTHS))}).")
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(f"RETENTION_MONTHS: {key} must be a whole number of months, 1 or more.")
        chosen[key] = value
    return [Rule(kind, _TEXT[kind][0], chosen[kind], *_TEXT[kind][1:]) for kind in RecordType]


def months_by_type(months: Mapping[str, int] | None = None) -> dict[str, int]:
    """Return {record type: months} of the schedule."""
    return {rule.record_type.value: rule.months for rule in rules(months)}


def add_months(day: date, months: int) -> date:
    """Return the same day ``months`` later, or the month's last day (31 January + 1 month = 28/29 February)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def cutoff(today: date, months: int) -> date:
    """Return the last day a record counted from may have started on and be expired on ``today``."""
    month = today.month - 1 - months
    year, month = today.year + month // 12, month % 12 + 1
    return date(year, month, min(today.day, calendar.monthrange(year, month)[1]))


def has_expired(started: date, months: int, today: date) -> bool:
    """Return True when ``months`` from ``started`` have passed by ``today`` (the anniversary itself included)."""
    return add_months(started, months) <= today
