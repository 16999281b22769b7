"""Keep the Whoosh index in step with the database: write only after a commit.

Services queue document ids on the session (``queue_add``/``queue_delete``);
just before the commit the pages are read into plain ``PageEntry`` values, and
only once the commit has succeeded are they written to the index. A rollback
drops the queue and removes files stored by the rolled-back transaction, so no
half-written row, file or index entry remains.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Iterable, Iterator

from flask import current_app, has_app_context
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from casetracker.search.backend import SearchBackend
from casetracker.search.index import PageEntry, SearchIndex
from casetracker.search.postgres import PostgresSearch
from casetracker.search.schema import OPEN_TO_TEAM

log = logging.getLogger(__name__)

_ADD = "casetracker.index_add"
_DELETE = "casetracker.index_delete"
_ENTRIES = "casetracker.index_entries"
_BLOBS = "casetracker.new_blobs"
_PATHS = "casetracker.paths"
_COMMITTING = "casetracker.committing"
_BACKEND = "casetracker.search_backend"


def backend_name(app=None) -> str:
    """Return "whoosh" or "postgres": SEARCH_BACKEND, or postgres when the database is PostgreSQL."""
    app = app or current_app
    chosen = (app.config.get("SEARCH_BACKEND") or "").strip().lower()
    if chosen:
        return chosen
    return "postgres" if str(app.config["SQLALCHEMY_DATABASE_URI"]).startswith("postgresql") else "whoosh"


def get_backend() -> SearchBackend:
    """Return the app's search backend (Whoosh at ``SEARCH_INDEX_PATH``, or PostgreSQL through db.session)."""
    from casetracker.extensions import db

    if backend_name() == "postgres":
        return PostgresSearch(db.session)
    return get_index()


def get_index() -> SearchIndex:
    """Return the app's search index (``SEARCH_INDEX_PATH``)."""
    return SearchIndex(Path(current_app.config["SEARCH_INDEX_PATH"]))


def index_for_search() -> SearchBackend:
    """Return the backend to search, creating an empty Whoosh index on a fresh install.

    When documents exist but the index does not, it is left missing so that
    searching reports it (an administrator runs ``flask search reindex``)
    instead of silently finding nothing.
    """
    from casetracker.documents.models import Document
    from casetracker.extensions import db

    if backend_name() == "postgres":
        return get_backend()
    index = get_index()
    if db.session.scalar(select(Document.id).limit(1)) is None:
        index.ensure()
    return index


def _remember_paths(session: Session) -> None:
    if has_app_context():
        session.info[_PATHS] = (current_app.config["SEARCH_INDEX_PATH"], current_app.config["FILES_PATH"])
        session.info[_BACKEND] = backend_name()


def queue_add(session: Session, document_id: int) -> None:
    """Index this document's pages once the transaction commits."""
    _remember_paths(session)
    session.info.setdefault(_ADD, set()).add(document_id)


def queue_delete(session: Session, document_ids: Iterable[int]) -> None:
    """Remove these documents' pages from the index once the transaction commits."""
    _remember_paths(session)
    ids = set(document_ids)
    session.info.setdefault(_DELETE, set()).update(ids)
    session.info.get(_ADD, set()).difference_update(ids)


def note_new_blob(session: Session, sha256: str) -> None:
    """Remember a file this transaction wrote, to remove it if the transaction rolls back."""
    _remember_paths(session)
    session.info.setdefault(_BLOBS, set()).add(sha256)


def page_entries(session: Session, document_ids: Iterable[int] | None = None) -> Iterator[PageEntry]:
    """Yield index entries for the pages of these documents (all documents when None)."""
    from sqlalchemy import func
    from sqlalchemy.orm import aliased

    from casetracker.correspondence.models import Correspondence, CorrespondenceAttachment
    from casetracker.documents.models import Document, DocumentPage
    from casetracker.info_requests.models import InfoRequest

    parent = aliased(Document)
    first_entry = (
        select(func.min(CorrespondenceAttachment.correspondence_id))
        .where(CorrespondenceAttachment.document_id == Document.id)
        .correlate(Document)
        .scalar_subquery()
    )
    query = (
        select(DocumentPage, Document, InfoRequest, parent, Correspondence)
        .join(Document, DocumentPage.document_id == Document.id)
        .outerjoin(InfoRequest, Document.request_id == InfoRequest.id)
        .outerjoin(parent, Document.parent_id == parent.id)
        .outerjoin(Correspondence, Correspondence.id == first_entry)
        .order_by(Document.id, DocumentPage.number)
    )
    if document_ids is not None:
        ids = list(document_ids)
        if not ids:
            return
        query = query.where(Document.id.in_(ids))
    for page, document, info_request, parent_document, entry in session.execute(query).yield_per(500):
        sender, recipient = document_parties(document, info_request, parent_document, entry)
        yield PageEntry(
            document_id=document.id,
            request_id=document.request_id,
            request_ref=info_request.reference if info_request else None,
            authority=info_request.authority.name if info_request else None,
            team_id=document.team_id,
            kind=document.kind,
            document_date=document.document_date,
            page=page.number,
            title=document.display_title,
            text=page.text,
            restricted_to=_restricted_to(info_request),
            sender=sender,
            recipient=recipient,
        )


def document_parties(document, info_request, parent, entry) -> tuple[str | None, str | None]:
    """Return who a document is from and to, for ``from:`` and ``to:``.

    In order: what the document says or a user set (an email's From/To); its
    parent's (an attachment was sent by whoever sent the email); its
    correspondence entry (From/To, else by direction: an incoming response is
    from the authority, an outgoing letter from the requester); else, for a
    document filed on a request, a release from the authority to the requester.
    """
    sender, recipient = document.sender, document.recipient
    if parent is not None:
        sender, recipient = sender or parent.sender, recipient or parent.recipient
    authority = info_request.authority.name if info_request else None
    requester = (info_request.requester_name or None) if info_request else None
    if entry is not None:
        incoming = entry.direction == "incoming"
        sender = sender or entry.from_text or (authority if incoming else requester)
        recipient = recipient or entry.to_text or (requester if incoming else authority)
    elif info_request is not None:
        sender, recipient = sender or authority, recipient or requester
    return _display_name(sender), _display_name(recipient)


def _display_name(value: str | None) -> str | None:
    """Return "Department for Education" for "Department for Education <foi@education.gov.uk>"."""
    from email.utils import getaddresses

    if not value:
        return None
    if "<" not in value:  # a name as typed ("Wonde Ltd") or a bare address
        return value[:500]
    names = [name or address for name, address in getaddresses([value]) if name or address]
    return ", ".join(names)[:500] if names else value[:500]


def _restricted_to(info_request) -> int:
    """Return who alone may open a request's pages: OPEN_TO_TEAM, the private request's creator, or -1."""
    if info_request is None or info_request.visibility != "private":
        return OPEN_TO_TEAM
    return info_request.created_by_id if info_request.created_by_id is not None else -1


def queue_request(session: Session, request_id: int) -> None:
    """Re-index every document of a request once the transaction commits (its visibility or labels changed)."""
    from casetracker.documents.models import Document

    for document_id in session.scalars(select(Document.id).where(Document.request_id == request_id)):
        queue_add(session, document_id)


@event.listens_for(Session, "before_commit")
def _collect(session: Session) -> None:
    if session.in_nested_transaction():  # releasing a savepoint is not the commit
        return
    session.info[_COMMITTING] = True
    if session.info.get(_BACKEND) == "postgres":  # the index is written in this very transaction
        _write_in_transaction(session)
        return
    ids = session.info.pop(_ADD, None)
    if ids:
        session.flush()
        session.info.setdefault(_ENTRIES, []).extend(page_entries(session, ids))


def _write_in_transaction(session: Session) -> None:
    deleted = session.info.pop(_DELETE, None)
    ids = session.info.pop(_ADD, None)
    if not (deleted or ids):
        return
    session.flush()
    backend = PostgresSearch(session)
    if deleted:
        backend.delete_documents(deleted)
    if ids:
        backend.add_pages(page_entries(session, ids))


@event.listens_for(Session, "after_commit")
def _write(session: Session) -> None:
    if not session.info.pop(_COMMITTING, False):  # a savepoint was released, not the transaction
        return
    entries = session.info.pop(_ENTRIES, None)
    deleted = session.info.pop(_DELETE, None)
    session.info.pop(_BLOBS, None)
    paths = session.info.get(_PATHS)
    if not (entries or deleted) or not paths:
        return
    index = SearchIndex(Path(paths[0]))
    try:
        index.ensure()
        if deleted:
            index.delete_documents(deleted)
        if entries:
            index.add_pages(entries)
    except Exception:  # the database is committed; `search reindex` repairs the index
        log.exception("Search index update failed after commit; run `flask search reindex`.")


@event.listens_for(Session, "after_soft_rollback")
def _discard(session: Session, previous_transaction) -> None:
    if previous_transaction.parent is not None or previous_transaction.nested:
        return
    for key in (_ADD, _DELETE, _ENTRIES, _COMMITTING):
        session.info.pop(key, None)
    blobs = session.info.pop(_BLOBS, None)
    paths = session.info.get(_PATHS)
    if blobs and paths:
        from casetracker.documents.models import StoredFile
        from casetracker.documents.storage import remove_blob

        with session.get_bind().connect() as conn:
            kept = set(conn.scalars(select(StoredFile.sha256).where(StoredFile.sha256.in_(blobs))))
        for sha in blobs - kept:
            remove_blob(Path(paths[1]), sha)
