"""Send jobs to the queue only after the transaction that created them has committed.

A process that dies between the commit and the send leaves the job ``queued``
with an old ``enqueued_at``; the reconciler sends it. A rollback drops the list.
"""

from __future__ import annotations

import logging

from flask import has_app_context
from sqlalchemy import event
from sqlalchemy.orm import Session

from casetracker.tasks.services import _TO_SEND

log = logging.getLogger(__name__)


@event.listens_for(Session, "after_commit")
def _send(session: Session) -> None:
    if session.in_nested_transaction():
        return
    job_ids = session.info.pop(_TO_SEND, None)
    if not job_ids or not has_app_context():
        return
    from casetracker.tasks.queue import send_many

    try:
        send_many("run_job", [(job_id,) for job_id in job_ids])
    except Exception:  # the jobs stay queued; the reconciler re-sends them
        log.exception("Could not send jobs %s to the queue", job_ids)


@event.listens_for(Session, "after_soft_rollback")
def _drop(session: Session, previous_transaction) -> None:
    if previous_transaction.parent is None and not previous_transaction.nested:
        session.info.pop(_TO_SEND, None)
