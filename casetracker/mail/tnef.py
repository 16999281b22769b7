"""Unpack Outlook's winmail.dat (TNEF) attachments into the files they carry."""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass

from tnefparse.tnef import TNEF

from casetracker.mail.bodies import decode_text, html_to_text
from casetracker.mail.parsed import ParsedAttachment

__all__ = ["WinmailContents", "expand_winmail", "is_winmail", "winmail_body_text"]

_TNEF_SIGNATURE = b"\x78\x9f\x3e\x22"


@dataclass(frozen=True)
class WinmailContents:
    """What a winmail.dat held: its files, its copy of the message body, and notes for the user.

    ``keep_original`` is true when the winmail.dat could not be unpacked and
    must be kept as it is.
    """

    attachments: tuple[ParsedAttachment, ...]
    body_html: str | None
    body_text: str | None
    problems: tuple[str, ...]
    keep_original: bool


def is_winmail(filename: str, content_type: str, data: bytes) -> bool:
    """Say whether an attachment is TNEF, by its type, its name or its signature."""
    return (
        content_type in ("application/ms-tnef", "application/vnd.ms-tnef")
        or filename.lower() == "winmail.dat"
        or data[:4] == _TNEF_SIGNATURE
    )


def expand_winmail(data: bytes, filename: str = "winmail.dat") -> WinmailContents:
    """Unpack a TNEF attachment; an empty, truncated or damaged one is kept as is, with a note.

    Never raises: tnefparse may fail in many ways on damaged input, and one bad
    attachment must not lose the rest of the message.
    """
    if not data:
        return _kept(f"{filename} attachment is empty; kept as is")
    try:
        tnef = TNEF(data, do_checksum=True)
    except Exception:  # noqa: BLE001 - any failure of the third-party parser means "unreadable"
        return _kept(f"{filename} attachment could not be read (damaged or not TNEF); kept as is")
    if any(not obj.good_checksum for obj in tnef.objects):
        return _kept(f"{filename} attachment is truncated or damaged; kept as is")

    problems: list[str] = []
    attachments: list[ParsedAttachment] = []
    for number, item in enumerate(tnef.attachments, start=1):
        name = _attachment_name(item, tnef.codepage) or f"winmail-attachment-{number}.bin"
        payload = item.data if isinstance(item.data, bytes) else b""
        if not payload:
            problems.append(f"'{name}' inside {filename} has no content; skipped")
            continue
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        attachments.append(ParsedAttachment(filename=name, content_type=content_type, data=payload))
    return WinmailContents(
        attachments=tuple(attachments),
        body_html=_as_text(tnef.htmlbody, tnef.codepage),
        body_text=_as_text(tnef.body, tnef.codepage),
        problems=tuple(problems),
        keep_original=False,
    )


def winmail_body_text(contents: WinmailContents) -> str:
    """Return the readable text of the body a winmail.dat carried, or ""."""
    if contents.body_text and contents.body_text.strip():
        return contents.body_text
    if contents.body_html:
        return html_to_text(contents.body_html)
    return ""


def _kept(problem: str) -> WinmailContents:
    """Return the result for a winmail.dat that stays as it is."""
    return WinmailContents((), None, None, (problem,), keep_original=True)


def _attachment_name(item: object, codepage: str | None) -> str:
    """Return the long file name of a TNEF attachment, decoded."""
    try:
        name = item.long_filename()  # type: ignore[attr-defined]
    except UnicodeDecodeError:
        name = getattr(item, "_name", b"")
    return (_as_text(name, codepage) or "").strip("\x00").strip()


def _as_text(value: str | bytes | None, codepage: str | None) -> str | None:
    """Return a TNEF string property as text; older Outlook writes them in the OEM code page."""
    if value is None:
        return None
    if isinstance(value, bytes):
        return decode_text(value.rstrip(b"\x00"), codepage)
    return value.rstrip("\x00")
