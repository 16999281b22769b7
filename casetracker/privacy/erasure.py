"""Erase a requester: pseudonymise them in every row, file, index entry and audit entry.

The right to erasure is UK GDPR Art 17(1). It does not apply while the data
are still needed to answer the request or to defend its handling: Art 17(3)(b)
(a legal obligation: FOIA 2000 s1, s10 and the SAR clock of Art 12(3)) and
Art 17(3)(e) (legal claims: internal review, an ICO complaint under FOIA s50,
an appeal), so erasure refuses while any of the person's requests is open.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from sqlalchemy import func, or_, select, update

from casetracker.audit.services import record_event
from casetracker.documents import indexing
from casetracker.documents.models import Document, DocumentPage
from casetracker.extensions import db
from casetracker.info_requests.models import InfoRequest
from casetracker.mail.models import UnassignedMessage
from casetracker.privacy.audit_amend import pseudonymise_audit
from casetracker.privacy.files import files_naming, read_stored, replace_stored, rewritten
from casetracker.privacy.models import Erasure
from casetracker.privacy.people import Person, find_person
from casetracker.privacy.purge import delete_rows, drop_unreferenced_files
from casetracker.privacy.rows import scrub_rows


class ErasureRefused(Exception):
    """Erasure cannot go ahead; the message says why, citing the provision."""


class NothingHeld(ErasureRefused):
    """The tracker holds nothing under that email."""


@dataclass
class ErasureReport:
    """What an erasure changed; holds no erased data."""

    erasure_id: int
    pseudonym: str
    requests: list[str]
    rows: dict[str, int]
    files_rewritten: int
    documents_removed: list[int]
    mail_removed: int
    audit_entries: int
    #: SHA-256s of files to remove from disk once the transaction commits (``purge.unlink_files``).
    unlink: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"erasure_id": self.erasure_id, "pseudonym": self.pseudonym, "requests": self.requests,
                "rows": self.rows, "files_rewritten": self.files_rewritten,
                "documents_removed": self.documents_removed, "mail_removed": self.mail_removed,
                "audit_entries": self.audit_entries}


def refusal(person: Person) -> str | None:
    """Return why erasure must wait (an open request), or None when it may go ahead."""
    if not person.held:
        return f"Nothing is held about {person.email}."
    still_open = person.open_requests
    if still_open:
        listed = ", ".join(f"{r.reference} ({r.status_label.lower()})" for r in still_open)
        return (f"Not erased: request {listed} is still open. UK GDPR Art 17(3)(b) and (e): the details are "
                "needed to answer the request (FOIA 2000 s1, s10) and to show how it was handled if it is "
                "reviewed, complained about (s50) or appealed. Close the request first.")
    return None


def _documents_to_check(person: Person, terms: list[str]) -> set[int]:
    request_ids = [r.id for r in person.requests]
    ids = set()
    if request_ids:
        ids |= set(db.session.scalars(select(Document.id).where(Document.request_id.in_(request_ids))))
    mentions = [func.lower(DocumentPage.text).contains(t.lower(), autoescape=True) for t in terms]
    ids |= set(db.session.scalars(select(DocumentPage.document_id).where(or_(*mentions))))
    fields = [func.lower(c).contains(t.lower(), autoescape=True) for t in terms
              for c in (Document.filename, Document.title, Document.sender, Document.recipient, Document.file_author)]
    ids |= set(db.session.scalars(select(Document.id).where(or_(*fields))))
    return ids


def _handle_files(person: Person, terms: list[str], replacement: str,
                  document_ids: set[int]) -> tuple[int, list[int], int, list[str]]:
    """Rewrite or remove every stored file naming the person; return (rewritten, documents removed, mail removed, old digests)."""
    message_ids = {m.id for m in person.unassigned} | set(db.session.scalars(select(UnassignedMessage.id)))
    done, removed_docs, removed_mail, old = 0, [], 0, []
    for stored in files_naming(terms, document_ids, message_ids):
        users = list(db.session.scalars(select(Document).where(Document.stored_file_id == stored.id)))
        name = users[0].filename if users else "message.eml"
        data = rewritten(read_stored(stored) or b"", name, stored.content_type, terms, replacement)
        old.append(stored.sha256)
        if data is not None:
            replace_stored(stored, data)
            done += 1
            continue
        if users:
            top = [d.id for d in users]
            removed_docs += top
            delete_rows("documents", top)
        mail = list(db.session.scalars(select(UnassignedMessage.id).where(UnassignedMessage.stored_file_id == stored.id)))
        if mail:
            removed_mail += len(mail)
            delete_rows("unassigned_messages", mail)
    return done, sorted(removed_docs), removed_mail, old


def erase_person(email: str, *, actor: Any, reason: str = "request", team_ids: list[int] | None = None,
                 person: Person | None = None) -> ErasureReport:
    """Pseudonymise everything held about ``email``; raise ErasureRefused (with why) when it must wait.

    ``actor`` is the user (or a stand-in with ``email`` and ``id``) doing it;
    ``team_ids`` limits a team admin's erasure to their teams. Never commits:
    after the commit, call ``purge.unlink_files(report.unlink)`` and
    ``purge.purge_search_remnants()``.
    """
    person = person or find_person(email, team_ids=team_ids)
    why = refusal(person)
    if why:
        raise (NothingHeld if not person.held else ErasureRefused)(why)
    terms = person.terms
    erasure = Erasure(reason=reason, erased_by_id=getattr(actor, "id", None),
                      erased_by_label=getattr(actor, "email", None) or "system")
    db.session.add(erasure)
    db.session.flush()
    pseudonym = erasure.pseudonym = f"[erased requester E{erasure.id}]"
    references = [r.reference for r in person.requests]
    request_ids = [r.id for r in person.requests]
    if request_ids:
        db.session.execute(update(InfoRequest).where(InfoRequest.id.in_(request_ids)).values(
            requester_name=pseudonym, requester_email="", requester_address="", updated_at=InfoRequest.updated_at))
    document_ids = _documents_to_check(person, terms) | _documents_of_entries(person)
    files_done, removed_docs, removed_mail, old = _handle_files(person, terms, pseudonym, document_ids)
    rows = scrub_rows(terms, pseudonym)
    if request_ids:
        rows["info_requests.requester_name"] = rows.get("info_requests.requester_name", 0) + len(request_ids)
    audit_ids = pseudonymise_audit(terms, pseudonym, erasure_id=erasure.id)
    remaining = set(db.session.scalars(select(Document.id).where(Document.id.in_(sorted(document_ids)))))
    for document_id in sorted(remaining):
        indexing.queue_add(db.session, document_id)
    unlink = old + [digest for _, digest in drop_unreferenced_files()]
    erasure.counts = {"rows": sum(rows.values()), "files": files_done, "documents_removed": len(removed_docs),
                      "mail_removed": removed_mail, "audit_entries": len(audit_ids)}
    db.session.flush()
    record_event(actor=actor, action="person.erased", obj=erasure,
                 summary=f"Requester erased as {pseudonym} ({reason}): {erasure.counts['rows']} rows, "
                         f"{files_done} files rewritten, {len(removed_docs)} documents removed, "
                         f"{len(audit_ids)} audit entries pseudonymised",
                 after={"erasure_id": erasure.id, "requests": references, **erasure.counts})
    return ErasureReport(erasure.id, pseudonym, references, rows, files_done, removed_docs, removed_mail,
                         len(audit_ids), unlink)


def _documents_of_entries(person: Person) -> set[int]:
    """Return the documents filed with correspondence that names the person (their from:/to: come from it)."""
    from casetracker.correspondence.models import CorrespondenceAttachment

    entry_ids = [e.id for e in person.entries]
    if not entry_ids:
        return set()
    return (set(db.session.scalars(select(CorrespondenceAttachment.document_id)
                                   .where(CorrespondenceAttachment.correspondence_id.in_(entry_ids))))
            | set(db.session.scalars(select(Document.id).where(Document.correspondence_id.in_(entry_ids)))))


def command_line_actor(label: str) -> SimpleNamespace:
    """Return the stand-in actor for a command run from a shell: no user id, labelled with the OS user."""
    return SimpleNamespace(id=None, email=label)
