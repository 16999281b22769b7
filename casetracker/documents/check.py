"""Compare the database with the search index, and repair every difference (``flask search check``)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from sqlalchemy import select

from casetracker.documents import indexing
from casetracker.documents.models import Document, DocumentPage
from casetracker.documents.outbox import IndexState, IndexStatus
from casetracker.documents.reindex import ensure_index_states
from casetracker.extensions import db


@dataclass
class IndexReport:
    """What ``search check`` prints: counts and the ids of documents out of step, ascending."""

    documents: int = 0
    indexed: int = 0
    #: Stored documents with pages, none of which are in the index.
    missing: list[int] = field(default_factory=list)
    #: Documents in the index with other pages than stored, or whose outbox row says the
    #: index holds an older generation (or is still pending).
    stale: list[int] = field(default_factory=list)
    #: Documents in the index that the database no longer has.
    orphans: list[int] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not (self.missing or self.stale or self.orphans)

    def as_dict(self) -> dict:
        return asdict(self)


def check_index() -> IndexReport:
    """Recompute, from the database and the index, which documents are missing, stale or orphaned."""
    expected: dict[int, set[int]] = {document_id: set() for document_id in db.session.scalars(select(Document.id))}
    for document_id, number in db.session.execute(select(DocumentPage.document_id, DocumentPage.number)):
        expected[document_id].add(number)
    states = {row.document_id: row for row in db.session.scalars(select(IndexState))}
    held = indexing.indexed_pages() or {}
    report = IndexReport(documents=len(expected))
    for document_id, pages in sorted(expected.items()):
        state = states.get(document_id)
        in_step = (state is not None and state.state == IndexStatus.INDEXED
                   and state.indexed_generation == state.generation)
        got = held.get(document_id)
        if got is None and pages:
            report.missing.append(document_id)
        elif (got or set()) != pages or not in_step:
            report.stale.append(document_id)
        else:
            report.indexed += 1
    report.orphans = sorted(set(held) - set(expected))
    db.session.commit()
    return report


def repair_index(report: IndexReport) -> None:
    """Write missing and stale documents to the index and remove orphans; commits."""
    ensure_index_states()
    ids = report.missing + report.stale
    rows = {row.document_id: row for row in db.session.scalars(select(IndexState).where(IndexState.document_id.in_(ids)))}
    for document_id in ids:  # the write below marks exactly these generations indexed
        rows[document_id].state = IndexStatus.PENDING
    for document_id in report.orphans:
        row = db.session.get(IndexState, document_id)
        if row is None:
            db.session.add(IndexState(document_id=document_id, state=IndexStatus.REMOVING))
        else:
            row.state = IndexStatus.REMOVING
    db.session.flush()
    indexing.write_to_index(db.session, ids)
    indexing.remove_from_index(db.session, report.orphans)
    db.session.commit()
