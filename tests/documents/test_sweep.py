"""Stored files no row refers to (a process killed before its commit) are swept; nothing else is."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest

from casetracker.extensions import db

ROOT = Path(__file__).resolve().parents[2]
CRASH = """
import os, sys
from casetracker import create_app
from casetracker.documents.services import store_blob
from casetracker.extensions import db
app = create_app()
with app.app_context():
    stored = store_blob(sys.argv[1].encode(), "text/plain")
    db.session.flush()  # the row is written in the open transaction, never committed
    print(stored.sha256, flush=True)
    os._exit(9)  # killed before the commit: no rollback hook runs
"""


def _crash_after_writing(app, text: str) -> str:
    env = dict(os.environ, PYTHONWARNINGS="ignore",
               CASETRACKER_SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"],
               CASETRACKER_INSTANCE_PATH=app.instance_path, CASETRACKER_FILES_PATH=app.config["FILES_PATH"],
               CASETRACKER_SEARCH_INDEX_PATH=app.config["SEARCH_INDEX_PATH"], CASETRACKER_SECRET_KEY="crash-test")
    done = subprocess.run([sys.executable, "-c", CRASH, text], cwd=ROOT, env=env, capture_output=True, timeout=120)
    assert done.returncode == 9, done.stderr.decode(errors="replace")[-2000:]
    return done.stdout.decode().strip()


def _blob(app, sha: str) -> Path:
    return Path(app.config["FILES_PATH"]) / sha[:2] / sha


def _age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def _sweep(runner, *args) -> dict:
    result = runner.invoke(args=["documents", "sweep", "--json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture
def kept(app):
    """A file a committed row refers to, two days old."""
    from casetracker.documents.services import store_blob

    with app.app_context():
        stored = store_blob(b"A release the team keeps.", "text/plain")
        db.session.commit()
        sha = stored.sha256
    _age(_blob(app, sha), 2 * 86400)
    return sha


def test_a_file_left_by_a_crash_before_the_commit_is_swept_after_the_grace_period(app, runner, actors, kept):
    from casetracker.documents.models import StoredFile
    from casetracker.tasks.constants import JobState
    from casetracker.tasks.models import Job
    from casetracker.timeutil import utcnow

    text = "Bytes of an upload whose transaction never committed."
    orphan = _crash_after_writing(app, text)
    path = _blob(app, orphan)
    assert path.read_bytes() == text.encode()
    with app.app_context():
        assert db.session.scalar(db.select(StoredFile).where(StoredFile.sha256 == orphan)) is None

    assert _sweep(runner) == {"orphans": [], "bytes": 0, "kept": 1, "temp_files": 0, "dry_run": False}
    assert path.exists()  # younger than a day: a transaction may still be about to refer to it

    _age(path, 2 * 86400)
    assert _sweep(runner, "--dry-run") == {"orphans": [orphan], "bytes": len(text), "kept": 0, "temp_files": 0,
                                           "dry_run": True}
    assert path.exists()

    with app.app_context():  # a job that began before the file was written still holds its lease
        db.session.add(Job(state=JobState.EXTRACTING, filename="scan.pdf", lease_until=utcnow() + timedelta(minutes=5),
                           created_at=utcnow() - timedelta(days=3)))
        db.session.commit()
    assert _sweep(runner) == {"orphans": [], "bytes": 0, "kept": 1, "temp_files": 0, "dry_run": False}
    assert path.exists()

    with app.app_context():
        db.session.execute(db.update(Job).values(state=JobState.DONE, lease_until=None))
        db.session.commit()
    result = runner.invoke(args=["documents", "sweep"])
    assert result.exit_code == 0, result.output
    assert result.output == (f"Removed 1 stored file no record refers to ({len(text)} bytes); kept 0 younger than "
                             f"86400 s or written while a job runs.\n    {orphan}\n")
    assert not path.exists()
    assert _blob(app, kept).read_bytes() == b"A release the team keeps."
    assert _sweep(runner) == {"orphans": [], "bytes": 0, "kept": 0, "temp_files": 0, "dry_run": False}


def test_an_orphan_stored_again_is_touched_and_kept(app, runner, actors, kept):
    from casetracker.documents.storage import write_blob

    root = Path(app.config["FILES_PATH"])
    orphan, created = write_blob(root, b"Sent again after a crash.")
    assert created
    _age(_blob(app, orphan), 2 * 86400)
    # The same bytes uploaded again: store_blob finds the file and touches it before adding its row, so
    # a sweep between that and the commit (another process, which does not see the row yet) keeps it.
    assert write_blob(root, b"Sent again after a crash.") == (orphan, False)
    assert _sweep(runner) == {"orphans": [], "bytes": 0, "kept": 1, "temp_files": 0, "dry_run": False}
    assert _blob(app, orphan).read_bytes() == b"Sent again after a crash."


def test_a_file_a_killed_sweep_had_moved_aside_is_put_back_when_referenced(app, actors, kept):
    from casetracker.documents.sweep import sweep_files

    path = _blob(app, kept)
    aside = path.with_name(".sweeping-" + kept)
    os.rename(path, aside)
    unreferenced = path.with_name(".sweeping-" + "0" * 64)
    unreferenced.write_bytes(b"an orphan the killed sweep was removing")
    with app.app_context():
        assert sweep_files(now=time.time()).orphans == []
        assert aside.exists()  # moved aside moments ago: a sweep may still be looking at it
        report = sweep_files(now=time.time() + 601)
    assert report.orphans == []
    assert path.read_bytes() == b"A release the team keeps." and not aside.exists()
    assert not unreferenced.exists()
