"""A worker killed with SIGKILL at random moments loses nothing: every file is stored once and found."""

from __future__ import annotations

import json
import random
import signal
import time

import pytest

from casetracker.extensions import db
from tests.tasks.workers import start_worker, stop, use_queue, wait_started, wait_until_finished

pytestmark = pytest.mark.worker


def word(i: int) -> str:
    """Return a word found in document ``i`` only (letters, so no analyzer splits or stems it)."""
    return "zx" + "".join("abcdefghij"[int(d)] for d in f"{i:03d}") + "q"


def queue_documents(app, request_id: int, count: int) -> None:
    from casetracker.info_requests.models import InfoRequest
    from casetracker.tasks.services import queue_file

    with app.app_context():
        r = db.session.get(InfoRequest, request_id)
        for i in range(count):
            queue_file(f"Letter {i} about the {word(i)} contract, with more words.".encode(), f"letter-{i:03d}.txt",
                       info_request=r, actor=None)
        db.session.commit()


def test_sigkill_at_20_random_moments_loses_nothing(app, runner, make_request, tmp_path):
    app.config["OCR_ENABLED"] = False
    use_queue(app, f"sqlite:///{tmp_path / 'queue.sqlite3'}")
    request_id = make_request(title="Bundle of 200")
    queue_documents(app, request_id, 200)
    log = tmp_path / "worker.log"
    moments = random.Random(2022)
    kills = 0
    for _ in range(20):
        before = log.stat().st_size if log.exists() else 0
        worker = start_worker(app, log)
        wait_started(log, before, marker=b"Executing")  # the worker is reading files: now kill it
        time.sleep(moments.uniform(0.0, 0.5))
        worker.send_signal(signal.SIGKILL)
        worker.wait()
        kills += worker.returncode == -signal.SIGKILL
    assert kills == 20
    worker = start_worker(app, log)
    try:
        wait_until_finished(app, expected=200)
    finally:
        stop(worker)
    _assert_each_document_stored_once_and_found(app, runner, request_id, 200)
    with app.app_context():
        from casetracker.tasks.models import Job

        attempts = db.session.scalars(db.select(Job.attempts)).all()
    assert max(attempts) >= 2, "no kill landed while a worker held a job"


def _assert_each_document_stored_once_and_found(app, runner, request_id, count):
    from casetracker.documents.indexing import index_for_search, indexed_pages
    from casetracker.documents.models import Document
    from casetracker.documents.outbox import IndexState
    from casetracker.tasks.models import Job

    result = runner.invoke(args=["search", "check", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report == {"documents": count, "indexed": count, "missing": [], "stale": [], "orphans": []}
    with app.app_context():
        jobs = list(db.session.scalars(db.select(Job).order_by(Job.id)))
        assert [job.state for job in jobs] == ["done"] * count
        documents = {d.filename: d.id for d in db.session.scalars(db.select(Document).where(
            Document.request_id == request_id))}
        assert len(documents) == count and {job.document_id for job in jobs} == set(documents.values())
        assert indexed_pages() == {document_id: {1} for document_id in documents.values()}
        index = index_for_search()
        team_id = db.session.get(Document, jobs[0].document_id).team_id
        for i in range(count):
            hits = [d.document_id for d in index.search(word(i), team_ids=[team_id]).documents]
            assert hits == [documents[f"letter-{i:03d}.txt"]], word(i)
        writes = db.session.scalars(db.select(IndexState.index_writes)).all()
        assert len(writes) == count and min(writes) >= 1
