"""Refuse XML that declares entities before any XML library reads it.

An entity declaration is how an XML file expands to gigabytes ("billion
laughs": entities nested ten deep) or reads a file of the server into itself
(an external entity, ``<!ENTITY x SYSTEM "file:///etc/passwd">``). The readers
casetracker uses differ: python-docx and docxtpl parse with lxml and
``resolve_entities=False``; openpyxl switches to defusedxml when it is
installed; odfpy parses with ``xml.sax`` (expat), which expands internal
entities; Beautiful Soup's lxml parser resolves them. Rather than trust each,
every XML part of an upload is scanned first. Office Open XML (ECMA-376 Part 2
§8.1.4: "package implementers shall not use a DTD") and OpenDocument packages
never carry a document type declaration, so any ``<!DOCTYPE`` in one is
refused; a plain XML or HTML file may carry a ``<!DOCTYPE`` but no
``<!ENTITY``.

Pure: imports only the standard library.
"""

from __future__ import annotations

import io
import itertools
import zipfile
from collections.abc import Iterable, Iterator

__all__ = ["XMLEntityError", "check_package", "check_xml"]

_CHUNK = 1 << 20
_ENCODINGS = ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")


def _forms(marker: str) -> tuple[bytes, ...]:
    # The marker as each encoding an XML parser accepts writes it (lower-cased ASCII bytes;
    # bytes.lower() leaves the zero bytes of UTF-16/32 alone).
    return tuple(marker.lower().encode(enc) for enc in _ENCODINGS)


_DOCTYPE = _forms("<!DOCTYPE")
_ENTITY = _forms("<!ENTITY")
_LONGEST = max(len(m) for m in (*_DOCTYPE, *_ENTITY))


class XMLEntityError(ValueError):
    """The file declares XML entities (or a DTD where none may be); the message is for the user."""


def _chunks(stream) -> Iterator[bytes]:
    while chunk := stream.read(_CHUNK):
        yield chunk


def _find(chunks: Iterable[bytes], markers: tuple[bytes, ...]) -> bool:
    """Return whether any marker occurs in the concatenated ``chunks`` (case-insensitive)."""
    tail = b""
    for chunk in chunks:
        window = tail + chunk.lower()
        if any(marker in window for marker in markers):
            return True
        tail = window[-_LONGEST:]
    return False


def _looks_like_xml(head: bytes) -> bool:
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff", b"\xff\xfe", b"\xfe\xff"):
        if head.startswith(bom):
            return True
    return head.replace(b"\x00", b"").lstrip()[:1] == b"<"


def check_xml(data: bytes, what: str = "This file") -> None:
    """Raise ``XMLEntityError`` if the XML or HTML ``data`` declares an entity (``<!ENTITY``)."""
    if _find((data[i:i + _CHUNK] for i in range(0, len(data), _CHUNK)), _ENTITY):
        raise XMLEntityError(
            f"{what} declares XML entities (<!ENTITY ...>), which can expand without end or read "
            "files on the server, so it was refused. Save it again without a DTD."
        )


def check_package(data: bytes, what: str = "This file") -> None:
    """Raise ``XMLEntityError`` if any XML part of an Office or OpenDocument zip has a ``<!DOCTYPE``.

    Every member that starts like XML (a byte-order mark or ``<``) is scanned,
    whatever its name, because a package's content types, not its names, say
    which parts a reader parses. Not a zip: nothing to check here (the format's
    reader reports it).
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        return
    with archive:
        for info in archive.infolist():
            if info.is_dir():
                continue
            try:
                with archive.open(info) as member:
                    head = member.read(64)
                    if not _looks_like_xml(head):
                        continue
                    found = _find(itertools.chain([head], _chunks(member)), (*_DOCTYPE, *_ENTITY))
            except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError):
                continue  # a damaged member: the format's reader reports it in its own words
            if found:
                raise XMLEntityError(
                    f"{what} contains a document type declaration (<!DOCTYPE or <!ENTITY in "
                    f"{info.filename}). Word, Excel and OpenDocument files never have one; it "
                    "is how a file expands without end (\"billion laughs\") or reads files on "
                    "the server, so it was refused."
                )
