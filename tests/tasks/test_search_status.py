"""A document says it is in search only once the index holds its current pages (the outbox says so)."""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path

import pytest

from casetracker.extensions import db


@pytest.fixture
def whoosh(app):
    # PostgreSQL full-text search writes in the data's own transaction; the gap is Whoosh's.
    app.config["SEARCH_BACKEND"] = "whoosh"
    return Path(app.config["SEARCH_INDEX_PATH"])


def _break(index: Path) -> None:
    shutil.rmtree(index, ignore_errors=True)
    index.write_text("not an index")  # every write to it now fails after the commit


def _row(page: str, job_id: int) -> str:
    return re.search(rf'<tr id="job-{job_id}".*?</tr>', page, re.S).group(0)


def test_status_everywhere_follows_the_outbox(app, auth, runner, actors, make_request, whoosh, tmp_path):
    request_id = make_request(title="Zephyr contract")
    auth.login("editor")
    response = auth.post(f"/requests/{request_id}/documents",
                         {"files": [(io.BytesIO(b"Minutes about the zephyrine contract."), "a.txt")]},
                         content_type="multipart/form-data")
    assert response.status_code == 303
    status = auth.get(f"/requests/{request_id}/processing.json").get_json()
    (job,) = status["jobs"]
    assert (job["state"], job["label"], job["search"], job["open"]) == ("done", "done", "indexed", False)
    document_id = job["document_id"]
    page = auth.get(f"/documents/{document_id}").get_data(as_text=True)
    assert '<dd class="col-10" id="search-status" data-status="indexed">in search</dd>' in page

    _break(whoosh)
    # A change re-queues the document; the index write after the commit fails, the outbox row stays pending.
    assert auth.post(f"/documents/{document_id}/parties", {"sender": "Borsetshire CC", "recipient": ""}).status_code == 302

    page = auth.get(f"/documents/{document_id}").get_data(as_text=True)
    assert '<dd class="col-10" id="search-status" data-status="pending">waiting for the search index</dd>' in page
    listing = auth.get(f"/requests/{request_id}/documents").get_data(as_text=True)
    assert '<td class="search-status" data-status="pending">waiting for the search index</td>' in listing
    request_page = auth.get(f"/requests/{request_id}").get_data(as_text=True)
    assert "1 document stored but not yet in search:\n  a.txt (waiting for the search index)" in request_page
    status = auth.get(f"/requests/{request_id}/processing.json").get_json()
    assert status["open"] == 1
    (job,) = status["jobs"]
    assert (job["state"], job["label"], job["search"], job["open"]) == (
        "indexing", "indexing: stored, waiting for the search index", "pending", True)
    processing = auth.get(f"/requests/{request_id}/processing").get_data(as_text=True)
    row = _row(processing, job["id"])
    assert 'data-state="indexing"' in row and "indexing: stored, waiting for the search index" in row
    assert "1 of 1 files still being read." in processing

    with app.app_context():
        from casetracker.info_requests.models import InfoRequest

        reference = db.session.get(InfoRequest, request_id).reference
    (tmp_path / "b.txt").write_text("A second note on the zephyrine contract.")
    result = runner.invoke(args=["documents", "import", str(tmp_path / "b.txt"), "--request", reference, "--json"])
    assert result.exit_code == 0, result.output
    (imported,) = json.loads(result.stdout)
    assert (imported["status"], imported["search"]) == ("imported", "pending")

    whoosh.unlink()
    repaired = runner.invoke(args=["search", "check", "--repair", "--json"])
    assert repaired.exit_code == 0, repaired.output
    assert json.loads(repaired.stdout) == {"documents": 2, "indexed": 2, "missing": [], "stale": [], "orphans": []}

    page = auth.get(f"/documents/{document_id}").get_data(as_text=True)
    assert '<dd class="col-10" id="search-status" data-status="indexed">in search</dd>' in page
    assert "not yet in search" not in auth.get(f"/requests/{request_id}").get_data(as_text=True)
    status = auth.get(f"/requests/{request_id}/processing.json").get_json()
    assert (status["open"], status["jobs"][0]["state"], status["jobs"][0]["search"]) == (0, "done", "indexed")
    again = runner.invoke(args=["documents", "import", str(tmp_path / "b.txt"), "--request", reference, "--json"])
    assert [(row["status"], row["search"]) for row in json.loads(again.stdout)] == [("duplicate", "indexed")]


def test_status_is_derived_not_stored(app, actors, make_request):
    from casetracker.documents.constants import DocumentStatus, SearchStatus
    from casetracker.documents.outbox import shown_status

    assert shown_status(DocumentStatus.STORED, None, None, None) is SearchStatus.PENDING
    assert shown_status(DocumentStatus.INDEXED, "pending", 2, 1) is SearchStatus.PENDING
    assert shown_status(DocumentStatus.STORED, "indexed", 3, 2) is SearchStatus.PENDING
    assert shown_status(DocumentStatus.STORED, "indexed", 3, 3) is SearchStatus.INDEXED
    assert shown_status(DocumentStatus.STORED, "removing", 3, 3) is SearchStatus.REMOVING
    assert shown_status(DocumentStatus.FAILED, None, None, None) is SearchStatus.FAILED
