"""Importing email into requests' histories through the app: real files, a real database and index."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from casetracker.extensions import db

SHARED_DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
MAIL_SUFFIXES = {".eml", ".msg", ".mbox"}
# (messages, attachments) of every email file under ../shared/data.
SHARED_MAIL = {
    "alaveteli/dos-linebreaks.eml": (1, 0),
    "alaveteli/forward-quoting-example-2.eml": (1, 0),
    "alaveteli/humberside-police-odd-mime-type.eml": (1, 1),
    "alaveteli/incoming-request-oft-attachments.eml": (1, 1),
    "alaveteli/iso8859_2_raw_email.eml": (1, 0),
    "alaveteli/lotus-notes-quoting.eml": (1, 0),
    "alaveteli/many-attachments-date-header.eml": (1, 9),
    "alaveteli/mislabelled-as-iso-8859-1.eml": (1, 0),
    "alaveteli/multiple-unquoted-display-names.eml": (1, 0),
    "alaveteli/nested-attachments-premature-end.eml": (1, 1),
    "alaveteli/no-part-charset-bad-utf8.eml": (1, 0),
    "alaveteli/part-without-charset-in-content-type.eml": (1, 1),
    "alaveteli/russian.eml": (1, 0),
    "alaveteli/space-boundary.eml": (1, 1),
    "alaveteli/tnef-attachment-empty.eml": (1, 1),
    "alaveteli/tnef-attachment-truncated.eml": (1, 1),
    "alaveteli/track-response-ms-bounce.eml": (1, 3),
    "alaveteli/track-response-outlook-oof.eml": (1, 0),
    "alaveteli/unrecognized-encoding-mail.eml": (1, 0),
    "alaveteli/utf-7-subject.eml": (1, 1),
    "ingest-file/email_attached_inline.eml": (1, 1),
    "ingest-file/fnf.msg": (1, 1),
    "ingest-file/piste.msg": (1, 0),
    "outlook-message-parser/HTML mail with replyto and attachment and embedded image.msg": (1, 3),
    "outlook-message-parser/unsent draft.msg": (1, 0),
}
# Attachments that are stubs or carry no text: kept as documents marked failed, with the reason.
UNREADABLE = {
    "alaveteli/part-without-charset-in-content-type.eml": "document.pdf (This PDF is damaged or incomplete and cannot be opened)",
    "alaveteli/space-boundary.eml": "Mr Gradwick.pdf (This PDF is damaged or incomplete and cannot be opened)",
    "alaveteli/tnef-attachment-truncated.eml": "winmail.dat (This type of file (.dat) is not one whose text can be read)",
    "alaveteli/utf-7-subject.eml": "smime.p7s (This type of file (.p7s) is not one whose text can be read)",
}
UNDATED = {"ingest-file/email_attached_inline.eml", "outlook-message-parser/unsent draft.msg"}
UNDATED_NOTE = "It has no readable date: it is undated and moves no clock until you give one."

HEADERS = (
    b"From: FOI Team <foi@council.gov.uk>\r\n"
    b"To: Ann Requester <ann@example.org>\r\n"
    b"Date: Fri, 14 Jan 2022 16:30:00 +0000\r\n"
    b"MIME-Version: 1.0\r\n"
)


def eml(subject: bytes, body: bytes = b"Text.\r\n", *, message_id: bytes | None = b"<m1@council.gov.uk>",
        headers: bytes = HEADERS, extra: bytes = b"") -> bytes:
    """Return an RFC 822 message with these headers, subject and plain UTF-8 body."""
    return (headers + (b"Message-ID: " + message_id + b"\r\n" if message_id else b"") + b"Subject: " + subject
            + b"\r\n" + extra + b"Content-Type: text/plain; charset=utf-8\r\n\r\n" + body)


def count(model) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(model))


@pytest.fixture
def alpha_request(app, make_request):
    """A request to the council (foi@council.gov.uk) in team alpha; returns a loader of the fresh row."""
    from casetracker.info_requests.models import InfoRequest, PublicAuthority

    request_id = make_request(authority="Borough Council", title="Parking fines")
    with app.app_context():
        r = db.session.get(InfoRequest, request_id)
        db.session.get(PublicAuthority, r.authority_id).foi_email = "foi@council.gov.uk"
        db.session.commit()

    def load():
        return db.session.get(InfoRequest, request_id)

    return load


def import_bytes(data: bytes, filename: str = "message.eml", *, info_request=None, team="alpha", actor=None):
    from casetracker.auth.models import Team
    from casetracker.mail.services import import_mail_file

    team_obj = db.session.scalar(db.select(Team).where(Team.name == team))
    return import_mail_file(data, filename, team=team_obj, info_request=info_request, actor=actor)


def shared_mail_files() -> list[str]:
    if not SHARED_DATA.is_dir():
        return []
    return sorted(str(p.relative_to(SHARED_DATA)) for p in SHARED_DATA.rglob("*") if p.suffix.lower() in MAIL_SUFFIXES)


def test_the_list_of_shared_email_files_is_complete():
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is missing")
    assert shared_mail_files() == sorted(SHARED_MAIL)


@pytest.mark.parametrize("relative", sorted(SHARED_MAIL))
def test_every_shared_email_file_imports_into_a_request(app, alpha_request, shared_file, relative):
    from casetracker.correspondence.models import Correspondence
    from casetracker.documents.models import Document

    path = shared_file(relative)
    messages, attachments = SHARED_MAIL[relative]
    with app.app_context():
        r = alpha_request()
        outcomes = import_bytes(path.read_bytes(), path.name, info_request=r)
        db.session.commit()

        assert [o.status for o in outcomes] == ["imported"] * messages
        entries = list(db.session.scalars(db.select(Correspondence).where(Correspondence.request_id == r.id)))
        assert len(entries) == messages
        assert sum(len(e.attachments) for e in entries) == attachments
        assert [a.document.filename for e in entries for a in e.attachments] == list(outcomes[0].attachments)
        assert all(e.kind_confirmed is False for e in entries)
        documents = {a.document.filename: a.document for e in entries for a in e.attachments}
        failed = {d.filename for d in documents.values() if d.status == "failed"}
        expected_reason = []
        if relative in UNDATED:
            expected_reason.append(UNDATED_NOTE)
            assert entries[0].dated is None
        if relative in UNREADABLE:
            expected_reason.append(f"Kept but not searchable: {UNREADABLE[relative]}.")
            assert failed == {UNREADABLE[relative].split(" (")[0]}
        else:
            assert failed == set()
        assert outcomes[0].reason == " ".join(expected_reason)
        assert db.session.scalar(db.select(db.func.count(Document.id)).where(Document.request_id == r.id)) >= attachments


def test_all_shared_mail_into_one_request_then_again_adds_nothing(app, alpha_request):
    from casetracker.audit.models import AuditEvent
    from casetracker.correspondence.models import Correspondence
    from casetracker.documents.models import Document

    files = shared_mail_files()
    if not files:
        pytest.skip("../shared/data is missing")
    with app.app_context():
        r = alpha_request()
        first = [o for rel in files for o in import_bytes((SHARED_DATA / rel).read_bytes(), rel, info_request=r)]
        db.session.commit()
        counts = (count(Correspondence), count(Document), count(AuditEvent))

        # The truncated TNEF fixture is the same message (Message-ID 12345@blah.local) as the empty one.
        assert [(o.file, o.status) for o in first if o.status != "imported"] == [
            ("alaveteli/tnef-attachment-truncated.eml", "duplicate")]
        assert first[15].reason == f"It was already imported into {r.reference}."
        assert counts[0] == 24
        assert sum(o.date is None for o in first) == 2

        second = [o for rel in files for o in import_bytes((SHARED_DATA / rel).read_bytes(), rel, info_request=r)]
        db.session.commit()

        assert {o.status for o in second} == {"duplicate"}
        assert len(second) == 25
        assert (count(Correspondence), count(Document), count(AuditEvent)) == counts


def thread_mbox(reference: str) -> bytes:
    """A thread as a mailbox: our request naming our reference, the acknowledgement, the response."""
    request = (
        b"From ann@example.org Mon Jan 10 09:00:00 2022\n"
        b"From: Ann Requester <ann@example.org>\nTo: foi@council.gov.uk\nDate: Mon, 10 Jan 2022 09:00:00 +0000\n"
        b"Message-ID: <req-1@example.org>\nSubject: Freedom of Information request " + reference.encode() + b"\n\n"
        b"Please send me the parking fines for 2021.\nFrom the bottom of my heart, thanks.\n\n"
    )
    ack = (
        b"From foi@council.gov.uk Fri Jan 14 16:30:00 2022\n"
        b"From: FOI Team <foi@council.gov.uk>\nTo: ann@example.org\nDate: Fri, 14 Jan 2022 16:30:00 +0000\n"
        b"Message-ID: <ack-1@council.gov.uk>\nIn-Reply-To: <req-1@example.org>\nSubject: RE: Your request\n\n"
        b"We acknowledge your request, received on 14 January 2022.\n>From now on we will reply within 20 working days.\n\n"
    )
    response = (
        b"From foi@council.gov.uk Fri Feb 11 23:30:00 2022\n"
        b"From: FOI Team <foi@council.gov.uk>\nTo: ann@example.org\nDate: Fri, 11 Feb 2022 23:30:00 +0000\n"
        b"Message-ID: <resp-1@council.gov.uk>\nReferences: <req-1@example.org> <ack-1@council.gov.uk>\n"
        b"Subject: RE: Your request\nContent-Type: multipart/mixed; boundary=\"b\"\n\n"
        b"--b\nContent-Type: text/plain; charset=utf-8\n\nPlease find attached the figures.\n"
        b"--b\nContent-Type: text/csv\nContent-Disposition: attachment; filename=\"fines-2021.csv\"\n\n"
        b"month,fines\nJanuary,412\n--b--\n"
    )
    return request + ack + response


def test_a_thread_matched_by_reference_then_replies_and_imported_twice(app, actors, alpha_request):
    from casetracker.correspondence.models import Correspondence
    from casetracker.documents.models import Document

    with app.app_context():
        r = alpha_request()
        reference = r.reference
        first = import_bytes(thread_mbox(reference), "thread.mbox")
        db.session.commit()

        assert [(o.status, o.request_reference, o.reason) for o in first] == [
            ("imported", reference, f"Matched by reference {reference}."),
            ("imported", reference, "Matched by reply to <req-1@example.org>."),
            ("imported", reference, "Matched by reply to <ack-1@council.gov.uk>."),
        ]
        entries = list(db.session.scalars(db.select(Correspondence).order_by(Correspondence.id)))
        assert [(e.dated, e.direction, e.kind, e.kind_cue) for e in entries] == [
            (date(2022, 1, 10), "incoming", "other", ""),
            (date(2022, 1, 14), "incoming", "acknowledgement", "the text says “acknowledge”"),
            # 23:30 GMT on 11 February is still 11 February in London.
            (date(2022, 2, 11), "incoming", "response", "the text says “Please find attached”"),
        ]
        assert entries[1].body == ("We acknowledge your request, received on 14 January 2022.\n"
                                   "From now on we will reply within 20 working days.")
        assert [a.document.filename for a in entries[2].attachments] == ["fines-2021.csv"]
        assert entries[2].in_reply_to is None and entries[1].in_reply_to == "req-1@example.org"
        before = (count(Correspondence), count(Document))

        second = import_bytes(thread_mbox(reference), "thread.mbox")
        db.session.commit()

        assert [o.status for o in second] == ["duplicate"] * 3
        assert {o.reason for o in second} == {f"It was already imported into {reference}."}
        assert (count(Correspondence), count(Document)) == before


def test_a_thread_sent_by_the_requester_is_outgoing_and_a_team_member_too(app, actors, alpha_request):
    with app.app_context():
        r = alpha_request()
        r.requester_email = "Ann@Example.org"
        ours = eml(b"Internal review please", headers=HEADERS.replace(b"FOI Team <foi@council.gov.uk>", b"Ann <ann@example.org>"))
        editor = eml(b"Chasing", message_id=b"<m2@example.org>",
                     headers=HEADERS.replace(b"FOI Team <foi@council.gov.uk>", b"Ed <editor@example.org>"))
        ico = eml(b"Your complaint", message_id=b"<m3@ico.org.uk>",
                  headers=HEADERS.replace(b"foi@council.gov.uk", b"casework@ico.org.uk"))
        stranger = eml(b"Hello", message_id=b"<m4@elsewhere.example>",
                       headers=HEADERS.replace(b"foi@council.gov.uk", b"someone@elsewhere.example"))
        outcomes = [o for data in (ours, editor, ico, stranger) for o in import_bytes(data, info_request=r)]
        db.session.commit()
        from casetracker.correspondence.models import Correspondence

        entries = list(db.session.scalars(db.select(Correspondence).order_by(Correspondence.id)))
        assert [o.status for o in outcomes] == ["imported"] * 4
        assert [(e.direction, e.state) for e in entries] == [
            ("outgoing", "sent"), ("outgoing", "sent"), ("incoming", "received"), ("incoming", "received")]


def test_latin1_body_stored_and_shown_right(app, auth, alpha_request):
    from casetracker.correspondence.models import Correspondence

    raw = (HEADERS + b"Message-ID: <fees@council.gov.uk>\r\nSubject: Fees\r\n"
           b"Content-Type: text/plain; charset=ISO-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
           b"The caf\xe9 licence fee is \xa3450; \xabsee s12\xbb.\r\n")
    with app.app_context():
        r = alpha_request()
        (outcome,) = import_bytes(raw, info_request=r)
        db.session.commit()
        entry = db.session.get(Correspondence, outcome.correspondence_id)
        assert entry.body == "The café licence fee is £450; «see s12»."
        url = f"/requests/{r.id}/correspondence/{entry.id}"
    auth.login("viewer")
    html = auth.get(url).get_data(as_text=True)
    assert "The café licence fee is £450; «see s12»." in html


def test_rfc2047_attachment_filename_is_decoded_in_the_document(app, alpha_request):
    from casetracker.documents.models import Document
    from casetracker.documents.indexing import index_for_search

    raw = (HEADERS + b"Message-ID: <annex@council.gov.uk>\r\nSubject: =?utf-8?Q?R=C3=A9ponse_=E2=80=93_FOI?=\r\n"
           b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n'
           b"--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nSee attached.\r\n"
           b'--b\r\nContent-Type: text/plain; charset=utf-8; name="=?utf-8?B?UsOpcG9uc2Ug4oCTIGFubmV4ZS50eHQ=?="\r\n'
           b'Content-Disposition: attachment; filename="=?utf-8?B?UsOpcG9uc2Ug4oCTIGFubmV4ZS50eHQ=?="\r\n\r\n'
           b"Penalty charge notices issued in 2021: 412.\r\n--b--\r\n")
    with app.app_context():
        r = alpha_request()
        (outcome,) = import_bytes(raw, info_request=r)
        db.session.commit()
        (document,) = db.session.scalars(db.select(Document).where(Document.kind != "email"))
        (body,) = db.session.scalars(db.select(Document).where(Document.kind == "email"))

        assert (body.filename, body.correspondence_id) == ("Réponse FOI.eml", outcome.correspondence_id)
        assert outcome.subject == "Réponse – FOI"
        assert outcome.attachments == ("Réponse – annexe.txt",)
        assert (document.filename, document.search_status, document.request_id) == ("Réponse – annexe.txt", "indexed", r.id)
        index = index_for_search()
        try:
            hits = index.search("penalty", team_ids=[r.team_id])
        finally:
            index.close()
        assert [d.document_id for d in hits.documents] == [document.id]


def test_message_without_date_is_undated_and_moves_no_clock(app, alpha_request, shared_file):
    from casetracker.correspondence.models import Correspondence
    from casetracker.info_requests.services import clocks_for

    path = shared_file("ingest-file/email_attached_inline.eml")
    with app.app_context():
        r = alpha_request()
        before = [(c.name, c.date, c.state) for c in clocks_for(r, date(2022, 6, 1))]
        (outcome,) = import_bytes(path.read_bytes(), path.name, info_request=r)
        db.session.commit()
        entry = db.session.get(Correspondence, outcome.correspondence_id)

        assert (outcome.date, entry.dated, entry.subject) == (None, None, "This message contains an inline RFC2822 message")
        assert outcome.reason == UNDATED_NOTE
        assert outcome.message_id.startswith("sha256-") and outcome.message_id.endswith("@casetracker.invalid")
        assert [(c.name, c.date, c.state) for c in clocks_for(r, date(2022, 6, 1))] == before
        assert r.status == "awaiting-response"


def test_matching_by_ico_reference(app, make_request, alpha_request):
    from casetracker.correspondence.models import Correspondence
    from casetracker.info_requests.models import InfoRequest

    other_id = make_request(title="Another request")
    with app.app_context():
        r = alpha_request()
        r.ico_reference = "IC-151664-D5Q4"
        db.session.commit()
        raw = eml(b"Your complaint about Borough Council - ic-151664-d5q4",
                  b"We have received your complaint and will allocate a case officer.\r\n",
                  headers=HEADERS.replace(b"foi@council.gov.uk", b"icocasework@ico.org.uk"))
        (outcome,) = import_bytes(raw, "complaint.eml")
        db.session.commit()
        entry = db.session.get(Correspondence, outcome.correspondence_id)

        assert (outcome.status, outcome.request_reference, outcome.reason) == (
            "imported", r.reference, "Matched by reference IC-151664-D5Q4.")
        assert (entry.request_id, entry.kind, entry.kind_cue, entry.direction) == (
            r.id, "ico-correspondence", "the subject says “ic-151664-d5q4”", "incoming")
        assert db.session.get(InfoRequest, other_id).status == "awaiting-response"


def test_decision_notice_reference_also_matches(app, alpha_request):
    with app.app_context():
        r = alpha_request()
        r.decision_notice_reference = "FS50123456"
        db.session.commit()
        (outcome,) = import_bytes(eml(b"Decision notice FS50123456", b"The Commissioner's decision is attached.\r\n"))
        assert (outcome.status, outcome.reason) == ("imported", "Matched by reference FS50123456.")


def test_a_message_pointing_to_two_requests_waits_to_be_assigned(app, make_request, alpha_request):
    second_id = make_request(title="Bus lanes")
    with app.app_context():
        from casetracker.info_requests.models import InfoRequest

        first, second = alpha_request(), db.session.get(InfoRequest, second_id)
        subject = f"About {first.reference} and {second.reference}".encode()
        (outcome,) = import_bytes(eml(subject))
        assert (outcome.status, outcome.request_reference, outcome.reason) == (
            "unassigned", None, f"It points to several requests ({first.reference}, {second.reference}); choose one.")


def test_unmatched_message_is_kept_listed_and_can_be_assigned(app, auth, actors, alpha_request):
    from casetracker.correspondence.models import Correspondence
    from casetracker.mail.models import UnassignedMessage

    raw = eml(b"Parking fines data", b"Please find attached the data you asked for.\r\n",
              message_id=b"<lost@council.gov.uk>")
    with app.app_context():
        r = alpha_request()
        request_id, reference = r.id, r.reference
        (outcome,) = import_bytes(raw, "lost.eml")
        db.session.commit()
        again = import_bytes(raw, "lost.eml")
        kept = db.session.scalar(db.select(UnassignedMessage))

        assert (outcome.status, outcome.request_reference, outcome.reason) == (
            "unassigned", None, "No request's reference, ICO reference or earlier message appears in it.")
        assert [(o.status, o.reason) for o in again] == [("duplicate", "It is already on the list of emails to assign.")]
        # SQLite hands back naive UTC datetimes, PostgreSQL aware ones.
        assert (kept.date.replace(tzinfo=kept.date.tzinfo or timezone.utc)) == datetime(2022, 1, 14, 16, 30, tzinfo=timezone.utc)
        assert (kept.subject, kept.message_id, kept.sender, kept.filename) == (
            "Parking fines data", "lost@council.gov.uk", "FOI Team <foi@council.gov.uk>", "lost.eml")
        assert count(Correspondence) == 0
        kept_id = kept.id

    auth.login("editor")
    page = auth.get("/mail/unassigned").get_data(as_text=True)
    assert "Parking fines data" in page and f"/mail/unassigned/{kept_id}/assign" in page
    assert f"{reference} · Parking fines" in page
    assert auth.get(f"/mail/unassigned/{kept_id}/download").data == raw

    response = auth.post(f"/mail/unassigned/{kept_id}/assign", {"request_id": str(request_id)})

    assert response.status_code == 302 and response.headers["Location"].endswith(f"/requests/{request_id}")
    with app.app_context():
        (entry,) = db.session.scalars(db.select(Correspondence))
        assert (entry.request_id, entry.message_id, entry.kind, entry.kind_confirmed) == (
            request_id, "lost@council.gov.uk", "response", False)
        assert count(UnassignedMessage) == 0
    assert "No emails are waiting to be assigned." in auth.get("/mail/unassigned").get_data(as_text=True)


def test_confirming_a_suggested_response_moves_the_clocks(app, auth, alpha_request):
    from casetracker.info_requests.services import clocks_for

    raw = eml(b"Your request", b"Please find attached the response to your request.\r\n")
    with app.app_context():
        r = alpha_request()
        (outcome,) = import_bytes(raw, info_request=r)
        db.session.commit()
        assert r.status == "awaiting-response"
        assert clocks_for(r, date(2022, 6, 1))[0].state.value == "open"
        url = f"/requests/{r.id}/correspondence/{outcome.correspondence_id}"
    auth.login("editor")
    page = auth.get(url).get_data(as_text=True)
    assert "Suggested kind: Response — because the text says “Please find attached”." in page

    response = auth.post(url + "/correct", {"kind": "response", "direction": "incoming", "dated": "2022-06-01",
                                            "outcome": "disclosed-in-part"})

    assert response.status_code == 302
    with app.app_context():
        r = alpha_request()
        assert (r.status, r.outcome) == ("responded", "disclosed-in-part")
        response_clock = clocks_for(r, date(2022, 6, 2))[0]
        assert (response_clock.state.value, response_clock.ended_on) == ("met", date(2022, 6, 1))


def test_a_message_dated_before_the_request_was_sent(app, alpha_request):
    with app.app_context():
        r = alpha_request()
        r.sent_on = date(2022, 5, 20)
        db.session.commit()
        raw = eml(f"Re: {r.reference}".encode())
        (explicit,) = import_bytes(raw, info_request=r)
        (matched,) = import_bytes(raw)

        assert (explicit.status, explicit.reason) == (
            "failed", f"It is dated 14 January 2022, before {r.reference} was sent (20 May 2022).")
        assert (matched.status, matched.reason) == (
            "unassigned", f"Matched by reference {r.reference}. It cannot go there: It is dated 14 January 2022, "
                          f"before {r.reference} was sent (20 May 2022).")


def test_files_that_are_not_email_and_damaged_messages_fail_with_a_reason(app, alpha_request, shared_file):
    mbox = (b"From a@example.org Mon Jan 10 09:00:00 2022\n" + eml(b"First", message_id=b"<one@x>").replace(b"\r\n", b"\n")
            + b"\nFrom b@example.org Mon Jan 10 09:00:00 2022\n\n\nNo headers at all.\n\n"
            + b"From c@example.org Mon Jan 10 09:00:00 2022\n" + eml(b"Third", message_id=b"<three@x>").replace(b"\r\n", b"\n"))
    with app.app_context():
        r = alpha_request()
        pdf = import_bytes(shared_file("alaveteli/tfl.pdf").read_bytes(), "tfl.pdf", info_request=r)
        empty = import_bytes(b"", "empty.eml", info_request=r)
        mixed = import_bytes(mbox, "box.mbox", info_request=r)

        assert [(o.file, o.status, o.reason) for o in pdf + empty] == [
            ("tfl.pdf", "failed", "tfl.pdf is not an email file: expected an .eml message, an mbox mailbox "
                                  "or an Outlook .msg file."),
            ("empty.eml", "failed", "empty.eml is empty."),
        ]
        assert [(o.subject, o.status, o.reason) for o in mixed] == [
            ("First", "imported", ""),
            ("", "failed", "This does not look like an email: it has no header lines."),
            ("Third", "imported", ""),
        ]


def test_a_request_of_another_team_is_refused(app, make_request, alpha_request):
    from casetracker.mail.importing import MailImportError

    beta_id = make_request(team="beta", title="Beta's")
    with app.app_context():
        from casetracker.info_requests.models import InfoRequest

        with pytest.raises(MailImportError, match="That request belongs to another team."):
            import_bytes(eml(b"x"), info_request=db.session.get(InfoRequest, beta_id))


def test_private_requests_of_others_are_not_matched_for_a_user(app, actors, make_request):
    from casetracker.auth.models import User
    from casetracker.info_requests.models import InfoRequest

    private_id = make_request(title="Private", visibility="private")
    with app.app_context():
        r = db.session.get(InfoRequest, private_id)
        r.created_by_id = actors.ids["admin"]
        db.session.commit()
        editor = db.session.get(User, actors.ids["editor"])
        admin = db.session.get(User, actors.ids["admin"])
        raw = eml(r.reference.encode())

        (as_editor,) = import_bytes(raw, actor=editor)
        db.session.rollback()
        (as_admin,) = import_bytes(raw, actor=admin)

        assert (as_editor.status, as_admin.status) == ("unassigned", "imported")
