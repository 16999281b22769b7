"""Open zip files into their member files, refusing zip bombs before and while decompressing."""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass

from casetracker.documents.extraction.constants import CONTENT_TYPES, FileKind
from casetracker.documents.extraction.results import ChildFile, ExtractionError, ExtractionResult

_MB = 1024 * 1024
_CHUNK = _MB
#: Below this size a member's compression ratio says nothing: a page of spaces compresses 1000:1.
_RATIO_FLOOR_BYTES = _MB
_JUNK_PREFIXES = ("__MACOSX/",)
_JUNK_NAMES = (".DS_Store",)


@dataclass(frozen=True)
class ZipLimits:
    """How far one upload's zip files may expand; beyond any of these the zip is refused.

    ``max_depth`` counts zips inside zips: a zip found at depth ``max_depth`` is not opened.
    """

    max_total_bytes: int = 200 * _MB
    max_ratio: float = 100
    max_depth: int = 3
    max_files: int = 1000


def extract_zip(data: bytes, *, limits: ZipLimits, depth: int = 0) -> ExtractionResult:
    """Return the zip's member files as children, checked against ``limits`` before and while reading.

    Raises ExtractionError naming the limit for a zip bomb, and for a damaged zip.
    """
    if depth >= limits.max_depth:
        raise ExtractionError(
            f"This zip file is inside {depth} other zip files; more than {limits.max_depth} levels "
            "of zips inside zips are not opened, to protect the server."
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise ExtractionError("This zip file is damaged and cannot be opened.") from error
    with archive:
        members = [info for info in archive.infolist() if not info.is_dir() and not _is_junk(info.filename)]
        check_zip_limits(members, limits)
        children: list[ChildFile] = []
        problems: list[str] = []
        budget = limits.max_total_bytes
        for info in members:
            if info.flag_bits & 0x1:
                problems.append(f"“{info.filename}” in this zip is protected with a password and was not read.")
                continue
            try:
                member = _read_member(archive, info, budget, limits)
            except (zipfile.BadZipFile, zlib.error, NotImplementedError, EOFError, OSError):
                problems.append(f"“{info.filename}” in this zip is damaged and was not read.")
                continue
            budget -= len(member)
            children.append(ChildFile(info.filename, member))
    if not members:
        problems.append("This zip file is empty.")
    return ExtractionResult(
        kind=FileKind.ZIP,
        content_type=CONTENT_TYPES[FileKind.ZIP],
        children=tuple(children),
        problems=tuple(problems),
    )


def check_zip_limits(members: list[zipfile.ZipInfo], limits: ZipLimits, *, what: str = "This zip file") -> None:
    """Refuse a zip from its directory alone: too many files, too large, or compressed too hard.

    The sizes are what the zip claims; ``_read_member`` holds it to them while decompressing.
    ``what`` names the file in messages ("This file" for an Office document, which is a zip inside).
    Raises ExtractionError naming the limit that was passed.
    """
    if len(members) > limits.max_files:
        raise ExtractionError(
            f"{what} holds {len(members)} files, more than the limit of {limits.max_files}; "
            "it was refused to protect the server."
        )
    total = sum(info.file_size for info in members)
    if total > limits.max_total_bytes:
        raise ExtractionError(
            f"{what} would expand to {_megabytes(total)}, more than the limit of "
            f"{_megabytes(limits.max_total_bytes)}; it was refused to protect the server."
        )
    compressed = sum(info.compress_size for info in members)
    for info in members:
        if info.file_size >= _RATIO_FLOOR_BYTES and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            raise _ratio_error(info.filename, limits)
    if total >= _RATIO_FLOOR_BYTES and total > limits.max_ratio * max(compressed, 1):
        raise _ratio_error(None, limits)


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int, limits: ZipLimits) -> bytes:
    # The directory's sizes can lie; count what actually comes out.
    out = bytearray()
    with archive.open(info) as stream:
        while chunk := stream.read(_CHUNK):
            out += chunk
            if len(out) > budget:
                raise ExtractionError(
                    f"This zip file expands to more than the limit of {_megabytes(limits.max_total_bytes)}; "
                    "it was refused to protect the server."
                )
            if len(out) > info.file_size:
                raise ExtractionError(f"This zip file is damaged: “{info.filename}” is larger than the zip says.")
            if len(out) >= _RATIO_FLOOR_BYTES and len(out) > limits.max_ratio * max(info.compress_size, 1):
                raise _ratio_error(info.filename, limits)
    return bytes(out)


def _ratio_error(filename: str | None, limits: ZipLimits) -> ExtractionError:
    what = f"“{filename}” in this zip file" if filename else "This zip file"
    return ExtractionError(
        f"{what} is compressed more than {limits.max_ratio:g} times, the limit (a sign of a zip bomb); "
        "it was refused to protect the server."
    )


def _is_junk(name: str) -> bool:
    # macOS adds resource forks and folder settings to zips it makes; they are not documents.
    return name.startswith(_JUNK_PREFIXES) or name.rsplit("/", 1)[-1] in _JUNK_NAMES


def _megabytes(size: int) -> str:
    return f"{size / _MB:,.0f} MB" if size >= _MB else f"{size:,} bytes"
