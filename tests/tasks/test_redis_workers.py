"""Two workers on the real Redis and one web process fed by three uploaders at once index each file once."""

from __future__ import annotations

import io
import json
import os
import threading

import pytest

from casetracker.extensions import db
from tests.conftest import AuthClient
from tests.tasks.test_worker_crash import word
from tests.tasks.workers import start_worker, stop, use_queue, wait_started, wait_until_finished

pytestmark = pytest.mark.worker

#: Redis database of this test only (127.0.0.1:6379 is shared; 4 is ours unless CASETRACKER_TEST_REDIS_URL names another).
REDIS_URL = os.environ.get("CASETRACKER_TEST_REDIS_URL", "redis://127.0.0.1:6379/4")
UPLOADERS, POSTS, FILES_PER_POST = 3, 4, 5


@pytest.fixture
def redis_queue():
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.ConnectionError:
        pytest.skip("no Redis server at 127.0.0.1:6379")
    client.flushdb()
    yield client
    client.flushdb()
    client.close()


def test_two_redis_workers_and_three_uploaders_index_each_document_once(app, actors, make_request, tmp_path,
                                                                       redis_queue, runner):
    from casetracker.documents.indexing import indexed_pages
    from casetracker.documents.outbox import IndexState
    from casetracker.tasks.models import Job

    app.config["OCR_ENABLED"] = False
    use_queue(app, REDIS_URL)
    app.config["OUTBOX_GRACE_SECONDS"] = 30
    request_id = make_request(title="Shared bundle")
    logs = [tmp_path / "worker-1.log", tmp_path / "worker-2.log"]
    # No worker dies here, so a lease never needs to lapse: a 2 s lease could lapse under a loaded CI
    # machine before a job's first progress report, and the other worker would rightly take it again.
    workers = [start_worker(app, log, OUTBOX_GRACE_SECONDS=30, JOB_LEASE_SECONDS=60) for log in logs]
    try:
        for log in logs:
            wait_started(log, 0)
        failures: list[str] = []

        def uploader(n: int) -> None:
            client = AuthClient(app.test_client())
            client.login("editor")
            for post in range(POSTS):
                files = []
                for f in range(FILES_PER_POST):
                    i = (n * POSTS + post) * FILES_PER_POST + f
                    files.append((io.BytesIO(f"Upload {i}: the {word(i)} schedule.".encode()), f"u{i:03d}.txt"))
                response = client.post(f"/requests/{request_id}/documents", {"files": files},
                                       content_type="multipart/form-data")
                if response.status_code != 303:
                    failures.append(f"uploader {n} post {post}: {response.status_code}")

        threads = [threading.Thread(target=uploader, args=(n,)) for n in range(UPLOADERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert failures == []
        total = UPLOADERS * POSTS * FILES_PER_POST
        wait_until_finished(app, expected=total)
    finally:
        for worker in workers:
            stop(worker)
    result = runner.invoke(args=["search", "check", "--json"])
    assert json.loads(result.stdout) == {"documents": total, "indexed": total, "missing": [], "stale": [],
                                         "orphans": []}
    with app.app_context():
        jobs = list(db.session.scalars(db.select(Job)))
        assert {(job.state, job.attempts) for job in jobs} == {("done", 1)}  # each job ran once
        assert len({job.document_id for job in jobs}) == total
        assert set(db.session.scalars(db.select(IndexState.index_writes))) == {1}  # each written once
        assert indexed_pages() == {job.document_id: {1} for job in jobs}
        workers_used = {job.worker.rsplit(":", 1)[1] for job in jobs}
    assert len(workers_used) == 2, "both workers took jobs"
