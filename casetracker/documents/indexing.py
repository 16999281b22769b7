"""Keep the Whoosh index in step with the database: write only after a commit.

Services queue document ids on the session (``queue_add``/``queue_delete``);
just before the commit the pages are read into plain ``PageEntry`` values, and
only once the commit has succeeded are they written to the index. A rollback
drops the queue and removes files stored by the rolled-back transaction, so no
half-written row, file or index entry remains.

The outbox (``documents.outbox``) records each queued document as ``pending``
in the same transaction; after the index write it becomes ``indexed``. A
process killed in between leaves it ``pending`` for the worker's reconciler.
Every index write goes through `write_to_index` / `remove_from_index`.
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
from casetracker.search.models import SearchPage
from casetracker.search.postgres import PostgresSearch
from casetracker.search.schema import OPEN_TO_TEAM

log = logging.getLogger(__name__)

_ADD = "casetracker.index_add"
_DELETE = "casetracker.index_delete"
_ENTRIES = "casetracker.index_entries"
_BLOBS = "casetracker.new_blobs"
_PATHS = "casetracker.paths"
_COMMITTING = "casetracker.committing"
_GENERATIONS = "casetracker.index_generations"
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
    from casetracker.documents import outbox

    _remember_paths(session)
    outbox.mark_pending(session, [document_id])
    session.info.setdefault(_ADD, set()).add(document_id)


def queue_delete(session: Session, document_ids: Iterable[int]) -> None:
    """Remove these documents' pages from the index once the transaction commits."""
    from casetracker.documents import outbox

    _remember_paths(session)
    ids = set(document_ids)
    outbox.mark_removing(session, ids)
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
        from casetracker.documents import outbox

        session.flush()
        session.info.setdefault(_ENTRIES, []).extend(page_entries(session, ids))
        session.info.setdefault(_GENERATIONS, {}).update(outbox.generations(session, ids))


def _write_in_transaction(session: Session) -> None:
    deleted = session.info.pop(_DELETE, None)
    ids = session.info.pop(_ADD, None)
    if not (deleted or ids):
        return
    from casetracker.documents import outbox

    session.flush()
    backend = PostgresSearch(session)
    if deleted:
        backend.delete_documents(deleted)
        outbox.mark_removed(session, deleted)
    if ids:
        written = outbox.generations(session, ids)
        entries = list(page_entries(session, ids))
        emptied = set(ids) - {entry.document_id for entry in entries}
        if emptied:
            backend.delete_documents(emptied)
        backend.add_pages(entries)
        outbox.mark_indexed(session, written)  # same transaction: nothing is ever left pending


@event.listens_for(Session, "after_commit")
def _write(session: Session) -> None:
    if not session.info.pop(_COMMITTING, False):  # a savepoint was released, not the transaction
        return
    entries = session.info.pop(_ENTRIES, None)
    deleted = session.info.pop(_DELETE, None)
    written = session.info.pop(_GENERATIONS, None) or {}
    session.info.pop(_BLOBS, None)
    paths = session.info.get(_PATHS)
    if not (entries or deleted or written) or not paths:
        return
    index = SearchIndex(Path(paths[0]))
    try:
        index.ensure()
        if deleted:
            index.delete_documents(deleted)
        # Documents left with no pages still lose what the index held for them.
        emptied = set(written) - {entry.document_id for entry in entries or ()}
        if emptied:
            index.delete_documents(emptied)
        if entries:
            index.add_pages(entries)
    except Exception:  # the database is committed; the outbox row stays pending for the reconciler
        log.exception("Search index update failed after commit; the worker or `flask search check --repair` retries.")
        return
    _record_written(session, written, deleted or ())


def _record_written(session: Session, written: dict[int, int], deleted: Iterable[int]) -> None:
    from casetracker.documents import outbox

    try:
        with session.get_bind().begin() as conn:
            outbox.mark_indexed(conn, written)
            outbox.mark_removed(conn, deleted)
    except Exception:  # the rows stay pending/removing; re-indexing them is harmless
        log.exception("Could not record the index write in the outbox.")


def write_to_index(session: Session, document_ids: Iterable[int]) -> int:
    """Write these documents' current pages to the index and mark them indexed; return pages written.

    Idempotent: a document's old pages are replaced. The outbox row is marked
    indexed only for the generation read here, in the caller's transaction
    (the caller commits).
    """
    from casetracker.documents import outbox

    ids = sorted(set(document_ids))
    if not ids:
        return 0
    written = outbox.generations(session, ids)
    entries = list(page_entries(session, ids))
    index = get_backend()
    index.ensure()
    emptied = set(ids) - {entry.document_id for entry in entries}
    if emptied:
        index.delete_documents(emptied)
    index.add_pages(entries)
    outbox.mark_indexed(session, written)
    return len(entries)


def remove_from_index(session: Session, document_ids: Iterable[int]) -> int:
    """Remove these documents' pages from the index and forget their outbox rows; return pages removed."""
    from casetracker.documents import outbox

    ids = sorted(set(document_ids))
    if not ids:
        return 0
    index = get_backend()
    index.ensure()
    removed = index.delete_documents(ids)
    outbox.mark_removed(session, ids)
    return removed


def indexed_pages() -> dict[int, set[int]] | None:
    """Return the page numbers the index holds per document id; None when there is no index.

    Reads only the sortable columns, never the stored page text.
    """
    from casetracker.search.readers import open_live, read_whoosh
    from casetracker.search.schema import build_schema
    from casetracker.search.storage import IndexFolder, IndexMissingError

    if backend_name() == "postgres":
        from casetracker.extensions import db

        held_pg: dict[int, set[int]] = {}
        for document_id, number in db.session.execute(select(SearchPage.document_id, SearchPage.page)):
            held_pg.setdefault(int(document_id), set()).add(int(number))
        return held_pg

    try:
        _, ix = open_live(IndexFolder(Path(current_app.config["SEARCH_INDEX_PATH"])), build_schema())
    except IndexMissingError:
        return None
    held: dict[int, set[int]] = {}

    def read() -> None:
        with ix.reader() as reader:
            if reader.doc_count() == 0:
                return
            documents, pages = reader.column_reader("document_id"), reader.column_reader("page")
            for docnum in reader.all_doc_ids():
                held.setdefault(int(documents[docnum]), set()).add(int(pages[docnum]))

    read_whoosh(read)
    return held


@event.listens_for(Session, "after_soft_rollback")
def _discard(session: Session, previous_transaction) -> None:
    if previous_transaction.parent is not None or previous_transaction.nested:
        return
    for key in (_ADD, _DELETE, _ENTRIES, _COMMITTING, _GENERATIONS):
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
