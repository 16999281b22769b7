"""Mark passages of a PDF for redaction and produce the redacted copy, a new document linked to its original.

The reason for each passage is an exemption of the request's regime (FOIA
s17(1)(b) and EIR reg 14(3): a refusal, in part too, names the exemption
relied on). The original is kept, and ``services.release_blockers`` never
lets it be released once a copy exists.
"""

from __future__ import annotations

from pathlib import Path

from casetracker.audit.services import record_event
from casetracker.auth.models import Team, User
from casetracker.documents.models import Document
from casetracker.documents.services import blob_file, ingest_bytes
from casetracker.extensions import db
from casetracker.info_requests.models import InfoRequest
from casetracker.letters.constants import Regime
from casetracker.letters.exemptions import UnknownExemption, exemptions_for, get_exemption
from casetracker.redaction import Mark, RedactionError, redact_pdf
from casetracker.release.models import Redaction, RedactionMark
from casetracker.release.services import check_bytes, requester_names, store_findings
from casetracker.release_check import FindingKind

__all__ = ["RedactionError", "add_mark", "make_redacted_copy", "pending_marks", "reason_choices", "remove_mark"]

#: Findings that would mean the redaction did not take: refused, nothing saved.
_NOT_REDACTED = {FindingKind.TEXT_UNDER_BOX, FindingKind.REDACTION_ANNOTATION}


def _regime(document: Document) -> Regime:
    info_request = db.session.get(InfoRequest, document.request_id) if document.request_id else None
    regime = Regime(info_request.regime) if info_request is not None else Regime.FOIA
    # A SAR's exemptions are in the Data Protection Act 2018 Schedules, not in the catalogue.
    return Regime.FOIA if regime is Regime.SAR else regime


def reason_choices(document: Document) -> list[tuple[str, str]]:
    """Return (code, "code title") for each exemption of the document's request's regime, in statutory order."""
    return [(e.code, f"{e.code} {e.title}") for e in exemptions_for(_regime(document)) if not e.ncnd_of]


def _reason_label(document: Document, code: str) -> str:
    exemption = get_exemption(code, _regime(document))
    return f"{exemption.code} {exemption.title}"


def pending_marks(document: Document) -> list[RedactionMark]:
    """Return the marks waiting to be applied to this document, oldest first."""
    return list(db.session.scalars(db.select(RedactionMark).where(
        RedactionMark.document_id == document.id, RedactionMark.redaction_id.is_(None)).order_by(RedactionMark.id)))


def add_mark(document: Document, *, text: str, page: int | None, rect: list[float] | None, reason: str,
             actor: User) -> RedactionMark:
    """Add a passage (words, or an area of a page) to redact; raise RedactionError for one that cannot be."""
    if document.kind != "pdf":
        raise RedactionError("Only a PDF can be redacted here; convert the file to PDF first.")
    text = " ".join((text or "").split())
    if not text and rect is None:
        raise RedactionError("Give the words to redact, or an area of a page.")
    if rect is not None and page is None:
        raise RedactionError("Give the page of the area.")
    if page is not None and not 1 <= page <= max(document.page_count, 1):
        raise RedactionError(f"There is no page {page}; the document has {document.page_count}.")
    try:
        label = _reason_label(document, reason)
    except UnknownExemption:
        raise RedactionError("Choose the exemption relied on from the list.") from None
    mark = RedactionMark(document_id=document.id, text=text[:1000], page=page, rect=rect,
                         reason=get_exemption(reason, _regime(document)).code, created_by_id=actor.id)
    db.session.add(mark)
    db.session.flush()
    record_event(actor=actor, action="document.redaction_marked", obj=document,
                 summary=f"Passage of {document.filename} marked for redaction ({label})",
                 request_id=document.request_id, team_id=document.team_id,
                 after={"mark_id": mark.id, "page": page, "reason": mark.reason})
    return mark


def remove_mark(mark: RedactionMark, *, actor: User) -> None:
    """Take a passage off the list to redact."""
    document = db.session.get(Document, mark.document_id)
    record_event(actor=actor, action="document.redaction_unmarked", obj=document,
                 summary=f"Passage of {document.filename} no longer marked for redaction",
                 request_id=document.request_id, team_id=document.team_id,
                 before={"mark_id": mark.id, "page": mark.page, "reason": mark.reason})
    db.session.delete(mark)
    db.session.flush()


def make_redacted_copy(document: Document, *, actor: User, rasterise: bool = False) -> Document:
    """Produce, check and store the redacted copy of ``document`` from its pending marks; return the copy.

    Raises RedactionError (nothing stored) when a passage is not found, is
    still in the copy's text, or the copy's check finds text under a box or an
    unapplied redaction.
    """
    marks = pending_marks(document)
    if not marks:
        raise RedactionError("Add at least one passage to redact.")
    if document.kind != "pdf":
        raise RedactionError("Only a PDF can be redacted here; convert the file to PDF first.")
    result = redact_pdf(
        blob_file(document).read_bytes(),
        [Mark(reason=_reason_label(document, m.reason), text=m.text, page=m.page,
              rect=tuple(m.rect) if m.rect else None) for m in marks],
        rasterise=rasterise, title=document.filename)
    findings, error = check_bytes(result.data, document.filename, names=requester_names(document.request_id))
    failed = [f for f in findings if f.kind in _NOT_REDACTED]
    if error or failed:
        raise RedactionError("The redacted copy did not pass the release-safety check ("
                             + (error or "; ".join(f"{f.kind} at {f.where}" for f in failed)) + "); it was not saved.")
    info_request = db.session.get(InfoRequest, document.request_id) if document.request_id else None
    name = f"{Path(document.filename).stem} (redacted).pdf"
    outcome = ingest_bytes(result.data, name, team=db.session.get(Team, document.team_id),
                           info_request=info_request, actor=actor)
    if outcome.document is None:
        raise RedactionError(f"The redacted copy could not be stored: {outcome.reason}")
    copy = outcome.document
    store_findings(copy, findings)
    redaction = Redaction(original_id=document.id, redacted_id=copy.id, log=[list(row) for row in result.log],
                          rasterised=rasterise, created_by_id=actor.id)
    db.session.add(redaction)
    db.session.flush()
    for mark in marks:
        mark.redaction_id = redaction.id
    db.session.flush()
    record_event(actor=actor, action="document.redacted", obj=copy,
                 summary=f"Redacted copy of {document.filename} made ({len(result.log)} redactions)",
                 request_id=document.request_id, team_id=document.team_id,
                 after={"original_id": document.id, "redactions": [list(row) for row in result.log],
                        "rasterised": rasterise})
    return copy
