"""Content-addressed file storage: each file once, named by its SHA-256."""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from pathlib import Path
from typing import BinaryIO


def sha256_of(data: bytes) -> str:
    """Return the hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def blob_path(root: Path, sha256: str) -> Path:
    """Return where the file with this digest lives under ``root`` (two-level fan-out)."""
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        raise ValueError(f"not a SHA-256 digest: {sha256!r}")
    return root / sha256[:2] / sha256


def write_blob(root: Path, data: bytes) -> tuple[str, bool]:
    """Store ``data`` under ``root``; return (sha256, True if this call created the file).

    The file is written to a temporary name and renamed, so a crash never leaves
    a half-written file under its final name.
    """
    digest = sha256_of(data)
    target = blob_path(root, digest)
    try:
        # Touch it: the orphan sweep (``documents.sweep``) never removes a file written or
        # touched within its grace period, so a file this transaction is about to reference stays.
        os.utime(target)
        return digest, False
    except FileNotFoundError:
        pass  # not stored, or the sweep has just taken it away: write it afresh
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return digest, True


#: Bytes read at a time by ``write_blob_stream``.
STREAM_CHUNK = 1024 * 1024


def write_blob_stream(root: Path, stream: BinaryIO) -> tuple[str, int, bool]:
    """Store what ``stream`` holds under ``root``, a chunk at a time; return (sha256, size, created).

    For uploads too big to hold in memory (a mailbox file of 200 MB): the bytes
    are hashed while they are copied to a temporary file (under ``root/incoming``,
    where ``remove_stale_temp_files`` finds one a crash left), which is then
    renamed to its digest, or deleted if the same file is already stored.
    """
    incoming = root / "incoming"
    incoming.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    fd, tmp = tempfile.mkstemp(dir=incoming, prefix=".incoming-")
    try:
        with os.fdopen(fd, "wb") as fh:
            while chunk := stream.read(STREAM_CHUNK):
                digest.update(chunk)
                fh.write(chunk)
                size += len(chunk)
        target = blob_path(root, digest.hexdigest())
        if target.exists():
            os.utime(target)  # as in write_blob: the orphan sweep leaves a file just touched
            Path(tmp).unlink()
            return digest.hexdigest(), size, False
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return digest.hexdigest(), size, True


def is_blob_name(name: str) -> bool:
    """Return whether a file name under the store is a stored file's (a SHA-256 digest), not a temp file."""
    return len(name) == 64 and all(c in "0123456789abcdef" for c in name)


def remove_blob(root: Path, sha256: str) -> None:
    """Delete a stored file if present (used to undo a rolled-back upload)."""
    blob_path(root, sha256).unlink(missing_ok=True)


#: How old a ``.incoming-*`` temp file must be before start-up removes it. ``write_blob``
#: writes and renames its temp file within seconds, so an hour-old one belongs to a process
#: that died mid-upload, never to an upload still running in another process.
STALE_TEMP_SECONDS = 3600


def remove_stale_temp_files(root: Path, *, older_than: float = STALE_TEMP_SECONDS,
                            now: float | None = None) -> list[Path]:
    """Delete ``.incoming-*`` files under ``root`` last written over ``older_than`` seconds ago.

    Returns the paths removed. Age, not a lock, tells a dead upload from a live
    one: the files may sit on storage shared by several servers, where locks
    are not reliable, and a live temp file is never an hour old.
    """
    if not root.is_dir():
        return []
    cutoff = (time.time() if now is None else now) - older_than
    removed = []
    for path in root.glob("*/.incoming-*"):
        try:
            if path.is_file() and path.stat().st_mtime < cutoff:
                path.unlink()
                removed.append(path)
        except FileNotFoundError:
            continue  # another process removed it first
    return removed
