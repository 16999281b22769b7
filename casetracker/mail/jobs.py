"""Email files uploaded through the web, imported by a worker: the same pipeline as ``flask mail import``.

The upload only stores each file and queues a job (``queue_mail_files``), so a
mailbox of thousands of messages answers at once. The worker
(``import_mail_job``) reads it message by message; each message is committed
together with the job's running count, so the Processing page shows progress,
and a job re-run after a crash finds the messages already done to be
duplicates (by Message-ID) and counts only the rest.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import datetime, timedelta

from werkzeug.datastructures import FileStorage

from casetracker.audit.services import record_event
from casetracker.auth.models import Team, User
from casetracker.documents.models import StoredFile
from casetracker.documents.services import files_root, store_blob_stream
from casetracker.documents.storage import blob_path
from casetracker.extensions import db
from casetracker.filenames import upload_name
from casetracker.info_requests.models import InfoRequest
from casetracker.mail.constants import ImportStatus
from casetracker.mail.importing import MessageOutcome
from casetracker.mail.services import iter_mail_import
from casetracker.tasks.constants import JobFailure, JobKind, JobState
from casetracker.tasks.models import Job
from casetracker.tasks.runner import JobFailed, Progress, lease_seconds
from casetracker.tasks.services import send_after_commit
from casetracker.timeutil import utcnow

#: How many messages' outcomes a job keeps to show; the counts are always whole.
OUTCOMES_KEPT = 500
#: The words for each outcome in a job's summary ("3 imported, 0 already there, …").
STATUS_WORDS = {
    ImportStatus.IMPORTED: "imported",
    ImportStatus.DUPLICATE: "already there",
    ImportStatus.UNASSIGNED: "to assign",
    ImportStatus.FAILED: "failed",
}


def queue_mail_files(uploads: Iterable[FileStorage], *, team: Team, info_request: InfoRequest | None,
                     actor: User) -> list[Job]:
    """Store each uploaded email file and queue a job to import it into ``info_request`` (or match by reference).

    Written in the caller's transaction: a rollback leaves no file, row or job.
    """
    jobs = []
    for upload in uploads:
        stored = store_blob_stream(upload.stream, "application/octet-stream")
        job = Job(kind=JobKind.MAIL_IMPORT, state=JobState.QUEUED, team_id=team.id,
                  request_id=info_request.id if info_request else None, stored_file_id=stored.id,
                  filename=upload_name(upload.filename),
                  options={"counts": {}, "messages": 0, "outcomes": []}, created_by_id=actor.id,
                  enqueued_at=utcnow())
        db.session.add(job)
        db.session.flush()
        send_after_commit(db.session, job.id)
        jobs.append(job)
    record_event(actor=actor, action="mail.queued", obj=info_request or team,
                 summary=f"{len(jobs)} email file{'' if len(jobs) == 1 else 's'} queued for import",
                 request_id=info_request.id if info_request else None, team_id=team.id,
                 after={"files": [job.filename for job in jobs]})
    return jobs


def import_mail_job(job: Job, progress: Progress) -> None:
    """Import every message of a queued email file, committing each with the job's count; idempotent."""
    job_id, options = job.id, dict(job.options or {})
    stored = db.session.get(StoredFile, job.stored_file_id) if job.stored_file_id else None
    if stored is None:
        raise JobFailed("The uploaded file is no longer stored; upload it again.")
    path = blob_path(files_root(), stored.sha256)
    team = db.session.get(Team, job.team_id)
    info_request = db.session.get(InfoRequest, job.request_id) if job.request_id else None
    if team is None or (job.request_id and info_request is None):
        raise JobFailed("The request was deleted before its emails were imported.")
    actor = db.session.get(User, job.created_by_id) if job.created_by_id else None
    already = int(options.get("messages", 0))  # committed before a crash: re-read as duplicates, not counted
    seen = 0
    for outcome in iter_mail_import(path, job.filename, team=team, info_request=info_request, actor=actor):
        seen += 1
        job = db.session.get(Job, job_id)
        if seen > already:
            options = dict(job.options or {})
            counts = Counter(options.get("counts", {}))
            counts[str(outcome.status)] += 1
            kept = list(options.get("outcomes", []))
            if len(kept) < OUTCOMES_KEPT:
                kept.append(_stored_outcome(outcome))
            job.options = {**options, "counts": dict(counts), "messages": seen, "outcomes": kept}
        job.state, job.progress_done, job.progress_total = JobState.RUNNING, seen, 0
        job.lease_until, job.updated_at = utcnow() + timedelta(seconds=lease_seconds()), utcnow()
        db.session.commit()  # the message and the count move together
    job = db.session.get(Job, job_id)
    counts = Counter((job.options or {}).get("counts", {}))
    total = sum(counts.values())
    if total and counts[ImportStatus.FAILED] == total:
        reasons = list(dict.fromkeys(o["reason"] for o in job.options.get("outcomes", []) if o.get("reason")))
        raise JobFailed("; ".join(reasons) or "No message of this file could be read.")
    job.options = {**job.options, "summary": summary(counts)}
    job.state, job.reason, job.failure = JobState.DONE, "", JobFailure.NONE
    job.lease_until, job.finished_at, job.updated_at = None, utcnow(), utcnow()
    db.session.commit()


def summary(counts: Counter) -> str:
    """Return "3 imported, 0 already there, 0 to assign, 1 failed" for an import's counts."""
    return ", ".join(f"{counts[str(status)]} {words}" for status, words in STATUS_WORDS.items())


def _stored_outcome(outcome: MessageOutcome) -> dict:
    return {"file": outcome.file, "status": str(outcome.status), "reason": outcome.reason,
            "message_id": outcome.message_id, "subject": outcome.subject,
            "date": outcome.date.isoformat() if outcome.date else None, "sender": outcome.sender,
            "attachments": list(outcome.attachments), "request_id": outcome.request_id,
            "request_reference": outcome.request_reference, "correspondence_id": outcome.correspondence_id,
            "unassigned_id": outcome.unassigned_id}


def job_outcomes(job: Job, *, visible_request_ids: set[int]) -> list[MessageOutcome]:
    """Return the outcomes a job kept, as ``mail/_outcomes.html`` shows them.

    Messages filed into a request the viewer may not open (a teammate's
    private request) are left out: their subject and reference are not theirs to see.
    """
    outcomes = []
    for row in (job.options or {}).get("outcomes", []):
        if row.get("request_id") is not None and row["request_id"] not in visible_request_ids:
            continue
        outcomes.append(MessageOutcome(
            file=row["file"], status=ImportStatus(row["status"]), reason=row.get("reason", ""),
            message_id=row.get("message_id"), subject=row.get("subject", ""),
            date=datetime.fromisoformat(row["date"]) if row.get("date") else None, sender=row.get("sender", ""),
            attachments=tuple(row.get("attachments", ())), request_id=row.get("request_id"),
            request_reference=row.get("request_reference"), correspondence_id=row.get("correspondence_id"),
            unassigned_id=row.get("unassigned_id")))
    return outcomes
