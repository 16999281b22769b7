"""The index outbox: each document's index state, written in the transaction that stores it.

A document's row says ``pending`` until its pages are in the search index with
the current ``generation``, then ``indexed``; a deleted document's row says
``removing`` until its pages are gone from the index. A process that dies
between the database commit and the index write leaves a ``pending`` row, which
the worker's reconciler (``tasks.reconcile``) and ``flask search check --repair``
re-drive, so nothing stored is ever missing from search.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Iterable

from sqlalchemy import DateTime, String, delete, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Mapped, Session, mapped_column

from casetracker.documents.constants import DocumentStatus, SearchStatus
from casetracker.extensions import db
from casetracker.timeutil import utcnow


class IndexStatus(StrEnum):
    PENDING = "pending"
    INDEXED = "indexed"
    REMOVING = "removing"


class IndexState(db.Model):
    """Whether a document's pages are in the search index, and which version of them."""

    __tablename__ = "index_states"

    #: No foreign key: the row outlives a deleted document until its pages leave the index.
    document_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    state: Mapped[str] = mapped_column(String(10), default=IndexStatus.PENDING, index=True)
    #: Bumped each time the document's pages change.
    generation: Mapped[int] = mapped_column(default=1)
    #: The generation the index holds; equal to ``generation`` once indexed.
    indexed_generation: Mapped[int | None] = mapped_column()
    #: How many times the pages were written to the index (exactly once in normal running).
    index_writes: Mapped[int] = mapped_column(default=0)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


def shown_status(document_status: str, state: str | None, generation: int | None,
                 indexed_generation: int | None) -> SearchStatus:
    """Return whether a document is searchable, from its outbox row; never from what storing it said.

    A document is ``indexed`` only when the index holds its current generation;
    a missing row (a crash before the outbox existed) is ``pending`` until the
    reconciler or ``search check --repair`` writes it.
    """
    if document_status == DocumentStatus.FAILED:
        return SearchStatus.FAILED
    if state == IndexStatus.REMOVING:
        return SearchStatus.REMOVING
    if state == IndexStatus.INDEXED and generation is not None and indexed_generation == generation:
        return SearchStatus.INDEXED
    return SearchStatus.PENDING


def search_statuses(session: Session, document_ids: Iterable[int]) -> dict[int, SearchStatus]:
    """Return each document's ``shown_status`` in one query (lists of jobs and documents)."""
    from casetracker.documents.models import Document

    ids = list(dict.fromkeys(i for i in document_ids if i is not None))
    if not ids:
        return {}
    rows = session.execute(
        select(Document.id, Document.status, IndexState.state, IndexState.generation, IndexState.indexed_generation)
        .outerjoin(IndexState, IndexState.document_id == Document.id).where(Document.id.in_(ids)))
    return {row[0]: shown_status(*row[1:]) for row in rows}


def mark_pending(session: Session, document_ids: Iterable[int]) -> None:
    """Record in the caller's transaction that these documents' pages must be (re)indexed."""
    for document_id in document_ids:
        row = session.get(IndexState, document_id)
        if row is None:
            session.add(IndexState(document_id=document_id, state=IndexStatus.PENDING, generation=1))
        else:
            row.state = IndexStatus.PENDING
            row.generation += 1
            row.updated_at = utcnow()


def mark_removing(session: Session, document_ids: Iterable[int]) -> None:
    """Record in the caller's transaction that these documents' pages must leave the index."""
    for document_id in document_ids:
        row = session.get(IndexState, document_id)
        if row is None:
            session.add(IndexState(document_id=document_id, state=IndexStatus.REMOVING, generation=1))
        else:
            row.state = IndexStatus.REMOVING
            row.updated_at = utcnow()


def generations(session: Session, document_ids: Iterable[int]) -> dict[int, int]:
    """Return each document's current generation (read before the index is written)."""
    ids = list(document_ids)
    if not ids:
        return {}
    rows = session.execute(select(IndexState.document_id, IndexState.generation).where(IndexState.document_id.in_(ids)))
    return dict(rows.all())


def mark_indexed(conn: Connection | Session, written: dict[int, int]) -> None:
    """Record that the index now holds these generations; a newer generation stays pending."""
    for document_id, generation in written.items():
        conn.execute(
            update(IndexState)
            .where(IndexState.document_id == document_id, IndexState.generation == generation,
                   IndexState.state == IndexStatus.PENDING)
            .values(state=IndexStatus.INDEXED, indexed_generation=generation,
                    index_writes=IndexState.index_writes + 1, updated_at=utcnow())
        )


def mark_removed(conn: Connection | Session, document_ids: Iterable[int]) -> None:
    """Forget documents whose pages have left the index."""
    ids = list(document_ids)
    if ids:
        conn.execute(delete(IndexState).where(IndexState.document_id.in_(ids),
                                              IndexState.state == IndexStatus.REMOVING))
