"""Every email file under ../shared/data, found by content, parses without an exception."""

from __future__ import annotations

from pathlib import Path

import pytest

from casetracker.mail.parsing import iter_messages, sniff_mail_format

SHARED_DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
MAIL_SUFFIXES = {".eml", ".msg", ".mbox"}


def mail_files() -> list[Path]:
    """Return every file under the shared data named like email or sniffed as email."""
    if not SHARED_DATA.is_dir():
        return []
    return sorted(
        path
        for path in SHARED_DATA.rglob("*")
        if path.is_file() and (path.suffix.lower() in MAIL_SUFFIXES or sniff_mail_format(path))
    )


FILES = mail_files()


def test_sniffing_finds_exactly_the_files_named_as_email():
    if not FILES:
        pytest.skip("../shared/data is missing")
    named = {path for path in FILES if path.suffix.lower() in MAIL_SUFFIXES}
    sniffed = {path for path in FILES if sniff_mail_format(path)}

    assert sniffed == named
    assert len(FILES) == 25


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(SHARED_DATA)) for p in FILES])
def test_every_shared_email_file_parses_into_storable_values(path):
    messages = list(iter_messages(path))

    assert messages
    for message in messages:
        for text in (message.subject, message.sender, message.body_text, *message.to, *message.cc, *message.problems):
            text.encode("utf-8")  # no lone surrogates: the database must be able to store it
        assert message.date is None or message.date.utcoffset() is not None
        assert message.sender_address == message.sender_address.lower()
        for attachment in message.attachments:
            assert attachment.filename and "/" not in attachment.filename and "\\" not in attachment.filename
            attachment.filename.encode("utf-8")
            assert isinstance(attachment.data, bytes)


def test_shared_inventory_totals():
    if not FILES:
        pytest.skip("../shared/data is missing")
    messages = [message for path in FILES for message in iter_messages(path)]

    assert len(messages) == 25
    assert sum(len(message.attachments) for message in messages) == 25
    assert sum(message.date is None for message in messages) == 2
