"""Search through the app counts only what the user may open: a teammate's private request (issue 10)."""

from __future__ import annotations

import re

import pytest

from casetracker.extensions import db


@pytest.fixture
def private_case(app, actors, make_request):
    """An open request with one DPIA document, and the editor's private request with two."""
    from casetracker.auth.models import User
    from casetracker.documents.services import ingest_bytes
    from casetracker.info_requests.models import InfoRequest
    from casetracker.info_requests.services import update_request

    open_id = make_request(title="Open one", authority="Home Office")
    private_id = make_request(title="Private one", authority="Wonde Ltd")
    with app.app_context():
        editor = db.session.get(User, actors.ids["editor"])
        private = db.session.get(InfoRequest, private_id)
        private.created_by_id = editor.id
        db.session.flush()
        update_request(private, actor=editor, visibility="private")
        for request_id, name in [(open_id, "open.txt"), (private_id, "secret-1.txt"), (private_id, "secret-2.txt")]:
            r = db.session.get(InfoRequest, request_id)
            ingest_bytes(f"The DPIA for {name}.".encode(), name, team=r.team, info_request=r, actor=editor)
        db.session.commit()
    return open_id, private_id


def _count(html: str) -> str:
    return re.search(r'<p class="text-muted">(\d+ documents?)', html).group(1)


def test_a_teammate_sees_neither_hits_nor_counts_of_a_private_request(auth, private_case):
    auth.login("viewer")
    html = auth.get("/search?q=DPIA").get_data(as_text=True)

    assert _count(html) == "1 document"
    assert "Wonde Ltd" not in html and "secret" not in html
    assert "Home Office" in html


def test_the_creator_sees_and_counts_their_private_request(auth, private_case):
    auth.login("editor")
    html = auth.get("/search?q=DPIA").get_data(as_text=True)

    assert _count(html) == "3 documents"
    assert "Wonde Ltd" in html


def test_making_a_request_private_later_hides_its_pages_at_once(app, actors, make_request):
    from casetracker.auth.models import User
    from casetracker.documents.indexing import index_for_search
    from casetracker.documents.services import ingest_bytes
    from casetracker.info_requests.models import InfoRequest
    from casetracker.info_requests.services import update_request

    request_id = make_request(title="Later private")
    with app.app_context():
        editor = db.session.get(User, actors.ids["editor"])
        r = db.session.get(InfoRequest, request_id)
        r.created_by_id = editor.id
        ingest_bytes(b"Board minutes on Wonde.", "minutes.txt", team=r.team, info_request=r, actor=editor)
        db.session.commit()
        team = [actors.team_ids["alpha"]]
        viewer = actors.ids["viewer"]
        assert index_for_search().search("Wonde", team_ids=team, viewer_id=viewer).total_documents == 1

        update_request(db.session.get(InfoRequest, request_id), actor=editor, visibility="private")
        db.session.commit()

        assert index_for_search().search("Wonde", team_ids=team, viewer_id=viewer).total_documents == 0
        assert index_for_search().search("Wonde", team_ids=team, viewer_id=editor.id).total_documents == 1
