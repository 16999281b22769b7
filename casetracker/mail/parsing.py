"""Read email files (.eml, .mbox, Outlook .msg) into ``ParsedMessage`` values.

Formats are told apart by content, never by file extension. RFC 822 messages
are read with the standard library's ``email`` package (``policy.default``);
mailboxes are read as a stream, one message in memory at a time.
"""

from __future__ import annotations

import base64
import binascii
import email.policy
import mimetypes
import re
from collections.abc import Iterator
from email.message import Message
from email.parser import BytesParser
from pathlib import Path
from typing import Literal

from casetracker.mail.bodies import decode_text, html_bytes_to_text, known_charset, normalise_newlines
from casetracker.mail.headers import (
    bare_address,
    decode_header_text,
    first_address,
    format_addresses,
    message_ids,
    parse_date,
)
from casetracker.mail.mbox import iter_mbox
from casetracker.mail.msg import OLE_MAGIC, is_outlook_message, parse_msg
from casetracker.mail.parsed import MailParseError, ParsedAttachment, ParsedMessage
from casetracker.mail.tnef import expand_winmail, is_winmail, winmail_body_text

__all__ = [
    "MailFormat",
    "MailParseError",
    "ParsedAttachment",
    "ParsedMessage",
    "iter_messages",
    "parse_message_bytes",
    "sniff_mail_format",
]

MailFormat = Literal["eml", "mbox", "msg"]

_SNIFF_BYTES = 65536
_HEADER_LINE = re.compile(rb"^[!-9;-~]+:")
_MAIL_HEADERS = frozenset(
    {
        b"from", b"to", b"cc", b"subject", b"date", b"message-id", b"received",
        b"return-path", b"mime-version", b"in-reply-to", b"references", b"reply-to",
        b"sender", b"delivered-to", b"envelope-to", b"delivery-date", b"x-mailer",
        b"content-type", b"thread-topic",
    }
)
_MESSAGE_TYPES = ("message/rfc822", "message/global")
_BODY_TYPES = ("text/plain", "text/html")
# Re-serialise forwarded messages with their headers exactly as received.
_AS_RECEIVED = email.policy.default.clone(refold_source="none")
_DEFECT_NOTES = {
    "CloseBoundaryNotFoundDefect": "The message ends before its last part is closed; parts may be cut short.",
    "StartBoundaryNotFoundDefect": "The message says it has several parts but they could not be found; it was read as one.",
    "MultipartInvariantViolationDefect": "The message's structure is damaged; it was read as well as possible.",
    "NoBoundaryInMultipartDefect": "The message says it has several parts but gives no boundary; it was read as text.",
    "MissingHeaderBodySeparatorDefect": "The message's headers run into its text; the rest was read as the text.",
    "InvalidBase64PaddingDefect": "Some encoded (base64) content is damaged; what could be decoded was kept.",
    "InvalidBase64CharactersDefect": "Some encoded (base64) content is damaged; what could be decoded was kept.",
    "InvalidBase64LengthDefect": "Some encoded (base64) content is damaged; what could be decoded was kept.",
}


def sniff_mail_format(source: Path | str | bytes) -> MailFormat | None:
    """Say whether a file (path) or its bytes hold an RFC 822 message, an mbox or an Outlook .msg.

    Returns None for anything else. Only the first 64 KiB are read, except
    for OLE files, whose directory is checked for Outlook message streams.
    """
    if isinstance(source, (bytes, bytearray, memoryview)):
        whole: Path | bytes = bytes(source)
        head = whole[:_SNIFF_BYTES]
    else:
        whole = Path(source)
        with whole.open("rb") as stream:
            head = stream.read(_SNIFF_BYTES)
    if head.startswith(OLE_MAGIC):
        return "msg" if is_outlook_message(whole) else None
    lines = head.removeprefix(b"\xef\xbb\xbf").lstrip(b"\r\n").splitlines()
    if len(head) == _SNIFF_BYTES:
        lines = lines[:-1]  # the last line may be cut short
    if not lines:
        return None
    if lines[0].startswith(b"From "):
        return "mbox" if len(lines) > 1 and _HEADER_LINE.match(lines[1]) else None
    names: set[bytes] = set()
    for line in lines:
        if not line.strip():
            break
        if line[:1] in (b" ", b"\t") and names:
            continue
        if not _HEADER_LINE.match(line):
            return None
        names.add(line.split(b":", 1)[0].strip().lower())
    return "eml" if len(names & _MAIL_HEADERS) >= 2 else None


def iter_messages(path: Path | str) -> Iterator[ParsedMessage]:
    """Yield every message in an email file: one for .eml and .msg, each in turn for an mbox.

    Raises MailParseError when the file is missing, empty, not email, or
    (for .msg) unreadable. A mailbox is read as a stream, so its size is
    bounded only by the largest single message.
    """
    path = Path(path)
    if not path.is_file():
        raise MailParseError(f"{path.name}: there is no such file.")
    if path.stat().st_size == 0:
        raise MailParseError(f"{path.name} is empty.")
    kind = sniff_mail_format(path)
    if kind is None:
        raise MailParseError(
            f"{path.name} is not an email file: expected an .eml message, an mbox mailbox "
            "or an Outlook .msg file."
        )
    if kind == "msg":
        yield parse_msg(path)
    elif kind == "eml":
        yield parse_message_bytes(path.read_bytes())
    else:
        with path.open("rb") as stream:
            for chunk in iter_mbox(stream):
                yield parse_message_bytes(chunk)


def parse_message_bytes(data: bytes) -> ParsedMessage:
    """Read one message: RFC 822 bytes (a leading mbox ``From `` line is allowed) or Outlook .msg bytes.

    Raises MailParseError when the bytes are empty or have no header at all.
    Damage short of that is read as well as possible and described in
    ``problems``.
    """
    if not data or not data.strip():
        raise MailParseError("The message is empty.")
    if data.startswith(OLE_MAGIC):
        return parse_msg(data)
    # Saved messages sometimes start with a byte-order mark or blank lines, which would end the headers.
    data = data.removeprefix(b"\xef\xbb\xbf").lstrip(b"\r\n")
    message = BytesParser(policy=email.policy.default).parsebytes(data)
    if not message.keys():
        raise MailParseError("This does not look like an email: it has no header lines.")
    return _read_message(message)


def _read_message(message: Message) -> ParsedMessage:
    """Turn a parsed RFC 822 message into a ParsedMessage."""
    headers = _raw_headers(message)
    problems: list[str] = []

    sender_values = headers.get("from", [])
    sender = ", ".join(format_addresses(sender_values))
    sender_address = first_address(sender_values)
    if not sender_values:
        envelope = (message.get_unixfrom() or "").split()
        if len(envelope) > 1 and "@" in envelope[1]:
            sender, sender_address = envelope[1], envelope[1].lower()
            problems.append("The message has no From header; the sender was taken from the mailbox's envelope.")

    date_values = headers.get("date", [])
    date = parse_date(date_values[0]) if date_values else None
    if not date_values:
        problems.append("The message has no Date header.")
    elif date is None:
        problems.append(f"The date '{decode_header_text(date_values[0])}' could not be read.")

    body_parts: list[Message] = []
    file_parts: list[Message] = []
    _collect(message, body_parts, file_parts, problems, root=True)

    texts = [_part_text(part, problems) for part in body_parts]
    body_text = normalise_newlines("\n\n".join(text for text in texts if text.strip()))
    attachments: list[ParsedAttachment] = []
    for part in file_parts:
        attachment = _attachment(part, len(attachments) + 1, problems)
        if attachment is None:
            continue
        if attachment.is_message or not is_winmail(attachment.filename, attachment.content_type, attachment.data):
            attachments.append(attachment)
            continue
        body_text = _expand_winmail(attachment, body_text, attachments, problems)

    return ParsedMessage(
        message_id=_first(message_ids(_first(headers.get("message-id", [])))),
        subject=decode_header_text(_first(headers.get("subject", []))),
        date=date,
        sender=sender,
        sender_address=sender_address or bare_address(sender),
        to=format_addresses(headers.get("to", [])),
        cc=format_addresses(headers.get("cc", [])),
        in_reply_to=_first(message_ids(_first(headers.get("in-reply-to", [])))),
        references=message_ids(" ".join(headers.get("references", []))),
        body_text=body_text,
        attachments=tuple(attachments),
        problems=tuple(dict.fromkeys(problems)),
    )


def _collect(part: Message, body: list[Message], files: list[Message], problems: list[str], *, root: bool) -> None:
    """Sort the parts of a message into body text and files, in reading order.

    A forwarded message stays whole as one file. Of a ``multipart/alternative``
    only one rendering is read as the body: text/plain where it has text,
    else HTML; pictures of the other renderings are still kept as files.
    """
    _note_defects(part, problems)
    content_type = part.get_content_type()
    if content_type in _MESSAGE_TYPES or not content_type.startswith("multipart/") or not part.is_multipart():
        if _is_body(part, root=root):
            body.append(part)
        else:
            files.append(part)
        return
    children = [child for child in part.get_payload() if isinstance(child, Message)]
    chosen = _preferred_rendering(children) if content_type == "multipart/alternative" else None
    for child in children:
        if chosen is None or child is chosen:
            _collect(child, body, files, problems, root=False)
        else:
            _collect_files(child, files)


def _collect_files(part: Message, files: list[Message]) -> None:
    """Keep the files (not the text renderings) of an alternative that is not read as the body."""
    content_type = part.get_content_type()
    if content_type in _MESSAGE_TYPES or not content_type.startswith("multipart/") or not part.is_multipart():
        if content_type not in _BODY_TYPES:
            files.append(part)
        return
    for child in part.get_payload():
        if isinstance(child, Message):
            _collect_files(child, files)


def _preferred_rendering(children: list[Message]) -> Message | None:
    """Pick the rendering of a multipart/alternative to read: plain text with text, else HTML, else the last."""
    for wanted in ("text/plain", "text/html"):
        for child in children:
            if child.get_content_type() == wanted and _is_body(child, root=False):
                if (child.get_payload(decode=True) or b"").strip():
                    return child
    return children[-1] if children else None


def _is_body(part: Message, *, root: bool) -> bool:
    """Say whether a leaf part is message text rather than an attached file."""
    content_type = part.get_content_type()
    if content_type.startswith("multipart/") and not part.is_multipart():
        return True  # no boundary found: its text is all there is
    if content_type not in _BODY_TYPES or part.get_content_disposition() == "attachment":
        return False
    return root or not _filename(part)


def _part_text(part: Message, problems: list[str]) -> str:
    """Return the readable text of a text/plain or text/html body part."""
    data = part.get_payload(decode=True) or b""
    charset = part.get_content_charset()
    if charset and not known_charset(charset):
        problems.append(f"The text declares an unknown character set ({charset}); it was decoded by guessing.")
    if part.get_content_type() == "text/html":
        text = html_bytes_to_text(data, charset)
    else:
        text = decode_text(data, charset)
    if "\ufffd" in text:
        problems.append("Some characters of the text could not be decoded; they are shown as \ufffd.")
    return text


def _attachment(part: Message, number: int, problems: list[str]) -> ParsedAttachment | None:
    """Return a file part as a ParsedAttachment, naming it when the sender gave no name."""
    content_type = part.get_content_type()
    name = _filename(part)
    if content_type in _MESSAGE_TYPES:
        data, subject = _forwarded_message(part)
        if not data:
            problems.append(f"Attachment {number} is an empty forwarded message; skipped.")
            return None
        name = name or _safe_name(subject) or f"forwarded-message-{number}"
        if "." not in name[-6:]:
            name += ".eml"
        return ParsedAttachment(filename=name, content_type="message/rfc822", data=data, is_message=True)
    if part.is_multipart():
        # message/delivery-status and kin: header blocks, read as text.
        data = b"".join(_serialise(sub) for sub in part.get_payload() if isinstance(sub, Message))
    else:
        data = part.get_payload(decode=True) or b""
    if not name:
        extension = mimetypes.guess_extension(content_type) or (
            ".txt" if content_type.split("/")[0] in ("text", "message") else ".bin"
        )
        name = f"attachment-{number}{extension}"
    is_message = name.lower().endswith(".eml") and sniff_mail_format(data) in ("eml", "mbox")
    return ParsedAttachment(filename=name, content_type=content_type, data=data, is_message=is_message)


def _forwarded_message(part: Message) -> tuple[bytes, str]:
    """Return a message/rfc822 part's message as bytes, as received, and its decoded subject."""
    payload = part.get_payload()
    inner = payload[0] if isinstance(payload, list) and payload else payload
    if not isinstance(inner, Message):
        return b"", ""
    data = _serialise(inner)
    if part.get("content-transfer-encoding", "").strip().lower() == "base64" and not inner.keys():
        # Outlook sometimes base64-encodes a forwarded message, which RFC 2046 forbids.
        try:
            data = base64.b64decode(b"".join(data.split()), validate=False)
            inner = BytesParser(policy=email.policy.default).parsebytes(data)
        except (binascii.Error, ValueError):
            pass
    return data, decode_header_text(_first(_raw_headers(inner).get("subject", [])))


def _serialise(message: Message) -> bytes:
    """Return a parsed message as bytes, its headers as received; b"" if it cannot be written out."""
    try:
        return message.as_bytes(policy=_AS_RECEIVED)
    except (ValueError, TypeError, UnicodeError, LookupError):
        pass
    try:
        # The bytes generator refuses text that damaged input left non-ASCII; the text one does not.
        return message.as_string(policy=_AS_RECEIVED).encode("utf-8", "surrogateescape")
    except (ValueError, TypeError, UnicodeError, LookupError):
        return b""


def _expand_winmail(
    winmail: ParsedAttachment, body_text: str, attachments: list[ParsedAttachment], problems: list[str]
) -> str:
    """Replace a winmail.dat by the files it carries; return the body text, filled from it if empty.

    A body the winmail.dat carries beside a non-empty message text is kept as a
    file, since it need not be the same text.
    """
    contents = expand_winmail(winmail.data, winmail.filename)
    problems.extend(contents.problems)
    if contents.keep_original:
        attachments.append(winmail)
        return body_text
    attachments.extend(contents.attachments)
    carried = normalise_newlines(winmail_body_text(contents))
    if carried and not body_text.strip():
        return carried
    if contents.body_html:
        attachments.append(ParsedAttachment("winmail body.html", "text/html", contents.body_html.encode("utf-8")))
    elif carried:
        attachments.append(ParsedAttachment("winmail body.txt", "text/plain", carried.encode("utf-8")))
    return body_text


def _filename(part: Message) -> str | None:
    """Return a part's file name as a person would read it (RFC 2231/2047 decoded, no folders)."""
    try:
        raw = part.get_filename()
    except (ValueError, TypeError, LookupError, UnicodeError):
        raw = None
    if not raw:
        return None
    return _safe_name(decode_header_text(str(raw))) or None


def _safe_name(text: str) -> str:
    """Return ``text`` as a file name: no folder part, no control characters, not too long."""
    text = re.split(r"[\\/]", text)[-1]
    text = re.sub(r"[\x00-\x1f\x7f]", "", text).strip().strip(".")
    return text[:150].strip()


def _note_defects(part: Message, problems: list[str]) -> None:
    """Add a note for each kind of damage the parser found in this part."""
    for defect in getattr(part, "defects", ()):
        note = _DEFECT_NOTES.get(type(defect).__name__)
        if note:
            problems.append(note)


def _raw_headers(message: Message) -> dict[str, list[str]]:
    """Return the header values exactly as received, by lower-case name."""
    headers: dict[str, list[str]] = {}
    for name, value in message.raw_items():
        headers.setdefault(name.lower(), []).append(value)
    return headers


def _first(values: list[str] | tuple[str, ...]) -> str | None:
    """Return the first item, or None."""
    return values[0] if values else None
