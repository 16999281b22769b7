"""Rebuild the whole search index from the database, and mark every document indexed."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import delete, func, select

from casetracker.documents.indexing import get_backend, page_entries
from casetracker.documents.models import Document, DocumentPage
from casetracker.documents.outbox import IndexState, IndexStatus, mark_indexed
from casetracker.extensions import db


def rebuild_index(progress: Callable[[int, int], None] | None = None, *, batch_size: int = 500) -> int:
    """Build a fresh index from every stored page, swap it in, and bring the outbox in line; return pages.

    ``progress(pages_done, pages_total)`` is called every ``batch_size`` pages.
    Documents stored while the rebuild runs keep a newer generation and stay
    pending, so the worker indexes them afterwards. Commits.
    """
    ensure_index_states()
    db.session.commit()
    generations = dict(db.session.execute(select(IndexState.document_id, IndexState.generation)
                                          .where(IndexState.state != IndexStatus.REMOVING)).all())
    removing = list(db.session.scalars(select(IndexState.document_id).where(IndexState.state == IndexStatus.REMOVING)))
    total = db.session.scalar(select(func.count(DocumentPage.id))) or 0
    db.session.commit()
    done = get_backend().rebuild(page_entries(db.session), batch_size=batch_size,
                               progress=(lambda n: progress(n, total)) if progress else None)
    db.session.execute(IndexState.__table__.update().where(IndexState.state == IndexStatus.INDEXED)
                       .values(state=IndexStatus.PENDING))  # re-marked below at the generation just written
    mark_indexed(db.session, generations)
    if removing:
        db.session.execute(delete(IndexState).where(IndexState.document_id.in_(removing),
                                                    IndexState.state == IndexStatus.REMOVING))
    db.session.commit()
    return done


def ensure_index_states() -> int:
    """Give every document without an outbox row a pending one (documents stored before the outbox); return how many."""
    missing = list(db.session.scalars(
        select(Document.id).outerjoin(IndexState, IndexState.document_id == Document.id)
        .where(IndexState.document_id.is_(None))
    ))
    for document_id in missing:
        db.session.add(IndexState(document_id=document_id, state=IndexStatus.PENDING, generation=1))
    db.session.flush()
    return len(missing)
