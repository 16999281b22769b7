"""Export everything held about a requester: the answer to a subject access request about the tracker itself.

UK GDPR Art 15(1) (the data and what is known of them) and Art 15(3) (a copy);
Art 20 (portability) is why the copy is JSON plus the files as received.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

from sqlalchemy import func, or_, select

from casetracker.audit.models import AuditEvent
from casetracker.correspondence.models import Correspondence
from casetracker.documents.models import Document, DocumentPage
from casetracker.extensions import db
from casetracker.privacy.files import read_stored
from casetracker.privacy.people import Person, find_person
from casetracker.privacy.rows import mentions
from casetracker.timeutil import utcnow

REQUEST_FIELDS = ["reference", "their_reference", "title", "body", "regime", "requester_name", "requester_email",
                  "requester_address", "sent_on", "received_on", "status", "outcome", "created_at"]
ENTRY_FIELDS = ["id", "request_id", "direction", "kind", "state", "dated", "from_text", "to_text", "cc_text",
                "subject", "body", "created_at"]
AUDIT_FIELDS = ["id", "occurred_at", "actor_label", "action", "object_type", "object_id", "request_id",
                "summary", "before", "after"]


def _row(obj: Any, fields: list[str]) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in fields}


def _safe_name(document: Document) -> str:
    return f"{document.id}-{re.sub(r'[^A-Za-z0-9._-]+', '_', document.filename)[:120] or 'file'}"


def collect(person: Person, *, team_ids: list[int] | None = None) -> tuple[dict[str, Any], dict[str, bytes]]:
    """Return (the export as JSON-ready data, {path in the export: file bytes})."""
    terms = person.terms
    request_ids = [r.id for r in person.requests]
    entries = {e.id: e for e in person.entries}
    if request_ids:
        entries.update({e.id: e for e in db.session.scalars(
            select(Correspondence).where(Correspondence.request_id.in_(request_ids)))})
    doc_query = select(Document).order_by(Document.id)
    conditions = [Document.id.in_(select(DocumentPage.document_id).where(or_(
        *(func.lower(DocumentPage.text).contains(t.lower(), autoescape=True) for t in terms))))] if terms else []
    if request_ids:
        conditions.append(Document.request_id.in_(request_ids))
    documents = list(db.session.scalars(doc_query.where(or_(*conditions)))) if conditions else []
    if team_ids is not None:
        documents = [d for d in documents if d.team_id in team_ids]
    files: dict[str, bytes] = {}
    exported_documents = []
    for document in documents:
        path = f"files/{_safe_name(document)}"
        data = read_stored(document.stored_file)
        if data is not None:
            files[path] = data
        exported_documents.append({
            "id": document.id, "filename": document.filename, "title": document.title,
            "request_id": document.request_id, "sender": document.sender, "recipient": document.recipient,
            "file": path if data is not None else None,
            "pages": [{"number": p.number, "text": p.text} for p in document.pages],
        })
    audit_conditions = [func.lower(AuditEvent.summary).contains(t.lower(), autoescape=True) for t in terms]
    if request_ids:
        audit_conditions.append(AuditEvent.request_id.in_(request_ids))
    audit = list(db.session.scalars(select(AuditEvent).where(or_(*audit_conditions)).order_by(AuditEvent.id))) \
        if audit_conditions else []
    if team_ids is not None:
        audit = [a for a in audit if a.team_id in team_ids]
    other = mentions(terms) if terms else {}
    if team_ids is not None:
        other = {t: [r for r in rows if r.get("team_id") in team_ids] for t, rows in other.items()}
        other = {t: rows for t, rows in other.items() if rows}
    data = {
        "email": person.email,
        "exported_at": utcnow(),
        "legal_basis": "UK GDPR Art 15 (right of access) and Art 20 (portability)",
        "names": person.names,
        "requests": [_row(r, REQUEST_FIELDS) for r in person.requests],
        "correspondence": [_row(e, ENTRY_FIELDS) for e in sorted(entries.values(), key=lambda e: e.id)],
        "documents": exported_documents,
        "unassigned_mail": [{"id": m.id, "sender": m.sender, "subject": m.subject, "date": m.date,
                             "filename": m.filename} for m in person.unassigned],
        "audit_entries": [_row(a, AUDIT_FIELDS) for a in audit],
        "other_mentions": other,
    }
    for message in person.unassigned:
        blob = read_stored(message.stored_file)
        if blob is not None:
            files[f"files/mail-{message.id}.eml"] = blob
    return data, files


def to_json(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, default=lambda v: v.isoformat() if hasattr(v, "isoformat") else str(v))


def export_person(email: str, out: Path, *, team_ids: list[int] | None = None) -> dict[str, Any]:
    """Write ``person.json`` and ``files/`` under ``out``; return {"email", "requests", "documents", "files", ...}."""
    person = find_person(email, team_ids=team_ids)
    data, files = collect(person, team_ids=team_ids)
    out.mkdir(parents=True, exist_ok=True)
    (out / "person.json").write_text(to_json(data), encoding="utf-8")
    for path, blob in files.items():
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(blob)
    return summary(data, files)


def summary(data: dict[str, Any], files: dict[str, bytes]) -> dict[str, Any]:
    return {"email": data["email"], "requests": len(data["requests"]), "correspondence": len(data["correspondence"]),
            "documents": len(data["documents"]), "audit_entries": len(data["audit_entries"]), "files": len(files)}


def export_zip(email: str, *, team_ids: list[int]) -> tuple[bytes, dict[str, Any]]:
    """Return the export as a zip (``person.json`` and ``files/``) for a team admin's download, and its summary."""
    person = find_person(email, team_ids=team_ids)
    data, files = collect(person, team_ids=team_ids)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("person.json", to_json(data))
        for path, blob in files.items():
            archive.writestr(path, blob)
    return buffer.getvalue(), summary(data, files)
