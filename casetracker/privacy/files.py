"""Stored files that name a person: rewrite them without the person, or say they cannot be.

A .docx (generated letters, most released notes) is rewritten by
``disclosure.scrub.clean_file`` (properties emptied, paragraphs scrubbed); a
text file or email (.eml, .txt, .csv, .html) has each identifier replaced in
its bytes. Anything else that names the person (a PDF, a scan, an Outlook
.msg) cannot be shown clean, so its documents are removed (UK GDPR Art 17(1)).
"""

from __future__ import annotations

import re

from sqlalchemy import select, update

from casetracker.disclosure.scrub import clean_file, contains_personal
from casetracker.documents.models import Document, StoredFile
from casetracker.documents.services import store_blob
from casetracker.documents.storage import blob_path
from casetracker.extensions import db
from casetracker.mail.models import UnassignedMessage
from casetracker.privacy.purge import files_root

_TEXT_TYPES = ("text/", "message/", "application/json", "application/xml", "application/csv")


def read_stored(stored: StoredFile) -> bytes | None:
    """Return a stored file's bytes, or None when the file is missing from disk."""
    path = blob_path(files_root(), stored.sha256)
    return path.read_bytes() if path.exists() else None


def rewritten(data: bytes, filename: str, content_type: str, terms: list[str], replacement: str) -> bytes | None:
    """Return ``data`` without any of ``terms``, or None when this kind of file cannot be rewritten."""
    if filename.lower().endswith(".docx") or data[:2] == b"PK" and b"word/document.xml" in data[:4096]:
        return clean_file(data, filename if filename.lower().endswith(".docx") else "file.docx", terms).data
    if not (content_type.startswith(_TEXT_TYPES) or filename.lower().endswith((".eml", ".txt", ".csv", ".html"))):
        return None
    for term in terms:
        for encoding in ("utf-8", "latin-1"):
            try:
                needle = term.encode(encoding)
            except UnicodeEncodeError:
                continue
            data = re.sub(re.escape(needle), replacement.encode("ascii"), data, flags=re.IGNORECASE)
    return None if contains_personal(data, terms) else data


def replace_stored(old: StoredFile, data: bytes) -> StoredFile:
    """Point everything that used ``old`` at a stored file holding ``data``; delete ``old``'s row."""
    new = store_blob(data, old.content_type)
    if new.id != old.id:
        for table in db.metadata.sorted_tables:
            for fk in table.foreign_keys:
                if fk.column.table.name == "stored_files":
                    db.session.execute(update(table).where(fk.parent == old.id).values({fk.parent.name: new.id}))
        db.session.execute(StoredFile.__table__.delete().where(StoredFile.id == old.id))
    return new


def files_naming(terms: list[str], document_ids: set[int], message_ids: set[int]) -> list[StoredFile]:
    """Return the stored files of these documents and mail whose bytes (or zip parts) contain a term."""
    ids = set()
    if document_ids:
        ids |= set(db.session.scalars(select(Document.stored_file_id).where(Document.id.in_(sorted(document_ids)))))
    if message_ids:
        ids |= set(db.session.scalars(select(UnassignedMessage.stored_file_id)
                                      .where(UnassignedMessage.id.in_(sorted(message_ids)))))
    found = []
    for stored in db.session.scalars(select(StoredFile).where(StoredFile.id.in_(sorted(ids))).order_by(StoredFile.id)):
        data = read_stored(stored)
        if data is not None and contains_personal(data, terms):
            found.append(stored)
    return found
