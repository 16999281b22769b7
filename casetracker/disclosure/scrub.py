"""Remove a requester's personal data from what the disclosure log shows: text, and released files.

Pure: bytes and strings in, bytes and strings out. The requester's name and
contact details are personal data (UK GDPR Art 4(1)); publishing them is not
needed to publish the information (Art 5(1)(c), data minimisation; FOIA s40(2)
would apply to a request for them). A file that cannot be shown clean is
withheld from the public page, never published as it is.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from docx import Document

__all__ = ["PLACEHOLDER", "Cleaned", "clean_file", "contains_personal", "personal_terms", "scrub_text"]

PLACEHOLDER = "[requester]"
_ZIP_FORMATS = (".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp")


def personal_terms(name: str, email: str, address: str = "") -> list[str]:
    """Return the strings that must not appear: the name, the email, its local part, each address line."""
    terms = [t.strip() for t in (name, email) if t and len(t.strip()) >= 3]
    if "@" in (email or ""):
        local = email.split("@", 1)[0].strip()
        if len(local) >= 4:
            terms.append(local)
    terms += [line.strip() for line in (address or "").splitlines() if len(line.strip()) >= 5]
    # Longest first, so "Jo Bloggs" goes before "Jo".
    return sorted(dict.fromkeys(terms), key=len, reverse=True)


def scrub_text(text: str, terms: list[str]) -> str:
    """Return ``text`` with every term (case-insensitive) replaced by ``[requester]``."""
    for term in terms:
        text = re.sub(re.escape(term), PLACEHOLDER, text, flags=re.IGNORECASE)
    return text


def contains_personal(data: bytes, terms: list[str]) -> bool:
    """Return True if any term is in the bytes, or in any member of a zip-based office file."""
    blobs = [data]
    if data[:2] == b"PK":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                blobs += [archive.read(info) for info in archive.infolist() if info.file_size < 50_000_000]
        except zipfile.BadZipFile:
            pass
    for blob in blobs:
        lowered = blob.lower()
        for term in terms:
            for encoding in ("utf-8", "utf-16-le"):
                if term.lower().encode(encoding) in lowered:
                    return True
            # XML escapes the ampersand and apostrophes of names like "O'Brien & Co".
            escaped = term.replace("&", "&amp;").replace("'", "&apos;").lower().encode()
            if escaped in lowered or term.replace("&", "&amp;").lower().encode() in lowered:
                return True
    return False


@dataclass(frozen=True)
class Cleaned:
    """A file as the public may have it (``data``), or why it is withheld (``reason``)."""

    data: bytes | None
    reason: str = ""


def _clean_docx(data: bytes, terms: list[str]) -> bytes:
    doc = Document(io.BytesIO(data))
    props = doc.core_properties
    for attr in ("author", "last_modified_by", "title", "subject", "comments", "keywords", "category",
                 "identifier", "content_status"):
        setattr(props, attr, "")
    paragraphs = list(doc.paragraphs)
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                paragraphs += cell.paragraphs
    for section in doc.sections:
        for part in (section.header, section.footer):
            paragraphs += part.paragraphs
    for paragraph in paragraphs:
        if any(t.lower() in paragraph.text.lower() for t in terms):
            # Runs can split a name anywhere; the paragraph is rewritten as one run.
            paragraph.text = scrub_text(paragraph.text, terms)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def clean_file(data: bytes, filename: str, terms: list[str]) -> Cleaned:
    """Return a released file without the requester's personal data, or why it cannot be published.

    A .docx is rewritten: its document properties (author, last modified by,
    title…) emptied and every paragraph naming the requester scrubbed. Any other
    file is published only if its bytes (and, for office files, every part)
    contain none of ``terms``.
    """
    if filename.lower().endswith(".docx"):
        try:
            data = _clean_docx(data, terms)
        except Exception:  # python-docx raises many types for a damaged file
            return Cleaned(None, "withheld: the file could not be checked for the requester's personal data")
    if contains_personal(data, terms):
        return Cleaned(None, "withheld: it contains the requester's personal data")
    return Cleaned(data)
