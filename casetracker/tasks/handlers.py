"""What each kind of job does. Every handler is safe to run again after a crash.

An extraction job reads its stored file outside any transaction (OCR takes
minutes), stores the document and its pages in one transaction together with
the job's ``document_id`` and the outbox row, and then makes sure the pages are
in the index. A job re-run after the document was stored goes straight to
indexing, so a file is never stored twice.
"""

from __future__ import annotations

from casetracker.audit.services import record_event
from casetracker.auth.models import Team, User
from casetracker.documents import indexing
from casetracker.documents.extraction import ExtractionError, ExtractionResult, ToolMissing
from casetracker.documents.extraction.progress import forcing_ocr, reporting
from casetracker.documents.models import Document, DocumentPage, StoredFile, mean_confidence
from casetracker.documents.outbox import IndexState, IndexStatus
from casetracker.documents.ocr_settings import ocr_languages_for
from casetracker.documents.services import files_root, ingest_bytes, read_file
from casetracker.documents.storage import blob_path
from casetracker.extensions import db
from casetracker.info_requests.models import InfoRequest
from casetracker.release.services import check_bytes, requester_names, store_findings
from casetracker.release_check.findings import Finding, FindingKind
from casetracker.tasks.constants import JobKind, JobState
from casetracker.tasks.models import Job
from casetracker.tasks.runner import JobFailed, Progress
from casetracker.timeutil import utcnow


def extract_file(job: Job, progress: Progress) -> None:
    """Read one stored upload, store it as a document on the job's request, and index it."""
    job_id, options = job.id, dict(job.options or {})
    if job.document_id is not None and not options.get("reread"):
        return _index_and_finish(job_id, progress)  # stored before a crash: only the index may be left
    stored = db.session.get(StoredFile, job.stored_file_id) if job.stored_file_id else None
    if stored is None:
        raise JobFailed("The uploaded file is no longer stored; upload it again.")
    try:
        data = blob_path(files_root(), stored.sha256).read_bytes()
    except OSError as exc:
        raise JobFailed(f"The stored file could not be read: {exc.strerror}.", retry_can_help=True) from exc
    filename = job.filename
    team = db.session.get(Team, job.team_id)
    languages = options.get("ocr_languages") or (ocr_languages_for(team) if team is not None else None)
    names = requester_names(job.request_id)
    db.session.commit()  # no transaction (and on SQLite no lock) is held while the file is read; claim said "extracting"
    with reporting(progress), forcing_ocr(bool(options.get("force_ocr"))):
        result = read_file(data, filename, ocr_languages=languages)
    if isinstance(result, ExtractionError):
        raise JobFailed(str(result), retry_can_help=isinstance(result, ToolMissing))
    # The release-safety check (issue 17), with no lock held, on the text just read.
    findings, check_error = check_bytes(data, filename, names=names, page_texts=[p.text for p in result.pages])
    job = db.session.get(Job, job_id)
    actor = db.session.get(User, job.created_by_id) if job.created_by_id else None
    unread: list[tuple[str, str]] = []
    if options.get("reread") and job.document_id is not None:
        document = db.session.get(Document, job.document_id)
        if document is None:
            raise JobFailed("The document was deleted; upload the file again.")
        reread_document(document, result, actor=actor)
        store_findings(document, findings, check_error)
        job.reason = ""
    else:
        info_request = db.session.get(InfoRequest, job.request_id) if job.request_id else None
        if info_request is None:
            raise JobFailed("The request was deleted before the file was read.")
        outcome = ingest_bytes(data, filename, team=info_request.team, info_request=info_request, actor=actor,
                               extracted=result, ocr_languages=languages)
        job.document_id = outcome.document.id
        unread = outcome.unread() if outcome.status == "imported" else []
        # A member that could not be read was not checked either: releasing the file would release it unseen.
        findings = [*findings, *(Finding(FindingKind.UNREAD_MEMBER, path, reason) for path, reason in unread)]
        store_findings(outcome.document, findings, check_error)
        job.reason = outcome.reason if outcome.status == "duplicate" else ""
    job.options = {**options, "reread": False}
    _record_counts(job, result, [f"{path}: {reason}" for path, reason in unread])
    job.state, job.progress_done, job.progress_total = JobState.INDEXING, 0, 0
    db.session.commit()  # the document, its pages, its outbox row and the job move together
    _index_and_finish(job_id, progress)


def reread_document(document: Document, result: ExtractionResult, *, actor: User | None) -> None:
    """Replace a stored document's pages with a fresh reading (a person's Retry); index after commit."""
    for page in list(document.pages):
        db.session.delete(page)
    db.session.flush()
    for page in result.pages:
        db.session.add(DocumentPage(document_id=document.id, number=page.number, text=page.text,
                                    method=str(page.method), note=page.note, confidence=page.confidence))
    document.page_count = len(result.pages)
    document.problems = list(result.problems)
    db.session.flush()
    indexing.queue_add(db.session, document.id)
    record_event(actor=actor, action="document.reread", obj=document,
                 summary=f"Document {document.filename} read again ({len(result.pages)} pages)",
                 request_id=document.request_id, team_id=document.team_id,
                 after={"pages": len(result.pages), "ocr_pages": result.ocr_page_count})


def _record_counts(job: Job, result: ExtractionResult, unread: list[str] = ()) -> None:
    """Copy the reading's counts onto the job; problems, and members not read (``unread``), make it partial."""
    job.pages = len(result.pages)
    job.pages_without_text = sum(1 for page in result.pages if not page.text.strip())
    job.ocr_pages = result.ocr_page_count
    job.ocr_confidence = mean_confidence(page.confidence for page in result.pages)
    problems = [*result.problems, *(f"Not read: {line}" for line in unread)]
    job.reason = "; ".join([job.reason, *problems] if job.reason else problems)[:2000]
    job.options = {**(job.options or {}), "partial": bool(problems)}


def document_family(document_id: int) -> list[int]:
    """Return a document's id and those of its children (zip members, attachments), at any depth."""
    ids, frontier = [document_id], [document_id]
    while frontier:
        frontier = list(db.session.scalars(db.select(Document.id).where(Document.parent_id.in_(frontier))))
        ids.extend(frontier)
    return ids


def _index_and_finish(job_id: int, progress: Progress) -> None:
    job = db.session.get(Job, job_id)
    if job.document_id is not None:
        family = document_family(job.document_id)
        # The commit that stored them normally wrote the index already; write only what is still pending.
        pending = list(db.session.scalars(db.select(IndexState.document_id).where(
            IndexState.document_id.in_(family), IndexState.state == IndexStatus.PENDING)))
        if pending:
            progress(JobState.INDEXING)
            indexing.write_to_index(db.session, pending)
            db.session.commit()
        job = db.session.get(Job, job_id)
    job.state = JobState.PARTIAL if (job.options or {}).get("partial") else JobState.DONE
    if job.reason.startswith("Retrying"):
        job.reason = ""
    job.lease_until, job.finished_at, job.updated_at = None, utcnow(), utcnow()
    db.session.commit()


def reindex_all(job: Job, progress: Progress) -> None:
    """Rebuild the whole index from the database (``flask search reindex`` as a task)."""
    from casetracker.documents.reindex import rebuild_index

    job_id = job.id
    db.session.commit()
    rebuild_index(lambda done, total: progress(JobState.INDEXING, done, total))
    job = db.session.get(Job, job_id)
    job.state, job.finished_at, job.lease_until = JobState.DONE, utcnow(), None
    db.session.commit()


def recompute_clocks(job: Job, progress: Progress) -> None:
    """Move the stored clocks an extra non-working day changed (FOIA 2000 s10(6)), auditing each moved date.

    Idempotent: a second run finds nothing left to move, so writes no audit entry.
    """
    from datetime import date

    from casetracker.info_requests.projection import recompute_clocks_for_calendar_change

    job_id, options = job.id, dict(job.options or {})
    actor = db.session.get(User, job.created_by_id) if job.created_by_id else None
    moved = recompute_clocks_for_calendar_change(actor=actor, day=date.fromisoformat(options["day"]),
                                                 reason=options.get("reason", "non-working day changed"))
    job = db.session.get(Job, job_id)
    job.options = {**options, "moved": moved}
    job.state, job.finished_at, job.lease_until = JobState.DONE, utcnow(), None
    db.session.commit()


def import_mail(job: Job, progress: Progress) -> None:
    """Import an uploaded email file (``mail.jobs``), message by message."""
    from casetracker.mail.jobs import import_mail_job

    import_mail_job(job, progress)


HANDLERS = {JobKind.EXTRACT: extract_file, JobKind.REINDEX: reindex_all, JobKind.RECOMPUTE_CLOCKS: recompute_clocks,
            JobKind.MAIL_IMPORT: import_mail}
