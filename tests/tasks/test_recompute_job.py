"""Recomputing stored clocks after a non-working day changes is a background job (issues 11 and 12)."""

from __future__ import annotations

from datetime import date

from casetracker.audit.models import AuditEvent
from casetracker.deadlines.services import add_extra_day
from casetracker.extensions import db
from casetracker.info_requests.clock_models import RequestClock
from casetracker.tasks.constants import JobKind, JobState
from casetracker.tasks.models import Job
from casetracker.tasks.runner import run_job


def _due(request_id: int) -> date:
    return db.session.scalar(db.select(RequestClock.due_on).where(
        RequestClock.request_id == request_id, RequestClock.name == "response"))


def test_a_new_non_working_day_queues_one_job_that_moves_the_clocks_once(app, make_request, actors):
    request_id = make_request(received=date(2022, 5, 24))  # due Thu 23 Jun 2022 (Jubilee days skipped)
    with app.app_context():
        add_extra_day(date(2022, 6, 10), "Test proclamation", "uk", actor=None)
        (job,) = db.session.scalars(db.select(Job).where(Job.kind == JobKind.RECOMPUTE_CLOCKS)).all()
        assert job.state == JobState.QUEUED and _due(request_id) == date(2022, 6, 23)  # nothing moves before the commit
        db.session.commit()  # the test app runs the job as soon as it is sent (QUEUE_IMMEDIATE)
    with app.app_context():
        job = db.session.scalar(db.select(Job).where(Job.kind == JobKind.RECOMPUTE_CLOCKS))
        assert (job.state, job.options["day"], job.options["moved"]) == (JobState.DONE, "2022-06-10", 1)
        assert _due(request_id) == date(2022, 6, 24)  # Fri 10 Jun no longer counts: one working day later
        run_job(job.id)  # sent twice (a reconciler's resend): a finished job is not run again
        job.state = JobState.QUEUED  # and even run again, nothing is left to move or audit
        db.session.commit()
        run_job(job.id)
        assert db.session.scalar(db.select(db.func.count()).select_from(AuditEvent)
                                 .where(AuditEvent.action == "clock.moved")) == 1
