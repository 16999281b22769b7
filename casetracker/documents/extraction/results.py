"""What reading a file gives back: its pages, child files and problems."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from casetracker.documents.extraction.constants import ExtractionMethod


class ExtractionError(ValueError):
    """The whole file cannot be read; the message is written for the person who uploaded it."""


class ToolMissing(ExtractionError):
    """The program that reads this format is not installed here; once it is, reading the file again works."""


@dataclass(frozen=True)
class PageText:
    """The text of one page (1-based ``number``) and how it was read."""

    number: int
    text: str
    method: ExtractionMethod
    #: Why the page was read as it was, for a user (e.g. "text layer unreadable; OCR used").
    note: str = ""
    #: Tesseract's mean word confidence (0-100) for an OCR'd page; None for any other.
    confidence: float | None = None


@dataclass(frozen=True)
class ChildFile:
    """A file found inside another one: a zip member, an email attachment, a message of an mbox."""

    filename: str
    data: bytes = field(repr=False)


@dataclass(frozen=True)
class FileMetadata:
    """What a file says about itself (PDF Info, Office core properties), kept apart from its own date.

    ``created`` and ``modified`` are timezone-aware; evidence often turns on them.
    """

    created: datetime | None = None
    modified: datetime | None = None
    author: str | None = None


@dataclass(frozen=True)
class ExtractionResult:
    """Everything read from one file.

    ``kind`` is a ``FileKind`` value; ``content_type`` is the MIME type to send a download with;
    ``problems`` are sentences for a user about parts that could not be read;
    ``document_date`` is the date the document bears (``date_source`` says where it was found:
    an ``OwnDateSource`` value), else the date of its file metadata, as a UK local date;
    ``metadata`` keeps the file metadata itself.
    """

    kind: str
    content_type: str
    title: str | None = None
    pages: tuple[PageText, ...] = ()
    children: tuple[ChildFile, ...] = ()
    problems: tuple[str, ...] = ()
    document_date: date | None = None
    date_source: str = ""
    metadata: FileMetadata = FileMetadata()
    #: An email's From and To, as written in its headers.
    sender: str | None = None
    recipient: str | None = None

    @property
    def ocr_page_count(self) -> int:
        """Return how many pages Tesseract read."""
        return sum(1 for page in self.pages if page.method is ExtractionMethod.OCR)

    @property
    def text(self) -> str:
        """Return the text of all pages, separated by blank lines."""
        return "\n\n".join(page.text for page in self.pages)


def native_pages(texts: list[str]) -> tuple[PageText, ...]:
    """Number ``texts`` from 1 as natively read pages, marking blank ones ``EMPTY``."""
    return tuple(
        PageText(number, text, ExtractionMethod.NATIVE if text.strip() else ExtractionMethod.EMPTY)
        for number, text in enumerate(texts, start=1)
    )
