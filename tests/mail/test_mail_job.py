"""A mailbox uploaded through the web is imported by a job: the page answers at once, the job counts each message."""

from __future__ import annotations

import io

import pytest

from casetracker.extensions import db


def mbox(reference: str, count: int, start: int = 0) -> bytes:
    """Return a mailbox of ``count`` messages naming ``reference``, Message-IDs numbered from ``start``."""
    parts = []
    for i in range(start, start + count):
        parts.append(f"From foi@council.gov.uk Fri Jan 14 16:30:00 2022\nFrom: FOI Team <foi@council.gov.uk>\n"
                     f"To: ann@example.org\nSubject: RE: {reference} part {i}\nMessage-ID: <part-{i}@council.gov.uk>\n"
                     f"Date: Fri, 14 Jan 2022 16:{i % 60:02d}:00 +0000\n\nPart {i} of the parking fines data.\n\n")
    return "".join(parts).encode()


@pytest.fixture
def request_ref(app, make_request):
    from casetracker.info_requests.models import InfoRequest

    request_id = make_request(title="Parking fines")
    with app.app_context():
        return request_id, db.session.get(InfoRequest, request_id).reference


def _jobs(app):
    from casetracker.tasks.models import Job

    with app.app_context():
        return [(j.kind, j.state, j.filename, j.progress_done, j.failure, dict(j.options)) for j in
                db.session.scalars(db.select(Job).order_by(Job.id))]


def _entries(app) -> int:
    from casetracker.correspondence.models import Correspondence

    with app.app_context():
        return db.session.scalar(db.select(db.func.count(Correspondence.id)))


def test_a_mailbox_upload_is_a_job_with_its_counts_on_the_processing_page(app, auth, request_ref):
    from casetracker.audit.models import AuditEvent

    request_id, reference = request_ref
    auth.login("editor")
    response = auth.post(f"/requests/{request_id}/mail", {"files": (io.BytesIO(mbox(reference, 60)), "bundle.mbox")})

    assert (response.status_code, response.headers["Location"]) == (303, f"/requests/{request_id}/processing")
    ((kind, state, filename, done, failure, options),) = _jobs(app)
    assert (kind, state, filename, done, failure) == ("mail-import", "done", "bundle.mbox", 60, "")
    assert options["counts"] == {"imported": 60} and options["messages"] == 60
    assert options["summary"] == "60 imported, 0 already there, 0 to assign, 0 failed"
    assert [o["subject"] for o in options["outcomes"]] == [f"RE: {reference} part {i}" for i in range(60)]
    assert _entries(app) == 60
    status = auth.get(f"/requests/{request_id}/processing.json").get_json()
    assert [(j["kind"], j["state"], j["label"], j["open"]) for j in status["jobs"]] == [
        ("mail-import", "done", "done: 60 imported, 0 already there, 0 to assign, 0 failed", False)]
    page = auth.get(f"/requests/{request_id}/processing").get_data(as_text=True)
    assert page.count('data-status="imported"') == 60 and "Emails of bundle.mbox" in page
    with app.app_context():
        (event,) = db.session.scalars(db.select(AuditEvent).where(AuditEvent.action == "mail.queued"))
        assert event.summary == "1 email file queued for import"


def test_a_job_rerun_after_a_crash_counts_only_the_messages_not_yet_done(app, request_ref):
    from datetime import timedelta

    from casetracker.auth.models import User
    from casetracker.info_requests.models import InfoRequest
    from casetracker.mail.jobs import queue_mail_files
    from casetracker.mail.services import iter_mail_import
    from casetracker.tasks.constants import JobState
    from casetracker.tasks.models import Job
    from casetracker.tasks.runner import run_job
    from casetracker.timeutil import utcnow
    from werkzeug.datastructures import FileStorage

    request_id, reference = request_ref
    data = mbox(reference, 50)
    with app.app_context():
        r = db.session.get(InfoRequest, request_id)
        editor = db.session.scalar(db.select(User).where(User.email == "editor@example.org"))
        db.session.info.pop("casetracker.jobs_to_send", None)
        (job,) = queue_mail_files([FileStorage(io.BytesIO(data), "bundle.mbox")], team=r.team, info_request=r,
                                  actor=editor)
        db.session.info.pop("casetracker.jobs_to_send")  # as if the worker had taken the message
        # The worker had committed 30 messages, each with the job's count, when it was killed.
        for n, _ in zip(range(30), iter_mail_import(mbox(reference, 30), "bundle.mbox", team=r.team,
                                                    info_request=r, actor=editor)):
            pass
        job.state, job.attempts, job.lease_until = JobState.RUNNING, 1, utcnow() - timedelta(seconds=1)
        job.options = {**job.options, "messages": 30, "counts": {"imported": 30}}
        db.session.commit()
        job_id = job.id
        run_job(job_id)  # the lease lapsed: another worker takes it

    ((_, state, _, done, _, options),) = _jobs(app)
    assert (state, done, options["messages"], options["counts"]) == ("done", 50, 50, {"imported": 50})
    assert len(options["outcomes"]) == 20 and options["outcomes"][0]["subject"] == f"RE: {reference} part 30"
    assert _entries(app) == 50


def test_a_file_that_is_not_email_fails_and_cannot_be_retried(app, auth, request_ref):
    request_id, _ = request_ref
    auth.login("editor")
    auth.post(f"/requests/{request_id}/mail", {"files": (io.BytesIO(b"%PDF-1.4"), "letter.pdf")})
    ((kind, state, _, _, failure, options),) = _jobs(app)
    assert (kind, state, failure, options["counts"]) == ("mail-import", "failed", "unreadable", {"failed": 1})
    (job,) = auth.get(f"/requests/{request_id}/processing.json").get_json()["jobs"]
    assert job["label"] == ("failed: letter.pdf is not an email file: expected an .eml message, an mbox mailbox or "
                            "an Outlook .msg file.")
    assert (job["can_retry"], job["never_readable"]) == (False, True)


def test_outcomes_on_a_teammates_private_request_are_not_shown(app, auth, actors, make_request):
    from casetracker.info_requests.models import InfoRequest

    with app.app_context():
        private_id = make_request(title="Private one")
        r = db.session.get(InfoRequest, private_id)
        r.visibility, r.created_by_id = "private", actors.ids["editor"]
        db.session.commit()
        reference = r.reference
    auth.login("editor")
    team = actors.team_ids["alpha"]
    auth.post("/mail/import", {"team_id": str(team), "files": (io.BytesIO(mbox(reference, 2)), "mine.mbox")})
    assert f"RE: {reference} part 1" in auth.get(f"/teams/{team}/processing").get_data(as_text=True)
    auth.client.post("/logout", data={"csrf_token": auth.token})
    auth.login("viewer")
    page = auth.get(f"/teams/{team}/processing").get_data(as_text=True)
    assert "done: 2 imported, 0 already there, 0 to assign, 0 failed" in page
    assert reference not in page and "part 1" not in page
