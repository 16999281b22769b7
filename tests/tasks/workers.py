"""Start real ``flask --app casetracker worker`` processes on a test app's database, index and files."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from casetracker.extensions import db

ROOT = Path(__file__).resolve().parents[2]

#: Short leases and reconciler rounds, so a killed worker's jobs come back within seconds.
FAST = {"JOB_LEASE_SECONDS": 2, "RECONCILE_SECONDS": 1, "QUEUE_REDRIVE_SECONDS": 60, "OUTBOX_GRACE_SECONDS": 2,
        "QUEUE_RETRY_DELAY": 1}


def use_queue(app, url: str) -> None:
    """Make the test app send tasks to the queue at ``url`` instead of running them at once."""
    app.config.update(QUEUE_IMMEDIATE=False, QUEUE_URL=url, **FAST)
    app.extensions.pop("casetracker.huey", None)


def worker_env(app, **overrides) -> dict[str, str]:
    env = dict(os.environ)
    settings = {
        "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
        "INSTANCE_PATH": app.instance_path,
        "SEARCH_INDEX_PATH": app.config["SEARCH_INDEX_PATH"],
        "FILES_PATH": app.config["FILES_PATH"],
        "SECRET_KEY": "worker-test",
        "QUEUE_URL": app.config["QUEUE_URL"],
        "OCR_ENABLED": "false" if not app.config.get("OCR_ENABLED") else "true",
        **{name: str(value) for name, value in {**FAST, **overrides}.items()},
    }
    env.update({f"CASETRACKER_{name}": value for name, value in settings.items()})
    env["PYTHONWARNINGS"] = "ignore"
    return env


def start_worker(app, log: Path, threads: int = 2, **overrides) -> subprocess.Popen:
    """Start a worker whose output goes to ``log``; return its process."""
    out = open(log, "ab")
    try:
        return subprocess.Popen([sys.executable, "-m", "flask", "--app", "casetracker", "worker", "--workers",
                                 str(threads)], cwd=ROOT, env=worker_env(app, **overrides), stdout=out, stderr=out)
    finally:
        out.close()


def wait_started(log: Path, before: int, timeout: float = 60, marker: bytes = b"Worker on") -> None:
    """Wait until the worker has written ``marker`` (its start line) after ``before`` bytes of its log."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if log.exists() and marker in log.read_bytes()[before:]:
            return
        time.sleep(0.05)
    raise AssertionError(f"worker did not start: {log.read_text(errors='replace')[-2000:]}")


def wait_until_finished(app, expected: int, timeout: float = 180) -> None:
    """Wait until ``expected`` jobs are final and the index outbox is empty of pending rows."""
    from casetracker.documents.outbox import IndexState, IndexStatus
    from casetracker.tasks.constants import OPEN_STATES
    from casetracker.tasks.models import Job

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with app.app_context():
            open_jobs = db.session.scalar(db.select(db.func.count(Job.id)).where(Job.state.in_(OPEN_STATES)))
            total = db.session.scalar(db.select(db.func.count(Job.id)))
            pending = db.session.scalar(db.select(db.func.count()).select_from(IndexState)
                                        .where(IndexState.state != IndexStatus.INDEXED))
            db.session.commit()
        if total == expected and open_jobs == 0 and pending == 0:
            return
        time.sleep(0.2)
    raise AssertionError(f"not finished: {open_jobs} of {total} jobs open, {pending} documents not indexed")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(2)  # SIGINT: Huey's graceful stop
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
