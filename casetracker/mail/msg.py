"""Read Outlook .msg files (OLE compound files) with extract-msg."""

from __future__ import annotations

import mimetypes
from email.message import Message as EmailMessage
from pathlib import Path

import extract_msg
import olefile
from extract_msg.enums import AttachmentType, RecipientType
from extract_msg.msg_classes import MessageBase, MSGFile

from casetracker.mail.bodies import html_bytes_to_text, normalise_newlines
from casetracker.mail.headers import first_address, format_addresses, message_ids
from casetracker.mail.parsed import MailParseError, ParsedAttachment, ParsedMessage

__all__ = ["OLE_MAGIC", "is_outlook_message", "kept_message_type", "parse_msg"]

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# olefile reads shorter bytes as a file name, and no real OLE file is that small.
_MIN_OLE_SIZE = 1536


def kept_message_type(raw: bytes) -> tuple[str, str]:
    """Return the MIME type and file extension of a message kept as received: Outlook .msg or RFC 822 .eml."""
    return ("application/vnd.ms-outlook", "msg") if raw.startswith(OLE_MAGIC) else ("message/rfc822", "eml")


def is_outlook_message(source: Path | bytes) -> bool:
    """Say whether an OLE compound file is an Outlook item (.msg, .oft) rather than, say, a .doc."""
    if isinstance(source, bytes) and len(source) < _MIN_OLE_SIZE:
        return False
    try:
        with olefile.OleFileIO(source if isinstance(source, bytes) else str(source)) as ole:
            names = ["/".join(entry) for entry in ole.listdir(streams=True, storages=False)]
    except (OSError, ValueError, IndexError):
        return False
    return "__properties_version1.0" in names and any(name.startswith("__substg1.0_") for name in names)


def parse_msg(source: Path | bytes) -> ParsedMessage:
    """Read one Outlook message from a .msg path or its bytes.

    A message never sent (a draft) has no date: ``date`` is None. Raises
    MailParseError when the file is not a readable Outlook message.
    """
    try:
        item = extract_msg.openMsg(source if isinstance(source, bytes) else str(source))
    except Exception as error:  # noqa: BLE001 - extract-msg fails in many ways on damaged files
        raise MailParseError(f"This Outlook file could not be read ({error}).") from error
    with item:
        if not isinstance(item, MessageBase):
            raise MailParseError(f"This Outlook file holds a {type(item).__name__.lower()}, not an email.")
        try:
            return _read_item(item)
        except Exception as error:  # noqa: BLE001 - extract-msg reads lazily, so damage surfaces here
            raise MailParseError(f"This Outlook file is damaged and could not be read ({error}).") from error


def _read_item(item: MessageBase) -> ParsedMessage:
    """Turn an open extract-msg message into a ParsedMessage."""
    problems: list[str] = []
    header = item.header if isinstance(item.header, EmailMessage) else None
    date = item.date
    if date is None:
        problems.append("The Outlook message has no sent or received date (it may be an unsent draft).")
    sender = item.sender or ""
    attachments: list[ParsedAttachment] = []
    for attachment in item.attachments:
        parsed = _attachment(attachment, len(attachments) + 1, problems)
        if parsed is not None:
            attachments.append(parsed)
    return ParsedMessage(
        message_id=_first(message_ids(item.messageId)),
        subject=(item.subject or "").strip(),
        date=date,
        sender=", ".join(format_addresses([sender])) if sender else "",
        sender_address=first_address([sender]) if sender else "",
        to=_recipients(item, RecipientType.TO, item.to),
        cc=_recipients(item, RecipientType.CC, item.cc),
        in_reply_to=_first(message_ids(item.inReplyTo)),
        references=message_ids(header.get("References") if header is not None else None),
        body_text=_body(item),
        attachments=tuple(attachments),
        problems=tuple(problems),
    )


def _recipients(item: MessageBase, kind: RecipientType, fallback: str | None) -> tuple[str, ...]:
    """Return the recipients of one kind as ``Name <addr>``, from the recipient table when it has them."""
    found = []
    for recipient in item.recipients:
        if recipient.type != kind:
            continue
        name, address = (recipient.name or "").strip(), (recipient.email or "").strip()
        found.append(f"{name} <{address}>" if name and address and name != address else (address or name))
    if found:
        return tuple(entry for entry in found if entry)
    # Outlook joins recipients with "; ", and display names may hold commas.
    return tuple(part.strip() for part in (fallback or "").split(";") if part.strip())


def _body(item: MessageBase) -> str:
    """Return the plain-text body, or the HTML body as text when there is no plain text."""
    text = item.body
    if isinstance(text, str) and text.strip():
        return normalise_newlines(text)
    html = item.htmlBody
    if html:
        return normalise_newlines(html_bytes_to_text(html))
    return ""


def _attachment(attachment: object, number: int, problems: list[str]) -> ParsedAttachment | None:
    """Return one .msg attachment as a ParsedAttachment; an embedded message becomes .msg bytes."""
    name = _name_of(attachment)
    kind = getattr(attachment, "type", None)
    data = getattr(attachment, "data", None)
    if kind == AttachmentType.MSG and isinstance(data, MSGFile):
        try:
            payload = data.exportBytes()
        except Exception:  # noqa: BLE001 - an unexportable embedded item must not lose the message
            problems.append(f"The attached Outlook item '{name or number}' could not be extracted; skipped.")
            return None
        subject = getattr(data, "subject", None) or ""
        filename = name or subject.strip() or f"attachment-{number}"
        if not filename.lower().endswith(".msg"):
            filename += ".msg"
        return ParsedAttachment(filename, "application/vnd.ms-outlook", payload, is_message=True)
    if isinstance(data, EmailMessage):
        return ParsedAttachment(name or f"attachment-{number}.eml", "message/rfc822", data.as_bytes(), is_message=True)
    if not isinstance(data, bytes):
        problems.append(f"Attachment '{name or number}' is a link or an unsupported item, not a file; skipped.")
        return None
    content_type = getattr(attachment, "mimetype", None) or mimetypes.guess_type(name or "")[0]
    content_type = (content_type or "application/octet-stream").lower()
    if not name:
        name = f"attachment-{number}{mimetypes.guess_extension(content_type) or '.bin'}"
    return ParsedAttachment(name, content_type, data)


def _name_of(attachment: object) -> str:
    """Return the file name Outlook shows for an attachment, or ""."""
    for attribute in ("longFilename", "shortFilename", "displayName", "name"):
        value = getattr(attachment, attribute, None)
        if isinstance(value, str) and value.strip("\x00 "):
            return value.strip("\x00 ").replace("/", "_").replace("\\", "_")
    return ""


def _first(values: tuple[str, ...]) -> str | None:
    """Return the first item, or None."""
    return values[0] if values else None
