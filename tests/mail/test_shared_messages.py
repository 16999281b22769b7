"""Real emails from ../shared/data read into exact values."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from casetracker.mail.parsing import iter_messages, parse_message_bytes


def only_message(path):
    messages = list(iter_messages(path))
    assert len(messages) == 1
    return messages[0]


def test_latin1_subject_in_iso_8859_2_encoded_words(shared_file):
    message = only_message(shared_file("alaveteli/iso8859_2_raw_email.eml"))

    assert message.subject == "RE: Freedom of Information request - Sasia e pulave të importuara gjatë vitit 2010"
    assert message.date == datetime(2011, 9, 30, 11, 6, 39, tzinfo=timezone(timedelta(hours=2)))
    assert message.in_reply_to == "471f1eae5d1cb_7347..fdbe67386163@cat.tmail"
    assert message.body_text.startswith("I nderuari Besnik,\nFaleminderit per kerkesen tënde.")


def test_utf7_subject_and_sender(shared_file):
    message = only_message(shared_file("alaveteli/utf-7-subject.eml"))

    assert message.subject == "Vaše emailová zpráva byla převzata"
    assert message.sender == "Epodatelna <bob@localhost>"
    assert message.to == ("Klouda <foi+request-1234-jnc73ba@localhost>",)
    assert [a.filename for a in message.attachments] == ["smime.p7s"]


def test_message_without_date_header(shared_file):
    message = only_message(shared_file("ingest-file/email_attached_inline.eml"))

    assert message.date is None
    assert "The message has no Date header." in message.problems


def test_forwarded_message_is_kept_whole_and_reads_back(shared_file):
    message = only_message(shared_file("ingest-file/email_attached_inline.eml"))

    assert message.subject == "This message contains an inline RFC2822 message"
    assert message.body_text == "This is the body of the email that contains the attachment."
    (forwarded,) = message.attachments
    assert (forwarded.filename, forwarded.content_type, forwarded.is_message) == (
        "Plaintext only.eml",
        "message/rfc822",
        True,
    )
    inner = parse_message_bytes(forwarded.data)
    assert inner.subject == "Plaintext only"
    assert inner.body_text == "This is the body of a plaintext message."


def test_nested_forwards_keep_their_own_attachments(shared_file):
    message = only_message(shared_file("alaveteli/many-attachments-date-header.eml"))

    assert message.subject == "Fwd: Re: Freedom of Information request"
    assert message.cc == ("FOI FOI <email@example.com>", "A Person <email@example.com>")
    assert len(message.attachments) == 9
    assert all(a.is_message for a in message.attachments)
    by_subject = {parse_message_bytes(a.data).subject: a for a in message.attachments}
    masterclass = parse_message_bytes(by_subject["As promised - Masterclass info (example)"].data)
    assert [a.filename for a in masterclass.attachments] == [
        "image001.gif",
        "Participant List.doc",
        "Information & Booking Form.doc",
    ]
    assert masterclass.date == datetime(2009, 11, 25, 22, 26, 12, tzinfo=timezone.utc)


def test_sender_from_mbox_envelope_when_from_header_is_missing(shared_file):
    message = only_message(shared_file("alaveteli/forward-quoting-example-2.eml"))

    assert (message.sender, message.sender_address) == ("foi@example.com", "foi@example.com")
    assert message.date == datetime(2008, 5, 28, 14, 16, 55, tzinfo=timezone(timedelta(hours=1)))


def test_malformed_from_header_still_yields_the_address(shared_file):
    message = only_message(shared_file("alaveteli/dos-linebreaks.eml"))

    assert message.subject == "RE: Freedom of Information request - Plans for the East Oxford Community Centre"
    assert message.sender_address == "email@example.com"
    assert message.date == datetime(2008, 3, 12, 14, 59, 4, tzinfo=timezone.utc)
    assert message.body_text == (
        "Thank you for your Freedom of Information request. I have forwarded it\n"
        "to the relevant department for their reply."
    )


def test_utf8_mislabelled_as_latin1_is_read_as_utf8(shared_file):
    message = only_message(shared_file("alaveteli/mislabelled-as-iso-8859-1.eml"))

    assert "THERE'S A DASH NEXT – REQUEST FOR INFORMATION" in message.body_text


def test_undeclared_charset_with_invalid_utf8_is_detected(shared_file):
    message = only_message(shared_file("alaveteli/no-part-charset-bad-utf8.eml"))

    assert message.subject == "任乐松"
    assert message.sender == "温Jian Bing <xxxx@yahoo.cn>"
    assert message.body_text.lstrip().startswith("贵公司负责人(经理/财务)您好：")


def test_hz_charset_subject_and_unclosed_multipart(shared_file):
    message = only_message(shared_file("alaveteli/unrecognized-encoding-mail.eml"))

    assert message.subject == "向先生致sryuoyws(AD)"
    assert message.problems == ("The message ends before its last part is closed; parts may be cut short.",)


def test_encoded_from_words_are_joined_without_a_space(shared_file):
    message = only_message(shared_file("ingest-file/fnf.msg"))

    assert message.sender == "Friedrich-Naumann-Stiftung für die Freiheit <noreply@freiheit.org>"
    assert message.subject == "Innovationskongress 2017 - Do., 29. Juni - 09 Uhr"
    assert [a.filename for a in message.attachments] == ["7b2fd116582e4b66be0451b4755fff1d.png"]
    assert message.body_text.startswith("Sehr geehrter Herr Gehrke,")


def test_attachment_with_bogus_content_type_and_internal_review_subject(shared_file):
    message = only_message(shared_file("alaveteli/part-without-charset-in-content-type.eml"))

    assert message.subject == "FOI Internal Review response"
    (document,) = message.attachments
    assert (document.filename, document.content_type) == ("document.pdf", "document/pdf")


def test_space_in_boundary_and_octet_stream_pdf(shared_file):
    message = only_message(shared_file("alaveteli/space-boundary.eml"))

    assert message.body_text == " Apologies. Herewith."
    assert [(a.filename, a.content_type) for a in message.attachments] == [
        ("Mr Gradwick.pdf", "application/octet-stream")
    ]


def test_delivery_report_keeps_status_and_returned_message(shared_file):
    message = only_message(shared_file("alaveteli/track-response-ms-bounce.eml"))

    assert [(a.filename, a.is_message) for a in message.attachments] == [
        ("attachment-1.txt", False),
        ("Your WhatDoTheyKnow email alert.eml", True),
        ("AVG certification.txt", False),
    ]
    assert message.body_text.startswith("This is an automatically generated Delivery Status Notification.")


def test_html_only_body_is_turned_into_text(shared_file):
    message = only_message(shared_file("alaveteli/utf-7-subject.eml"))

    # The fixture's authors stripped the accented letters from this body.
    assert message.body_text.splitlines()[0] == "Informativn zprva aplikace Athena - NK"
    assert "<" not in message.body_text


def test_outlook_template_attached_to_an_email_reads_as_a_message(shared_file):
    message = only_message(shared_file("alaveteli/incoming-request-oft-attachments.eml"))

    (template,) = message.attachments
    assert template.filename == "test.oft"
    inner = parse_message_bytes(template.data)
    assert (inner.subject, inner.body_text) == ("test", "Test oft")
