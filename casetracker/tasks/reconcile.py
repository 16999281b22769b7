"""Re-drive whatever a crash left behind: jobs whose worker died, messages never sent, unindexed documents.

Runs when a worker starts and then every ``RECONCILE_SECONDS``. It only reads
rows and re-sends ids; claiming (``runner.claim`` and the outbox claim below)
makes a message sent twice harmless.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import func, or_, select, update

from casetracker.documents import indexing
from casetracker.documents.outbox import IndexState, IndexStatus
from casetracker.documents.reindex import ensure_index_states
from casetracker.extensions import db
from casetracker.tasks.constants import RUNNING_STATES, JobFailure, JobState
from casetracker.tasks.models import Job
from casetracker.tasks.queue import send
from casetracker.timeutil import utcnow

log = logging.getLogger(__name__)

#: Documents sent to the index in one task.
OUTBOX_BATCH = 200


def _seconds(name: str, default: float) -> timedelta:
    return timedelta(seconds=float(current_app.config.get(name, default)))


def reconcile() -> dict[str, int]:
    """Re-send lost jobs and unindexed documents; return how many of each were re-sent. Commits."""
    now = utcnow()
    _fail_after_repeated_deaths(now)
    lapsed = list(db.session.scalars(select(Job.id).where(Job.state.in_(RUNNING_STATES), Job.lease_until < now)))
    if lapsed:
        db.session.execute(update(Job).where(Job.id.in_(lapsed), Job.lease_until < now)
                           .values(state=JobState.QUEUED, enqueued_at=now, updated_at=now)
                           .execution_options(synchronize_session=False))
    # A message is lost when its sender died after the commit, or a worker took it and died before
    # claiming the job. Once the queue is empty every queued job older than the grace period is such
    # a one; while the queue is busy, only long-waiting jobs are sent again, so duplicates stay few.
    unsent: list[int] = []
    waiting = db.session.scalar(select(func.count(Job.id)).where(Job.state == JobState.QUEUED)) or 0
    messages = queue_length()
    if waiting and messages < waiting:  # some queued job has no message (or its message is a retry not yet due)
        older = now - (_seconds("OUTBOX_GRACE_SECONDS", 30) if messages == 0 else _seconds("QUEUE_REDRIVE_SECONDS", 300))
        unsent = list(db.session.scalars(select(Job.id).where(
            Job.state == JobState.QUEUED, or_(Job.enqueued_at.is_(None), Job.enqueued_at < older),
        )))
    if unsent:
        db.session.execute(update(Job).where(Job.id.in_(unsent)).values(enqueued_at=now)
                           .execution_options(synchronize_session=False))
    ensure_index_states()
    outbox = list(db.session.scalars(select(IndexState.document_id).where(
        IndexState.state.in_((IndexStatus.PENDING, IndexStatus.REMOVING)),
        IndexState.updated_at < now - _seconds("OUTBOX_GRACE_SECONDS", 30),
    ).order_by(IndexState.document_id)))
    if outbox:  # sent now: not sent again before another grace period has passed
        db.session.execute(update(IndexState).where(IndexState.document_id.in_(outbox)).values(updated_at=now)
                           .execution_options(synchronize_session=False))
    db.session.commit()
    for job_id in dict.fromkeys(lapsed + unsent):
        send("run_job", job_id)
    for start in range(0, len(outbox), OUTBOX_BATCH):
        send("index_documents", outbox[start:start + OUTBOX_BATCH], now.isoformat())
    if lapsed or unsent or outbox:
        log.info("Reconciler re-sent %d lapsed and %d unsent jobs and %d documents for the index",
                 len(lapsed), len(unsent), len(outbox))
    return {"lapsed": len(lapsed), "unsent": len(unsent), "outbox": len(outbox)}


def _fail_after_repeated_deaths(now: datetime) -> None:
    """Fail jobs whose worker died holding them on every attempt (a file that exhausts memory, say).

    Not the file's fault as far as anyone knows, so Retry is offered (``JobFailure.TRANSIENT``).
    """
    limit = int(current_app.config.get("JOB_MAX_CLAIMS", 6))
    db.session.execute(
        update(Job).where(Job.state.in_(RUNNING_STATES), Job.lease_until < now, Job.attempts >= limit)
        .values(state=JobState.FAILED, failure=JobFailure.TRANSIENT, lease_until=None, finished_at=now, updated_at=now,
                reason=f"The worker reading this file stopped {limit} times before finishing (it may have run "
                       "out of memory or been restarted); Retry reads it again.")
        .execution_options(synchronize_session=False))


def queue_length() -> int:
    """Return how many messages wait on the queue (scheduled retries are not counted)."""
    from casetracker.tasks.queue import get_huey

    huey = get_huey()
    return 0 if huey.immediate else huey.pending_count()


def drain_outbox(document_ids: list[int], sent_at: str) -> int:
    """Index (or remove) those of these documents still pending, once each; return how many. Commits.

    ``sent_at`` is when the reconciler sent them (ISO 8601). Each row is claimed
    by moving its ``updated_at`` past ``sent_at``, so a second copy of the same
    message (or a second worker) finds nothing left to do.
    """
    sent = datetime.fromisoformat(sent_at)
    claimed = db.session.execute(
        update(IndexState)
        .where(IndexState.document_id.in_(document_ids),
               IndexState.state.in_((IndexStatus.PENDING, IndexStatus.REMOVING)),
               IndexState.updated_at <= sent)
        .values(updated_at=utcnow())
        .returning(IndexState.document_id, IndexState.state)
    ).all()
    db.session.commit()
    adds = [document_id for document_id, state in claimed if state == IndexStatus.PENDING]
    removes = [document_id for document_id, state in claimed if state == IndexStatus.REMOVING]
    if removes:
        indexing.remove_from_index(db.session, removes)
    if adds:
        indexing.write_to_index(db.session, adds)
    db.session.commit()
    return len(claimed)
