"""Remove stored files that no row references: what a process killed before its commit left behind.

``store_blob`` writes a file before the transaction that adds its
``StoredFile`` row commits; a rollback removes it (``indexing._discard``), but a
process killed in between leaves the file with no row. The sweep removes such
files once they are older than ``ORPHAN_FILE_GRACE_SECONDS`` and, while a job
holds a live lease, none written since that job began (it may still commit a
row for them). ``write_blob`` touches a file it reuses, and the sweep moves a
file aside before a last look at its age, so a file a transaction is about to
reference is never lost: either the sweep sees it touched and puts it back, or
the writer finds it gone and writes it again.
"""

from __future__ import annotations

import os
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from flask import current_app
from sqlalchemy import func, select

from casetracker.documents.models import StoredFile
from casetracker.documents.services import files_root
from casetracker.documents.storage import is_blob_name, remove_stale_temp_files
from casetracker.extensions import db

#: Prefix of a file the sweep has moved aside for its last look.
_ASIDE = ".sweeping-"
_BATCH = 500
#: A file moved aside longer ago than this belongs to a sweep that was killed.
_ASIDE_SECONDS = 600


@dataclass
class SweepReport:
    """What ``documents sweep --json`` prints: the files removed (or, with ``--dry-run``, to remove)."""

    #: SHA-256 names of unreferenced files past the grace period, ascending.
    orphans: list[str] = field(default_factory=list)
    #: Their total size in bytes.
    bytes: int = 0
    #: Unreferenced files kept: younger than the grace period, or written while a job still runs.
    kept: int = 0
    #: Temp files of interrupted writes (``.incoming-*``) removed.
    temp_files: int = 0
    dry_run: bool = False

    def as_dict(self) -> dict:
        return asdict(self)


def grace_seconds() -> float:
    return float(current_app.config.get("ORPHAN_FILE_GRACE_SECONDS", 86400))


def sweep_files(*, dry_run: bool = False, grace: float | None = None, now: float | None = None) -> SweepReport:
    """Find (and unless ``dry_run`` remove) stored files no ``StoredFile`` row references; commits.

    ``grace`` is in seconds (default ``ORPHAN_FILE_GRACE_SECONDS``); ``now`` a Unix time.
    """
    from casetracker.tasks.constants import RUNNING_STATES
    from casetracker.tasks.models import Job
    from casetracker.timeutil import utcnow

    root = files_root()
    report = SweepReport(dry_run=dry_run)
    if not root.is_dir():
        return report
    now = time.time() if now is None else now
    cutoff = now - (grace_seconds() if grace is None else grace)
    # A running job may still commit rows for files it wrote after it was created.
    running_since = db.session.scalar(select(func.min(Job.created_at)).where(
        Job.state.in_(RUNNING_STATES), Job.lease_until > utcnow()))
    if running_since is not None:
        cutoff = min(cutoff, _unix(running_since))
    if not dry_run:
        _restore_set_aside(root, now)
        report.temp_files = len(remove_stale_temp_files(root))
    names = sorted(path.name for path in root.glob("??/*") if is_blob_name(path.name))
    for start in range(0, len(names), _BATCH):
        batch = names[start:start + _BATCH]
        referenced = set(db.session.scalars(select(StoredFile.sha256).where(StoredFile.sha256.in_(batch))))
        for name in batch:
            if name not in referenced:
                _consider(root / name[:2] / name, cutoff, report, dry_run)
    db.session.commit()
    return report


def _consider(path: Path, cutoff: float, report: SweepReport, dry_run: bool) -> None:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return
    if stat.st_mtime >= cutoff:
        report.kept += 1
        return
    if not dry_run:
        aside = path.with_name(_ASIDE + path.name)
        try:
            os.rename(path, aside)
        except FileNotFoundError:
            return
        try:
            if aside.stat().st_mtime >= cutoff:  # a writer touched it just before: it is about to be referenced
                os.replace(aside, path)
                report.kept += 1
                return
            aside.unlink()
        except FileNotFoundError:
            return
    report.orphans.append(path.name)
    report.bytes += stat.st_size


def _restore_set_aside(root: Path, now: float) -> None:
    """Put back files a sweep killed mid-look had moved aside, if a row references them; drop the rest."""
    for aside in root.glob(f"??/{_ASIDE}*"):
        name = aside.name.removeprefix(_ASIDE)
        try:  # the move aside set its ctime; a recent one belongs to a sweep still looking at it
            if not is_blob_name(name) or aside.stat().st_ctime > now - _ASIDE_SECONDS:
                continue
        except FileNotFoundError:
            continue
        if db.session.scalar(select(StoredFile.id).where(StoredFile.sha256 == name)) is not None:
            os.replace(aside, aside.with_name(name))
        else:
            aside.unlink(missing_ok=True)


def _unix(moment: datetime) -> float:
    # SQLite hands datetimes back naive, in UTC.
    return (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).timestamp()
