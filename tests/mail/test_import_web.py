"""The mail pages, as the four kinds of visitor, and uploading and assigning through them."""

from __future__ import annotations

import io

import pytest

from casetracker.extensions import db
from tests.conftest import VISITORS, expect_status
LOST = (b"From: FOI Team <foi@council.gov.uk>\r\nTo: ann@example.org\r\nSubject: Parking fines data\r\n"
        b"Date: Fri, 14 Jan 2022 16:30:00 +0000\r\nMessage-ID: <lost@council.gov.uk>\r\n\r\nHere it is.\r\n")


@pytest.fixture
def objects(app, actors, make_request):
    """A request in team alpha and an email of alpha waiting to be assigned; returns the URL parameters."""
    from casetracker.auth.models import Team
    from casetracker.mail.services import import_mail_file

    request_id = make_request(title="Parking fines")
    with app.app_context():
        alpha = db.session.scalar(db.select(Team).where(Team.name == "alpha"))
        (outcome,) = import_mail_file(LOST, "lost.eml", team=alpha, actor=None)
        db.session.commit()
        return {"request_id": request_id, "message_id": outcome.unassigned_id}


def audit_count() -> int:
    from casetracker.audit.models import AuditEvent

    return db.session.scalar(db.select(db.func.count(AuditEvent.id)))


# (url, viewer, editor, other); anonymous always goes to /login.
PAGES = [
    ("/requests/{request_id}/mail", 403, 200, 404),
    ("/mail/import", 403, 200, 200),
    ("/mail/unassigned", 200, 200, 200),
    ("/mail/unassigned/{message_id}/download", 200, 200, 404),
]


@pytest.mark.parametrize("who", VISITORS)
@pytest.mark.parametrize("url,viewer,editor,other", PAGES)
def test_pages(auth, objects, who, url, viewer, editor, other):
    auth.login(who)
    response = auth.get(url.format(**objects))
    expect_status(response, who, viewer=viewer, editor=editor, other=other)


@pytest.mark.parametrize("who,listed", [("viewer", True), ("editor", True), ("other", False)])
def test_the_list_to_assign_shows_only_the_users_teams_and_forms_only_to_editors(auth, objects, who, listed):
    auth.login(who)
    html = auth.get("/mail/unassigned").get_data(as_text=True)
    assert ("Parking fines data" in html) is listed
    assert (f'action="/mail/unassigned/{objects["message_id"]}/assign"' in html) is (who == "editor")


POSTS = [
    ("/requests/{request_id}/mail", {"files": "LOST"}),
    ("/mail/unassigned/{message_id}/assign", {"request_id": "{request_id}"}),
]


@pytest.mark.parametrize("who", ["anonymous", "viewer", "other"])
@pytest.mark.parametrize("url,data", POSTS)
def test_changes_refused(app, auth, objects, who, url, data):
    with app.app_context():
        before = audit_count()
    auth.login(who)
    data = {k: (io.BytesIO(LOST), "lost.eml") if v == "LOST" else v.format(**objects) for k, v in data.items()}
    response = auth.post(url.format(**objects), data)
    assert response.status_code == {"anonymous": 302, "viewer": 403, "other": 404}[who]
    with app.app_context():
        assert audit_count() == before


def test_team_import_refused_to_a_viewer_and_lands_in_the_other_users_own_team(app, auth, actors, objects):
    from casetracker.mail.models import UnassignedMessage

    auth.login("viewer")
    assert auth.post("/mail/import", {"files": (io.BytesIO(LOST), "lost.eml")}).status_code == 403
    auth.client.post("/logout", data={"csrf_token": auth.token})
    auth.login("other")
    response = auth.post("/mail/import", {"team_id": str(actors.team_ids["beta"]), "files": (io.BytesIO(LOST), "lost.eml")})
    assert (response.status_code, response.headers["Location"]) == (303, f"/teams/{actors.team_ids['beta']}/processing")
    html = auth.get(response.headers["Location"]).get_data(as_text=True)
    assert 'data-status="unassigned"' in html
    with app.app_context():
        assert sorted(m.team_id for m in db.session.scalars(db.select(UnassignedMessage))) == sorted(actors.team_ids.values())


def test_request_page_links_to_the_mail_upload(auth, objects):
    auth.login("editor")
    html = auth.get(f"/requests/{objects['request_id']}").get_data(as_text=True)
    assert f'href="/requests/{objects["request_id"]}/mail"' in html
    assert 'href="/mail/unassigned"' in html


def test_upload_several_files_into_a_request_shows_each_result(app, auth, objects, shared_file):
    eml = shared_file("alaveteli/dos-linebreaks.eml")
    msg = shared_file("ingest-file/piste.msg")
    url = f"/requests/{objects['request_id']}/mail"
    auth.login("editor")

    response = auth.post(url, {"files": [(io.BytesIO(eml.read_bytes()), eml.name), (io.BytesIO(msg.read_bytes()), msg.name),
                                         (io.BytesIO(b"%PDF-1.4"), "letter.pdf"), (io.BytesIO(LOST), "lost.eml")]},
                         follow_redirects=True)

    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "4 email files queued; each is imported in the background." in html
    assert html.count('data-status="imported"') == 3
    assert html.count('data-status="failed"') == 1
    assert "letter.pdf is not an email file: expected an .eml message, an mbox mailbox or an Outlook .msg file." in html
    assert html.count("done: 1 imported, 0 already there, 0 to assign, 0 failed") == 3
    assert "Ab auf die Piste!" in html
    with app.app_context():
        from casetracker.correspondence.models import Correspondence
        from casetracker.mail.models import UnassignedMessage

        assert db.session.scalar(db.select(db.func.count(Correspondence.id))) == 3
        # Filed into the request by hand, the kept copy is no longer waiting to be assigned.
        assert db.session.scalar(db.select(db.func.count(UnassignedMessage.id))) == 0

    again = auth.post(url, {"files": [(io.BytesIO(eml.read_bytes()), eml.name)]}, follow_redirects=True).get_data(as_text=True)
    assert "done: 0 imported, 1 already there, 0 to assign, 0 failed" in again


def test_upload_without_files_is_a_form_error(auth, objects):
    auth.login("editor")
    response = auth.post(f"/requests/{objects['request_id']}/mail", {})
    assert response.status_code == 422
    assert "Choose at least one .eml, .mbox or .msg file." in response.get_data(as_text=True)


def test_assign_without_a_choice_or_to_another_teams_request(app, auth, objects, make_request):
    beta_request = make_request(team="beta", title="Beta's")
    url = f"/mail/unassigned/{objects['message_id']}/assign"
    auth.login("editor")

    empty = auth.post(url, {"request_id": "0"})
    foreign = auth.post(url, {"request_id": str(beta_request)})

    assert empty.status_code == 422
    assert "Choose a request." in empty.get_data(as_text=True)
    assert foreign.status_code == 422
    assert "Not a valid choice." in foreign.get_data(as_text=True)
    with app.app_context():
        from casetracker.mail.models import UnassignedMessage

        assert db.session.get(UnassignedMessage, objects["message_id"]) is not None


def test_assign_a_message_already_on_a_request_only_clears_it(app, auth, objects):
    from casetracker.mail.models import UnassignedMessage

    with app.app_context():
        from casetracker.info_requests.models import InfoRequest
        from casetracker.mail.services import import_mail_file

        r = db.session.get(InfoRequest, objects["request_id"])
        (outcome,) = import_mail_file(LOST, "lost.eml", team=r.team, info_request=r, actor=None)
        assert outcome.status == "imported"
        # Filed by hand, the waiting copy went; put it back to assign it a second time.
        from casetracker.documents.models import StoredFile
        from casetracker.documents.storage import sha256_of

        stored = db.session.scalar(db.select(StoredFile).where(StoredFile.sha256 == sha256_of(LOST)))
        kept = UnassignedMessage(team_id=r.team_id, stored_file_id=stored.id, filename="lost.eml", subject="Parking fines data",
                                 message_id="lost@council.gov.uk")
        db.session.add(kept)
        db.session.commit()
        kept_id, reference = kept.id, r.reference
    auth.login("editor")

    response = auth.post(f"/mail/unassigned/{kept_id}/assign", {"request_id": str(objects["request_id"])}, follow_redirects=True)

    assert f"Email assigned to {reference}: duplicate. It was already on {reference}." in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(UnassignedMessage, kept_id) is None


def test_team_import_by_an_editor_matches_a_mailbox_read_as_a_stream(app, auth, actors, objects):
    with app.app_context():
        from casetracker.info_requests.models import InfoRequest

        reference = db.session.get(InfoRequest, objects["request_id"]).reference
    mbox = (b"From ann@example.org Mon Jan 10 09:00:00 2022\nFrom: ann@example.org\nSubject: FOI " + reference.encode()
            + b"\nMessage-ID: <q@example.org>\nDate: Mon, 10 Jan 2022 09:00:00 +0000\n\nMy request.\n\n"
            b"From foi@council.gov.uk Fri Jan 14 16:30:00 2022\nFrom: foi@council.gov.uk\nSubject: RE: FOI\n"
            b"In-Reply-To: <q@example.org>\nMessage-ID: <a@council.gov.uk>\nDate: Fri, 14 Jan 2022 16:30:00 +0000\n\n"
            b"We acknowledge your request.\n")
    auth.login("editor")

    response = auth.post("/mail/import", {"team_id": str(actors.team_ids["alpha"]), "files": (io.BytesIO(mbox), "thread.mbox")},
                         follow_redirects=True)

    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert html.count('data-status="imported"') == 2
    assert f"Matched by reference {reference}." in html
    assert "Matched by reply to &lt;q@example.org&gt;." in html


def test_team_import_needs_a_login(auth, objects):
    response = auth.post("/mail/import", {"files": (io.BytesIO(LOST), "lost.eml")})
    assert response.status_code == 302 and "/login" in response.headers["Location"]
