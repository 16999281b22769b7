"""Keep an imported email's body as a document of its correspondence, so search finds it (type:email)."""

from __future__ import annotations

import re

from casetracker.auth.models import User
from casetracker.documents.extraction import FileKind, message_result
from casetracker.documents.models import Document
from casetracker.documents.services import ingest_bytes
from casetracker.info_requests.models import InfoRequest
from casetracker.mail.msg import kept_message_type
from casetracker.mail.parsed import ParsedMessage

_UNSAFE = re.compile(r"[^\w .,()&'-]+")
_NAME_LENGTH = 120


def store_body_document(raw: bytes, message: ParsedMessage, info_request: InfoRequest, *,
                        actor: User | None) -> Document | None:
    """Store the message as received (``raw``) as a document of kind ``email`` whose page is its headers and body.

    Its attachments are documents of their own (``importing._store_attachments``); the
    page's text is what ``search`` finds with ``type:email``. Returns the document, or None
    when the same message is already stored on the request.
    """
    mimetype, extension = kept_message_type(raw)
    result = message_result(message, kind=FileKind.EMAIL, content_type=mimetype)
    outcome = ingest_bytes(raw, body_filename(message, extension), team=info_request.team,
                           info_request=info_request, actor=actor, extracted=result)
    return outcome.document


def body_filename(message: ParsedMessage, extension: str) -> str:
    """Return a file name for the message: its subject, made safe, then ``.eml`` or ``.msg``."""
    subject = " ".join(_UNSAFE.sub(" ", message.subject or "").split())[:_NAME_LENGTH].strip(" .")
    return f"{subject or 'email'}.{extension}"
