"""Split an mbox mailbox into its messages while reading it as a stream."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import BinaryIO

__all__ = ["iter_mbox"]

_ESCAPED_FROM = re.compile(rb"^>(>*From )")


def iter_mbox(stream: BinaryIO) -> Iterator[bytes]:
    """Yield each message of an mbox stream as bytes, holding one message in memory at a time.

    A message starts at a ``From `` line that opens the file or follows a blank
    line (the mboxo/mboxrd convention, so an unescaped "From " inside a body does
    not split it). The envelope line is kept, since ``email`` reads it as the
    Unix From; ``>From `` lines are unescaped (mboxrd).
    """
    lines: list[bytes] = []
    previous_blank = True
    for line in stream:
        if previous_blank and line.startswith(b"From "):
            message = _finish(lines)
            if message:
                yield message
            lines = []
        lines.append(_ESCAPED_FROM.sub(rb"\1", line) if line.startswith(b">") else line)
        previous_blank = line in (b"\n", b"\r\n")
    message = _finish(lines)
    if message:
        yield message


def _finish(lines: list[bytes]) -> bytes:
    """Join a message's lines, dropping the blank separator line mbox writers add."""
    if lines and lines[-1] in (b"\n", b"\r\n"):
        lines = lines[:-1]
    if not any(line.strip() for line in lines[1:]):
        return b""
    return b"".join(lines)
