"""Team administration in the browser: one-time invitation links, roles, removal; all audited."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from casetracker.audit.models import AuditEvent
from casetracker.auth.models import Membership, User
from casetracker.extensions import db
from tests.conftest import PASSWORD, VISITORS, AuthClient, expect_status


def _invite(auth, team_id, email="new@example.org", role="editor"):
    response = auth.post(f"/teams/{team_id}/members", {"email": email, "role": role})
    link = BeautifulSoup(response.get_data(as_text=True), "html.parser").select_one("#invitation-link code")
    return response, link.text if link else None


def _actions(app) -> list[str]:
    with app.app_context():
        return [e.action for e in db.session.scalars(db.select(AuditEvent).order_by(AuditEvent.id))]


def test_invitation_link_works_once(auth, client, app, actors):
    auth.login("admin")
    response, link = _invite(auth, actors.team_ids["alpha"])
    assert response.status_code == 200 and link.startswith("http://localhost/invitations/")
    path = link.removeprefix("http://localhost")
    auth.client.post("/logout", data={"csrf_token": auth.token})
    page = client.get(path)
    assert page.status_code == 200 and "You are invited as editor (new@example.org)" in page.get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page.get_data(as_text=True)).group(1)
    short = client.post(path, data={"csrf_token": token, "name": "New Person", "password": "short"})
    assert short.status_code == 422 and "at least 12 characters" in short.get_data(as_text=True)
    joined = client.post(path, data={"csrf_token": token, "name": "New Person", "password": PASSWORD})
    assert joined.status_code == 302
    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.email == "new@example.org"))
        assert (user.name, user.role_in(actors.team_ids["alpha"])) == ("New Person", "editor")
    assert client.get(path).status_code == 404  # used once
    assert [a for a in _actions(app) if a != "user.sessions_ended"][-3:] == [
        "team.member_invited", "user.created", "team.member_joined"]


def test_existing_user_must_log_in_to_accept(auth, client, app, actors):
    auth.login("admin")
    _, link = _invite(auth, actors.team_ids["alpha"], email="other@example.org", role="viewer")
    path = link.removeprefix("http://localhost")
    auth.client.post("/logout", data={"csrf_token": auth.token})
    html = client.get(path).get_data(as_text=True)
    assert "Log in as other@example.org" in html and 'name="password"' not in html
    auth.login("other")
    token = auth._fetch_token(path)
    assert auth.client.post(path, data={"csrf_token": token}).status_code == 302
    with app.app_context():
        assert db.session.get(User, actors.ids["other"]).role_in(actors.team_ids["alpha"]) == "viewer"


def test_change_role_and_keep_one_admin(auth, app, actors):
    auth.login("admin")
    team = actors.team_ids["alpha"]
    with app.app_context():
        memberships = {m.user.email: m.id for m in db.session.scalars(
            db.select(Membership).where(Membership.team_id == team))}
    viewer = memberships["viewer@example.org"]
    assert auth.post(f"/teams/{team}/members/{viewer}/role", {f"m{viewer}-role": "editor"}).status_code == 302
    admin = memberships["admin@example.org"]
    last = auth.post(f"/teams/{team}/members/{admin}/role", {f"m{admin}-role": "viewer"}, follow_redirects=True)
    assert "A team needs at least one admin" in last.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(User, actors.ids["viewer"]).role_in(team) == "editor"
        assert db.session.get(User, actors.ids["admin"]).role_in(team) == "admin"
    assert "team.role_changed" in _actions(app)


def test_remove_member_ends_their_access(auth, app, actors):
    """A removed member's open browser (a copy of their real session cookie) is sent to log in at once."""
    team = actors.team_ids["alpha"]
    with app.app_context():
        editor = db.session.scalar(db.select(Membership).where(
            Membership.team_id == team, Membership.user_id == actors.ids["editor"])).id
    editors_browser = AuthClient(app.test_client())
    editors_browser.login("editor")
    assert editors_browser.get("/").status_code == 200
    auth.login("admin")
    assert auth.post(f"/teams/{team}/members/{editor}/remove", {}).status_code == 302
    after = editors_browser.get("/")
    assert after.status_code == 302 and after.headers["Location"].startswith("/login")
    with app.app_context():
        assert db.session.get(User, actors.ids["editor"]).role_in(team) is None
    assert "team.member_removed" in _actions(app)
    assert _actions(app)[-1] == "user.sessions_ended"


@pytest.mark.parametrize("who", VISITORS)
def test_members_page_by_role(auth, actors, who):
    auth.login(who)
    response = auth.get(f"/teams/{actors.team_ids['alpha']}/members")
    expect_status(response, who, viewer=403, editor=403, other=404, admin=200)


def test_editor_cannot_invite(auth, actors):
    auth.login("editor")
    response, link = _invite(auth, actors.team_ids["alpha"])
    assert response.status_code == 403 and link is None


def test_unknown_link_is_404(client):
    assert client.get("/invitations/not-a-token").status_code == 404
