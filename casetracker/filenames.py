"""The name an uploaded file is kept under: its last path part, no control characters, at most 500 characters.

Used by every way a file arrives (web and API uploads, ``documents import``,
email files and attachments), so the rule is written once. A name is the
client's to choose, but it is shown on pages and sent back in
``Content-Disposition``: path parts (``../../etc/``, ``C:\\Users\\``) are
dropped, each control character (C0, DEL, C1, a lone surrogate) becomes "_",
and a name past the column's 500 characters keeps its extension. Pure.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

#: The longest name a ``documents.filename`` / ``jobs.filename`` column holds.
MAX_NAME = 500
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def upload_name(raw: str | None, default: str = "unnamed") -> str:
    """Return the name to keep an uploaded file under (``default`` when nothing is left of ``raw``)."""
    name = PurePosixPath(_CONTROL.sub("_", (raw or "").replace("\\", "/"))).name.strip() or default
    if len(name) <= MAX_NAME:
        return name
    suffix = PurePosixPath(name).suffix
    suffix = suffix if len(suffix) <= 20 else ""
    return name[:MAX_NAME - len(suffix)] + suffix
