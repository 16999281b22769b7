"""Ingest released documents: store once, extract page text, queue for the index."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import BinaryIO, Iterable

from flask import current_app
from werkzeug.datastructures import FileStorage

from casetracker.audit.services import record_event, snapshot
from casetracker.auth.models import Team, User
from casetracker.documents import indexing
from casetracker.documents.constants import DocumentStatus
from casetracker.documents.extraction import OCR_LANGUAGE, ExtractionError, ExtractionResult, extract
from casetracker.documents.models import Document, DocumentPage, StoredFile, mean_confidence
from casetracker.documents.storage import blob_path, sha256_of, write_blob, write_blob_stream
from casetracker.extensions import db
from casetracker.filenames import upload_name
from casetracker.info_requests.models import InfoRequest
from casetracker.info_requests.services import visible_requests_query
from casetracker.search.results import DocumentHit


class DocumentError(ValueError):
    """A file that cannot be taken; the message says why, for the user."""

    field = "attachments"


@dataclass
class IngestOutcome:
    """What happened to one file: ``imported``, ``duplicate`` or ``failed``."""

    filename: str
    status: str
    document: Document | None = None
    reason: str = ""
    kind: str = ""
    pages: int = 0
    ocr_pages: int = 0
    #: Mean Tesseract confidence (0-100) of its OCR'd pages; None when none was OCR'd.
    ocr_confidence: float | None = None
    children: list[IngestOutcome] = field(default_factory=list)

    def unread(self, prefix: str = "") -> list[tuple[str, str]]:
        """Return (path, reason) of every member or attachment below this file that could not be read."""
        found = []
        for child in self.children:
            path = f"{prefix}{child.filename}"
            if child.status == "failed":
                found.append((path, child.reason))
            found += child.unread(f"{path}/")
        return found


def files_root() -> Path:
    return Path(current_app.config["FILES_PATH"])


def store_blob(data: bytes, content_type: str) -> StoredFile:
    """Store bytes once under ``FILES_PATH`` and return their row; a rollback removes a file it created."""
    digest, created = write_blob(files_root(), data)
    return _stored_file(digest, len(data), content_type, created)


def store_blob_stream(stream: BinaryIO, content_type: str) -> StoredFile:
    """Store an upload's bytes without holding them in memory (``storage.write_blob_stream``); as ``store_blob``."""
    digest, size, created = write_blob_stream(files_root(), stream)
    return _stored_file(digest, size, content_type, created)


def _stored_file(digest: str, size: int, content_type: str, created: bool) -> StoredFile:
    if created:
        indexing.note_new_blob(db.session, digest)
    stored = db.session.scalar(db.select(StoredFile).where(StoredFile.sha256 == digest))
    if stored is None:
        stored = StoredFile(sha256=digest, size=size, content_type=content_type[:200])
        db.session.add(stored)
        db.session.flush()
    return stored


def _find_duplicate(team: Team, info_request: InfoRequest | None, digest: str, filename: str,
                    parent: Document | None) -> Document | None:
    return db.session.scalar(
        db.select(Document).join(StoredFile).where(
            Document.team_id == team.id,
            Document.request_id == (info_request.id if info_request else None),
            Document.parent_id == (parent.id if parent else None),
            StoredFile.sha256 == digest,
            Document.filename == filename,
        )
    )


def read_file(data: bytes, filename: str, *, depth: int = 0,
              ocr_languages: str = OCR_LANGUAGE) -> ExtractionResult | ExtractionError:
    """Extract a file's text outside any transaction (OCR can take minutes); return the result or the error.

    ``ocr_languages`` are the Tesseract languages scans are read in (``ocr_settings.ocr_languages_for``).
    """
    try:
        return extract(data, filename, ocr=current_app.config.get("OCR_ENABLED", True), depth=depth,
                       ocr_languages=ocr_languages)
    except ExtractionError as exc:
        return exc


def ingest_bytes(
    data: bytes, filename: str, *, team: Team, info_request: InfoRequest | None, actor: User | None,
    parent: Document | None = None, depth: int = 0, extracted: ExtractionResult | ExtractionError | None = None,
    ocr_languages: str = OCR_LANGUAGE,
) -> IngestOutcome:
    """Store one file and its extracted pages (and its children) in the session.

    Returns ``failed`` with a reason, storing nothing, when the file cannot be
    read at all (a corrupt PDF, an empty file, a zip bomb); ``duplicate`` when
    the same bytes under the same name are already on this request. The index is
    written only after the caller commits (``documents.indexing``).
    """
    filename = upload_name(filename)
    if info_request is not None and info_request.team_id != team.id:
        raise DocumentError("That request belongs to another team.")
    digest = sha256_of(data)
    existing = _find_duplicate(team, info_request, digest, filename, parent)
    if existing is not None:
        return IngestOutcome(filename, "duplicate", existing, "Already stored on this request.",
                             existing.kind, existing.page_count, ocr_confidence=existing.ocr_confidence)
    result = extracted if extracted is not None else read_file(data, filename, depth=depth,
                                                               ocr_languages=ocr_languages)
    if isinstance(result, ExtractionError):
        return IngestOutcome(filename, "failed", reason=str(result))
    document = _create_document(data, filename, result, team=team, info_request=info_request, actor=actor,
                                parent=parent, ocr_languages=ocr_languages)
    outcome = IngestOutcome(filename, "imported", document, "", result.kind, len(result.pages),
                            sum(1 for p in result.pages if p.method == "ocr"),
                            mean_confidence(page.confidence for page in result.pages))
    for child in result.children:
        outcome.children.append(ingest_bytes(
            child.data, child.filename, team=team, info_request=info_request, actor=actor,
            parent=document, depth=depth + 1, ocr_languages=ocr_languages,
        ))
    unread = [f"Not read: {path}: {reason}" for path, reason in outcome.unread()]
    if unread:  # a member refused (a nested zip bomb, a damaged file) is never silently dropped
        document.problems = [*(document.problems or []), *unread]
    return outcome


def _create_document(data: bytes, filename: str, result: ExtractionResult, *, team: Team,
                     info_request: InfoRequest | None, actor: User | None, parent: Document | None,
                     ocr_languages: str = OCR_LANGUAGE) -> Document:
    stored = store_blob(data, result.content_type)
    document = Document(
        team_id=team.id, request_id=info_request.id if info_request else None, stored_file_id=stored.id,
        parent_id=parent.id if parent else None, filename=filename[:500], title=(result.title or filename)[:500],
        kind=result.kind, content_type=result.content_type, document_date=result.document_date,
        sender=(result.sender or "")[:500] or None, recipient=(result.recipient or "")[:500] or None,
        page_count=len(result.pages), status=DocumentStatus.STORED, problems=list(result.problems),
        created_by_id=getattr(actor, "id", None), date_source=str(result.date_source),
        file_created_at=_utc(result.metadata.created), file_modified_at=_utc(result.metadata.modified),
        file_author=result.metadata.author, ocr_languages=ocr_languages,
    )
    db.session.add(document)
    db.session.flush()
    for page in result.pages:
        db.session.add(DocumentPage(document_id=document.id, number=page.number, text=page.text, method=str(page.method),
                                    note=page.note, confidence=page.confidence))
    db.session.flush()
    indexing.queue_add(db.session, document.id)
    record_event(actor=actor, action="document.stored", obj=document,
                 summary=f"Document {filename} stored ({len(result.pages)} page{'' if len(result.pages) == 1 else 's'})",
                 request_id=document.request_id, team_id=team.id,
                 after={"filename": filename, "sha256": stored.sha256, "pages": len(result.pages)})
    return document


def _utc(moment: datetime | None) -> datetime | None:
    # SQLite keeps a datetime's wall-clock fields and drops the offset: store every one in UTC.
    return moment.astimezone(timezone.utc) if moment is not None else None


def chosen_uploads(files: Iterable[FileStorage] | None) -> list[FileStorage]:
    """Return the files actually chosen: a multiple-file input posts one empty part when none is."""
    return [upload for upload in files or [] if upload and upload.filename]


def store_uploads(files: Iterable[FileStorage] | None, *, info_request: InfoRequest, actor: User) -> list[Document]:
    """Ingest uploaded files into a request; raise DocumentError naming the first unreadable one."""
    documents: list[Document] = []
    # One file at a time, so a duplicate is never extracted and the first failure stops the rest.
    for upload in chosen_uploads(files):
        outcome = ingest_bytes(upload.read(), upload.filename, team=info_request.team, info_request=info_request,
                               actor=actor)
        if outcome.status == "failed":
            raise DocumentError(f"{outcome.filename}: {outcome.reason}")
        documents.append(outcome.document)
    return documents


def request_documents(info_request: InfoRequest) -> list[Document]:
    """Return a request's top-level documents (not zip members or attachments), oldest first."""
    from sqlalchemy.orm import selectinload

    return list(db.session.scalars(
        db.select(Document)
        .where(Document.request_id == info_request.id, Document.parent_id.is_(None))
        .options(selectinload(Document.index_state))
        .order_by(Document.id)
    ))


def documents_not_in_search(info_request: InfoRequest) -> list[Document]:
    """Return a request's documents that search does not find yet (their outbox row is not indexed)."""
    from sqlalchemy import and_, or_

    from casetracker.documents.outbox import IndexState, IndexStatus

    return list(db.session.scalars(
        db.select(Document).outerjoin(IndexState, IndexState.document_id == Document.id)
        .where(Document.request_id == info_request.id, Document.status != DocumentStatus.FAILED,
               or_(IndexState.document_id.is_(None), IndexState.state != IndexStatus.INDEXED,
                   and_(IndexState.state == IndexStatus.INDEXED,
                        IndexState.indexed_generation.is_distinct_from(IndexState.generation))))
        .order_by(Document.id)
    ))


def visible_hits(hits: list[DocumentHit], *, user: User) -> list[DocumentHit]:
    """Drop hits on requests private to another member; the index has already filtered by team."""
    ids = {hit.request_id for hit in hits if hit.request_id}
    visible: set[int] = set()
    if ids:
        visible = set(db.session.scalars(
            visible_requests_query(user).where(InfoRequest.id.in_(ids)).with_only_columns(InfoRequest.id)
        ))
    return [hit for hit in hits if hit.request_id is None or hit.request_id in visible]


def delete_document(document: Document, *, actor: User) -> None:
    """Delete a document, its children and pages; its index entries go after the commit."""
    ids = _descendant_ids(document)
    record_event(actor=actor, action="document.deleted", obj=document, summary=f"Document {document.filename} deleted",
                 request_id=document.request_id, team_id=document.team_id, before={"filename": document.filename})
    indexing.queue_delete(db.session, ids)
    db.session.delete(document)
    db.session.flush()


def _descendant_ids(document: Document) -> list[int]:
    ids = [document.id]
    for child in document.children:
        ids.extend(_descendant_ids(child))
    return ids


def update_document_parties(document: Document, *, sender: str, recipient: str, actor: User) -> Document:
    """Set who a document is from and to (``from:``/``to:`` in search); blank restores the default.

    The default is the email's headers, else its correspondence entry, else the
    request's authority (from) and requester (to); see indexing.document_parties.
    """
    before = snapshot(document, ["sender", "recipient"])
    document.sender = " ".join((sender or "").split())[:500] or None
    document.recipient = " ".join((recipient or "").split())[:500] or None
    db.session.flush()
    indexing.queue_add(db.session, document.id)
    record_event(actor=actor, action="document.parties_changed", obj=document,
                 summary=f"Document {document.filename}: from and to edited", request_id=document.request_id,
                 team_id=document.team_id, before=before,
                 after=snapshot(document, ["sender", "recipient"]))
    return document


def blob_file(document: Document) -> Path:
    """Return the stored file's path for a document."""
    return blob_path(files_root(), document.stored_file.sha256)
