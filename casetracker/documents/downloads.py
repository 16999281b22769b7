"""Send a stored document's file as a download, never as a page of ours (the pages and the API)."""

from __future__ import annotations

from flask import Response, send_file

from casetracker.documents.models import Document
from casetracker.documents.services import blob_file


def attachment_response(document: Document) -> Response:
    """Return the document's bytes as an attachment with ``nosniff`` and a sandboxing CSP."""
    response = send_file(blob_file(document), mimetype=document.content_type or "application/octet-stream",
                         as_attachment=True, download_name=document.filename, max_age=0)
    # send_file appends its own charset; keep the one detected at extraction, once.
    response.headers["Content-Type"] = document.content_type or "application/octet-stream"
    # Never let a browser render an uploaded file as a page of ours.
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
