"""Emails through casetracker.mail: a page per message, attachments and mailbox messages as children."""

from __future__ import annotations

from datetime import date

import pytest

from casetracker.documents.extraction import ExtractionError, ExtractionMethod, PageText, detect_kind, extract


def test_a_message_is_one_page_of_headers_and_text(shared_bytes):
    result = extract(shared_bytes("alaveteli/multiple-unquoted-display-names.eml"), "reply.eml")

    assert result.kind == "eml"
    assert result.content_type == "message/rfc822"
    assert result.title == "RE: Freedom of Information request - Participation in the IPCC Assessment Process"
    assert result.document_date == date(2011, 3, 21)
    assert len(result.pages) == 1
    page = result.pages[0]
    assert page.method is ExtractionMethod.NATIVE
    assert page.text.startswith("From: ")
    assert "\nSubject: RE: Freedom of Information request - Participation in the IPCC Assessment Process\n\n" in page.text


def test_attachments_become_children_with_their_names(shared_bytes):
    result = extract(shared_bytes("alaveteli/many-attachments-date-header.eml"), "forwarded.eml")

    assert [child.filename for child in result.children] == [
        "Re: xxx.eml",
        "example.eml",
        "RE: example.eml",
        "As promised - Masterclass info (example).eml",
        "Re: As promised - info (example).eml",
        "Thank you from example.eml",
        "example - Meeting - Tuesday 2nd March.eml",
        "example - Help needed.eml",
        "Re: As promised - info (example).eml",
    ]
    forwarded = extract(result.children[1].data, result.children[1].filename, depth=1)
    assert forwarded.kind == "eml"


def test_an_rfc_822_message_named_msg_is_read_as_an_email(shared_bytes):
    data = shared_bytes("ingest-file/fnf.msg")

    assert detect_kind(data, "fnf.msg") == "eml"
    assert extract(data, "fnf.msg").title == "Innovationskongress 2017 - Do., 29. Juni - 09 Uhr"


def test_an_outlook_message_is_read(shared_bytes):
    result = extract(shared_bytes("ingest-file/piste.msg"), "piste.msg")

    assert result.kind == "msg"
    assert result.content_type == "application/vnd.ms-outlook"
    assert result.title == "Ab auf die Piste!"
    assert result.document_date == date(2010, 11, 28)
    assert result.pages[0].text.startswith(
        "From: GMX Magazin <mailings@gmxnet.de>\nTo: Alle Mitglieder von GMX <members@gmx.net>\n"
        "Date: Sun, 28 Nov 2010 22:42:18 +0000\nSubject: Ab auf die Piste!\n\n"
    )


def test_an_outlook_draft_has_no_date_and_says_so(shared_bytes):
    result = extract(shared_bytes("outlook-message-parser/unsent draft.msg"), "unsent draft.msg")

    assert result.document_date is None
    assert result.problems == ("The Outlook message has no sent or received date (it may be an unsent draft).",)


def test_each_message_of_a_mailbox_becomes_a_child_eml(shared_bytes):
    first = shared_bytes("alaveteli/lotus-notes-quoting.eml")
    second = shared_bytes("alaveteli/space-boundary.eml")
    mailbox = first.rstrip(b"\n") + b"\n\n" + second

    result = extract(mailbox, "inbox.mbox")

    assert result.kind == "mbox"
    assert result.pages == ()
    assert [child.filename for child in result.children] == ["message-1.eml", "message-2.eml"]
    assert result.children[0].data.rstrip(b"\n") == first.rstrip(b"\n")
    assert [extract(child.data, child.filename, depth=1).title for child in result.children] == [
        "Re: Freedom of Information request",
        "A subject",
    ]


def test_a_single_message_with_an_envelope_line_named_eml_is_a_message(shared_bytes):
    data = shared_bytes("alaveteli/dos-linebreaks.eml")
    assert data.startswith(b"From ")

    result = extract(data, "dos-linebreaks.eml")

    assert result.kind == "eml"
    assert result.title == "RE: Freedom of Information request - Plans for the East Oxford Community Centre"


def test_a_damaged_outlook_file_is_refused():
    with pytest.raises(ExtractionError, match=r"^This Outlook file could not be read"):
        extract(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "broken.msg")


def test_an_empty_message_page_is_still_a_page():
    result = extract(b"From: officer@authority.gov.uk\nSubject: \nDate: Fri, 14 Jan 2022 10:00:00 +0000\n\n", "x.eml")

    assert result.pages == (
        PageText(1, "From: officer@authority.gov.uk\nDate: Fri, 14 Jan 2022 10:00:00 +0000", ExtractionMethod.NATIVE),
    )
    assert result.document_date == date(2022, 1, 14)
