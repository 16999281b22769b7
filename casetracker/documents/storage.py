"""Content-addressed file storage: each file once, named by its SHA-256."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path


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
    if target.exists():
        return digest, False
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


def remove_blob(root: Path, sha256: str) -> None:
    """Delete a stored file if present (used to undo a rolled-back upload)."""
    blob_path(root, sha256).unlink(missing_ok=True)
