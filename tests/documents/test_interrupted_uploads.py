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


class _Breaks:
    """A stream that gives one chunk and then fails, as a client that hangs up mid-upload does."""

    def __init__(self, first: bytes) -> None:
        self.first = first

    def read(self, size: int = -1) -> bytes:
        if self.first:
            chunk, self.first = self.first, b""
            return chunk
        raise OSError("client went away")


def test_a_streamed_upload_is_stored_under_the_same_digest_as_bytes_are(tmp_path):
    import io

    from casetracker.documents.storage import STREAM_CHUNK, write_blob_stream

    data = b"From: foi@education.gov.uk\r\n\r\n" + b"x" * (2 * STREAM_CHUNK + 17)
    digest, size, created = write_blob_stream(tmp_path, io.BytesIO(data))
    assert (size, created) == (len(data), True)
    assert write_blob(tmp_path, data) == (digest, False)
    assert (tmp_path / digest[:2] / digest).read_bytes() == data
    assert write_blob_stream(tmp_path, io.BytesIO(data)) == (digest, len(data), False)
    assert list((tmp_path / "incoming").iterdir()) == []  # the second copy's temp file went


def test_a_streamed_upload_cut_off_leaves_no_file(tmp_path):
    import pytest

    from casetracker.documents.storage import write_blob_stream

    with pytest.raises(OSError, match="client went away"):
        write_blob_stream(tmp_path, _Breaks(b"half a mailbox"))
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_a_temp_file_a_crashed_stream_left_is_removed_after_an_hour(tmp_path):
    (tmp_path / "incoming").mkdir()
    temp = tmp_path / "incoming" / ".incoming-y"
    temp.write_bytes(b"y")
    assert remove_stale_temp_files(tmp_path, now=temp.stat().st_mtime + 3601) == [temp]
