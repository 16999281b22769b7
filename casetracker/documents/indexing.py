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

from casetracker.search.index import PageEntry, SearchIndex

log = logging.getLogger(__name__)

_ADD = "casetracker.index_add"
_DELETE = "casetracker.index_delete"
_ENTRIES = "casetracker.index_entries"
_BLOBS = "casetracker.new_blobs"
_PATHS = "casetracker.paths"
_COMMITTING = "casetracker.committing"
_GENERATIONS = "casetracker.index_generations"


def get_index() -> SearchIndex:
    """Return the app's search index (``SEARCH_INDEX_PATH``)."""
    return SearchIndex(Path(current_app.config["SEARCH_INDEX_PATH"]))


def index_for_search() -> SearchIndex:
    """Return the index to search, creating an empty one on a fresh install.

    When documents exist but the index does not, it is left missing so that
    searching reports it (an administrator runs ``flask search reindex``)
    instead of silently finding nothing.
    """
    from casetracker.documents.models import Document
    from casetracker.extensions import db

    index = get_index()
    if db.session.scalar(select(Document.id).limit(1)) is None:
        index.ensure()
    return index


def _remember_paths(session: Session) -> None:
    if has_app_context():
        session.info[_PATHS] = (current_app.config["SEARCH_INDEX_PATH"], current_app.config["FILES_PATH"])


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
    from casetracker.documents.models import Document, DocumentPage
    from casetracker.info_requests.models import InfoRequest

    query = (
        select(DocumentPage, Document, InfoRequest)
        .join(Document, DocumentPage.document_id == Document.id)
        .outerjoin(InfoRequest, Document.request_id == InfoRequest.id)
        .order_by(Document.id, DocumentPage.number)
    )
    if document_ids is not None:
        ids = list(document_ids)
        if not ids:
            return
        query = query.where(Document.id.in_(ids))
    for page, document, info_request in session.execute(query).yield_per(500):
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
        )


@event.listens_for(Session, "before_commit")
def _collect(session: Session) -> None:
    if session.in_nested_transaction():  # releasing a savepoint is not the commit
        return
    session.info[_COMMITTING] = True
    ids = session.info.pop(_ADD, None)
    if ids:
        from casetracker.documents import outbox

        session.flush()
        session.info.setdefault(_ENTRIES, []).extend(page_entries(session, ids))
        session.info.setdefault(_GENERATIONS, {}).update(outbox.generations(session, ids))


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
    index = get_index()
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
    index = get_index()
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
