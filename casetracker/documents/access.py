"""Load a document for the current user, checking its team and its request's visibility."""

from __future__ import annotations

from flask_login import current_user

from casetracker.auth.permissions import check_object_access
from casetracker.documents.models import Document
from casetracker.extensions import db
from casetracker.info_requests.access import get_request


def get_document(document_id: int, *, edit: bool = False) -> Document:
    """Load a document; 404 unless the user's team holds it (and may see its request)."""
    document = check_object_access(current_user, db.session.get(Document, document_id))
    if document.request_id is not None:
        # The request's visibility first, so a teammate's private request answers 404, never 403.
        get_request(document.request_id)
    if edit:
        check_object_access(current_user, document, edit=True)
    return document
