"""Read email files (.eml, Outlook .msg, .mbox) through ``casetracker.mail``: one page a message."""

from __future__ import annotations

import io
from dataclasses import replace
from email.utils import format_datetime
from typing import TYPE_CHECKING

from casetracker.dates.own_date import OwnDateSource
from casetracker.documents.extraction.constants import CONTENT_TYPES, ExtractionMethod, FileKind
from casetracker.documents.extraction.dates import uk_date
from casetracker.documents.extraction.quality import normalise_text
from casetracker.documents.extraction.results import ChildFile, ExtractionError, ExtractionResult, PageText

if TYPE_CHECKING:
    from casetracker.mail.parsed import ParsedMessage


def extract_message(data: bytes, kind: FileKind) -> ExtractionResult:
    """Read one message (``kind`` is ``eml`` or ``msg``): a page of headers and text; attachments are children.

    Raises ExtractionError when the file cannot be read as an email at all.
    """
    # Imported here: the mail package is heavier (extract-msg) and only emails need it.
    from casetracker.mail.parsing import MailParseError, parse_message_bytes

    try:
        message = parse_message_bytes(data)
    except MailParseError as error:
        raise ExtractionError(str(error)) from error
    return replace(
        message_result(message, kind=kind, content_type=CONTENT_TYPES[kind]),
        children=tuple(ChildFile(attachment.filename, attachment.data) for attachment in message.attachments),
    )


def message_result(message: ParsedMessage, *, kind: FileKind, content_type: str) -> ExtractionResult:
    """Return a parsed message as one page of headers and body text, dated by its Date: header.

    No children: the caller decides what becomes of the attachments. Ligatures and
    full-width forms are folded as ``extract`` folds every format.
    """
    lines = [
        ("From", message.sender),
        ("To", ", ".join(message.to)),
        ("Cc", ", ".join(message.cc)),
        ("Date", format_datetime(message.date) if message.date else ""),
        ("Subject", message.subject),
    ]
    header = "\n".join(f"{name}: {value}" for name, value in lines if value)
    text = normalise_text(f"{header}\n\n{message.body_text}".strip())
    return ExtractionResult(
        kind=kind,
        content_type=content_type,
        title=normalise_text(message.subject.strip()) or None,
        pages=(PageText(1, text, ExtractionMethod.NATIVE if text else ExtractionMethod.EMPTY),),
        problems=message.problems,
        document_date=uk_date(message.date),
        date_source=OwnDateSource.EMAIL_HEADER if message.date else "",
        sender=message.sender or None,
        recipient=", ".join(message.to) or None,
    )


def extract_mbox(data: bytes) -> ExtractionResult:
    """Split a mailbox into its messages, each a child ``.eml`` file holding the raw message bytes."""
    from casetracker.mail.mbox import iter_mbox

    messages = list(iter_mbox(io.BytesIO(data)))
    width = len(str(len(messages)))
    return ExtractionResult(
        kind=FileKind.MBOX,
        content_type=CONTENT_TYPES[FileKind.MBOX],
        children=tuple(ChildFile(f"message-{number:0{width}d}.eml", raw) for number, raw in enumerate(messages, 1)),
        problems=() if messages else ("This mailbox holds no messages.",),
    )


def sniff_mail(data: bytes) -> FileKind | None:
    """Return ``eml``, ``mbox`` or ``msg`` when ``data`` is an email file, else None."""
    from casetracker.mail.parsing import sniff_mail_format

    found = sniff_mail_format(data)
    return FileKind(found) if found else None
