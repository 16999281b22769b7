"""Every letter page, as the four kinds of visitor: anonymous, viewer, editor, another team's user."""

from __future__ import annotations

import io

import pytest

from casetracker.auth.models import Team
from casetracker.extensions import db
from casetracker.letters.models import LetterTemplate
from casetracker.letters.services import upload_template
from tests.conftest import VISITORS, expect_status
from tests.letters.test_letters_team_templates import make_template

LETTERHEAD = make_template(["{{ today }}", "{{p letter_body }}"], header=["{{ authority.name }}"])


@pytest.fixture
def objects(app, actors, make_request):
    """A request and a letter template in team alpha; returns the URL parameters."""
    from datetime import date

    request_id = make_request(requester_name="Jo Bloggs", sent_on=date(2022, 5, 24))
    with app.app_context():
        alpha = db.session.get(Team, actors.team_ids["alpha"])
        template = upload_template(alpha, actor=None, name="Alpha letterhead", kind=None,
                                   filename="alpha.docx", data=LETTERHEAD)
        db.session.commit()
        return {"request_id": request_id, "template_id": template.id}


# (url, status for viewer, editor, other); anonymous always goes to /login.
PAGES = [
    ("/requests/{request_id}/letters", 403, 200, 404),
    ("/requests/{request_id}/letters/chaser", 403, 200, 404),
    ("/requests/{request_id}/letters/refusal-notice", 403, 404, 404),  # a requester team writes no refusal
    ("/requests/{request_id}/letters/not-a-kind", 403, 404, 404),
    ("/letters/templates", 200, 200, 200),
    ("/letters/templates/{template_id}/download", 200, 200, 404),
]


@pytest.mark.parametrize("who", VISITORS)
@pytest.mark.parametrize("url,viewer,editor,other", PAGES)
def test_pages(auth, objects, who, url, viewer, editor, other):
    auth.login(who)
    response = auth.get(url.format(**objects))
    response.close()
    expect_status(response, who, viewer=viewer, editor=editor, other=other)


def test_template_download_is_an_attachment_never_a_page(auth, objects):
    auth.login("viewer")
    response = auth.get("/letters/templates/{template_id}/download".format(**objects))
    assert response.data == LETTERHEAD
    assert response.headers["Content-Disposition"] == "attachment; filename=alpha.docx"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("who,status", [("anonymous", 302), ("viewer", 403), ("editor", 302), ("other", 404)])
def test_generate(app, auth, objects, who, status):
    auth.login(who)
    response = auth.post("/requests/{request_id}/letters/chaser".format(**objects), {
        "today": "2022-06-28", "request__title": "Minutes", "request__regime": "foia",
        "request__sent": "2022-05-24", "authority__name": "Department for Education",
        "requester__name": "Jo Bloggs", "template": "", "generate": "Generate .docx",
    })
    assert response.status_code == status
    if who == "editor":
        assert "/correspondence/" in response.headers["Location"]
    elif who == "anonymous":
        assert "/login" in response.headers["Location"]


@pytest.mark.parametrize("who,status", [("anonymous", 302), ("viewer", 403), ("editor", 302), ("other", 302)])
def test_upload(app, auth, actors, objects, who, status):
    auth.login(who)
    response = auth.post("/letters/templates", {
        "name": "Another", "kind": "", "file": (io.BytesIO(LETTERHEAD), "another.docx")})
    assert response.status_code == status
    with app.app_context():
        teams = list(db.session.scalars(db.select(LetterTemplate.team_id).where(LetterTemplate.name == "Another")))
    # Another team's editor uploads into their own team.
    expected = {"editor": [actors.team_ids["alpha"]], "other": [actors.team_ids["beta"]]}.get(who, [])
    assert teams == expected


@pytest.mark.parametrize("who,status", [("anonymous", 302), ("viewer", 403), ("editor", 302), ("other", 404)])
def test_delete(app, auth, objects, who, status):
    auth.login(who)
    response = auth.post("/letters/templates/{template_id}/delete".format(**objects))
    assert response.status_code == status
    with app.app_context():
        assert (db.session.get(LetterTemplate, objects["template_id"]) is None) == (who == "editor")


def test_other_team_sees_only_its_own_templates(auth, objects):
    auth.login("other")
    html = auth.get("/letters/templates").get_data(as_text=True)
    assert "Alpha letterhead" not in html
    assert "No templates yet" in html
