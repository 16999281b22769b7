"""`requesters erase` leaves the person nowhere: no table, index, file or letter; the trail says it happened."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from docx import Document as DocxDocument
from sqlalchemy import inspect, select, text

from casetracker.audit.models import AuditEvent
from casetracker.extensions import db
from casetracker.info_requests.models import InfoRequest
from tests.privacy.conftest import EMAIL, NAME, NEEDLES, close, files_under


def _db_hits(app) -> list[str]:
    """Return "table.column" for every value in every column of every table that holds a needle."""
    hits = []
    with app.app_context():
        inspector = inspect(db.session.connection())
        for table in inspector.get_table_names():
            columns = [c["name"] for c in inspector.get_columns(table)]
            quoted = ", ".join(f'CAST("{c}" AS TEXT)' for c in columns)
            for row in db.session.execute(text(f'SELECT {quoted} FROM "{table}"')):
                for column, value in zip(columns, row):
                    lowered = (value or "").lower()
                    hits += [f"{table}.{column}" for needle in NEEDLES if needle.lower() in lowered]
    return sorted(set(hits))


def _bytes_hits(files: dict[str, bytes]) -> list[str]:
    """Return the files whose bytes, or any member of a zip, hold a needle."""
    hits = []
    for name, data in files.items():
        blobs = [data]
        if data[:2] == b"PK":
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                blobs += [archive.read(member) for member in archive.namelist()]
        if any(needle.lower().encode() in blob.lower() for blob in blobs for needle in NEEDLES):
            hits.append(name)
    return hits


def _search(app, words: str) -> int:
    from casetracker.documents.indexing import index_for_search

    with app.app_context():
        return index_for_search().search(words, team_ids=[1, 2], viewer_id=None).total_documents


def test_erase_refuses_while_a_request_is_open_and_changes_nothing(app, runner, case):
    result = runner.invoke(args=["requesters", "erase", EMAIL.upper(), "--json"])
    assert result.exit_code == 2
    assert f"request {case['reference']} (responded) is still open" in result.output
    assert "UK GDPR Art 17(3)(b) and (e)" in result.output
    with app.app_context():
        assert db.session.get(InfoRequest, case["request"]).requester_name == NAME
        assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "person.erased")) is None


def test_erase_of_an_unknown_address_says_nothing_is_held(runner, case):
    result = runner.invoke(args=["requesters", "erase", "nobody@example.net"])
    assert result.exit_code == 1
    assert "Nothing is held about nobody@example.net." in result.output


def test_after_erasure_no_table_index_file_or_letter_holds_the_person(app, runner, case):
    assert _search(app, "quennell") >= 1 and _db_hits(app)  # the fixture really holds them
    close(app, case["request"])
    result = runner.invoke(args=["requesters", "erase", EMAIL, "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["pseudonym"] == "[erased requester E1]"
    assert report["requests"] == [case["reference"]]
    assert report["files_rewritten"] == 4  # the call note, the letter, the generated letter, the unassigned email
    assert report["documents_removed"] == [] and report["mail_removed"] == 0
    assert report["audit_entries"] >= 1
    assert report["rows"]["info_requests.requester_name"] == 1

    assert _db_hits(app) == []
    assert _bytes_hits(files_under(Path(app.config["FILES_PATH"]))) == []
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        assert _bytes_hits(files_under(Path(app.config["SEARCH_INDEX_PATH"]))) == []
    assert _search(app, "quennell") == 0
    assert _search(app, "zebrafinch") == 2  # the documents are still there, without her

    with app.app_context():
        from casetracker.documents.models import Document
        from casetracker.documents.services import blob_file

        letter = db.session.get(Document, case["letter"])
        docx = DocxDocument(io.BytesIO(blob_file(letter).read_bytes()))
        assert [p.text for p in docx.paragraphs] == ["Dear [requester], we acknowledge your zebrafinch request."]
        assert docx.core_properties.author == ""
        assert not blob_file(letter).with_name(case["letter_sha"]).exists()
        generated = db.session.get(Document, case["generated_document"])
        paragraphs = [p.text for p in DocxDocument(io.BytesIO(blob_file(generated).read_bytes())).paragraphs]
        assert "[requester]" in paragraphs  # the signature, once her name
        assert not [p for p in paragraphs if any(n.lower() in p.lower() for n in NEEDLES)]
        request = db.session.get(InfoRequest, case["request"])
        assert (request.requester_name, request.requester_email, request.requester_address) == (
            "[erased requester E1]", "", "")
        erased = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "person.erased"))
        assert erased.actor_label.startswith("command line (")
        assert erased.object_type == "erasures" and erased.object_id == 1
        assert erased.summary.startswith("Requester erased as [erased requester E1] (request): ")
        legacy = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "request.legacy"))
        assert legacy.summary == "Requester [erased requester E1] ([erased requester E1]) added"
        assert legacy.after == {"requester_address": "[erased requester E1]\n[erased requester E1]"}
        # The someone-else request is untouched.
        assert db.session.get(InfoRequest, case["other"]).requester_name == "Someone Else"


def test_export_writes_every_datum_and_the_files(app, runner, case, tmp_path):
    out = tmp_path / "export"
    result = runner.invoke(args=["requesters", "export", EMAIL, "--out", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads((out / "person.json").read_text())
    assert data["email"] == EMAIL
    assert data["legal_basis"] == "UK GDPR Art 15 (right of access) and Art 20 (portability)"
    assert [r["requester_name"] for r in data["requests"]] == [NAME]
    assert data["requests"][0]["requester_address"] == "12 Acacia Avenue\nBorchester BC1 2AB"
    assert [e["subject"] for e in data["correspondence"]] == [
        "Attendance data", "Your request", "Freedom of Information request: School attendance data"]
    assert sorted(d["filename"] for d in data["documents"]) == [
        f"{case['reference']}-acknowledgement.docx", f"{case['reference']}-foi-request-2022-05-23.docx",
        "call-note.txt"]
    assert [m["sender"] for m in data["unassigned_mail"]] == [f"{NAME} <{EMAIL}>"]
    assert "request.legacy" in [a["action"] for a in data["audit_entries"]]
    assert sorted(p.name for p in (out / "files").iterdir()) == [
        f"{case['note']}-call-note.txt", f"{case['letter']}-{case['reference']}-acknowledgement.docx",
        f"{case['generated_document']}-{case['reference']}-foi-request-2022-05-23.docx", "mail-1.eml"]
    assert result.output.startswith("Exported 1 requests, 3 correspondence entries, 3 documents, ")


def test_someone_known_only_from_mail_waiting_to_be_assigned_is_erased_too(app, runner, actors):
    from casetracker.auth.models import Team
    from casetracker.mail.models import UnassignedMessage
    from casetracker.mail.services import import_mail_file
    from tests.privacy.conftest import _eml

    with app.app_context():
        team = db.session.scalar(select(Team).where(Team.name == "alpha"))
        import_mail_file(_eml("Hello", f"I am {NAME}."), "stray.eml", team=team, actor=None)
        db.session.commit()
    result = runner.invoke(args=["requesters", "erase", EMAIL, "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert (report["requests"], report["files_rewritten"]) == ([], 1)
    assert report["rows"] == {"unassigned_messages.sender": 1}
    with app.app_context():
        assert db.session.scalar(select(UnassignedMessage.sender)) == "[erased requester E1] <[erased requester E1]>"
    assert _db_hits(app) == []
    assert _bytes_hits(files_under(Path(app.config["FILES_PATH"]))) == []
