"""The index folder on disk: generations of the Whoosh index and the lock between processes.

Layout of the folder given to SearchIndex::

    <path>/current      symlink to the live generation, swapped atomically
    <path>/gen-<hex>/   a complete Whoosh index
    <path>/index.lock   flock: writers share it, a rebuild holds it alone

POSIX only (fcntl, symlinks), like the servers the app runs on.
"""

import fcntl
import mmap
import os
import shutil
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import StructFile

REINDEX_COMMAND = "flask --app casetracker search reindex"


class SearchIndexError(RuntimeError):
    """The search index is missing or damaged; the message says what to do."""


class IndexMissingError(SearchIndexError):
    """The search index folder holds no index."""

    def __init__(self) -> None:
        super().__init__(
            "The search index has not been built; an administrator should run "
            f"`{REINDEX_COMMAND}`."
        )


class IndexDamagedError(SearchIndexError):
    """The search index cannot be read."""

    def __init__(self) -> None:
        super().__init__(
            "The search index is damaged; an administrator should run "
            f"`{REINDEX_COMMAND}`."
        )


class IndexBusyError(SearchIndexError):
    """Another process held the index for longer than the writer timeout."""

    def __init__(self, timeout: float) -> None:
        super().__init__(
            f"The search index was busy for {timeout:g} seconds (it may be being "
            "rebuilt); please try again in a few minutes."
        )


class IndexFolder:
    """Find, create, publish and lock generations of the index under one folder."""

    CURRENT = "current"
    LOCK = "index.lock"
    PREFIX = "gen-"

    def __init__(self, path: Path) -> None:
        self.path = path

    def live(self) -> Path | None:
        """Return the folder of the live generation, or None if there is none."""
        try:
            target = os.readlink(self.path / self.CURRENT)
        except OSError:
            return None
        live = self.path / target
        return live if live.is_dir() else None

    def new_generation(self) -> Path:
        """Create and return an empty folder for a generation not yet live."""
        generation = self.path / f"{self.PREFIX}{uuid.uuid4().hex}"
        generation.mkdir(parents=True)
        return generation

    def publish(self, generation: Path) -> None:
        """Make `generation` the live index in one atomic rename."""
        staged = self.path / f".{self.CURRENT}-{uuid.uuid4().hex}"
        staged.symlink_to(generation.name)
        os.replace(staged, self.path / self.CURRENT)
        _fsync_dir(self.path)

    def sweep(self) -> None:
        """Delete every generation but the live one; call only under the exclusive lock.

        Processes still reading a deleted generation keep their open files
        (POSIX unlink semantics); new readers follow the symlink.
        """
        live = self.live()
        for child in self.path.iterdir():
            if child.name.startswith(self.PREFIX) and child != live:
                shutil.rmtree(child, ignore_errors=True)
            elif child.name.startswith(f".{self.CURRENT}-"):
                child.unlink(missing_ok=True)

    @contextmanager
    def locked(self, *, exclusive: bool, timeout: float) -> Iterator[None]:
        """Hold the folder lock, shared or exclusive, waiting up to `timeout` seconds.

        Raises IndexBusyError when the wait runs out. Backs off from 10 ms to
        0.5 s between attempts.
        """
        self.path.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path / self.LOCK, os.O_CREAT | os.O_RDWR, 0o644)
        try:
            mode = (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB
            deadline = time.monotonic() + timeout
            delay = 0.01
            while True:
                try:
                    fcntl.flock(fd, mode)
                    break
                except BlockingIOError:
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        raise IndexBusyError(timeout) from None
                    time.sleep(min(delay, remaining))
                    delay = min(delay * 2, 0.5)
            yield
        finally:
            os.close(fd)


def _fsync_dir(path: Path) -> None:
    # Without it a power cut can forget the rename even though it returned.
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class MappedFileStorage(FileStorage):
    """A Whoosh storage that reads files through mmap, without copying them.

    Whoosh's own options both cost: a compound segment is copied whole into
    memory (BytesIO) each time a searcher opens it, and a plain file pays a
    seek and a read call for every term-dictionary probe.
    """

    def open_file(self, name: str, **kwargs) -> StructFile:
        """Open an index file for reading; an empty file, which mmap refuses, is opened plainly."""
        with open(self._fpath(name), "rb") as plain:
            try:
                mapped = mmap.mmap(plain.fileno(), 0, access=mmap.ACCESS_READ)
            except ValueError:
                return super().open_file(name, **kwargs)
        return _MappedFile(mapped, name=name, **kwargs)


class _MappedFile(StructFile):
    def get(self, position: int, length: int) -> bytes:
        # Slicing the map is one C call; the inherited get() seeks then reads.
        return self.file[position : position + length]
