"""Make SQLite safe for several processes: WAL, a busy timeout, and write locks taken up front.

SQLite's default deferred transactions fail at once with "database is locked"
when two processes both read and then try to write; starting every
transaction with ``BEGIN IMMEDIATE`` makes the second one wait (up to the
busy timeout) instead. Long work such as OCR is done before a transaction
starts, so the lock is held only for the short database writes.
"""

from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.engine import Engine

#: How long a connection waits for another process's write lock (milliseconds).
BUSY_TIMEOUT_MS = 60_000


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


@event.listens_for(Engine, "begin")
def _on_begin(connection) -> None:
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN IMMEDIATE")
