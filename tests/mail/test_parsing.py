"""RFC 822 messages built here for the cases the shared files lack; format sniffing; errors."""

from __future__ import annotations

from datetime import datetime, timezone
from email.message import EmailMessage

import pytest

from casetracker.mail.parsing import MailParseError, iter_messages, parse_message_bytes, sniff_mail_format

HEADERS = (
    b"From: =?iso-8859-1?q?Jos=E9_Off=EDcer?= <Jose.Officer@Council.gov.uk>\r\n"
    b"To: requester@example.org\r\n"
    b"Subject: Your request\r\n"
    b"Date: Fri, 14 Jan 2022 10:00:00 +0000\r\n"
    b"MIME-Version: 1.0\r\n"
)


def test_latin1_body():
    message = EmailMessage()
    message["From"] = "foi@council.gov.uk"
    message["Subject"] = "Fees"
    message.set_content("The café licence fee is £600.\n", charset="iso-8859-1", cte="quoted-printable")
    assert b"caf=E9" in message.as_bytes()

    assert parse_message_bytes(message.as_bytes()).body_text == "The café licence fee is £600."


def test_latin1_label_on_windows_1252_bytes_and_undeclared_8bit():
    declared = HEADERS + b"Content-Type: text/plain; charset=ISO-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
    undeclared = HEADERS + b"Content-Type: text/plain\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
    text = b"\x93Withheld\x94 \x96 s40(2); fee \x80450, caf\xe9 \xa3600.\r\n"

    assert parse_message_bytes(declared + text).body_text == "“Withheld” – s40(2); fee €450, café £600."
    assert parse_message_bytes(undeclared + text).body_text == "“Withheld” – s40(2); fee €450, café £600."


def test_rfc2047_and_rfc2231_attachment_filenames():
    raw = (
        HEADERS + b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n'
        b"--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nSee attached.\r\n"
        b'--b\r\nContent-Type: application/pdf; name="=?utf-8?B?UsOpcG9uc2Ug4oCTIGFubmV4ZS5wZGY=?="\r\n'
        b'Content-Disposition: attachment; filename="=?utf-8?B?UsOpcG9uc2Ug4oCTIGFubmV4ZS5wZGY=?="\r\n'
        b"Content-Transfer-Encoding: base64\r\n\r\nJVBERi0=\r\n"
        b"--b\r\nContent-Type: application/pdf\r\n"
        b"Content-Disposition: attachment; filename*=iso-8859-1''D%E9cision%20finale.pdf\r\n\r\nx\r\n"
        b"--b\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"C:\\\\Scans\\\\letter.pdf\"\r\n\r\nx\r\n"
        b"--b\r\nContent-Type: application/vnd.ms-excel\r\n\r\nx\r\n"
        b"--b--\r\n"
    )

    message = parse_message_bytes(raw)

    assert [a.filename for a in message.attachments] == [
        "Réponse – annexe.pdf",
        "Décision finale.pdf",
        "letter.pdf",
        "attachment-4.xls",
    ]
    assert message.attachments[0].data == b"%PDF-"
    assert message.sender == "José Offícer <Jose.Officer@Council.gov.uk>"
    assert message.sender_address == "jose.officer@council.gov.uk"


def test_no_date_header_and_unreadable_date():
    message = EmailMessage()
    message["From"] = "foi@council.gov.uk"
    message["Subject"] = "Undated"
    message.set_content("Text")
    undated = parse_message_bytes(message.as_bytes())
    garbled = parse_message_bytes(b"Date: sometime last week\r\n" + message.as_bytes())
    zoneless = parse_message_bytes(b"Date: Fri, 14 Jan 2022 10:00:00 -0000\r\n" + message.as_bytes())

    assert (undated.date, undated.problems) == (None, ("The message has no Date header.",))
    assert (garbled.date, garbled.problems) == (None, ("The date 'sometime last week' could not be read.",))
    assert zoneless.date == datetime(2022, 1, 14, 10, 0, tzinfo=timezone.utc)


def test_raw_8bit_header_and_unknown_charset_body():
    raw = (
        b"From: foi@council.gov.uk\r\nSubject: Caf\xe9 licences\r\nDate: Fri, 14 Jan 2022 10:00:00 +0000\r\n"
        b"Content-Type: text/plain; charset=x-klingon\r\n\r\nPlain words.\r\n"
    )

    message = parse_message_bytes(raw)

    assert message.subject == "Café licences"
    assert message.body_text == "Plain words."
    assert message.problems == ("The text declares an unknown character set (x-klingon); it was decoded by guessing.",)


def test_html_alternative_used_only_when_plain_text_is_empty():
    message = EmailMessage()
    message["From"] = "foi@council.gov.uk"
    message["Subject"] = "Response"
    message.set_content("   \n")
    message.add_alternative(
        "<html><head><style>p{color:red}</style></head><body><p>Dear&nbsp;Requester,</p>"
        "<p>The information is <b>held</b>.<br>Yours,</p><div>FOI team</div></body></html>",
        subtype="html",
    )

    parsed = parse_message_bytes(message.as_bytes())

    assert parsed.body_text == "Dear Requester,\n\nThe information is held.\nYours,\n\nFOI team"
    assert parsed.attachments == ()


def test_thread_headers():
    raw = (
        b"From: foi@council.gov.uk\r\nMessage-ID: <reply-2@council.gov.uk>\r\n"
        b"In-Reply-To: <request-1@example.org>\r\n"
        b"References: <request-1@example.org>\r\n <ack-1@council.gov.uk>\r\n\r\nText\r\n"
    )

    parsed = parse_message_bytes(raw)

    assert parsed.message_id == "reply-2@council.gov.uk"
    assert parsed.in_reply_to == "request-1@example.org"
    assert parsed.references == ("request-1@example.org", "ack-1@council.gov.uk")


@pytest.mark.parametrize(
    ("relative", "expected"),
    [
        ("alaveteli/russian.eml", "eml"),
        ("alaveteli/lotus-notes-quoting.eml", "mbox"),
        ("ingest-file/fnf.msg", "eml"),
        ("ingest-file/piste.msg", "msg"),
        ("ingest-file/doc.doc", None),
        ("ingest-file/non_utf.txt", None),
        ("alaveteli/tfl.pdf", None),
        ("libraries/FOI_request.md", None),
    ],
)
def test_sniffing_by_content_not_extension(shared_file, relative, expected):
    path = shared_file(relative)

    assert sniff_mail_format(path) == expected
    assert sniff_mail_format(path.read_bytes()) == expected


def test_byte_order_mark_and_leading_blank_lines(tmp_path):
    path = tmp_path / "saved.eml"
    path.write_bytes(b"\xef\xbb\xbf\r\n" + HEADERS + b"\r\nHello.\r\n")

    assert sniff_mail_format(path) == "eml"
    (message,) = iter_messages(path)
    assert (message.subject, message.body_text) == ("Your request", "Hello.")


def test_unreadable_files_raise_mail_parse_error(tmp_path, shared_file):
    empty = tmp_path / "empty.eml"
    empty.write_bytes(b"")

    with pytest.raises(MailParseError, match="empty.eml is empty"):
        list(iter_messages(empty))
    with pytest.raises(MailParseError, match="tfl.pdf is not an email file"):
        list(iter_messages(shared_file("alaveteli/tfl.pdf")))
    with pytest.raises(MailParseError, match="no such file"):
        list(iter_messages(tmp_path / "missing.eml"))
    with pytest.raises(MailParseError, match="no header lines"):
        parse_message_bytes(b"just some words\n")
    with pytest.raises(MailParseError, match="The message is empty"):
        parse_message_bytes(b"  \r\n")
