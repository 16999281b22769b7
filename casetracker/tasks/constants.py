"""States and kinds of background jobs."""

from enum import StrEnum


class JobKind(StrEnum):
    """What a job does; each kind has one handler in ``tasks.handlers``."""

    EXTRACT = "extract"
    REINDEX = "reindex"
    #: Move every affected request's stored clocks after an extra non-working day changed.
    RECOMPUTE_CLOCKS = "recompute-clocks"


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
#: States a person may retry from.
RETRYABLE_STATES = (JobState.FAILED, JobState.PARTIAL)
