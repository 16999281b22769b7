"""Every evidence URL, as the four kinds of visitor: anonymous, viewer, editor, another team's user."""

from __future__ import annotations

import pytest

from casetracker.extensions import db
from tests.conftest import VISITORS, expect_status


@pytest.fixture
def objects(app, actors, make_request):
    """A request in team alpha with a document, two events and a claim; returns the URL parameters."""
    from casetracker.documents.services import ingest_bytes
    from casetracker.evidence.fuzzy_dates import FuzzyDate
    from casetracker.evidence.services import record_claim, record_event
    from casetracker.info_requests.models import InfoRequest

    request_id = make_request()
    with app.app_context():
        r = db.session.get(InfoRequest, request_id)
        text = b"The board met on 3 May 2022. The minutes say the department was working closely with the ICO."
        document = ingest_bytes(text, "minutes.txt", team=r.team, info_request=r, actor=None).document
        event = record_event(r, actor=None, title="Alpha's secret board meeting", date=FuzzyDate(2022, 5, 3))
        second = record_event(r, actor=None, title="Minutes published", date=FuzzyDate(2022, 6))
        claim = record_claim(r, actor=None, text="The ICO approved the plan.")
        db.session.commit()
        return {"request_id": request_id, "document_id": document.id, "event_id": event.id,
                "second_event_id": second.id, "claim_id": claim.id}


# (url template, expected status for viewer, editor, other); anonymous always goes to /login.
READ_PAGES = [
    ("/requests/{request_id}/chronology", 200, 200, 404),
    ("/chronology", 200, 200, 200),
    ("/requests/{request_id}/chronology.docx", 200, 200, 404),
    ("/requests/{request_id}/chronology.csv", 200, 200, 404),
    ("/documents/{document_id}/dates", 200, 200, 404),
]
EDIT_PAGES = [
    "/requests/{request_id}/claims/new",
    "/requests/{request_id}/events/new",
    "/requests/{request_id}/assertions/new",
    "/requests/{request_id}/events/{event_id}/date",
    "/documents/{document_id}/pages/1/evidence",
]
POSTS = [
    ("/requests/{request_id}/claims/new", {"text": "We consulted the ICO."}),
    ("/requests/{request_id}/events/new", {"title": "Collection began", "date": "2022-02-07"}),
    ("/requests/{request_id}/assertions/new", {"title": "Met before publishing", "first_event_id": "{event_id}",
                                               "relation": "before", "second_event_id": "{second_event_id}"}),
    ("/requests/{request_id}/events/{event_id}/date", {"date": "2022-05-04"}),
    ("/documents/{document_id}/pages/1/evidence", {"quote": "working closely with the ICO", "stance": "supports"}),
    ("/documents/{document_id}/dates/events", {"page": "1", "start": "17"}),
]


def _fill(data: dict, objects: dict) -> dict:
    return {key: value.format(**objects) for key, value in data.items()}


@pytest.mark.parametrize("who", VISITORS)
@pytest.mark.parametrize("url,viewer,editor,other", READ_PAGES)
def test_read_pages(auth, objects, who, url, viewer, editor, other):
    auth.login(who)
    response = auth.get(url.format(**objects))
    expect_status(response, who, viewer=viewer, editor=editor, other=other)


def test_another_team_s_chronology_shows_none_of_alpha_s_events(auth, objects):
    auth.login("other")
    page = auth.get("/chronology").get_data(as_text=True)
    assert "Alpha&#39;s secret board meeting" not in page and "secret board meeting" not in page
    auth.client.post("/logout", data={"csrf_token": auth.token})
    auth.login("viewer")
    assert "Alpha&#39;s secret board meeting" in auth.get("/chronology").get_data(as_text=True)


@pytest.mark.parametrize("who", VISITORS)
@pytest.mark.parametrize("url", EDIT_PAGES)
def test_edit_pages(auth, objects, who, url):
    auth.login(who)
    response = auth.get(url.format(**objects))
    expect_status(response, who, viewer=403, editor=200, other=404)


@pytest.mark.parametrize("who", ["anonymous", "viewer", "other"])
@pytest.mark.parametrize("url,data", POSTS)
def test_changes_refused(app, auth, objects, who, url, data):
    from casetracker.audit.models import AuditEvent

    with app.app_context():
        before = db.session.scalar(db.select(db.func.count(AuditEvent.id)))
    auth.login(who)
    response = auth.post(url.format(**objects), _fill(data, objects))
    assert response.status_code == {"anonymous": 302, "viewer": 403, "other": 404}[who]
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(AuditEvent.id))) == before


@pytest.mark.parametrize("url,data", POSTS)
def test_changes_allowed_for_an_editor(app, auth, objects, url, data):
    from casetracker.audit.models import AuditEvent

    with app.app_context():
        before = db.session.scalar(db.select(db.func.count(AuditEvent.id)))
    auth.login("editor")
    response = auth.post(url.format(**objects), _fill(data, objects))
    assert response.status_code == 302, response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(AuditEvent.id))) > before


def test_a_private_request_s_chronology_is_hidden_from_teammates(app, auth, actors, make_request):
    from casetracker.evidence.fuzzy_dates import FuzzyDate
    from casetracker.evidence.services import record_event
    from casetracker.info_requests.models import InfoRequest

    request_id = make_request(title="Private one", visibility="private")
    with app.app_context():
        r = db.session.get(InfoRequest, request_id)
        r.created_by_id = actors.ids["editor"]
        record_event(r, actor=None, title="Private meeting", date=FuzzyDate(2022, 1, 5))
        db.session.commit()
    auth.login("viewer")
    assert auth.get(f"/requests/{request_id}/chronology").status_code == 404
    assert auth.get(f"/requests/{request_id}/chronology.docx").status_code == 404
    assert "Private meeting" not in auth.get("/chronology").get_data(as_text=True)
    auth.client.post("/logout", data={"csrf_token": auth.token})
    auth.login("editor")
    assert "Private meeting" in auth.get("/chronology").get_data(as_text=True)
