"""Mailboxes are split on their "From " lines and read as a stream."""

from __future__ import annotations

import io
from email.message import EmailMessage

from casetracker.mail.mbox import iter_mbox
from casetracker.mail.parsing import iter_messages, sniff_mail_format


def email_bytes(subject: str, body: str, date: str) -> bytes:
    message = EmailMessage()
    message["From"] = "FOI Officer <foi@council.gov.uk>"
    message["To"] = "requester@example.org"
    message["Subject"] = subject
    message["Date"] = date
    message["Message-ID"] = f"<{subject.split()[0].lower()}@council.gov.uk>"
    message.set_content(body)
    return message.as_bytes()


def mbox_of(*messages: bytes) -> bytes:
    """Write messages as an mboxrd mailbox: envelope line, body "From " escaped, blank line after."""
    out = []
    for data in messages:
        escaped = b"\n".join(
            b">" + line if line.lstrip(b">").startswith(b"From ") else line for line in data.split(b"\n")
        )
        out.append(b"From foi@council.gov.uk Fri Jan 14 10:00:00 2022\n" + escaped.rstrip(b"\n") + b"\n\n")
    return b"".join(out)


THREE = (
    email_bytes("Acknowledgement of your request", "We received your request.\n", "Fri, 14 Jan 2022 10:00:00 +0000"),
    email_bytes(
        "Response to your request",
        "Please find attached.\n\nFrom our records, nothing else is held.\nIt said:\nFrom the council's view.\n",
        "Fri, 11 Feb 2022 16:30:00 +0000",
    ),
    email_bytes("Internal review outcome", "The review is complete.\n", "Mon, 14 Mar 2022 09:00:00 +0000"),
)


def test_mbox_of_three_messages_reads_each_in_order(tmp_path):
    path = tmp_path / "thread.mbox"
    path.write_bytes(mbox_of(*THREE))

    assert sniff_mail_format(path) == "mbox"
    messages = list(iter_messages(path))

    assert [m.subject for m in messages] == [
        "Acknowledgement of your request",
        "Response to your request",
        "Internal review outcome",
    ]
    assert [m.message_id for m in messages] == ["acknowledgement@council.gov.uk", "response@council.gov.uk", "internal@council.gov.uk"]
    assert [m.date.isoformat() for m in messages] == [
        "2022-01-14T10:00:00+00:00",
        "2022-02-11T16:30:00+00:00",
        "2022-03-14T09:00:00+00:00",
    ]
    # Escaped and unescaped "From " lines inside a body neither split it nor keep the ">".
    assert messages[1].body_text == (
        "Please find attached.\n\nFrom our records, nothing else is held.\nIt said:\nFrom the council's view."
    )


def test_mbox_is_read_one_message_at_a_time():
    big = email_bytes("Response with a long annex", "line of the annex\n" * 20000, "Fri, 11 Feb 2022 16:30:00 +0000")
    data = mbox_of(THREE[0], big, THREE[2])
    stream = io.BytesIO(data)

    messages = iter_mbox(stream)
    first = next(messages)

    assert b"Subject: Acknowledgement of your request" in first
    # Only the first message and the next envelope line have been read, not the 360 KB annex.
    assert stream.tell() < len(first) + 200 < len(data)
    assert [b"Subject: Response with a long annex" in m for m in messages] == [True, False]


def test_mbox_of_one_message_file_with_crlf_lines(shared_file):
    path = shared_file("alaveteli/dos-linebreaks.eml")

    assert sniff_mail_format(path) == "mbox"
    assert len(list(iter_messages(path))) == 1
