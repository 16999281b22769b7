"""Audit events cannot be changed or deleted, even by bulk ORM statements or raw SQL (on SQLite and PostgreSQL)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import delete, update
from sqlalchemy.exc import DBAPIError

from casetracker.audit.models import AuditEvent, AuditImmutableError
from casetracker.extensions import db
from tests.conftest import migrated_sqlite

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def audited(app):
    """Two audit events (two teams created); returns their (id, summary) pairs."""
    from casetracker.auth.services import get_or_create_team

    with app.app_context():
        get_or_create_team("alpha")
        get_or_create_team("beta")
        db.session.commit()
        return _rows()


def _rows() -> list[tuple[int, str]]:
    return [tuple(row) for row in db.session.execute(db.select(AuditEvent.id, AuditEvent.summary).order_by(AuditEvent.id))]


STATEMENTS = {
    "orm bulk update": lambda: db.session.execute(update(AuditEvent).values(summary="rewritten")),
    "orm bulk update, one row": lambda: db.session.execute(
        update(AuditEvent).where(AuditEvent.summary == "Team beta created").values(actor_label="someone else")),
    "orm bulk delete": lambda: db.session.execute(delete(AuditEvent)),
    "orm bulk delete, one row": lambda: db.session.execute(delete(AuditEvent).where(AuditEvent.summary == "Team alpha created")),
    "raw update": lambda: db.session.execute(db.text("UPDATE audit_events SET summary = 'rewritten'")),
    "raw delete": lambda: db.session.execute(db.text("DELETE FROM audit_events")),
    "driver-level update": lambda: db.session.connection().exec_driver_sql(
        "UPDATE audit_events SET occurred_at = occurred_at"),
}


@pytest.mark.parametrize("name", list(STATEMENTS))
def test_database_refuses_changing_audit_events(app, audited, name):
    assert [summary for _, summary in audited] == ["Team alpha created", "Team beta created"]
    with app.app_context():
        with pytest.raises(DBAPIError, match="audit events cannot be"):
            STATEMENTS[name]()
            db.session.flush()
        db.session.rollback()
        assert _rows() == audited


def test_orm_unit_of_work_still_refuses(app, audited):
    with app.app_context():
        event = db.session.get(AuditEvent, audited[0][0])
        event.summary = "rewritten"
        with pytest.raises(AuditImmutableError):
            db.session.flush()
        db.session.rollback()
        db.session.delete(db.session.get(AuditEvent, audited[0][0]))
        with pytest.raises(AuditImmutableError):
            db.session.flush()
        db.session.rollback()
        assert _rows() == audited


def test_new_events_can_still_be_written(app, audited):
    from casetracker.auth.services import get_or_create_team

    with app.app_context():
        get_or_create_team("gamma")
        db.session.commit()
        assert [summary for _, summary in _rows()] == ["Team alpha created", "Team beta created", "Team gamma created"]


def test_migrated_sqlite_database_has_the_triggers(tmp_path):
    """`flask init-db` (Alembic, not create_all) builds the same refusal."""
    connection = migrated_sqlite(tmp_path)
    try:
        connection.execute("INSERT INTO audit_events (occurred_at, actor_label, action, object_type, summary) "
                           "VALUES ('2026-01-01 00:00:00', 'system', 'test.made', 'tests', 'original')")
        connection.commit()
        for statement in ("UPDATE audit_events SET summary = 'rewritten'", "DELETE FROM audit_events"):
            with pytest.raises(sqlite3.IntegrityError, match="audit events cannot be"):
                connection.execute(statement)
        assert connection.execute("SELECT summary FROM audit_events").fetchall() == [("original",)]
    finally:
        connection.close()


def test_upgrade_gives_existing_users_their_own_session_tokens(tmp_path):
    """Users created before migration 0003 get distinct tokens (their old sessions end) and no site-admin flag."""
    env = {**os.environ, "CASETRACKER_INSTANCE_PATH": str(tmp_path / "i")}
    env.pop("CASETRACKER_TEST_DATABASE_URL", None)
    flask = [sys.executable, "-m", "flask", "--app", "casetracker"]
    first = subprocess.run(flask + ["db", "upgrade", "0001"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    path = tmp_path / "i" / "casetracker.sqlite"
    with sqlite3.connect(path) as connection:
        for email in ("a@example.org", "b@example.org"):
            connection.execute("INSERT INTO users (email, name, password_hash, active, created_at) "
                               "VALUES (?, '', 'x', 1, '2026-01-01 00:00:00')", (email,))
    connection.close()
    result = subprocess.run(flask + ["init-db"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    connection = sqlite3.connect(path)
    try:
        rows = connection.execute("SELECT email, is_site_admin, session_token FROM users ORDER BY email").fetchall()
    finally:
        connection.close()
    assert [(email, flag) for email, flag, _ in rows] == [("a@example.org", 0), ("b@example.org", 0)]
    tokens = {token for _, _, token in rows}
    assert len(tokens) == 2 and all(len(token) == 43 for token in tokens)
