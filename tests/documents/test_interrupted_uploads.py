"""A server killed mid-upload leaves a ``.incoming-*`` temp file; the next start removes it."""

from __future__ import annotations

import os
import time

from casetracker import create_app
from casetracker.documents.storage import remove_stale_temp_files, write_blob


def test_start_up_removes_old_temp_files_and_keeps_live_ones_and_blobs(app, tmp_path):
    files = tmp_path / "files"
    digest, _ = write_blob(files, b"A stored release.")
    old = files / "ab" / ".incoming-old"
    live = files / "ab" / ".incoming-live"
    old.parent.mkdir(parents=True, exist_ok=True)
    old.write_bytes(b"half an upl")
    live.write_bytes(b"being writ")
    two_hours_ago = time.time() - 7200
    os.utime(old, (two_hours_ago, two_hours_ago))

    create_app({"TESTING": True, "SECRET_KEY": "t", "INSTANCE_PATH": tmp_path / "instance",
                "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
                "FILES_PATH": str(files)})

    assert not old.exists()
    assert live.read_bytes() == b"being writ"
    assert (files / digest[:2] / digest).read_bytes() == b"A stored release."


def test_the_age_limit_is_an_hour(tmp_path):
    (tmp_path / "cd").mkdir()
    temp = tmp_path / "cd" / ".incoming-x"
    temp.write_bytes(b"x")
    mtime = temp.stat().st_mtime
    assert remove_stale_temp_files(tmp_path, now=mtime + 3599) == []
    assert remove_stale_temp_files(tmp_path, now=mtime + 3601) == [temp]
    assert remove_stale_temp_files(tmp_path / "missing") == []
