"""Read Rich Text Format files with striprtf."""

from __future__ import annotations

import re
from datetime import date, datetime

from striprtf.striprtf import rtf_to_text

from casetracker.documents.extraction.constants import CONTENT_TYPES, FileKind
from casetracker.documents.extraction.results import ExtractionError, ExtractionResult, FileMetadata, native_pages
from casetracker.documents.extraction.text import normalise_line_ends
from casetracker.timeutil import UK

_CREATED = re.compile(rb"\\creatim\\yr(\d{4})\\mo(\d{1,2})\\dy(\d{1,2})")


def extract_rtf(data: bytes) -> ExtractionResult:
    """Read an RTF file's text as one page, decoding it in the code page the file declares.

    Raises ExtractionError when the file is not readable RTF.
    """
    try:
        # RTF is 7-bit text with \\'xx escapes that striprtf decodes using the file's \\ansicpg.
        text = rtf_to_text(data.decode("latin-1"), errors="replace")
    except (ValueError, IndexError, LookupError) as error:
        raise ExtractionError("This RTF file is damaged and cannot be read.") from error
    created = _created(data)
    return ExtractionResult(
        kind=FileKind.RTF,
        content_type=CONTENT_TYPES[FileKind.RTF],
        pages=native_pages([normalise_line_ends(text).strip("\n")]),
        document_date=created,
        metadata=FileMetadata(created=datetime(created.year, created.month, created.day, tzinfo=UK) if created else None),
    )


def _created(data: bytes) -> date | None:
    match = _CREATED.search(data[:65536])
    if match is None:
        return None
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        return None
