"""Check a document before release, store its findings, record acknowledgements, and say what blocks a release.

Writers flush and write the audit event; none commits. Audit entries name each
finding by kind and place only, never its detail, which may be the personal
data itself (UK GDPR Art 5(1)(c)).
"""

from __future__ import annotations

from dataclasses import dataclass

from casetracker.audit.services import record_event
from casetracker.auth.models import User
from casetracker.documents.models import Document
from casetracker.documents.services import blob_file
from casetracker.extensions import db
from casetracker.info_requests.models import InfoRequest
from casetracker.release.models import Redaction, ReleaseAcknowledgement, ReleaseCheck
from casetracker.release_check import Finding, ReleaseCheckError, check_file
from casetracker.timeutil import utcnow

__all__ = [
    "ReleaseBlocked", "ReleaseState", "acknowledge_findings", "blocked_message", "check_bytes", "check_document",
    "clear_for_release", "is_redacted_original",
    "release_blockers", "release_state", "store_findings", "unacknowledged",
]


#: A page view checks a never-checked document in memory only up to this size; a larger one waits for
#: "Check again" (or its release), so opening its page stays quick.
PAGE_CHECK_MAX_BYTES = 5_000_000


class ReleaseBlocked(ValueError):
    """A release refused until each finding is acknowledged; the message lists them, for the user."""

    field = "submit"


def requester_names(request_id: int | None) -> tuple[str, ...]:
    """Return the requester's name on the document's request, when known (the check looks for it)."""
    info_request = db.session.get(InfoRequest, request_id) if request_id else None
    name = (info_request.requester_name or "").strip() if info_request is not None else ""
    return (name,) if name else ()


def check_bytes(data: bytes, filename: str, *, names: tuple[str, ...] = (),
                page_texts: list[str] | None = None) -> tuple[list[Finding], str]:
    """Run the check on a file's bytes (no transaction needed); return (findings, error or "").

    ``page_texts``: the pages' text the caller has just extracted (the upload's job), read once.
    """
    try:
        return check_file(data, filename, names=names, page_texts=page_texts), ""
    except ReleaseCheckError as exc:
        return [], str(exc)[:500]


def store_findings(document: Document, findings: list[Finding], error: str = "") -> ReleaseCheck:
    """Store (or replace) a document's check result in the session."""
    row = db.session.get(ReleaseCheck, document.id)
    if row is None:
        row = ReleaseCheck(document_id=document.id)
        db.session.add(row)
    row.findings = [f.as_dict() | {"kind": str(f.kind)} for f in findings]
    row.error, row.checked_at = error, utcnow()
    db.session.flush()
    return row


def check_document(document: Document, *, actor: User | None) -> ReleaseCheck:
    """Check a stored document now (the document page's button, or before a release) and store the result."""
    findings, error = check_bytes(blob_file(document).read_bytes(), document.filename,
                                  names=requester_names(document.request_id))
    row = store_findings(document, findings, error)
    if actor is not None:
        record_event(actor=actor, action="document.release_checked", obj=document,
                     summary=f"Release-safety check of {document.filename}: "
                             + (f"not readable ({error})" if error else f"{len(findings)} findings"),
                     request_id=document.request_id, team_id=document.team_id,
                     after={"findings": [f"{f.kind} at {f.where}" for f in findings]})
    return row


def _findings(row: ReleaseCheck) -> list[Finding]:
    return [Finding(f["kind"], f["where"], f["detail"]) for f in row.findings or []]


def _acknowledged_keys(document_id: int) -> set[str]:
    return set(db.session.scalars(db.select(ReleaseAcknowledgement.finding_key)
                                  .where(ReleaseAcknowledgement.document_id == document_id)))


@dataclass(frozen=True)
class ReleaseState:
    """What the document page shows: the last check, each finding and whether it is acknowledged."""

    checked: ReleaseCheck | None
    findings: list[tuple[Finding, bool]]
    #: The redacted copies made from this document, and the original it is a redacted copy of.
    copies: list[Redaction]
    original: Redaction | None

    @property
    def open_findings(self) -> list[Finding]:
        return [f for f, acknowledged in self.findings if not acknowledged]


def release_state(document: Document) -> ReleaseState:
    """Return the document's check, acknowledgements and redactions.

    A document never checked (stored before the check existed, or its check
    rolled back with a refused release) is checked now, in memory: the page
    shows its findings, and acknowledging them stores the check.
    """
    row = db.session.get(ReleaseCheck, document.id)
    if row is None and document.stored_file.size <= PAGE_CHECK_MAX_BYTES:
        found, error = check_bytes(blob_file(document).read_bytes(), document.filename,
                                   names=requester_names(document.request_id))
        row = ReleaseCheck(document_id=document.id, findings=[f.as_dict() | {"kind": str(f.kind)} for f in found],
                           error=error, checked_at=utcnow())
    keys = _acknowledged_keys(document.id)
    findings = [(f, f.key in keys) for f in _findings(row)] if row is not None else []
    copies = list(db.session.scalars(db.select(Redaction).where(Redaction.original_id == document.id)
                                     .order_by(Redaction.id)))
    original = db.session.scalar(db.select(Redaction).where(Redaction.redacted_id == document.id))
    return ReleaseState(row, findings, copies, original)


def unacknowledged(document: Document) -> list[Finding]:
    """Return the findings not yet acknowledged, checking the document first if it never was.

    A file that cannot be checked gives one finding saying so: what cannot be
    read cannot be shown safe.
    """
    row = db.session.get(ReleaseCheck, document.id) or check_document(document, actor=None)
    findings = _findings(row)
    if row.error:
        findings.append(Finding("unreadable", "file", row.error))
    keys = _acknowledged_keys(document.id)
    return [f for f in findings if f.key not in keys]


def acknowledge_findings(document: Document, keys: list[str], *, actor: User) -> list[Finding]:
    """Record that ``actor`` releases each open finding whose key is in ``keys``; return those acknowledged.

    Raises ReleaseBlocked unless every open finding is in ``keys``: each must
    be looked at, not waved through as a group.
    """
    open_findings = unacknowledged(document)
    chosen = set(keys)
    missing = [f for f in open_findings if f.key not in chosen]
    if not open_findings:
        raise ReleaseBlocked("There is nothing to acknowledge.")
    if missing:
        raise ReleaseBlocked(f"Tick each finding to acknowledge it; {len(missing)} not ticked.")
    now = utcnow()
    for finding in open_findings:
        db.session.add(ReleaseAcknowledgement(document_id=document.id, finding_key=finding.key,
                                              acknowledged_by_id=actor.id, acknowledged_at=now))
    db.session.flush()
    record_event(actor=actor, action="document.release_acknowledged", obj=document,
                 summary=f"{len(open_findings)} release-safety findings of {document.filename} acknowledged",
                 request_id=document.request_id, team_id=document.team_id,
                 after={"findings": [f"{f.kind} at {f.where}" for f in open_findings], "at": now.isoformat()})
    return open_findings


def is_redacted_original(document_id: int) -> bool:
    """Return whether a redacted copy was made of this document (so it is never released itself)."""
    return db.session.scalar(db.select(Redaction.id).where(Redaction.original_id == document_id).limit(1)) is not None


def release_blockers(documents: list[Document]) -> dict[Document, list[Finding]]:
    """Return, for each document that may not be released yet, why: open findings, or being a redacted original.

    The original of a redaction is never released (its redacted copy is).
    """
    blocked: dict[Document, list[Finding]] = {}
    for document in documents:
        if is_redacted_original(document.id):
            blocked[document] = [Finding("redacted_original", "file",
                                         "this is the original of a redacted copy; release the copy instead")]
            continue
        open_findings = unacknowledged(document)
        if open_findings:
            blocked[document] = open_findings
    return blocked


def clear_for_release(documents: list[Document], *, acknowledge: bool, actor: User) -> None:
    """Refuse to send ``documents`` with a response while the check finds anything, unless ``acknowledge``.

    With ``acknowledge`` each open finding is recorded as acknowledged by
    ``actor`` (and audited); the original of a redaction is refused all the
    same. Raises ReleaseBlocked, naming the form's attachments field.
    """
    blocked = release_blockers(documents)
    if acknowledge:
        for document, findings in list(blocked.items()):
            if all(f.kind != "redacted_original" for f in findings):
                acknowledge_findings(document, [f.key for f in findings], actor=actor)
                del blocked[document]
    if blocked:
        error = ReleaseBlocked(blocked_message(blocked) + (" Or tick the box to send them as they are."
                                                            if not acknowledge else ""))
        error.field = "attachments"
        raise error


def blocked_message(blocked: dict[Document, list[Finding]], *, limit: int = 12) -> str:
    """Return the refusal a user reads: each document and its open findings (kind, where)."""
    parts = []
    for document, findings in blocked.items():
        shown = "; ".join(f"{f.kind} at {f.where}" for f in findings[:limit])
        more = f"; and {len(findings) - limit} more" if len(findings) > limit else ""
        parts.append(f"{document.filename}: {shown}{more}")
    return ("Not released: the release-safety check found what it would leak. " + " | ".join(parts)
            + ". Acknowledge each finding on the document's page, or redact it.")
