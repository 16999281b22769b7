"""winmail.dat (TNEF) attachments: expanded when whole, kept with a note when not."""

from __future__ import annotations

import struct
from email.message import EmailMessage

from casetracker.mail.parsing import iter_messages, parse_message_bytes


def tnef_attribute(level: int, attribute: int, data: bytes) -> bytes:
    """Encode one TNEF attribute (MS-OXTNEF 2.1.3.1): level, id, length, data, checksum."""
    return struct.pack("<BII", level, attribute, len(data)) + data + struct.pack("<H", sum(data) & 0xFFFF)


def winmail(*files: tuple[bytes, bytes]) -> bytes:
    """Build a winmail.dat holding the given (cp1252 file name, content) pairs."""
    parts = [
        struct.pack("<IH", 0x223E9F78, 1),
        tnef_attribute(1, 0x00089006, struct.pack("<I", 0x00010000)),  # attTnefVersion
        tnef_attribute(1, 0x00069007, struct.pack("<II", 1252, 0)),  # attOemCodepage
    ]
    for name, content in files:
        parts.append(tnef_attribute(2, 0x00069002, bytes(14)))  # attAttachRendData opens an attachment
        parts.append(tnef_attribute(2, 0x00018010, name + b"\x00"))  # attAttachTitle
        parts.append(tnef_attribute(2, 0x0006800F, content))  # attAttachData
    return b"".join(parts)


def outlook_email(attachment: bytes) -> bytes:
    message = EmailMessage()
    message["From"] = "FOI Team <foi@council.gov.uk>"
    message["To"] = "requester@example.org"
    message["Subject"] = "Your request FOI-2022-0042"
    message["Date"] = "Fri, 11 Feb 2022 16:30:00 +0000"
    message.set_content("Please find attached our response.")
    message.add_attachment(attachment, maintype="application", subtype="ms-tnef", filename="winmail.dat")
    return message.as_bytes()


def test_winmail_dat_is_replaced_by_the_files_it_carries():
    data = winmail(
        (b"Response letter.pdf", b"%PDF-1.4 response"),
        ("Annex A – costs.xlsx".encode("cp1252"), b"PK\x03\x04 annex"),
    )

    message = parse_message_bytes(outlook_email(data))

    assert [(a.filename, a.content_type, a.data) for a in message.attachments] == [
        ("Response letter.pdf", "application/pdf", b"%PDF-1.4 response"),
        (
            "Annex A – costs.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            b"PK\x03\x04 annex",
        ),
    ]
    assert message.problems == ()
    assert message.body_text == "Please find attached our response."


def test_truncated_winmail_dat_is_kept_as_is(shared_file):
    (message,) = iter_messages(shared_file("alaveteli/tnef-attachment-truncated.eml"))

    assert [(a.filename, len(a.data)) for a in message.attachments] == [("winmail.dat", 57)]
    assert message.problems == ("winmail.dat attachment is truncated or damaged; kept as is",)
    assert message.body_text == "Some introductory text here, before the malformed TNEF attachment."


def test_winmail_dat_with_only_a_body_keeps_that_body(shared_file):
    (message,) = iter_messages(shared_file("alaveteli/tnef-attachment-empty.eml"))

    assert message.body_text == "This attachment just has a body from one of the tests\nin the tnef package in Debian."
    (body,) = message.attachments
    assert (body.filename, body.content_type) == ("winmail body.html", "text/html")
    assert b"THE BILL OF RIGHTS" in body.data


def test_empty_and_garbage_winmail_dat_do_not_crash():
    empty = parse_message_bytes(outlook_email(b""))
    garbage = parse_message_bytes(outlook_email(b"this is not TNEF at all"))

    assert empty.problems == ("winmail.dat attachment is empty; kept as is",)
    assert garbage.problems == ("winmail.dat attachment could not be read (damaged or not TNEF); kept as is",)
    assert [a.filename for a in garbage.attachments] == ["winmail.dat"]
