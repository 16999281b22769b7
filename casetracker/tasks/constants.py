"""States and kinds of background jobs."""

from enum import StrEnum


class JobKind(StrEnum):
    """What a job does; each kind has one handler in ``tasks.handlers``."""

    EXTRACT = "extract"
    REINDEX = "reindex"
    #: Move every affected request's stored clocks after an extra non-working day changed.
    RECOMPUTE_CLOCKS = "recompute-clocks"
    #: Import an uploaded email file (.eml, .mbox, .msg) message by message, as ``flask mail import`` does.
    MAIL_IMPORT = "mail-import"


class JobState(StrEnum):
    """Where a job is; ``done``, ``partial`` and ``failed`` are final until a person retries."""

    QUEUED = "queued"
    #: Running a job that is neither reading a file nor indexing (recomputing clocks).
    RUNNING = "running"
    EXTRACTING = "extracting"
    OCR = "ocr"
    INDEXING = "indexing"
    DONE = "done"
    PARTIAL = "partial"
    FAILED = "failed"


#: States a worker holds under a lease; a lapsed lease means the worker died.
RUNNING_STATES = (JobState.RUNNING, JobState.EXTRACTING, JobState.OCR, JobState.INDEXING)
#: States in which a job still has work to do.
OPEN_STATES = (JobState.QUEUED, *RUNNING_STATES)
#: States a person may retry from (a failed job only when its ``failure`` is not ``unreadable``).
RETRYABLE_STATES = (JobState.FAILED, JobState.PARTIAL)


class JobFailure(StrEnum):
    """Why a job failed, which decides whether Retry is offered."""

    NONE = ""
    #: The file can never be read as it is (encrypted, empty, damaged, refused as hostile): retrying cannot help.
    UNREADABLE = "unreadable"
    #: A worker died, an error or a time-out, or a program the format needs was missing: a retry may succeed.
    TRANSIENT = "transient"

