"""Invitation links and one-time password reset links go by email through the site's SMTP settings."""

from __future__ import annotations

import re
from datetime import timedelta

from casetracker.auth.models import User
from casetracker.extensions import db
from casetracker.mailer.models import PasswordReset
from tests.conftest import PASSWORD, AuthClient

NEW_PASSWORD = "lantern orchard violet quarry"
LINK = re.compile(r"http://localhost(/password-reset/[A-Za-z0-9_-]+)")


def _configure(app, port):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_TLS="none", MAIL_SENDER="casetracker@example.org")


def test_an_invitation_is_emailed_when_mail_is_configured(app, auth, smtp_server):
    port, inbox = smtp_server
    auth.login("admin")
    team_id = 1
    page = auth.get(f"/teams/{team_id}/members").get_data(as_text=True)
    assert 'id="mail-not-configured"' in page
    _configure(app, port)
    response = auth.post(f"/teams/{team_id}/members", {"email": "Newcomer@Example.org", "role": "editor"})
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and "Sent to newcomer@example.org by email." in body
    ((rcpt, message),) = inbox.messages
    assert rcpt == ["newcomer@example.org"] and message["Subject"] == "casetracker: join alpha"
    link = re.search(r"http://localhost/invitations/[A-Za-z0-9_-]+", message.get_content()).group(0)
    assert link in body
    assert auth.client.get(link.removeprefix("http://localhost")).status_code == 200


def test_password_reset_by_email_is_one_time_and_says_the_same_for_unknown_emails(app, actors, smtp_server):
    port, inbox = smtp_server
    client = AuthClient(app.test_client())
    page = client.get("/password-reset").get_data(as_text=True)
    assert 'id="mail-not-configured"' in page  # nothing can be sent: the page says so
    _configure(app, port)
    token = client._fetch_token("/password-reset")
    unknown = client.client.post("/password-reset", data={"email": "nobody@example.org", "csrf_token": token},
                                 follow_redirects=True)
    known = client.client.post("/password-reset", data={"email": "Viewer@example.org", "csrf_token": token},
                               follow_redirects=True)
    flash = "If an account has that email, a link to choose a new password is on its way."
    assert flash in unknown.get_data(as_text=True) and flash in known.get_data(as_text=True)
    ((rcpt, message),) = inbox.messages
    assert rcpt == ["viewer@example.org"]
    path = LINK.search(message.get_content()).group(1)
    with app.app_context():
        stored = db.session.scalar(db.select(PasswordReset))
        assert path.rsplit("/", 1)[1] not in stored.token_sha256 and len(stored.token_sha256) == 64
        assert (stored.expires_at - stored.created_at) - timedelta(hours=1) < timedelta(seconds=1)

    # A logged-in session of the viewer ends when the password is reset.
    session = AuthClient(app.test_client())
    session.login("viewer")
    weak = client.client.post(path, data={"password": "short", "confirm": "short",
                                          "csrf_token": client._fetch_token(path)})
    assert weak.status_code == 422
    done = client.client.post(path, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD,
                                          "csrf_token": client._fetch_token(path)})
    assert done.status_code == 302 and done.headers["Location"].endswith("/login")
    assert client.client.get(path).status_code == 404  # used: never again
    assert session.get("/").status_code == 302  # logged out
    with app.app_context():
        from casetracker.auth.services import authenticate

        assert authenticate("viewer@example.org", NEW_PASSWORD) is not None
        assert authenticate("viewer@example.org", PASSWORD) is None


def test_an_expired_reset_link_answers_404(app, actors, smtp_server):
    port, inbox = smtp_server
    _configure(app, port)
    client = AuthClient(app.test_client())
    client.client.post("/password-reset", data={"email": "viewer@example.org",
                                                "csrf_token": client._fetch_token("/password-reset")})
    path = LINK.search(inbox.messages[0][1].get_content()).group(1)
    with app.app_context():
        stored = db.session.scalar(db.select(PasswordReset))
        stored.expires_at = stored.created_at - timedelta(seconds=1)
        db.session.commit()
    response = client.client.get(path)
    assert response.status_code == 404
    with app.app_context():
        assert db.session.scalar(db.select(User).where(User.email == "viewer@example.org")).active
