"""Run retention and erasure as whole units: change, commit, then clean disk and search."""

from __future__ import annotations

from datetime import date
from typing import Any

from casetracker.extensions import db
from casetracker.privacy.erasure import ErasureReport, erase_person
from casetracker.privacy.purge import purge_search_remnants, sweep_orphan_files, unlink_files
from casetracker.privacy.retention import RetentionRun, run_retention


def apply_retention(today: date, *, actor: Any, dry_run: bool = False) -> RetentionRun:
    """Run the schedule and commit it (a dry run rolls back); then remove freed files and stale index data."""
    run = run_retention(today, actor=actor, dry_run=dry_run)
    if dry_run:
        db.session.rollback()
        run.actions += [{"record_type": "files", "action": "deleted", "object_type": "file on disk",
                         "object_id": digest} for digest in sweep_orphan_files(dry_run=True)]
        return run
    db.session.commit()
    unlink_files(run.unlink)
    swept = sweep_orphan_files()
    run.actions += [{"record_type": "files", "action": "deleted", "object_type": "file on disk",
                     "object_id": digest} for digest in swept]
    if run.actions:
        purge_search_remnants()
    return run


def apply_erasure(email: str, *, actor: Any, team_ids: list[int] | None = None) -> ErasureReport:
    """Erase a requester and commit; then remove the old files and rebuild what search keeps."""
    report = erase_person(email, actor=actor, team_ids=team_ids)
    db.session.commit()
    unlink_files(report.unlink)
    purge_search_remnants()
    return report
