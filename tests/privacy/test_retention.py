"""`retention run` a year after closure (1-year periods) deletes what the schedule says, and only once."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

from sqlalchemy import func, inspect, select, text

from casetracker.audit.models import AuditEvent
from casetracker.extensions import db
from casetracker.info_requests.models import InfoRequest
from casetracker.privacy.schedule import add_months
from casetracker.timeutil import uk_today
from tests.privacy.conftest import NAME, close, files_under
from tests.privacy.test_erasure import _bytes_hits, _db_hits, _search

YEAR = {"closed_requests": 12, "documents": 12, "requester_details": 12, "unassigned_mail": 12,
        "generated_letters": 12, "audit_events": 72}


def _counts(app) -> dict[str, int]:
    with app.app_context():
        names = inspect(db.session.connection()).get_table_names()
        return {name: db.session.scalar(text(f'SELECT count(*) FROM "{name}"')) for name in names}


def _draft_on(app, request_id: int) -> tuple[int, int]:
    """Add a generated letter left as a draft to a request; return (entry id, document id)."""
    from casetracker.auth.models import User
    from casetracker.correspondence.services import record_correspondence
    from casetracker.documents.services import ingest_bytes
    from tests.privacy.conftest import _docx

    with app.app_context():
        editor = db.session.scalar(db.select(User).where(User.email == "editor@example.org"))
        r = db.session.get(InfoRequest, request_id)
        doc = ingest_bytes(_docx("Dear Someone Else, a chaser."), f"{r.reference}-chaser.docx", team=r.team,
                           info_request=r, actor=editor).document
        entry = record_correspondence(r, actor=editor, kind="other", direction="outgoing", dated=None,
                                      state="draft", document_ids=[doc.id], subject="Chaser")
        db.session.commit()
        return entry.id, doc.id


def test_a_year_after_closure_the_schedule_deletes_and_a_second_run_does_nothing(app, runner, case):
    app.config["RETENTION_MONTHS"] = YEAR
    draft_id, draft_doc = _draft_on(app, case["other"])
    close(app, case["request"])
    on = add_months(uk_today(), 12).isoformat()
    files = Path(app.config["FILES_PATH"])
    assert len(files_under(files)) == 5  # call note, letter, generated letter, unassigned email, draft letter

    before = _counts(app)
    dry = runner.invoke(args=["retention", "run", "--today", on, "--dry-run", "--json"])
    assert dry.exit_code == 0, dry.output
    assert _counts(app) == before and len(files_under(files)) == 5
    planned = [(a["record_type"], a["action"], a["object_type"], a["object_id"]) for a in json.loads(dry.output)["actions"]]

    with app.app_context():
        clocks = db.session.scalar(text("SELECT count(*) FROM request_clocks WHERE request_id = :r"),
                                   {"r": case["request"]})
    result = runner.invoke(args=["retention", "run", "--today", on, "--json"])
    assert result.exit_code == 0, result.output
    done = json.loads(result.output)
    assert done["today"] == on and done["dry_run"] is False
    actions = [(a["record_type"], a["action"], a["object_type"], a["object_id"]) for a in done["actions"]]
    assert actions[:4] == planned[:4] == [
        ("requester_details", "anonymised", "info_requests", case["request"]),
        ("closed_requests", "deleted", "info_requests", case["request"]),
        ("generated_letters", "deleted", "correspondence", draft_id),
        ("unassigned_mail", "deleted", "unassigned_messages", 1),
    ]
    # Then each stored file whose last reference went; the dry run saw the files as they were before
    # the erasure rewrote them, so only their number is the same.
    assert actions[4:] == [("files", "deleted", "stored_files", i) for i in sorted(i for *_, i in actions[4:])]
    assert len(actions) == len(planned) == 9  # 5 files: note, letter, generated letter, email, draft
    rows = done["actions"][1]["rows"]
    assert rows == {"info_requests": 1, "correspondence": 3, "correspondence_attachments": 3, "documents": 3,
                    "document_pages": 3, "request_clocks": clocks}
    assert done["actions"][2]["documents"] == [draft_doc]

    # Exactly what the schedule said is gone: the closed request, the draft, the mail; the open request stays.
    with app.app_context():
        assert list(db.session.scalars(select(InfoRequest.id))) == [case["other"]]
        assert db.session.get(InfoRequest, case["other"]).requester_name == "Someone Else"
        assert db.session.scalar(text("SELECT count(*) FROM correspondence")) == 0
        assert db.session.scalar(text("SELECT count(*) FROM documents")) == 0
        assert db.session.scalar(text("SELECT count(*) FROM unassigned_messages")) == 0
        assert db.session.scalar(text("SELECT count(*) FROM stored_files")) == 0
        assert db.session.scalar(text("SELECT count(*) FROM index_states")) == 0  # the outbox let them go
        entries = list(db.session.scalars(select(AuditEvent).where(AuditEvent.action.like("retention.%"))
                                          .order_by(AuditEvent.id)))
        assert [(e.action, e.object_type, e.object_id) for e in entries] == [
            ("retention.deleted", "info_requests", case["request"]),
            ("retention.deleted", "correspondence", draft_id),
            ("retention.deleted", "unassigned_messages", 1)] + [
            ("retention.deleted", "stored_files", i) for *_, i in actions[4:]]
        assert entries[0].summary == (f"Request {case['reference']} deleted: closed, last action "
                                      f"{uk_today().isoformat()}, kept 12 months (retention schedule)")
        assert all(NAME not in e.summary for e in entries)
        erased = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "person.erased"))
        # PostgreSQL sequences do not roll back: the dry run may have used id 1.
        assert re.match(r"Requester erased as \[erased requester E\d\] \(retention\): ", erased.summary)
    assert files_under(files) == {}
    assert _search(app, "zebrafinch") == 0
    assert _db_hits(app) == []
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        assert _bytes_hits(files_under(Path(app.config["SEARCH_INDEX_PATH"]))) == []

    after = _counts(app)
    again = runner.invoke(args=["retention", "run", "--today", on, "--json"])
    assert again.exit_code == 0, again.output
    assert json.loads(again.output) == {"today": on, "dry_run": False, "actions": []}
    assert _counts(app) == after


def test_nothing_expires_a_day_before_the_anniversary(app, runner, case):
    app.config["RETENTION_MONTHS"] = YEAR
    close(app, case["request"])
    day_before = date.fromordinal(add_months(uk_today(), 12).toordinal() - 1).isoformat()
    result = runner.invoke(args=["retention", "run", "--today", day_before])
    assert result.exit_code == 0, result.output
    assert result.output == f"Nothing has expired on {day_before}.\n"
    with app.app_context():
        assert db.session.scalar(select(func.count(InfoRequest.id))) == 2


def test_an_open_request_is_never_deleted_however_old(app, runner, case):
    app.config["RETENTION_MONTHS"] = YEAR
    result = runner.invoke(args=["retention", "run", "--today", add_months(uk_today(), 60).isoformat(), "--json"])
    assert result.exit_code == 0, result.output
    kinds = {a["record_type"] for a in json.loads(result.output)["actions"]}
    assert kinds == {"unassigned_mail", "generated_letters", "files"}  # an unsent draft goes even from an open case
    with app.app_context():
        assert db.session.get(InfoRequest, case["request"]).requester_name == NAME


def test_a_file_whose_document_was_deleted_leaves_the_disk_at_the_next_run(app, runner, actors, make_request):
    from casetracker.documents.models import Document
    from casetracker.documents.services import blob_file, delete_document, ingest_bytes

    request_id = make_request()
    with app.app_context():
        r = db.session.get(InfoRequest, request_id)
        document = ingest_bytes(b"Minutes of the board, 3 March 2022.", "minutes.txt", team=r.team,
                                info_request=r, actor=None).document
        path = blob_file(document)
        db.session.commit()
        delete_document(db.session.get(Document, document.id), actor=None)
        db.session.commit()
    assert path.exists()  # deleting a document leaves the file: other documents may share it
    result = runner.invoke(args=["retention", "run", "--json"])
    assert result.exit_code == 0, result.output
    assert [(a["record_type"], a["object_type"]) for a in json.loads(result.output)["actions"]] == [
        ("files", "stored_files")]
    assert not path.exists()
