"""Make SQLite safe for several processes: WAL, a busy timeout, and the write lock only for writers.

WAL lets readers and one writer work at once: a reader sees the last committed
state and never blocks, nor is blocked by, the writer. So a page that only
reads (a web ``GET``/``HEAD``/``OPTIONS``) begins a plain deferred
transaction: it takes no lock, and twenty people reading the dashboard do not
queue behind each other or behind an import.

Everything else (form posts, ``flask`` commands, tests outside a web request)
begins with ``BEGIN IMMEDIATE``, taking the single write lock up front. That
matters because a *deferred* transaction that reads and then writes cannot
wait for the lock: if another process committed after its first read, SQLite
refuses the upgrade at once with "database is locked" (its snapshot is stale),
whatever the busy timeout. Taking the lock before the first read makes the
second writer wait (up to ``BUSY_TIMEOUT_MS``) instead, which is what lets two
``flask documents import`` processes run side by side. Long work such as OCR
is done before a transaction starts, so the lock is held only for the short
database writes.

A command that only reads (``flask deadlines verify`` checking 300,000
requests for minutes) says so with ``deferred_reads()``: holding the write lock
that long would stop every form post and upload meanwhile.

A GET that does write (none should: views change state on POST) still works
when no other process is writing; under contention it may be refused, so keep
writes out of GET handlers. PostgreSQL needs none of this.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from typing import Iterator

from flask import has_request_context, request
from sqlalchemy import event
from sqlalchemy.engine import Engine

#: How long a connection waits for another process's write lock (milliseconds).
BUSY_TIMEOUT_MS = 60_000
#: HTTP methods that only read (RFC 9110 s9.2.1 "safe" methods), served in deferred transactions.
READ_ONLY_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_DEFERRED: ContextVar[bool] = ContextVar("casetracker_deferred_reads", default=False)


@event.listens_for(Engine, "connect")
def _on_connect(dbapi_connection, connection_record) -> None:  # noqa: ARG001
    if type(dbapi_connection).__module__.split(".")[0] != "sqlite3":
        return
    # Let SQLAlchemy, not the driver, decide when transactions begin.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.close()


@contextmanager
def deferred_reads() -> Iterator[None]:
    """Begin the transactions started inside the block deferred: for work that only reads (see the module docstring)."""
    token = _DEFERRED.set(True)
    try:
        yield
    finally:
        _DEFERRED.reset(token)


def begin_statement() -> str:
    """Return how a transaction begins now: deferred for a read-only web request or inside ``deferred_reads``."""
    if _DEFERRED.get() or (has_request_context() and request.method in READ_ONLY_METHODS):
        return "BEGIN"
    return "BEGIN IMMEDIATE"


@event.listens_for(Engine, "begin")
def _on_begin(connection) -> None:
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql(begin_statement())
