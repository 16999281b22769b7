"""Stored files, the documents that point at them, and their pages of text."""

from __future__ import annotations

from datetime import date, datetime, timezone

from sqlalchemy import JSON, BigInteger, Date, DateTime, Float, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casetracker.documents.constants import SEARCH_STATUS_LABELS, DocumentStatus, SearchStatus
from casetracker.documents.outbox import IndexState, shown_status
from casetracker.extensions import db
from casetracker.timeutil import UK, utcnow


class StoredFile(db.Model):
    """A file's bytes on disk, stored once under ``FILES_PATH`` and named by SHA-256."""

    __tablename__ = "stored_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    size: Mapped[int] = mapped_column(BigInteger)
    content_type: Mapped[str] = mapped_column(String(200), default="application/octet-stream")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Document(db.Model):
    """A released document: a file as one team received it, with its extracted pages.

    The same file attached twice is one ``StoredFile`` and two documents.
    """

    __tablename__ = "documents"
    #: Audit entries refer to these instead of copying them (``audit.services.snapshot``, issue 17).
    __personal_fields__ = ("sender", "recipient")
    __table_args__ = (UniqueConstraint("team_id", "request_id", "stored_file_id", "parent_id", "filename"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"), index=True)
    request_id: Mapped[int | None] = mapped_column(ForeignKey("info_requests.id"), index=True)
    stored_file_id: Mapped[int] = mapped_column(ForeignKey("stored_files.id"), index=True)
    #: The zip or email this document came out of.
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"), index=True)
    #: The original file name as uploaded; never used as a path.
    filename: Mapped[str] = mapped_column(String(500))
    title: Mapped[str] = mapped_column(String(500), default="")
    #: Format family from content sniffing: pdf, docx, xlsx, eml, zip...
    kind: Mapped[str] = mapped_column(String(20), default="")
    content_type: Mapped[str] = mapped_column(String(200), default="application/octet-stream")
    #: The date the document bears (its date line, an email's Date:), else its file metadata date.
    document_date: Mapped[date | None] = mapped_column(Date)
    #: Where ``document_date`` came from: date line, first page, email header, file metadata.
    date_source: Mapped[str] = mapped_column(String(20), default="")
    #: What the file itself says (PDF CreationDate/ModDate and Author, Office created/modified/author),
    #: kept apart from the date it bears: evidence often turns on them.
    file_created_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    file_modified_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    file_author: Mapped[str | None] = mapped_column(String(300))
    #: For an imported email's body (kind ``email``): the correspondence entry it is the body of.
    correspondence_id: Mapped[int | None] = mapped_column(ForeignKey("correspondence.id"), index=True)
    #: The Tesseract languages its scans were read in ("eng", "cym+eng").
    ocr_languages: Mapped[str] = mapped_column(String(100), default="eng")
    #: Who the document is from (``from:`` in search): an email's From, or as a user set it;
    #: None means "as its correspondence or request says" (see indexing.document_parties).
    sender: Mapped[str | None] = mapped_column(String(500))
    #: Who it is addressed to (``to:`` in search); None as for ``sender``.
    recipient: Mapped[str | None] = mapped_column(String(500))
    page_count: Mapped[int] = mapped_column(default=0)
    #: ``stored`` or ``failed``; whether it is searchable is ``search_status``, read from the outbox.
    status: Mapped[str] = mapped_column(String(10), default=DocumentStatus.STORED)
    #: Problems found while reading, in words a user understands.
    problems: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    stored_file: Mapped[StoredFile] = relationship(lazy="joined")
    pages: Mapped[list[DocumentPage]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="DocumentPage.number"
    )
    children: Mapped[list[Document]] = relationship(back_populates="parent", cascade="all, delete-orphan")
    parent: Mapped[Document | None] = relationship(back_populates="children", remote_side=[id])
    #: The index outbox row (no foreign key: it outlives the document until its pages leave the index).
    index_state: Mapped[IndexState | None] = relationship(
        primaryjoin="foreign(IndexState.document_id) == Document.id", viewonly=True, uselist=False)

    @property
    def search_status(self) -> SearchStatus:
        """Return whether search finds this document now (``indexed``) or not yet (``pending``)."""
        row = self.index_state
        return shown_status(self.status, row.state if row else None, row.generation if row else None,
                            row.indexed_generation if row else None)

    @property
    def search_label(self) -> str:
        return SEARCH_STATUS_LABELS[self.search_status]

    @property
    def ocr_confidence(self) -> float | None:
        """Return the mean Tesseract confidence (0-100, one decimal) of its OCR'd pages, or None if none was."""
        return mean_confidence(page.confidence for page in self.pages)

    @property
    def display_title(self) -> str:
        return self.title or self.filename

    @property
    def file_created_uk(self) -> datetime | None:
        """Return the file's own creation time in UK local time (SQLite hands it back naive, in UTC)."""
        return _uk_time(self.file_created_at)

    @property
    def file_modified_uk(self) -> datetime | None:
        """Return the file's own modification time in UK local time."""
        return _uk_time(self.file_modified_at)


def mean_confidence(confidences) -> float | None:
    """Return the mean of the confidences given (None ones skipped), to one decimal; None if there are none."""
    values = [c for c in confidences if c is not None]
    return round(sum(values) / len(values), 1) if values else None


def _uk_time(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return (value if value.tzinfo is not None else value.replace(tzinfo=timezone.utc)).astimezone(UK)


class DocumentPage(db.Model):
    """One page of a document's text, as extracted; evidence quotes are checked against it."""

    __tablename__ = "document_pages"
    __table_args__ = (UniqueConstraint("document_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    #: 1-based page (PDF page, spreadsheet sheet, email message).
    number: Mapped[int]
    text: Mapped[str] = mapped_column(Text, default="")
    #: How the text was read: text-layer, ocr, needs-ocr, native, empty.
    method: Mapped[str] = mapped_column(String(20), default="native")
    #: Why it was read so, for a user: e.g. "text layer unreadable; OCR used".
    note: Mapped[str] = mapped_column(String(200), default="")
    #: Tesseract's mean word confidence (0-100) for an OCR'd page; None for pages not OCR'd.
    confidence: Mapped[float | None] = mapped_column(Float)

    document: Mapped[Document] = relationship(back_populates="pages")


class TeamDocumentSettings(db.Model):
    """How a team's documents are read: the OCR languages its uploads default to."""

    __tablename__ = "team_document_settings"

    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"), primary_key=True)
    #: Tesseract codes joined by "+": "eng", "cym+eng" (Welsh authorities answer in Welsh).
    ocr_languages: Mapped[str] = mapped_column(String(100), default="eng")
class SavedSearch(db.Model):
    """A query a user keeps, with how many pages matched when they last looked (for alerts)."""

    __tablename__ = "saved_searches"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    query: Mapped[str] = mapped_column(String(500))
    #: Facet filters as ["authority:Home Office", ...] (search.filters).
    filters: Mapped[list[str]] = mapped_column(JSON, default=list)
    #: Pages the search matched when the user last opened it; more now means new pages.
    seen_pages: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
