"""States of a stored document."""

from enum import StrEnum


class DocumentStatus(StrEnum):
    """``failed`` documents keep their file and the reason, so nothing is silently skipped."""

    INDEXED = "indexed"
    FAILED = "failed"
