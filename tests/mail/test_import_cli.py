"""``flask mail import``: its exact options, JSON entries and exit codes."""

from __future__ import annotations

import json

import pytest

from casetracker.extensions import db


@pytest.fixture
def reference(app, actors, make_request):
    """Our reference of a request in team alpha."""
    from casetracker.info_requests.models import InfoRequest

    request_id = make_request(title="Community centre plans")
    with app.app_context():
        return db.session.get(InfoRequest, request_id).reference


def test_import_into_a_request_prints_one_json_entry_per_message(app, runner, reference, shared_file):
    path = shared_file("alaveteli/dos-linebreaks.eml")
    msg = shared_file("outlook-message-parser/HTML mail with replyto and attachment and embedded image.msg")

    result = runner.invoke(args=["mail", "import", str(path), str(msg), "--request", reference, "--json"])

    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == [
        {"file": str(path), "message_id": "3D8BEC617D49EF45A9E6D103A83FD30331BF84@local",
         "subject": "RE: Freedom of Information request - Plans for the East Oxford Community Centre",
         "date": "2008-03-12T14:59:04+00:00", "from": '"A Person" email@example.com>', "attachments": [],
         "request": reference, "status": "imported", "reason": ""},
        {"file": str(msg), "message_id": "1514160588.6.1488712291622@Moonbeast", "subject": "hey",
         "date": "2017-03-05T11:11:31+00:00", "from": "lollypop <b.bottema@projectnibble.org>",
         "attachments": ["thumbsup", "dresscode.txt", "location.txt"], "request": reference,
         "status": "imported", "reason": ""},
    ]
    again = runner.invoke(args=["mail", "import", str(path), "--request", reference, "--json"])
    assert [(e["status"], e["reason"]) for e in json.loads(again.output)] == [
        ("duplicate", f"It was already imported into {reference}.")]


def test_team_import_matches_or_keeps_to_assign(app, runner, reference, tmp_path):
    matched = tmp_path / "matched.eml"
    matched.write_bytes(b"From: foi@council.gov.uk\nSubject: Your request " + reference.encode()
                        + b"\nMessage-ID: <a@council.gov.uk>\nDate: Fri, 14 Jan 2022 10:00:00 +0000\n\nWe refuse it under s40(2).\n")
    lost = tmp_path / "lost.eml"
    lost.write_bytes(b"From: foi@council.gov.uk\nSubject: Something\nDate: Fri, 14 Jan 2022 10:00:00 +0000\n\nHello.\n")

    result = runner.invoke(args=["mail", "import", str(matched), str(lost), "--team", "alpha", "--json"])

    assert result.exit_code == 0, result.output
    entries = json.loads(result.output)
    assert [(e["status"], e["request"], e["reason"]) for e in entries] == [
        ("imported", reference, f"Matched by reference {reference}."),
        ("unassigned", None, "No request's reference, ICO reference or earlier message appears in it."),
    ]
    assert entries[1]["message_id"].startswith("sha256-")
    with app.app_context():
        from casetracker.correspondence.models import Correspondence
        from casetracker.mail.models import UnassignedMessage

        assert [(c.kind, c.kind_cue) for c in db.session.scalars(db.select(Correspondence))] == [
            ("refusal-notice", "the text says “refuse”")]
        assert [m.subject for m in db.session.scalars(db.select(UnassignedMessage))] == ["Something"]


def test_failed_messages_are_reported_and_do_not_change_the_exit_status(app, runner, reference, shared_file, tmp_path):
    pdf = shared_file("alaveteli/tfl.pdf")
    box = tmp_path / "box.mbox"
    box.write_bytes(b"From a@x Mon Jan 10 09:00:00 2022\nFrom: a@x\nSubject: One\nMessage-ID: <1@x>\n\nText.\n\n"
                    b"From b@x Mon Jan 10 09:00:00 2022\n\n\nNo headers.\n\n"
                    b"From c@x Mon Jan 10 09:00:00 2022\nFrom: c@x\nSubject: Three\nMessage-ID: <3@x>\n\nText.\n")

    result = runner.invoke(args=["mail", "import", str(pdf), str(box), "--request", reference, "--json"])

    assert result.exit_code == 0, result.output
    assert [(e["file"], e["subject"], e["status"]) for e in json.loads(result.output)] == [
        (str(pdf), "", "failed"), (str(box), "One", "imported"), (str(box), "", "failed"), (str(box), "Three", "imported")]
    with app.app_context():
        from casetracker.correspondence.models import Correspondence

        assert [c.subject for c in db.session.scalars(db.select(Correspondence).order_by(Correspondence.id))] == [
            "One", "Three"]


def test_plain_output_lists_messages_and_totals(runner, reference, shared_file):
    path = shared_file("ingest-file/email_attached_inline.eml")

    result = runner.invoke(args=["mail", "import", str(path), "--request", reference])

    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"imported   {reference:<14} undated    This message contains an inline RFC2822 message"
        "  — It has no readable date: it is undated and moves no clock until you give one.",
        "1 imported, 0 duplicate, 0 unassigned, 0 failed.",
    ]


@pytest.mark.parametrize("args,message", [
    (["FILE"], "Give --team (to match each message to its request) or --request."),
    (["FILE", "--request", "CT-1999-0001"], "There is no request 'CT-1999-0001'."),
    (["FILE", "--team", "nobody"], "There is no team called 'nobody'."),
    (["FILE", "--request", "REF", "--team", "beta"], "There is no request 'REF' in team beta."),
    (["missing.eml", "--team", "alpha"], "'missing.eml' does not exist."),
    ([], "Missing argument 'FILES...'."),
])
def test_misuse_exits_2(runner, reference, shared_file, args, message):
    path = str(shared_file("alaveteli/dos-linebreaks.eml"))
    args = [path if a == "FILE" else reference if a == "REF" else a for a in args]

    result = runner.invoke(args=["mail", "import", *args])

    assert result.exit_code == 2
    assert message.replace("'REF'", repr(reference)) in " ".join(result.output.split())
