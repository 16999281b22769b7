"""`from:` and `to:`: who wrote a document, beside the request's authority (issue 13)."""

from __future__ import annotations

from email.message import EmailMessage

import pytest

from casetracker.extensions import db

DFE_EMAIL = "Department for Education <foi.requests@education.gov.uk>"


def _email() -> bytes:
    message = EmailMessage()
    message["From"] = DFE_EMAIL
    message["To"] = "Jane Requester <jane@example.org>"
    message["Subject"] = "Your complaint about the census"
    message["Date"] = "Tue, 8 Feb 2022 10:00:00 +0000"
    message.set_content("We completed the impact assessment before the collection began.")
    return message.as_bytes()


def _search(app, text, actors):
    from casetracker.documents.indexing import index_for_search

    with app.app_context():
        results = index_for_search().search(text, team_ids=[actors.team_ids["alpha"]],
                                            viewer_id=actors.ids["editor"])
        return {hit.document_id: (hit.sender, hit.recipient) for hit in results.documents}


@pytest.fixture
def ico_case(app, actors, make_request):
    """A request to the ICO holding the DfE's own email and a released letter."""
    from casetracker.documents.services import ingest_bytes
    from casetracker.info_requests.models import InfoRequest

    request_id = make_request(title="Complaint", authority="Information Commissioner's Office",
                              requester_name="Jane Requester")
    with app.app_context():
        r = db.session.get(InfoRequest, request_id)
        email = ingest_bytes(_email(), "dfe.eml", team=r.team, info_request=r, actor=None).document.id
        letter = ingest_bytes(b"Our decision on the assessment.", "decision.txt", team=r.team, info_request=r,
                              actor=None).document.id
        db.session.commit()
    return email, letter


def test_from_finds_the_dfe_email_filed_on_a_request_to_the_ico(app, actors, ico_case):
    email, letter = ico_case

    assert _search(app, 'from:"Department for Education"', actors) == {
        email: ("Department for Education", "Jane Requester")}
    assert _search(app, 'from:"Department for Education" assessment', actors) == {
        email: ("Department for Education", "Jane Requester")}
    assert _search(app, 'authority:"Department for Education" assessment', actors) == {}


def test_a_release_on_a_request_is_from_its_authority_to_the_requester(app, actors, ico_case):
    email, letter = ico_case

    assert _search(app, 'from:"Information Commissioner\'s Office"', actors) == {
        letter: ("Information Commissioner's Office", "Jane Requester")}
    assert set(_search(app, "to:jane", actors)) == {email, letter}


def test_an_editor_sets_from_on_the_document_page_and_search_follows(app, auth, actors, ico_case):
    _, letter = ico_case
    auth.login("editor")
    page = auth.get(f"/documents/{letter}").get_data(as_text=True)
    assert f'action="/documents/{letter}/parties"' in page

    response = auth.post(f"/documents/{letter}/parties", data={"sender": "Wonde Ltd", "recipient": ""})

    assert response.status_code == 302
    assert _search(app, 'from:wonde', actors) == {letter: ("Wonde Ltd", "Jane Requester")}
    assert _search(app, 'from:"Information Commissioner\'s Office"', actors) == {}


@pytest.mark.parametrize(("who", "status"), [("viewer", 403), ("other", 404)])
def test_viewers_and_other_teams_cannot_set_from(app, auth, actors, ico_case, who, status):
    _, letter = ico_case
    auth.login(who)

    assert auth.post(f"/documents/{letter}/parties", data={"sender": "Forged"}).status_code == status
    assert _search(app, "from:forged", actors) == {}


def test_an_over_long_from_is_refused_with_a_message(app, auth, actors, ico_case):
    _, letter = ico_case
    auth.login("editor")

    response = auth.post(f"/documents/{letter}/parties", data={"sender": "x" * 501}, follow_redirects=True)

    assert "From and To must be 500 characters or fewer." in response.get_data(as_text=True)
