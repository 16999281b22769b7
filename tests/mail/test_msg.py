"""Outlook .msg files read with extract-msg."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from casetracker.mail.parsing import MailParseError, iter_messages, parse_message_bytes, sniff_mail_format


def test_outlook_newsletter(shared_file):
    (message,) = iter_messages(shared_file("ingest-file/piste.msg"))

    assert message.subject == "Ab auf die Piste!"
    assert message.date == datetime(2010, 11, 28, 22, 42, 18, tzinfo=timezone.utc)
    assert message.sender == "GMX Magazin <mailings@gmxnet.de>"
    assert message.sender_address == "mailings@gmxnet.de"
    assert message.to == ("Alle Mitglieder von GMX <members@gmx.net>",)
    assert message.message_id == "E5-bad037e6-elaine5029/3/2852-f493@mailings.gmx.net"
    assert message.attachments == ()


def test_unsent_draft_has_no_date(shared_file):
    (message,) = iter_messages(shared_file("outlook-message-parser/unsent draft.msg"))

    assert message.subject == "MSG Test File"
    assert message.date is None
    assert message.sender == ""
    assert message.to == ("time2talk@online-convert.com",)
    assert message.problems == ("The Outlook message has no sent or received date (it may be an unsent draft).",)
    assert message.body_text.startswith("MSG test file\nPurpose: Provide example of this file type")


def test_attachments_and_embedded_image(shared_file):
    (message,) = iter_messages(shared_file("outlook-message-parser/HTML mail with replyto and attachment and embedded image.msg"))

    assert message.subject == "hey"
    assert message.body_text == "We should meet up!"
    assert message.to == ("Bottema, Benny <benny.bottema@aegon.nl>",)
    assert [(a.filename, a.content_type, a.data[:20]) for a in message.attachments] == [
        ("thumbsup", "image/png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00 "),
        ("dresscode.txt", "text/plain", b"Black Tie Optional"),
        ("location.txt", "text/plain", b"On the moon!"),
    ]


def test_msg_extension_holding_rfc822_is_read_as_rfc822(shared_file):
    path = shared_file("ingest-file/fnf.msg")

    assert sniff_mail_format(path) == "eml"
    (message,) = iter_messages(path)
    assert message.date == datetime.fromisoformat("2017-06-06T17:24:50+02:00")


def test_ole_file_that_is_not_outlook_is_not_mail(shared_file):
    assert sniff_mail_format(shared_file("ingest-file/doc.doc")) is None
    with pytest.raises(MailParseError, match="is not an email file"):
        list(iter_messages(shared_file("ingest-file/doc.doc")))


def test_damaged_msg_bytes_raise_a_readable_error(shared_file):
    data = shared_file("ingest-file/piste.msg").read_bytes()

    with pytest.raises(MailParseError, match="This Outlook file could not be read"):
        parse_message_bytes(data[:4096])
