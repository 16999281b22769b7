"""Run one job: claim it under a lease, call its handler, retry with backoff or record the failure.

A job is claimed by one atomic UPDATE, so two workers handed the same message
(the reconciler re-sends generously) never both run it; a worker that dies
holding a job lets its lease lapse, and the reconciler hands the job out again.
Handlers are idempotent: a job re-run after a crash carries on from what the
database says was done.
"""

from __future__ import annotations

import logging
import os
import socket
import time
from datetime import timedelta

from flask import current_app
from sqlalchemy import and_, case, or_, update

from casetracker.extensions import db
from casetracker.tasks.constants import RUNNING_STATES, JobFailure, JobKind, JobState
from casetracker.tasks.models import Job
from casetracker.timeutil import utcnow

log = logging.getLogger(__name__)


class JobFailed(Exception):
    """A job that fails now, without the queue retrying it; the message is for the user.

    ``retry_can_help`` is False (the default) when the file can never be read as it is
    (encrypted, empty, damaged), True when a person's Retry may succeed (a program the
    format needs was missing, the stored file could not be read just then).
    """

    def __init__(self, message: str, *, retry_can_help: bool = False) -> None:
        super().__init__(message)
        self.retry_can_help = retry_can_help


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:100]


def lease_seconds() -> float:
    return float(current_app.config.get("JOB_LEASE_SECONDS", 60))


def max_attempts() -> int:
    return int(current_app.config.get("QUEUE_RETRIES", 3)) + 1


def claim(job_id: int) -> bool:
    """Take the job for this worker if it is queued or its holder's lease has lapsed; commit."""
    now = utcnow()
    first_state = case((Job.kind == JobKind.REINDEX, JobState.INDEXING),
                       (Job.kind.in_((JobKind.RECOMPUTE_CLOCKS, JobKind.MAIL_IMPORT)), JobState.RUNNING),
                       else_=JobState.EXTRACTING)
    result = db.session.execute(
        update(Job)
        .where(Job.id == job_id, or_(Job.state == JobState.QUEUED,
                                     and_(Job.state.in_(RUNNING_STATES), Job.lease_until < now)))
        .values(state=case((Job.state == JobState.QUEUED, first_state), else_=Job.state),
                lease_until=now + timedelta(seconds=lease_seconds()), worker=worker_name(),
                attempts=Job.attempts + 1, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return result.rowcount == 1


class Progress:
    """Write a running job's stage and counts, renewing its lease; at most every ``interval`` seconds."""

    def __init__(self, job_id: int, interval: float = 0.5) -> None:
        self.job_id = job_id
        self.interval = interval
        self._last = (None, 0.0)

    def __call__(self, stage: str, done: int = 0, total: int = 0) -> None:
        state = JobState.OCR if stage == "ocr" else JobState(stage)
        now = time.monotonic()
        if state == self._last[0] and now - self._last[1] < self.interval and done < total:
            return
        self._last = (state, now)
        db.session.execute(
            update(Job).where(Job.id == self.job_id)
            .values(state=state, progress_done=done, progress_total=total, updated_at=utcnow(),
                    lease_until=utcnow() + timedelta(seconds=lease_seconds()))
            .execution_options(synchronize_session=False)
        )
        db.session.commit()


def run_job(job_id: int) -> None:
    """Claim and run one job (in an app context); a lost race or a finished job does nothing."""
    from casetracker.tasks.handlers import HANDLERS

    if not claim(job_id):
        return
    job = db.session.get(Job, job_id)
    try:
        HANDLERS[JobKind(job.kind)](job, Progress(job_id))
    except JobFailed as exc:
        db.session.rollback()
        _finish(job_id, JobState.FAILED, str(exc),
                JobFailure.TRANSIENT if exc.retry_can_help else JobFailure.UNREADABLE)
    except Exception as exc:
        db.session.rollback()
        log.exception("Job %s failed (attempt %s)", job_id, job.attempts)
        job = db.session.get(Job, job_id)
        if job.attempts >= max_attempts():
            _finish(job_id, JobState.FAILED, f"The file could not be processed ({type(exc).__name__}: {exc}).",
                    JobFailure.TRANSIENT)
            return
        job.state, job.lease_until, job.enqueued_at = JobState.QUEUED, None, utcnow()
        job.reason = f"Retrying after an error: {type(exc).__name__}."
        db.session.commit()
        raise  # Huey sends it again after its retry delay, doubling each time


def _finish(job_id: int, state: JobState, reason: str, failure: JobFailure = JobFailure.NONE) -> None:
    job = db.session.get(Job, job_id)
    job.state, job.reason, job.lease_until, job.failure = state, reason[:2000], None, failure
    job.finished_at = job.updated_at = utcnow()
    db.session.commit()
