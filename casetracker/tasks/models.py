"""A job row per file (or bulk task): its state, progress and reason, which the Processing page shows.

The queue library only carries a job's id; this row is the truth, so a message
lost with a killed worker is re-sent by the reconciler (``tasks.reconcile``).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, Float, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from casetracker.extensions import db
from casetracker.tasks.constants import JobFailure, JobKind, JobState
from casetracker.timeutil import utcnow


class Job(db.Model):
    """One unit of background work, e.g. reading one uploaded file."""

    __tablename__ = "jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), default=JobKind.EXTRACT)
    state: Mapped[str] = mapped_column(String(20), default=JobState.QUEUED, index=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"), index=True)
    request_id: Mapped[int | None] = mapped_column(ForeignKey("info_requests.id"), index=True)
    #: The uploaded bytes, stored before the job is queued, so a retry never needs the upload again.
    stored_file_id: Mapped[int | None] = mapped_column(ForeignKey("stored_files.id"))
    #: The document the job stored; set in the same transaction as the document.
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="SET NULL"))
    #: The original file name as uploaded; never used as a path.
    filename: Mapped[str] = mapped_column(String(500), default="")
    #: Options and inputs of the job (``force_ocr``, ``reread``).
    options: Mapped[dict] = mapped_column(JSON, default=dict)
    #: Progress of the current stage, e.g. OCR page ``progress_done`` of ``progress_total``.
    progress_done: Mapped[int] = mapped_column(default=0)
    progress_total: Mapped[int] = mapped_column(default=0)
    #: Why the job failed or read the file only in part, in words a user understands.
    reason: Mapped[str] = mapped_column(Text, default="")
    pages: Mapped[int] = mapped_column(default=0)
    pages_without_text: Mapped[int] = mapped_column(default=0)
    ocr_pages: Mapped[int] = mapped_column(default=0)
    #: Mean Tesseract confidence (0-100) of the OCR'd pages, when the reader reports it.
    ocr_confidence: Mapped[float | None] = mapped_column(Float)
    #: Why a failed job failed: ``unreadable`` (the file can never be read as it is: retrying
    #: cannot help) or ``transient`` (a worker died, an error or a time-out: a retry may succeed).
    failure: Mapped[str] = mapped_column(String(20), default="")
    attempts: Mapped[int] = mapped_column(default=0)
    #: A running job's worker renews this; once it has passed, the job is taken back.
    lease_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    #: When the job's message was last handed to the queue.
    enqueued_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    #: ``host:pid`` of the worker that holds the lease.
    worker: Mapped[str] = mapped_column(String(100), default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    @property
    def is_open(self) -> bool:
        return self.state not in (JobState.DONE, JobState.PARTIAL, JobState.FAILED)

    @property
    def can_retry(self) -> bool:
        """Return whether a person's Retry may succeed: a partly read file, or a failure that was not the file's."""
        return self.state == JobState.PARTIAL or (self.state == JobState.FAILED
                                                  and self.failure != JobFailure.UNREADABLE)

    @property
    def never_readable(self) -> bool:
        """Return whether the file can never be read as it is (encrypted, empty, damaged, hostile)."""
        return self.state == JobState.FAILED and self.failure == JobFailure.UNREADABLE

    @property
    def state_label(self) -> str:
        """Return the state as a person reads it: "OCR page 37 of 212", "failed: …"."""
        if self.state == JobState.OCR and self.progress_total:
            return f"OCR page {self.progress_done} of {self.progress_total}"
        if self.kind == JobKind.MAIL_IMPORT and self.state == JobState.RUNNING:
            return f"importing: {self.progress_done} message{'' if self.progress_done == 1 else 's'} read"
        if self.kind == JobKind.MAIL_IMPORT and self.state == JobState.DONE and (self.options or {}).get("summary"):
            return f"done: {self.options['summary']}"
        if self.state == JobState.FAILED:
            return f"failed: {self.reason}" if self.reason else "failed"
        if self.state == JobState.PARTIAL:
            return f"partly read: {self.reason}" if self.reason else "partly read"
        return str(self.state)
