"""Publish a response on the disclosure log, withdraw it, and read what the public may see.

Writers add to the caller's transaction, flush and write one audit event; none commits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from casetracker.audit.services import record_event
from casetracker.auth.models import User
from casetracker.correspondence.constants import CorrespondenceKind, CorrespondenceState
from casetracker.correspondence.models import Correspondence, CorrespondenceAttachment
from casetracker.disclosure.models import Publication
from casetracker.disclosure.scrub import Cleaned, clean_file, personal_terms, scrub_text
from casetracker.documents.models import Document
from casetracker.documents.services import blob_file
from casetracker.extensions import db
from casetracker.info_requests.models import InfoRequest
from casetracker.info_requests.services import case_facts
from casetracker.release.services import blocked_message, is_redacted_original, release_blockers

__all__ = [
    "DisclosureError", "PublicEntry", "public_document", "public_entries", "public_entry", "publication_for",
    "publish_response", "released_documents", "withdraw_publication",
]

#: Correspondence whose attachments are the information released.
RELEASE_KINDS = (CorrespondenceKind.RESPONSE, CorrespondenceKind.REFUSAL_NOTICE,
                 CorrespondenceKind.INTERNAL_REVIEW_OUTCOME)


class DisclosureError(ValueError):
    """A publication a user must fix; ``field`` names the form field."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def publication_for(request_id: int) -> Publication | None:
    return db.session.scalar(db.select(Publication).where(Publication.request_id == request_id))


def publish_response(info_request: InfoRequest, *, actor: User | None, embargo_until: date | None = None,
                     exemptions: str = "", summary: str = "") -> Publication:
    """Put the request's response on the public disclosure log, at once or after ``embargo_until``.

    Only a request with a response can be published (FOIA s19 publication
    scheme; s45 Code part 8 on disclosure logs). A requester team opts in the
    same way, per request. Every released document must pass the release-safety
    check, each finding acknowledged, and no original of a redaction is
    released (UK GDPR Art 5(1)(f), 25(1)). Raises ``DisclosureError``.
    """
    if case_facts(info_request).response_sent is None:
        raise DisclosureError("Record the response before publishing it.", "embargo_until")
    # The release-safety check (issue 17): nothing is published that would leak what its reader cannot see.
    blocked = release_blockers(released_documents(info_request.id))
    if blocked:
        raise DisclosureError(blocked_message(blocked), "embargo_until")
    publication = publication_for(info_request.id)
    before = None
    if publication is None:
        publication = Publication(request_id=info_request.id, team_id=info_request.team_id)
        db.session.add(publication)
    else:
        before = {"embargo_until": publication.embargo_until, "exemptions": publication.exemptions}
    publication.embargo_until = embargo_until
    publication.exemptions = ", ".join(e.strip() for e in (exemptions or "").split(",") if e.strip())[:500]
    publication.summary = (summary or "").strip()
    publication.published_by_id = getattr(actor, "id", None)
    db.session.flush()
    when = f"from {embargo_until.isoformat()}" if embargo_until else "now"
    record_event(actor=actor, action="request.published", obj=publication,
                 summary=f"{info_request.reference} published on the disclosure log {when}",
                 request_id=info_request.id, team_id=info_request.team_id, before=before,
                 after={"embargo_until": embargo_until, "exemptions": publication.exemptions})
    return publication


def withdraw_publication(publication: Publication, *, actor: User | None) -> None:
    """Take a response off the disclosure log."""
    record_event(actor=actor, action="request.unpublished", obj=publication,
                 summary=f"{publication.info_request.reference} taken off the disclosure log",
                 request_id=publication.request_id, team_id=publication.team_id,
                 before={"embargo_until": publication.embargo_until})
    db.session.delete(publication)
    db.session.flush()


def _visible(today: date):
    return (Publication.embargo_until.is_(None)) | (Publication.embargo_until <= today)


def released_documents(request_id: int) -> list[Document]:
    """Return the documents sent or received with the response, refusal or review outcome (not drafts)."""
    released = (
        db.select(CorrespondenceAttachment.document_id)
        .join(Correspondence, Correspondence.id == CorrespondenceAttachment.correspondence_id)
        .where(Correspondence.request_id == request_id, Correspondence.kind.in_([k.value for k in RELEASE_KINDS]),
               Correspondence.state != CorrespondenceState.DRAFT))
    # A subquery, not DISTINCT: PostgreSQL cannot compare the JSON column of a document row.
    return list(db.session.scalars(db.select(Document).where(Document.id.in_(released)).order_by(Document.id)))


@dataclass(frozen=True)
class PublicEntry:
    """What the public page shows of one publication: nothing that names the requester."""

    id: int
    title: str
    summary: str
    authority: str
    regime: str
    received: date
    responded: date | None
    outcome: str
    exemptions: list[str]
    #: (document id, file name as published, why withheld or "").
    documents: list[tuple[int, str, str]]


def _terms(r: InfoRequest) -> list[str]:
    return personal_terms(r.requester_name, r.requester_email, r.requester_address)


def _entry(publication: Publication, *, with_documents: bool) -> PublicEntry:
    r = publication.info_request
    terms = _terms(r)
    documents = []
    if with_documents:
        for document in released_documents(r.id):
            documents.append((document.id, scrub_text(document.filename, terms), _clean(document, terms).reason))
    return PublicEntry(
        id=publication.id, title=scrub_text(r.title, terms), summary=scrub_text(publication.summary, terms),
        authority=r.authority.name, regime=r.regime, received=r.received_on,
        responded=case_facts(r).response_sent, outcome=r.outcome.replace("-", " "),
        exemptions=[scrub_text(e, terms) for e in publication.exemption_list], documents=documents,
    )


def public_entries(today: date) -> list[PublicEntry]:
    """Return every publication whose embargo has passed, newest first."""
    rows = db.session.scalars(db.select(Publication).where(_visible(today))
                              .order_by(Publication.published_at.desc(), Publication.id.desc()))
    return [_entry(p, with_documents=False) for p in rows]


def public_entry(publication_id: int, today: date) -> PublicEntry | None:
    """Return one publication as the public sees it; None while embargoed or when there is none."""
    publication = db.session.scalar(db.select(Publication).where(Publication.id == publication_id, _visible(today)))
    return _entry(publication, with_documents=True) if publication else None


def _clean(document: Document, terms: list[str]) -> Cleaned:
    if is_redacted_original(document.id):  # attached after publication: still never released (issue 17)
        return Cleaned(None, "withheld: a redacted copy of it is released instead")
    return clean_file(blob_file(document).read_bytes(), document.filename, terms)


def public_document(publication_id: int, document_id: int, today: date) -> tuple[str, str, bytes] | None:
    """Return (file name, content type, bytes) of a released document cleaned of the requester's data.

    None while embargoed, for a document not released with the response, or one withheld.
    """
    publication = db.session.scalar(db.select(Publication).where(Publication.id == publication_id, _visible(today)))
    if publication is None:
        return None
    document = next((d for d in released_documents(publication.request_id) if d.id == document_id), None)
    if document is None:
        return None
    terms = _terms(publication.info_request)
    cleaned = _clean(document, terms)
    if cleaned.data is None:
        return None
    return scrub_text(document.filename, terms), document.content_type or "application/octet-stream", cleaned.data
