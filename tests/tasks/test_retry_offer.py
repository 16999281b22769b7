"""Retry is offered only where it can succeed; a file that can never be read says so."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest

from casetracker.extensions import db
from tests.conftest import shared_file


@pytest.fixture
def request_id(make_request):
    return make_request(title="Attendance pilot")


def _upload(auth, request_id, files):
    return auth.post(f"/requests/{request_id}/documents",
                     {"files": [(io.BytesIO(data), name) for name, data in files]},
                     content_type="multipart/form-data")


def _job(app, job_id):
    from casetracker.tasks.models import Job

    with app.app_context():
        job = db.session.get(Job, job_id)
        return job.state, job.failure, job.attempts, job.reason


def _row(auth, request_id, job_id) -> str:
    page = auth.get(f"/requests/{request_id}/processing").get_data(as_text=True)
    return re.search(rf'<tr id="job-{job_id}".*?</tr>', page, re.S).group(0)


def test_encrypted_and_empty_files_are_never_offered_retry(app, auth, request_id):
    encrypted = shared_file("ingest-file/encypted_by_libreoffice.odt")
    auth.login("editor")
    assert _upload(auth, request_id, [(encrypted.name, encrypted.read_bytes()), ("empty.txt", b"")]).status_code == 303
    jobs = {j["filename"]: j for j in auth.get(f"/requests/{request_id}/processing.json").get_json()["jobs"]}
    assert {name: (j["state"], j["can_retry"], j["never_readable"], j["reason"]) for name, j in jobs.items()} == {
        "encypted_by_libreoffice.odt": ("failed", False, True, "This document is protected with a password; its text "
                                        "cannot be read without it."),
        "empty.txt": ("failed", False, True, "The file is empty."),
    }
    for job in jobs.values():
        row = _row(auth, request_id, job["id"])
        assert "Retry</button>" not in row
        assert "Retrying cannot help: this file would fail the same way again. Upload a corrected copy." in row
    empty = jobs["empty.txt"]["id"]
    answer = auth.post(f"/jobs/{empty}/retry", {}, follow_redirects=True).get_data(as_text=True)
    assert ("empty.txt would fail the same way again (The file is empty); retrying cannot help: upload a corrected "
            "copy.") in answer
    assert _job(app, empty) == ("failed", "unreadable", 1, "The file is empty.")


def test_a_file_whose_worker_died_every_time_is_offered_retry_and_then_read(app, auth, actors, request_id):
    from casetracker.info_requests.models import InfoRequest
    from casetracker.tasks.constants import JobState
    from casetracker.tasks.models import Job
    from casetracker.tasks.reconcile import reconcile
    from casetracker.tasks.services import queue_file
    from casetracker.timeutil import utcnow

    with app.app_context():
        r = db.session.get(InfoRequest, request_id)
        job = queue_file(b"Minutes about the quillwort survey.", "minutes.txt", info_request=r, actor=None)
        db.session.info.pop("casetracker.jobs_to_send")  # taken by workers that each died holding it
        job.state, job.attempts, job.lease_until = JobState.EXTRACTING, 6, utcnow() - timedelta(seconds=5)
        db.session.commit()
        job_id = job.id
        assert reconcile() == {"lapsed": 0, "unsent": 0, "outbox": 0}
    reason = ("The worker reading this file stopped 6 times before finishing (it may have run out of memory or "
              "been restarted); Retry reads it again.")
    assert _job(app, job_id) == ("failed", "transient", 6, reason)
    auth.login("editor")
    (status,) = auth.get(f"/requests/{request_id}/processing.json").get_json()["jobs"]
    assert (status["can_retry"], status["never_readable"]) == (True, False)
    row = _row(auth, request_id, job_id)
    assert "Retry</button>" in row and "Retrying cannot help" not in row
    assert auth.post(f"/jobs/{job_id}/retry", {}).status_code == 303
    state, failure, attempts, reason = _job(app, job_id)
    assert (state, failure, attempts, reason) == ("done", "", 1, "")


def test_a_format_whose_program_is_missing_is_offered_retry(app, auth, request_id, monkeypatch, tmp_path):
    doc = shared_file("ingest-file/doc.doc")
    auth.login("editor")
    monkeypatch.setenv("PATH", str(tmp_path))  # antiword not installed on this server
    _upload(auth, request_id, [(doc.name, doc.read_bytes())])
    (job,) = auth.get(f"/requests/{request_id}/processing.json").get_json()["jobs"]
    assert (job["state"], job["can_retry"], job["never_readable"]) == ("failed", True, False)
    assert job["reason"] == ("Word 97-2003 .doc files are read with antiword, which is not installed on this server: "
                             "install the Debian package antiword (or save the file as .docx).")
    monkeypatch.undo()  # the package is installed
    assert auth.post(f"/jobs/{job['id']}/retry", {}).status_code == 303
    (job,) = auth.get(f"/requests/{request_id}/processing.json").get_json()["jobs"]
    assert (job["state"], job["search"], job["pages"]) == ("done", "indexed", 1)
