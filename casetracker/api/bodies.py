"""The API reads JSON bodies, and files as multipart: any other body is refused with 415 and a message.

Without this, a form-encoded or plain-text body reached the schema as "no
data" and came back 422 "Missing data for required field", which sends a
client looking for a missing field instead of at its Content-Type header.
"""

from __future__ import annotations

from flask import request

from casetracker.errors import json_error

#: Body types the API's routes read: JSON everywhere, multipart for file uploads.
ACCEPTED = ("application/json", "multipart/form-data")

MESSAGE = ("Send the body as JSON, with the header Content-Type: application/json "
           "(files go as multipart/form-data); {sent} was sent.")


def refuse_other_bodies():
    """Before each API request: answer 415 when a body of another type is sent (an empty body passes)."""
    if request.method not in ("POST", "PUT", "PATCH"):
        return None
    has_body = bool(request.content_length) or "chunked" in request.headers.get("Transfer-Encoding", "").lower()
    if not has_body or request.is_json or request.mimetype in ACCEPTED:
        return None
    sent = f"Content-Type: {request.mimetype}" if request.mimetype else "no Content-Type"
    return json_error(415, MESSAGE.format(sent=sent))
