"""Damaged copies of real emails are read, or refused with MailParseError; nothing else escapes."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casetracker.mail.parsing import MailParseError, parse_message_bytes

SHARED_DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
SOURCES = sorted(SHARED_DATA.glob("*/*.eml")) if SHARED_DATA.is_dir() else []


@pytest.mark.skipif(not SOURCES, reason="../shared/data is missing")
@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(
    source=st.sampled_from(SOURCES or [Path("missing")]),
    cut=st.floats(min_value=0, max_value=1),
    noise=st.lists(st.tuples(st.floats(min_value=0, max_value=1), st.integers(0, 255)), max_size=12),
)
def test_truncated_or_corrupted_email_never_crashes(source, cut, noise):
    data = bytearray(source.read_bytes())
    for where, value in noise:
        data[int(where * (len(data) - 1))] = value
    damaged = bytes(data[: int(cut * len(data))])

    try:
        message = parse_message_bytes(damaged)
    except MailParseError:
        return
    message.subject.encode("utf-8")
    message.body_text.encode("utf-8")
    assert all(attachment.filename for attachment in message.attachments)
