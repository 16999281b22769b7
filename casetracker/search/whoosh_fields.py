"""One document page as the Whoosh index stores it (``schema.build_schema``'s fields). Pure."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime, time

from casetracker.search.results import PageEntry, document_fingerprint


def fingerprinted(entries: Iterable[PageEntry]) -> Iterator[tuple[PageEntry, str]]:
    """Pair each page with its document's fingerprint; entries come grouped by document (by id)."""
    pending: list[PageEntry] = []
    for entry in entries:
        if pending and pending[0].document_id != entry.document_id:
            fingerprint = document_fingerprint(pending)
            yield from ((page, fingerprint) for page in pending)
            pending = []
        pending.append(entry)
    if pending:
        fingerprint = document_fingerprint(pending)
        yield from ((page, fingerprint) for page in pending)


def page_fields(entry: PageEntry, fingerprint: str = "") -> dict:
    """Return the Whoosh fields of one page: each prose field twice where search needs an exact copy."""
    fields = {
        "page_key": f"{entry.document_id}:{entry.page}",
        "document_id": entry.document_id,
        "team_id": entry.team_id,
        "restricted_to": entry.restricted_to,
        "kind": entry.kind,
        "page": entry.page,
        "title": entry.title,
        "title_exact": entry.title,
        "text": entry.text,
        "exact": entry.text,
        "fingerprint": fingerprint,
    }
    if entry.request_id is not None:
        fields["request_id"] = entry.request_id
    if entry.request_ref:
        fields["request_ref"] = entry.request_ref
    if entry.authority:
        fields["authority"] = entry.authority
        fields["authority_name"] = entry.authority
    if entry.sender:
        fields["sender"] = entry.sender
        fields["sender_name"] = entry.sender
    if entry.recipient:
        fields["recipient"] = entry.recipient
        fields["recipient_name"] = entry.recipient
    if entry.document_date is not None:
        fields["document_date"] = datetime.combine(entry.document_date, time())
        fields["year"] = str(entry.document_date.year)
    return fields
