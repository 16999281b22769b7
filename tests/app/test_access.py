"""Every page, as the four kinds of visitor: anonymous, viewer, editor, another team's user."""

from __future__ import annotations

import pytest

from casetracker.extensions import db
from tests.conftest import VISITORS, expect_status


@pytest.fixture
def objects(app, actors, make_request):
    """One request with correspondence and a document in team alpha; returns the URL parameters."""
    from datetime import date

    from casetracker.correspondence.services import record_correspondence
    from casetracker.documents.services import ingest_bytes
    from casetracker.info_requests.models import InfoRequest

    request_id = make_request()
    with app.app_context():
        r = db.session.get(InfoRequest, request_id)
        outcome = ingest_bytes(b"The minutes say working closely.", "minutes.txt", team=r.team, info_request=r, actor=None)
        entry = record_correspondence(r, actor=None, kind="acknowledgement", direction="incoming", dated=date(2022, 5, 25))
        db.session.commit()
        return {"request_id": request_id, "entry_id": entry.id, "document_id": outcome.document.id,
                "authority_id": r.authority_id}


# (url template, expected status for viewer, for editor); anonymous always goes to /login, "other" gets 404
# for alpha's objects and 200 for pages that only list what the user may see.
READ_PAGES = [
    ("/", 200, 200, 200),
    ("/requests/", 200, 200, 200),
    ("/requests/{request_id}", 200, 200, 404),
    ("/requests/{request_id}/correspondence/{entry_id}", 200, 200, 404),
    ("/requests/authorities", 200, 200, 200),
    ("/requests/{request_id}/documents", 200, 200, 404),
    ("/documents/{document_id}", 200, 200, 404),
    ("/documents/{document_id}/download", 200, 200, 404),
    ("/search?q=minutes", 200, 200, 200),
]
EDIT_PAGES = [
    "/requests/new",
    "/requests/{request_id}/edit",
    "/requests/{request_id}/correspondence/new",
    "/requests/authorities/new",
    "/requests/authorities/{authority_id}/edit",
]


@pytest.mark.parametrize("who", VISITORS)
@pytest.mark.parametrize("url,viewer,editor,other", READ_PAGES)
def test_read_pages(auth, objects, who, url, viewer, editor, other):
    auth.login(who)
    response = auth.get(url.format(**objects))
    response.close()
    expect_status(response, who, viewer=viewer, editor=editor, other=other)


@pytest.mark.parametrize("who", VISITORS)
@pytest.mark.parametrize("url", EDIT_PAGES)
def test_edit_pages(auth, objects, who, url):
    auth.login(who)
    response = auth.get(url.format(**objects))
    # Another team's objects do not exist for them; creating in their own team is allowed.
    expect_status(response, who, viewer=403, editor=200,
                  other=200 if url.endswith("/new") and "{" not in url else 404)


POSTS = [
    ("/requests/{request_id}/edit", {"title": "Changed"}),
    ("/requests/{request_id}/stages", {"ico_reference": "IC-151664-D5Q4"}),
    ("/requests/{request_id}/correspondence/new", {"kind": "response", "direction": "incoming", "dated": "2022-06-01"}),
    ("/requests/{request_id}/correspondence/{entry_id}/correct", {"kind": "response", "direction": "incoming", "dated": "2022-06-01"}),
    ("/requests/{request_id}/documents", {}),
    ("/documents/{document_id}/delete", {}),
]


@pytest.mark.parametrize("who", ["anonymous", "viewer", "other"])
@pytest.mark.parametrize("url,data", POSTS)
def test_changes_refused(app, auth, objects, who, url, data):
    from casetracker.audit.models import AuditEvent

    with app.app_context():
        before = db.session.scalar(db.select(db.func.count(AuditEvent.id)))
    auth.login(who)
    response = auth.post(url.format(**objects), data)
    expected = {"anonymous": 302, "viewer": 403, "other": 404}[who]
    assert response.status_code == expected
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(AuditEvent.id))) == before


def test_admin_page_needs_site_admin(auth, objects):
    auth.login("admin")  # alpha's team admin: the page does not exist for them
    assert auth.get("/admin/non-working-days").status_code == 404
    auth.client.post("/logout", data={"csrf_token": auth.token})
    auth.login("siteadmin")
    assert auth.get("/admin/non-working-days").status_code == 200


def test_private_request_hidden_from_teammates(app, auth, actors, make_request):
    from casetracker.info_requests.models import InfoRequest

    request_id = make_request(title="Private one", visibility="private")
    with app.app_context():
        r = db.session.get(InfoRequest, request_id)
        r.created_by_id = actors.ids["editor"]
        db.session.commit()
    auth.login("viewer")
    assert auth.get(f"/requests/{request_id}").status_code == 404
    assert "Private one" not in auth.get("/requests/").get_data(as_text=True)
