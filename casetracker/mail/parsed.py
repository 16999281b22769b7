"""The plain values an email file is read into."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


class MailParseError(ValueError):
    """A whole file or message cannot be read as email; the message is meant for the user."""


@dataclass(frozen=True)
class ParsedAttachment:
    """One file carried by a message.

    ``filename`` is the decoded name a person would read, never empty (a name is
    made up, e.g. ``attachment-1.bin``, when the sender gave none). When
    ``is_message`` is true the attachment is a forwarded message and ``data`` is
    the complete message file: RFC 822 bytes (``.eml``) or, from Outlook, ``.msg``
    bytes; read it back with ``parse_message_bytes``.
    """

    filename: str
    content_type: str
    data: bytes
    is_message: bool = False


@dataclass(frozen=True)
class ParsedMessage:
    """One email, decoded to text a person would read.

    ``date`` is timezone-aware, or None when the message has no readable date.
    ``sender_address`` is the bare lower-case address, or "" when there is none.
    Message-IDs carry no angle brackets. ``problems`` are notes for the user
    about anything that could only be read in part.
    """

    message_id: str | None
    subject: str
    date: datetime | None
    sender: str
    sender_address: str
    to: tuple[str, ...]
    cc: tuple[str, ...]
    in_reply_to: str | None
    references: tuple[str, ...]
    body_text: str
    attachments: tuple[ParsedAttachment, ...]
    problems: tuple[str, ...]
