"""The index outbox: every stored document is recorded pending in its own transaction; `search check`."""

from __future__ import annotations

import json

import pytest

from casetracker.extensions import db


@pytest.fixture
def request_id(make_request):
    return make_request(title="Attendance pilot")


@pytest.fixture
def whoosh(app):
    """Use the Whoosh backend whatever the database: these tests break or inspect its index folder.

    Only Whoosh is written after the commit (so a crash in between can leave a row pending);
    the PostgreSQL backend writes the index in the data's own transaction, so on PostgreSQL
    the default backend has no such window (the other tests here check it stays clean).
    """
    app.config["SEARCH_BACKEND"] = "whoosh"


def _ingest(app, request_id, data, name):
    from casetracker.documents.services import ingest_bytes
    from casetracker.info_requests.models import InfoRequest

    with app.app_context():
        r = db.session.get(InfoRequest, request_id)
        outcome = ingest_bytes(data, name, team=r.team, info_request=r, actor=None)
        db.session.commit()
        return outcome.document.id


def _state(app, document_id):
    from casetracker.documents.outbox import IndexState

    with app.app_context():
        row = db.session.get(IndexState, document_id)
        return None if row is None else (row.state, row.generation, row.indexed_generation, row.index_writes)


def _check(runner, *args):
    result = runner.invoke(args=["search", "check", "--json", *args])
    return result.exit_code, json.loads(result.stdout.strip().splitlines()[-1])


def _found(app, word, team_id=1):
    from casetracker.documents.indexing import index_for_search

    with app.app_context():
        return [d.document_id for d in index_for_search().search(word, team_ids=[team_id]).documents]


def test_stored_document_is_indexed_once_with_its_generation(app, runner, request_id):
    document_id = _ingest(app, request_id, b"The heliotrope memo.", "memo.txt")
    assert _state(app, document_id) == ("indexed", 1, 1, 1)
    assert _check(runner) == (0, {"documents": 1, "indexed": 1, "missing": [], "stale": [], "orphans": []})


def test_crash_between_commit_and_index_write_is_reported_and_repaired(app, whoosh, runner, request_id, monkeypatch):
    from casetracker.search.index import SearchIndex

    kept = _ingest(app, request_id, b"Kept words.", "kept.txt")

    def die(self, entries):  # the process "dies" after the commit, before Whoosh is written
        raise OSError("killed")

    monkeypatch.setattr(SearchIndex, "add_pages", die)
    lost = _ingest(app, request_id, b"The marmoset briefing.", "lost.txt")
    monkeypatch.undo()
    assert _state(app, lost) == ("pending", 1, None, 0)
    assert _found(app, "marmoset") == []
    assert _check(runner) == (1, {"documents": 2, "indexed": 1, "missing": [lost], "stale": [], "orphans": []})
    result = runner.invoke(args=["search", "check", "--repair", "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"documents": 2, "indexed": 2, "missing": [], "stale": [], "orphans": []}
    assert "Repaired 1 missing, 0 stale and 0 orphaned documents." in result.stderr
    assert _found(app, "marmoset") == [lost] and _state(app, lost) == ("indexed", 1, 1, 1)
    assert kept != lost


def test_stale_and_orphaned_entries_are_found_and_repaired(app, runner, request_id):
    from casetracker.documents.models import Document, DocumentPage

    changed = _ingest(app, request_id, b"Original wording of the letter.", "letter.txt")
    gone = _ingest(app, request_id, b"The axolotl report.", "gone.txt")
    with app.app_context():  # changed and deleted behind the app's back: no outbox rows move
        db.session.add(DocumentPage(document_id=changed, number=2, text="A second page about the okapi."))
        db.session.execute(db.delete(DocumentPage).where(DocumentPage.document_id == gone))
        db.session.execute(db.delete(Document).where(Document.id == gone))
        db.session.commit()
    assert _check(runner) == (1, {"documents": 1, "indexed": 0, "missing": [], "stale": [changed], "orphans": [gone]})
    text = runner.invoke(args=["search", "check"])
    assert text.exit_code == 1
    assert text.stdout.splitlines() == ["1 documents, 0 indexed.", "missing: 0", f"stale: 1 ({changed})",
                                        f"orphans: 1 ({gone})"]
    result = runner.invoke(args=["search", "check", "--repair", "--json"])
    assert (result.exit_code, json.loads(result.stdout)["orphans"]) == (0, [])
    assert _found(app, "okapi") == [changed] and _found(app, "axolotl") == []


def test_repair_exits_1_when_something_is_left(app, whoosh, runner, request_id, monkeypatch):
    from casetracker.search.index import SearchIndex

    monkeypatch.setattr(SearchIndex, "add_pages", lambda self, entries: 0)  # writes nothing, says nothing
    lost = _ingest(app, request_id, b"The narwhal file.", "n.txt")
    code, report = _check(runner, "--repair")
    assert code == 1 and report["missing"] == [lost]


def test_a_missing_index_reports_every_document_missing(app, whoosh, runner, request_id):
    import shutil

    document_id = _ingest(app, request_id, b"The pangolin minutes.", "p.txt")
    shutil.rmtree(app.config["SEARCH_INDEX_PATH"])
    assert _check(runner) == (1, {"documents": 1, "indexed": 0, "missing": [document_id], "stale": [], "orphans": []})
    assert _check(runner, "--repair")[0] == 0
    assert _found(app, "pangolin") == [document_id]


def test_deleting_a_document_leaves_a_removing_row_until_the_index_forgets_it(app, whoosh, auth, request_id, monkeypatch):
    from casetracker.search.index import SearchIndex

    document_id = _ingest(app, request_id, b"Unique quokka words.", "q.txt")
    monkeypatch.setattr(SearchIndex, "delete_documents", lambda self, ids: (_ for _ in ()).throw(OSError("down")))
    auth.login("editor")
    assert auth.post(f"/documents/{document_id}/delete").status_code == 302
    monkeypatch.undo()
    assert _state(app, document_id)[0] == "removing"
    app.config["OUTBOX_GRACE_SECONDS"] = 0
    from casetracker.tasks.reconcile import reconcile

    with app.app_context():
        assert reconcile() == {"lapsed": 0, "unsent": 0, "outbox": 1}
    assert _state(app, document_id) is None
    assert _found(app, "quokka") == []


def test_reconciler_indexes_documents_left_pending(app, whoosh, request_id, monkeypatch):
    from casetracker.search.index import SearchIndex
    from casetracker.tasks.reconcile import reconcile

    monkeypatch.setattr(SearchIndex, "add_pages", lambda self, entries: (_ for _ in ()).throw(OSError("down")))
    document_id = _ingest(app, request_id, b"The wombat schedule.", "w.txt")
    monkeypatch.undo()
    with app.app_context():
        assert reconcile()["outbox"] == 0  # still within the grace period: the storing process may yet write it
    app.config["OUTBOX_GRACE_SECONDS"] = 0
    with app.app_context():
        assert reconcile()["outbox"] == 1
    assert _state(app, document_id) == ("indexed", 1, 1, 1)
    assert _found(app, "wombat") == [document_id]


def test_a_damaged_index_is_rebuilt_by_repair(app, whoosh, runner, request_id):
    from pathlib import Path

    document_id = _ingest(app, request_id, b"The capybara audit.", "c.txt")
    live = Path(app.config["SEARCH_INDEX_PATH"]).resolve()
    for segment in live.glob("gen-*/*.toc"):
        segment.write_bytes(b"garbage")
    result = runner.invoke(args=["search", "check", "--json"])
    assert result.exit_code == 1 and "search check --repair" in result.output
    assert _check(runner, "--repair") == (0, {"documents": 1, "indexed": 1, "missing": [], "stale": [],
                                              "orphans": []})
    assert _found(app, "capybara") == [document_id]


def test_deleting_a_document_leaves_the_index_in_step(app, auth, runner, request_id):
    """On either backend (PostgreSQL's by default on PostgreSQL), a normal delete leaves nothing to repair."""
    document_id = _ingest(app, request_id, b"Unique dugong words.", "d.txt")
    auth.login("editor")
    assert auth.post(f"/documents/{document_id}/delete").status_code == 302
    assert _state(app, document_id) is None
    assert _check(runner) == (0, {"documents": 0, "indexed": 0, "missing": [], "stale": [], "orphans": []})
    assert _found(app, "dugong") == []
