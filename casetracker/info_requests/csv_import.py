"""Import requests from a spreadsheet saved as CSV (an officer's Excel log, a WhatDoTheyKnow export).

One header row, columns in any order: ``title, authority, regime, sent,
received, our_reference, their_reference, requester_name, requester_email,
response_date, outcome``; only ``title``, ``authority`` and ``received`` are
required. Each row is checked as ``open_request`` and ``record_correspondence``
check a form, and written with the same audit events and stored clocks, but in
batches (10,000 rows must import in well under a minute, so not one savepoint
and a dozen queries per row); a bad row is reported by line and reason and
nothing of it is stored.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Iterator

from sqlalchemy import func, text

from casetracker.audit.services import event_values, record_event, record_events, snapshot
from casetracker.auth.models import Team, User
from casetracker.correspondence.constants import CorrespondenceKind, CorrespondenceState, Direction
from casetracker.correspondence.models import Correspondence
from casetracker.correspondence.services import FIELDS as CORRESPONDENCE_FIELDS
from casetracker.deadlines.constants import Regime
from casetracker.extensions import db
from casetracker.info_requests.constants import Outcome, RequestStatus, Visibility
from casetracker.info_requests.models import InfoRequest, PublicAuthority
from casetracker.info_requests.projection import add_clocks_for_new_requests
from casetracker.info_requests.services import (
    REQUEST_FIELDS,
    RequestDataError,
    allocate_references,
    case_facts,
    check_request_dates,
    get_or_create_authority,
)
from casetracker.timeutil import uk_today
from casetracker.typed_text import control_character_problem

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
    # strict: a quote opened and never closed is an error, not the rest of the file read as one value.
    reader = csv.reader(io.StringIO(_text(data), newline=""), strict=True)
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
            if "unexpected end of data" in str(error):
                raise CsvFileError(f'Line {start}: a quote (") opens a value that is never closed, so the rest of the '
                                   "file would be read as that one value. Close the quote or remove it; nothing was "
                                   "imported.") from None
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
    for column, value in row.items():  # as the forms and the API refuse them (typed_text)
        if problem := control_character_problem(value):
            raise _RowError(f"{column}: {problem}")
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


#: Rows written per flush.
BATCH = 500


def import_requests_csv(data: bytes, *, team: Team, actor: User | None, max_rows: int | None = None) -> ImportReport:
    """Open a request for each good row of a CSV file in ``team``; report each bad row by line and reason.

    A ``response_date`` records an incoming response dated that day, which
    stops the response clock (FOIA 2000 s10(1)), sets the status to responded
    and sets ``outcome`` (s1, s17; a response without one is "disclosed in
    full", as on the correspondence form). Every row is checked before anything
    is written (dates as ``open_request`` checks them, references unused), so a
    refused row stores nothing; good rows are written in batches of ``BATCH``
    with their audit events and stored clocks, a fixed number of queries per
    batch. Raises CsvFileError, storing nothing, when the file is not a CSV of
    requests, or has more than ``max_rows`` rows (the import page's limit: it
    holds the database's write lock while it works). Flushes, never commits.
    """
    report = ImportReport()
    good: list[tuple[int, dict[str, Any]]] = []
    seen_refs: dict[str, int] = {}
    for line, row in read_rows(data):
        if max_rows is not None and len(good) + len(report.failed) >= max_rows:
            raise CsvFileError(f"This file has more than {max_rows:,} rows, the most the import page takes at once. "
                               "Split it into smaller files, or use `flask requests import`, which has no limit.")
        try:
            values = _values(row)
            check_request_dates(values["sent_on"], values["received_on"])
            if values["response_date"] and values["response_date"] > uk_today():
                raise _RowError("response_date is in the future")
            ref = values["reference"]
            if ref:
                if ref.upper() in seen_refs:
                    raise _RowError(f"our_reference {ref} is also on line {seen_refs[ref.upper()]}")
                seen_refs[ref.upper()] = line
        except (_RowError, RequestDataError) as error:
            report.failed.append((line, f"{str(error).rstrip('.')}."))
            continue
        values["authority"] = " ".join(values["authority"].split())
        values["title"] = " ".join(values["title"].split())
        good.append((line, values))
    if seen_refs:
        taken = set()
        refs = list(seen_refs)
        for start in range(0, len(refs), BATCH):
            taken.update(db.session.scalars(db.select(func.upper(InfoRequest.reference))
                                            .where(func.upper(InfoRequest.reference).in_(refs[start:start + BATCH]))))
        kept = []
        for line, values in good:
            if values["reference"] and values["reference"].upper() in taken:
                report.failed.append((line, f"The reference {values['reference']} is already used."))
            else:
                kept.append((line, values))
        good = kept
        report.failed.sort()
    authorities = _authorities(team, {v["authority"] for _, v in good}, actor=actor)
    for start in range(0, len(good), BATCH):
        _write_batch([v for _, v in good[start:start + BATCH]], team=team, actor=actor,
                     authorities=authorities, report=report)
    if report.imported >= BATCH:
        # A bulk load changes the tables' size by orders of magnitude; without fresh statistics
        # PostgreSQL plans the dashboard's joins as nested loops over a "tiny" table (seconds per page).
        for table in ("info_requests", "request_clocks", "correspondence"):
            db.session.execute(text(f"ANALYZE {table}"))
    record_event(actor=actor, action="requests.imported", obj=team, team_id=team.id,
                 summary=f"{report.imported} requests imported from CSV; {len(report.failed)} rows refused",
                 after={"imported": report.imported, "failed": len(report.failed)})
    db.session.flush()
    return report


def _authorities(team: Team, names: set[str], *, actor: User | None) -> dict[str, PublicAuthority]:
    """Return the team's authorities by name, creating (and auditing) those not yet known."""
    found = {}
    listed = sorted(names)
    for start in range(0, len(listed), BATCH):
        found.update((a.name, a) for a in db.session.scalars(db.select(PublicAuthority).where(
            PublicAuthority.team_id == team.id, PublicAuthority.name.in_(listed[start:start + BATCH]))))
    for name in listed:
        if name not in found:
            found[name] = get_or_create_authority(team, name, actor=actor)
    return found


def _reserve_ids(model: Any, count: int) -> Iterator[int]:
    """Yield ``count`` new ids for ``model``'s table from its PostgreSQL sequence, in one query; none elsewhere.

    With its ids known, the ORM writes a batch as one pipelined executemany
    instead of one multi-row ``INSERT … RETURNING`` whose thousands of
    placeholders psycopg parses in Python (two thirds of the import's time on
    PostgreSQL). SQLite numbers rows itself.
    """
    if count == 0 or db.session.get_bind().dialect.name != "postgresql":
        return iter(())
    return iter(sorted(db.session.scalars(
        text("SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :count)"),
        {"table": model.__tablename__, "count": count})))


def _write_batch(rows: list[dict[str, Any]], *, team: Team, actor: User | None,
                 authorities: dict[str, PublicAuthority], report: ImportReport) -> None:
    """Add one batch of checked rows: requests, responses, audit events and stored clocks."""
    generated = iter(allocate_references([v["received_on"] for v in rows if not v["reference"]]))
    ids = _reserve_ids(InfoRequest, len(rows))
    created = []
    for v in rows:
        authority = authorities[v["authority"]]
        answered = v["response_date"] is not None
        info_request = InfoRequest(
            id=next(ids, None), team_id=team.id, created_by_id=getattr(actor, "id", None),
            reference=v["reference"] or next(generated), title=v["title"], authority_id=authority.id,
            regime=Regime(v["regime"] or authority.default_regime), sent_on=v["sent_on"],
            received_on=v["received_on"], their_reference=v["their_reference"],
            requester_name=v["requester_name"], requester_email=v["requester_email"],
            status=RequestStatus.RESPONDED if answered else RequestStatus.AWAITING_RESPONSE,
            outcome=Outcome(v["outcome"] or Outcome.DISCLOSED_IN_FULL) if answered else Outcome.PENDING,
            visibility=Visibility.TEAM,
        )
        info_request.authority = authority
        created.append((info_request, v))
    db.session.add_all(r for r, _ in created)
    db.session.flush()
    entries, clocks, opened = [], [], []
    entry_ids = _reserve_ids(Correspondence, sum(1 for _, v in created if v["response_date"]))
    for info_request, v in created:
        opened.append(event_values(
            actor=actor, action="request.opened", obj=info_request,
            summary=f"Request {info_request.reference} opened (CSV import)", request_id=info_request.id,
            team_id=team.id, after=snapshot(info_request, REQUEST_FIELDS)))
        events = {}
        if v["response_date"]:
            entry = Correspondence(
                id=next(entry_ids, None), request_id=info_request.id, team_id=team.id, kind=CorrespondenceKind.RESPONSE,
                direction=Direction.INCOMING, dated=v["response_date"], state=CorrespondenceState.RECEIVED,
                created_by_id=getattr(actor, "id", None), subject="Response (imported)",
            )
            entries.append((info_request, entry))
            events = {"response_sent": v["response_date"]}
        clocks.append((info_request, case_facts(info_request, events=events)))
        report.imported += 1
        report.references.append(info_request.reference)
    record_events(opened)
    add_clocks_for_new_requests(clocks)
    db.session.add_all(e for _, e in entries)
    db.session.flush()
    record_events([event_values(
        actor=actor, action="correspondence.recorded", obj=entry,
        summary=f"{entry.kind_label} dated {entry.dated.isoformat()} recorded (CSV import)",
        request_id=info_request.id, team_id=team.id, after=snapshot(entry, CORRESPONDENCE_FIELDS))
        for info_request, entry in entries])
