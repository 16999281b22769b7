"""What the release-safety check reports: one ``Finding`` per thing that would leak, with its place."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum


class FindingKind(StrEnum):
    """The kinds of thing a released file can leak; the CLI's ``kind`` values."""

    HIDDEN_SHEET = "hidden_sheet"
    VERY_HIDDEN_SHEET = "very_hidden_sheet"
    HIDDEN_ROWS = "hidden_rows"
    HIDDEN_COLUMNS = "hidden_columns"
    HIDDEN_SLIDE = "hidden_slide"
    PIVOT_CACHE = "pivot_cache"
    EXTERNAL_LINK = "external_link"
    COMMENT = "comment"
    TRACKED_CHANGE = "tracked_change"
    HIDDEN_TEXT = "hidden_text"
    EMBEDDED_OBJECT = "embedded_object"
    METADATA = "metadata"
    TEXT_UNDER_BOX = "text_under_box"
    REDACTION_ANNOTATION = "redaction_annotation"
    ANNOTATION_OVER_TEXT = "annotation_over_text"
    INCREMENTAL_SAVE = "incremental_save"
    ATTACHMENT = "attachment"
    PERSONAL_DATA = "personal_data"
    #: A zip member or attachment that could not be read (e.g. refused as a zip bomb), so it is unchecked.
    UNREAD_MEMBER = "unread_member"


@dataclass(frozen=True)
class Finding:
    """One thing in a file that a release would leak: its ``kind``, where it is, and what it is."""

    kind: str
    #: The page, sheet, cell, part or field: "page 2", "sheet 'Staff' rows 4-9", "docProps/core.xml".
    where: str
    detail: str

    def as_dict(self) -> dict:
        return asdict(self)

    @property
    def key(self) -> str:
        """Return what identifies this finding for an acknowledgement (the same finding on a re-check)."""
        return f"{self.kind}|{self.where}|{self.detail}"


class ReleaseCheckError(ValueError):
    """The file could not be read at all, so it cannot be checked; the message is for the user."""


def clip(text: str, limit: int = 120) -> str:
    """Return ``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    flat = " ".join((text or "").split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
