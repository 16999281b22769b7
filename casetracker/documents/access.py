"""Load a document for the current user, checking its team and its request's visibility."""

from __future__ import annotations

from flask_login import current_user

from casetracker.auth.permissions import check_object_access
from casetracker.documents.models import Document
from casetracker.extensions import db
from casetracker.info_requests.access import get_request


def get_document(document_id: int, *, edit: bool = False) -> Document:
    """Load a document; 404 unless the user's team holds it (and may see its request)."""
    document = check_object_access(current_user, db.session.get(Document, document_id), edit=edit)
    if document.request_id is not None:
        get_request(document.request_id, edit=edit)
    return document
