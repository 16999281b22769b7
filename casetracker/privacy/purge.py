"""Delete rows with everything that depends on them, then the files and index entries nothing needs.

The tables that depend on a row are found from the schema's foreign keys, so a
table added later is covered without a change here. A nullable reference from
a record that is not owned by the deleted row (a claim "recorded in" a
document) is set to NULL instead of deleting that record.
"""

from __future__ import annotations

import time
from collections import defaultdict
from pathlib import Path
from typing import Iterable

from flask import current_app
from sqlalchemy import Table, delete, select, update

from casetracker.documents import indexing
from casetracker.documents.models import StoredFile
from casetracker.documents.storage import blob_path
from casetracker.extensions import db

#: Nullable references that still mean "belongs to": the row goes with its owner.
OWNING = {("documents", "request_id"), ("documents", "parent_id"), ("jobs", "request_id"),
          ("documents", "correspondence_id")}
#: On-disk files younger than this are left alone by the sweep: an upload may not have committed yet.
SWEEP_MIN_AGE_SECONDS = 3600


def _table(name: str) -> Table:
    return db.metadata.tables[name]


def _pk(table: Table):
    (column,) = table.primary_key.columns
    return column


def plan_deletion(table_name: str, ids: Iterable[int]) -> tuple[dict[str, set], dict[tuple[str, str], set]]:
    """Return ({table: ids to delete}, {(table, column): referenced ids to set NULL}) for these rows."""
    to_delete: dict[str, set] = defaultdict(set)
    to_null: dict[tuple[str, str], set] = defaultdict(set)
    stack = [(table_name, set(ids))]
    while stack:
        name, wanted = stack.pop()
        new = wanted - to_delete[name]
        if not new:
            continue
        to_delete[name] |= new
        for child in db.metadata.sorted_tables:
            for fk in child.foreign_keys:
                if fk.column.table.name != name or len(child.primary_key.columns) != 1:
                    continue
                column = fk.parent
                if column.nullable and (child.name, column.name) not in OWNING:
                    to_null[(child.name, column.name)] |= new
                    continue
                found = set(db.session.scalars(select(_pk(child)).where(column.in_(sorted(new)))))
                if found:
                    stack.append((child.name, found))
    return to_delete, to_null


def delete_rows(table_name: str, ids: Iterable[int]) -> dict[str, int]:
    """Delete these rows and every row that depends on them; return {table: rows deleted}.

    Documents among them leave the search index (through the outbox, as
    ``documents.services.delete_document`` does); their files are left for
    ``drop_unreferenced_files``.
    """
    to_delete, to_null = plan_deletion(table_name, ids)
    documents = to_delete.get("documents")
    if documents:
        indexing.queue_delete(db.session, documents)
        db.session.flush()  # the outbox's "removing" rows, before Core statements and expiry below
    for (name, column), referenced in to_null.items():
        table = _table(name)
        db.session.execute(update(table).where(table.c[column].in_(sorted(referenced))).values({column: None}))
    counts = {}
    for table in reversed(db.metadata.sorted_tables):
        doomed = to_delete.get(table.name)
        if doomed:
            pk = _pk(table)
            ordered = sorted(doomed)
            if table.name == "documents":  # children before parents: a self-reference
                db.session.execute(update(table).where(pk.in_(ordered)).values(parent_id=None))
            for start in range(0, len(ordered), 500):
                db.session.execute(delete(table).where(pk.in_(ordered[start:start + 500])))
            counts[table.name] = len(doomed)
    db.session.flush()  # pending ORM changes (the outbox rows) must reach the database before expiry
    db.session.expire_all()
    return counts


def drop_unreferenced_files() -> list[tuple[int, str]]:
    """Delete ``StoredFile`` rows nothing refers to any more; return their (id, SHA-256) (unlink after commit)."""
    referencing = [fk.parent for table in db.metadata.sorted_tables for fk in table.foreign_keys
                   if fk.column.table.name == "stored_files"]
    used = select(StoredFile.id)
    for column in referencing:
        used = used.where(~StoredFile.id.in_(select(column).where(column.is_not(None))))
    rows = db.session.execute(used.add_columns(StoredFile.sha256).order_by(StoredFile.id)).all()
    if rows:
        db.session.execute(delete(StoredFile).where(StoredFile.id.in_([row[0] for row in rows])))
    return [(row[0], row[1]) for row in rows]


def files_root() -> Path:
    return Path(current_app.config["FILES_PATH"])


def unlink_files(digests: Iterable[str]) -> list[str]:
    """After the commit: remove these files from disk unless a row still names them; return those removed."""
    removed = []
    for digest in digests:
        if db.session.scalar(select(StoredFile.id).where(StoredFile.sha256 == digest)) is not None:
            continue
        path = blob_path(files_root(), digest)
        if path.exists():
            path.unlink()
            removed.append(digest)
    return removed


def sweep_orphan_files(*, dry_run: bool = False) -> list[str]:
    """Remove files on disk that no ``StoredFile`` names (left by a crash before ``unlink_files``); return them.

    Files younger than ``SWEEP_MIN_AGE_SECONDS`` are skipped: their upload may still be committing.
    """
    root = files_root()
    if not root.is_dir():
        return []
    known = set(db.session.scalars(select(StoredFile.sha256)))
    cutoff = time.time() - SWEEP_MIN_AGE_SECONDS
    orphans = []
    for path in sorted(root.glob("??/*")):
        if path.name.startswith(".") or path.name in known or len(path.name) != 64:
            continue
        if path.is_file() and path.stat().st_mtime < cutoff:
            orphans.append(path.name)
            if not dry_run:
                path.unlink(missing_ok=True)
    return orphans


def purge_search_remnants() -> None:
    """After the commit: leave nothing of deleted or rewritten pages anywhere in the search backend.

    Whoosh keeps deleted documents' terms in its segment files until a merge, so
    the index is rebuilt from the database and the old generation removed.
    PostgreSQL's ``search_words`` (wildcard expansion) never forgets a word, so
    it is refilled from the pages that remain.
    """
    from casetracker.documents.reindex import rebuild_index
    from casetracker.search.index import SearchIndex

    if indexing.backend_name() == "postgres":
        conn = db.session.connection()
        conn.execute(db.text("DELETE FROM search_words"))
        conn.execute(db.text(
            "INSERT INTO search_words (word) SELECT DISTINCT word FROM (SELECT unnest(tsvector_to_array(exact)) "
            "AS word FROM search_pages) w WHERE length(word) <= 200 ORDER BY word ON CONFLICT DO NOTHING"))
        db.session.commit()
        return
    rebuild_index()
    index = indexing.get_backend()
    if isinstance(index, SearchIndex):
        index.sweep_old_generations()
