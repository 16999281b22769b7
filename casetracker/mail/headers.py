"""Read header values (text, addresses, Message-IDs, dates) into what a person would read."""

from __future__ import annotations

import re
import warnings
from datetime import datetime, timezone
from email.errors import HeaderParseError
from email.header import decode_header
from email.utils import getaddresses, parsedate_to_datetime

from dateutil import parser as dateutil_parser

from casetracker.mail.bodies import decode_text

__all__ = [
    "decode_header_text",
    "format_addresses",
    "first_address",
    "bare_address",
    "message_ids",
    "parse_date",
]

_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_FOLD = re.compile(r"\r?\n(?=[ \t])")
_SURROGATE = re.compile("[\udc80-\udcff]")
_ANGLE_ID = re.compile(r"<([^<>\s]+)>")
# Deliberately loose: it picks the address out of a header that a strict
# RFC 5322 parser has given up on ('"A Person" email@example.com>').
_ADDRESS = re.compile(r"[^\s<>\"'(),;:@\[\]]+@[^\s<>\"'(),;:@\[\]]+\.[^\s<>\"'(),;:@\[\]]+")


def decode_header_text(raw: str | None) -> str:
    """Return a raw header value as text: unfolded, RFC 2047 decoded, charsets repaired.

    The standard library's ``policy.default`` loses text here (raw 8-bit bytes
    become U+FFFD, a space is kept between adjacent encoded words), so the value
    is decoded with ``email.header.decode_header`` and our charset fallbacks.
    """
    if not raw:
        return ""
    text = _FOLD.sub("", str(raw))
    if _SURROGATE.search(text):
        # Raw 8-bit bytes in a header arrive surrogate-escaped from BytesParser.
        text = decode_text(text.encode("utf-8", "surrogateescape"))
    try:
        chunks = decode_header(text)
    except (HeaderParseError, ValueError):
        return _tidy(text)
    pieces = []
    for chunk, charset in chunks:
        if isinstance(chunk, str):
            pieces.append(chunk)
        elif charset is None:
            # decode_header hands back unencoded stretches as raw-unicode-escape bytes.
            pieces.append(chunk.decode("raw-unicode-escape", errors="replace"))
        else:
            pieces.append(decode_text(chunk, charset))
    return _tidy("".join(pieces))


def format_addresses(raw_values: list[str]) -> tuple[str, ...]:
    """Return each address in the given header values as ``Name <addr>`` (or bare ``addr``).

    A header too malformed to split into addresses is returned whole, decoded.
    """
    result: list[str] = []
    for raw in raw_values:
        unfolded = _FOLD.sub("", str(raw))
        if _SURROGATE.search(unfolded):
            unfolded = decode_text(unfolded.encode("utf-8", "surrogateescape"))
        pairs = getaddresses([unfolded])
        if not pairs or any(not _plausible(addr) for _name, addr in pairs):
            whole = decode_header_text(unfolded)
            if whole:
                result.append(whole)
            continue
        for name, addr in pairs:
            display = decode_header_text(name)
            result.append(f"{display} <{addr}>" if display else addr)
    return tuple(result)


def first_address(raw_values: list[str]) -> str:
    """Return the first address in the given header values, bare and lower-case, or ""."""
    for raw in raw_values:
        unfolded = _FOLD.sub("", str(raw))
        for _name, addr in getaddresses([unfolded]):
            if _plausible(addr) and "@" in addr:
                return addr.lower()
        found = bare_address(decode_header_text(unfolded))
        if found:
            return found
    return ""


def bare_address(text: str) -> str:
    """Return the first email address in ``text``, lower-cased, or "" when there is none."""
    match = _ADDRESS.search(text or "")
    return match.group(0).lower() if match else ""


def message_ids(raw: str | None) -> tuple[str, ...]:
    """Return the Message-IDs in a header value, without angle brackets, in order."""
    if not raw:
        return ()
    text = _FOLD.sub("", str(raw))
    found = _ANGLE_ID.findall(text)
    if found:
        return tuple(dict.fromkeys(found))
    # Some mailers drop the brackets; a lone token is still an ID.
    return tuple(dict.fromkeys(token for token in text.split() if "@" in token))


def parse_date(raw: str | None) -> datetime | None:
    """Return a Date header value as an aware datetime, or None when it cannot be read.

    RFC 5322 ``-0000`` (and any zone-less date) is taken as UTC.
    """
    if not raw or not str(raw).strip():
        return None
    text = _FOLD.sub("", str(raw)).strip()
    value: datetime | None
    try:
        value = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        value = None
    if value is None and _YEAR.search(text):
        try:
            with warnings.catch_warnings():
                # dateutil warns about zone names it does not know, then ignores them.
                warnings.simplefilter("ignore", dateutil_parser.UnknownTimezoneWarning)
                value = dateutil_parser.parse(text)
        except (ValueError, OverflowError):
            return None
    if value is None:
        return None
    if value.tzinfo is None or value.utcoffset() is None:
        value = value.replace(tzinfo=timezone.utc)
    return value


def _plausible(addr: str) -> bool:
    """Say whether getaddresses produced something that looks like an address."""
    return bool(addr) and not re.search(r"[\s\"<>]", addr)


def _tidy(text: str) -> str:
    """Turn control whitespace into spaces and trim the ends."""
    return re.sub(r"[\t\r\n]+", " ", text).strip()
