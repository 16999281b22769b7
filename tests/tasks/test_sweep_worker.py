"""A starting worker sweeps away the stored files a process killed before its commit left behind."""

from __future__ import annotations

import time

import pytest

from tests.documents.test_sweep import _blob, _crash_after_writing, kept  # noqa: F401  (fixture)
from tests.tasks.workers import start_worker, stop, use_queue, wait_started

pytestmark = pytest.mark.worker


def test_worker_start_sweeps_orphans(app, actors, kept, tmp_path):  # noqa: F811
    orphan = _blob(app, _crash_after_writing(app, "Left behind by a killed upload."))
    assert orphan.exists()
    use_queue(app, f"sqlite:///{tmp_path / 'queue.sqlite3'}")
    log = tmp_path / "worker.log"
    worker = start_worker(app, log, ORPHAN_FILE_GRACE_SECONDS=0)
    try:
        wait_started(log, 0)
        deadline = time.monotonic() + 60
        while orphan.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        stop(worker)
    assert not orphan.exists(), log.read_text(errors="replace")[-2000:]
    assert _blob(app, kept).read_bytes() == b"A release the team keeps."
