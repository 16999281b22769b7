"""Queue files for reading, retry a job, list jobs: the only writers of ``Job`` rows outside the worker."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.datastructures import FileStorage

from casetracker.audit.services import record_event
from casetracker.auth.models import User
from casetracker.documents.constants import SearchStatus
from casetracker.documents.extraction import ExtractionError, refuse_hostile
from casetracker.documents.outbox import search_statuses
from casetracker.documents.services import DocumentError, chosen_uploads, store_blob
from casetracker.extensions import db
from casetracker.filenames import upload_name
from casetracker.info_requests.models import InfoRequest
from casetracker.tasks.constants import OPEN_STATES, RETRYABLE_STATES, JobFailure, JobKind, JobState
from casetracker.tasks.models import Job
from casetracker.timeutil import utcnow

_TO_SEND = "casetracker.jobs_to_send"


class JobError(ValueError):
    """A job cannot be changed as asked; the message says why, for the user."""

    field = "submit"


def send_after_commit(session: Session, job_id: int) -> None:
    """Hand the job to the queue once the transaction that created it commits (``tasks.dispatch``)."""
    session.info.setdefault(_TO_SEND, []).append(job_id)


def queue_file(data: bytes, filename: str, *, info_request: InfoRequest, actor: User | None,
               force_ocr: bool = False, ocr_languages: str | None = None) -> Job:
    """Store an uploaded file's bytes and queue a job to read it into ``info_request``.

    Nothing is read here, so an upload answers at once; the job stores the
    document (or the reason it could not) later. The bytes, their row and the
    job are written in the caller's transaction: a rollback leaves none of them.
    """
    name = upload_name(filename)
    stored = store_blob(data, "application/octet-stream")
    job = Job(kind=JobKind.EXTRACT, state=JobState.QUEUED, team_id=info_request.team_id,
              request_id=info_request.id, stored_file_id=stored.id, filename=name,
              options={"force_ocr": bool(force_ocr), "ocr_languages": ocr_languages}, created_by_id=getattr(actor, "id", None),
              enqueued_at=utcnow())
    db.session.add(job)
    db.session.flush()
    send_after_commit(db.session, job.id)
    return job


def queue_clock_recompute(day, reason: str, *, actor: User | None) -> Job:
    """Queue the recomputation of every stored clock a changed non-working day can move.

    Sent once the caller's transaction (which added or removed the day) commits,
    so the worker sees the new calendar; the job row makes it survive a crash.
    """
    job = Job(kind=JobKind.RECOMPUTE_CLOCKS, state=JobState.QUEUED, filename=f"Clocks after {day.isoformat()}",
              options={"day": day.isoformat(), "reason": reason}, created_by_id=getattr(actor, "id", None),
              enqueued_at=utcnow())
    db.session.add(job)
    db.session.flush()
    send_after_commit(db.session, job.id)
    return job


def queue_uploads(files: Iterable[FileStorage] | None, *, info_request: InfoRequest, actor: User,
                  ocr_languages: str | None = None) -> tuple[list[Job], list[Job]]:
    """Queue every chosen upload on a request; return the queued jobs and those of files refused.

    A hostile file (XML entities, a zip bomb: issue 10) is refused before
    anything of it is stored; it gets a failed job with the reason, so the
    Processing page lists it, and the other files are taken. Raises
    DocumentError, storing nothing, when no file was chosen or every one is refused.
    ``ocr_languages`` (Tesseract codes such as ``"cym+eng"``) overrides the team's setting for these files.
    """
    chosen = chosen_uploads(files)
    if not chosen:
        raise DocumentError("Choose at least one file.")
    taken, refused = [], []
    for upload in chosen:
        data, name = upload.read(), upload_name(upload.filename)
        try:
            refuse_hostile(data, name)
        except ExtractionError as exc:
            refused.append((name, str(exc)))
        else:
            taken.append((data, name))
    if not taken:
        raise DocumentError(" ".join(f"{name}: {reason}" for name, reason in refused))
    jobs = [queue_file(data, filename, info_request=info_request, actor=actor, ocr_languages=ocr_languages)
            for data, filename in taken]
    refusals = [_refused_job(name, reason, info_request=info_request, actor=actor) for name, reason in refused]
    record_event(actor=actor, action="documents.queued", obj=info_request,
                 summary=f"{len(jobs)} file{'' if len(jobs) == 1 else 's'} queued for reading"
                         + (f", {len(refusals)} refused" if refusals else ""),
                 request_id=info_request.id, team_id=info_request.team_id,
                 after={"files": [job.filename for job in jobs], "refused": [job.filename for job in refusals]})
    return jobs, refusals


def _refused_job(filename: str, reason: str, *, info_request: InfoRequest, actor: User | None) -> Job:
    """Record a file refused before storing (nothing of it is kept) as a failed job that cannot be retried."""
    now = utcnow()
    job = Job(kind=JobKind.EXTRACT, state=JobState.FAILED, failure=JobFailure.UNREADABLE, team_id=info_request.team_id,
              request_id=info_request.id, filename=filename[:500], reason=f"Refused, nothing stored: {reason}"[:2000],
              options={}, created_by_id=getattr(actor, "id", None), finished_at=now, updated_at=now)
    db.session.add(job)
    db.session.flush()
    return job


def retry_job(job: Job, *, force_ocr: bool, actor: User) -> Job:
    """Queue a failed or partly read file to be read again, optionally OCR'ing every page."""
    if job.state not in RETRYABLE_STATES:
        raise JobError("Only a failed or partly read file can be retried.")
    if not job.can_retry:
        raise JobError(f"{job.filename} would fail the same way again ({job.reason.rstrip('.')}); retrying "
                       "cannot help: upload a corrected copy.")
    job.options = {**(job.options or {}), "force_ocr": bool(force_ocr), "reread": job.document_id is not None}
    job.state, job.reason, job.attempts, job.failure = JobState.QUEUED, "", 0, JobFailure.NONE
    job.progress_done = job.progress_total = 0
    job.enqueued_at = job.updated_at = utcnow()
    job.finished_at = None
    db.session.flush()
    record_event(actor=actor, action="job.retried", obj=job, summary=f"Retry of {job.filename}"
                 f"{' with OCR of every page' if force_ocr else ''}", request_id=job.request_id,
                 team_id=job.team_id, after={"force_ocr": bool(force_ocr)})
    send_after_commit(db.session, job.id)
    return job


def request_jobs(info_request: InfoRequest) -> list[Job]:
    """Return every file job of a request, newest first."""
    return list(db.session.scalars(select(Job).where(Job.request_id == info_request.id).order_by(Job.id.desc())))


def team_jobs(team_id: int, *, limit: int = 500) -> list[Job]:
    """Return a team's most recent jobs, newest first."""
    return list(db.session.scalars(select(Job).where(Job.team_id == team_id).order_by(Job.id.desc()).limit(limit)))


def open_jobs(info_request: InfoRequest) -> list[Job]:
    """Return a request's files still being read, oldest first (the request page lists them)."""
    return list(db.session.scalars(select(Job).where(Job.request_id == info_request.id,
                                                     Job.state.in_(OPEN_STATES)).order_by(Job.id)))


def job_statuses(jobs: list[Job]) -> list[dict]:
    """Return each job as the Processing page shows it and its status JSON gives it (one query for all)."""
    searches = search_statuses(db.session, [job.document_id for job in jobs])
    return [job_status(job, searches.get(job.document_id)) for job in jobs]


def job_status(job: Job, search: SearchStatus | None) -> dict:
    """Return a job as shown: a file is ``done`` only once search finds it (``search`` from the outbox).

    A job finished but whose document the index does not yet hold at its
    current generation is shown as ``indexing``, still open.
    """
    state, label, is_open = str(job.state), job.state_label, job.is_open
    if job.state in (JobState.DONE, JobState.PARTIAL) and search == SearchStatus.PENDING:
        state, label, is_open = str(JobState.INDEXING), "indexing: stored, waiting for the search index", True
    return {"id": job.id, "filename": job.filename, "state": state, "label": label,
            "progress_done": job.progress_done, "progress_total": job.progress_total, "reason": job.reason,
            "document_id": job.document_id, "search": str(search) if search else None, "pages": job.pages,
            "pages_without_text": job.pages_without_text, "ocr_pages": job.ocr_pages,
            "ocr_confidence": job.ocr_confidence, "open": is_open, "kind": str(job.kind),
            "can_retry": job.can_retry and not is_open, "never_readable": job.never_readable}
