"""Import requests from a spreadsheet saved as CSV (an officer's Excel log, a WhatDoTheyKnow export).

One header row, columns in any order: ``title, authority, regime, sent,
received, our_reference, their_reference, requester_name, requester_email,
response_date, outcome``; only ``title``, ``authority`` and ``received`` are
required. Each row is stored in its own savepoint through the same services a
user's form goes through (``open_request``, ``record_correspondence``), so its
clocks are computed and audited like any other; a bad row is reported by line
and reason and nothing of it is stored.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Iterator

from casetracker.audit.services import record_event
from casetracker.auth.models import Team, User
from casetracker.correspondence.constants import CorrespondenceKind, Direction
from casetracker.correspondence.services import CorrespondenceError, record_correspondence
from casetracker.deadlines.constants import Regime
from casetracker.extensions import db
from casetracker.info_requests.constants import Outcome
from casetracker.info_requests.models import PublicAuthority
from casetracker.info_requests.services import RequestDataError, get_or_create_authority, open_request

COLUMNS = ("title", "authority", "regime", "sent", "received", "our_reference", "their_reference",
           "requester_name", "requester_email", "response_date", "outcome")
REQUIRED = ("title", "authority", "received")
#: Dates as ISO (2022-05-24) or as UK spreadsheets write them (24/05/2022).
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")
#: Column width limits, those of ``InfoRequest``; a longer value is refused, never cut.
_LIMITS = {"title": 300, "authority": 300, "our_reference": 40, "their_reference": 100,
           "requester_name": 200, "requester_email": 254}


class CsvFileError(ValueError):
    """The file as a whole cannot be read as a CSV of requests; nothing was stored."""


class _RowError(ValueError):
    """One row's data is wrong; the message says what, in the user's words."""


@dataclass
class ImportReport:
    """How many rows became requests, and each refused row's line number and reason."""

    imported: int = 0
    failed: list[tuple[int, str]] = field(default_factory=list)
    references: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"imported": self.imported, "failed": [{"line": line, "reason": why} for line, why in self.failed]}


def _text(data: bytes) -> str:
    """Decode the upload; refuse what is plainly not a text CSV (a workbook, a PDF, a picture)."""
    if b"\x00" in data[:65536]:
        raise CsvFileError("This is not a CSV file (it holds binary data); in Excel, use Save As → CSV UTF-8.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            raise CsvFileError("This is not a CSV file: its text is neither UTF-8 nor Windows-1252.") from None


def read_rows(data: bytes) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield ``(line number, {column: value})`` for each non-empty row after the header.

    Raises CsvFileError for binary data, a missing header, unknown or missing
    columns. Line numbers count the header as line 1, as a spreadsheet does.
    """
    reader = csv.reader(io.StringIO(_text(data), newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise CsvFileError("The file is empty: it needs a header row naming the columns.") from None
    except csv.Error as error:
        raise CsvFileError(f"This is not a CSV file: {error}.") from None
    names = [h.strip().lower().replace(" ", "_") for h in header]
    unknown = [h for h in names if h and h not in COLUMNS]
    missing = [c for c in REQUIRED if c not in names]
    if unknown or missing:
        parts = []
        if missing:
            parts.append(f"no {', '.join(missing)} column")
        if unknown:
            parts.append(f"unknown column{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}")
        raise CsvFileError(f"The first row must name the columns ({', '.join(COLUMNS)}); found {'; '.join(parts)}.")
    if len(set(names)) != len(names):
        raise CsvFileError("A column is named twice in the header row.")
    line = 1
    while True:
        start = reader.line_num + 1
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise CsvFileError(f"Line {start} cannot be read as CSV: {error}.") from None
        line = start
        if not any(v.strip() for v in values):
            continue
        if len(values) > len(names):
            yield line, {"__error__": f"it has {len(values)} values but the header names {len(names)} columns"}
            continue
        yield line, {name: value.strip() for name, value in zip(names, values) if name}


def _date(row: dict[str, str], column: str) -> date | None:
    value = row.get(column, "")
    if not value:
        return None
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise _RowError(f"{column} {value!r} is not a date (write 2022-05-24 or 24/05/2022)")


def _values(row: dict[str, str]) -> dict[str, Any]:
    """Check one row and return the services' arguments; raise _RowError naming the column at fault."""
    if "__error__" in row:
        raise _RowError(row["__error__"])
    for column in REQUIRED:
        if not row.get(column):
            raise _RowError(f"{column} is empty")
    for column, limit in _LIMITS.items():
        if len(row.get(column, "")) > limit:
            raise _RowError(f"{column} is longer than {limit} characters")
    regime = row.get("regime", "").lower() or None
    if regime and regime not in {r.value for r in Regime}:
        raise _RowError(f"regime {row['regime']!r} is not one of {', '.join(r.value for r in Regime)}")
    outcome = row.get("outcome", "").lower().replace(" ", "-") or None
    answers = [o.value for o in Outcome if o is not Outcome.PENDING]
    if outcome and outcome not in answers:
        raise _RowError(f"outcome {row['outcome']!r} is not one of {', '.join(answers)}")
    response_date = _date(row, "response_date")
    if outcome and response_date is None:
        raise _RowError("an outcome needs the response_date of the response that gave it")
    received = _date(row, "received")
    if response_date and received and response_date < received:
        raise _RowError("response_date is before the request was received")
    email = row.get("requester_email", "")
    if email and "@" not in email:
        raise _RowError(f"requester_email {email!r} is not an email address")
    return {
        "title": row["title"], "authority": row["authority"], "regime": regime,
        "sent_on": _date(row, "sent"), "received_on": received,
        "reference": row.get("our_reference") or None, "their_reference": row.get("their_reference", ""),
        "requester_name": row.get("requester_name", ""), "requester_email": email,
        "response_date": response_date, "outcome": outcome,
    }


def import_requests_csv(data: bytes, *, team: Team, actor: User | None) -> ImportReport:
    """Open a request for each good row of a CSV file in ``team``; report each bad row by line and reason.

    A ``response_date`` records an incoming response dated that day, which
    stops the response clock (FOIA 2000 s10(1)) and sets ``outcome`` (s1,
    s17). Raises CsvFileError, storing nothing, when the file is not a CSV of
    requests. Flushes, never commits.
    """
    report = ImportReport()
    authorities: dict[str, PublicAuthority] = {}
    for line, row in read_rows(data):
        try:
            values = _values(row)
        except _RowError as error:
            report.failed.append((line, f"{error}."))
            continue
        name = " ".join(values["authority"].split())
        try:
            with db.session.begin_nested():
                authority = authorities.get(name) or get_or_create_authority(team, name, actor=actor)
                info_request = open_request(
                    team=team, authority=authority, title=values["title"], received_on=values["received_on"],
                    sent_on=values["sent_on"], regime=values["regime"], reference=values["reference"], actor=actor,
                    their_reference=values["their_reference"], requester_name=values["requester_name"],
                    requester_email=values["requester_email"],
                )
                if values["response_date"]:
                    record_correspondence(
                        info_request, actor=actor, kind=CorrespondenceKind.RESPONSE, direction=Direction.INCOMING,
                        dated=values["response_date"], outcome=values["outcome"], subject="Response (imported)",
                    )
        except (RequestDataError, CorrespondenceError) as error:
            report.failed.append((line, str(error)))
            continue
        authorities[name] = authority
        report.imported += 1
        report.references.append(info_request.reference)
    record_event(actor=actor, action="requests.imported", obj=team, team_id=team.id,
                 summary=f"{report.imported} requests imported from CSV; {len(report.failed)} rows refused",
                 after={"imported": report.imported, "failed": len(report.failed)})
    db.session.flush()
    return report
