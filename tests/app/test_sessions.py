"""Sessions that end: logout, a password change, an admin's removal, idle time; cookies over HTTPS."""

from __future__ import annotations

import time

import pytest

from casetracker import create_app
from casetracker.extensions import db
from tests.conftest import PASSWORD, AuthClient

NEW_PASSWORD = "lantern quarry velvet 42"


def _cookie(client) -> str:
    cookie = client.get_cookie("session")
    assert cookie is not None
    return cookie.value


def _with_cookie(app, value: str):
    """A second browser holding a copy of the session cookie."""
    other = app.test_client()
    other.set_cookie("session", value)
    return other


def _opens_dashboard(client) -> bool:
    response = client.get("/")
    if response.status_code == 302:
        assert response.headers["Location"].startswith("/login")
        return False
    assert response.status_code == 200
    return True


def test_cookie_saved_before_logout_is_sent_to_login(app, auth):
    auth.login("editor")
    saved = _cookie(auth.client)
    assert _opens_dashboard(_with_cookie(app, saved))  # the copy works while the session lives
    response = auth.post("/logout")
    assert response.status_code == 302 and response.headers["Location"] == "/login"
    assert not _opens_dashboard(_with_cookie(app, saved))
    assert not _opens_dashboard(auth.client)


def test_logout_ends_every_session_of_that_user_only(app, actors):
    editor, again, viewer = (AuthClient(app.test_client()) for _ in range(3))
    editor.login("editor")
    again.login("editor")
    viewer.login("viewer")
    editor.post("/logout")
    assert not _opens_dashboard(again.client)
    assert _opens_dashboard(viewer.client)


def test_a_deactivated_users_session_stops_at_the_next_request(app, auth, actors):
    from casetracker.auth.models import User

    auth.login("editor")
    assert _opens_dashboard(auth.client)
    with app.app_context():
        db.session.get(User, actors.ids["editor"]).active = False
        db.session.commit()
    assert not _opens_dashboard(auth.client)


def test_cookie_saved_before_password_change_is_sent_to_login(app, auth, actors):
    from casetracker.auth.services import authenticate

    auth.login("editor")
    saved = _cookie(auth.client)
    assert _opens_dashboard(_with_cookie(app, saved))
    assert auth.get("/account/password").status_code == 200
    response = auth.post("/account/password", {"current_password": PASSWORD, "new_password": NEW_PASSWORD,
                                               "confirm": NEW_PASSWORD})
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert _opens_dashboard(auth.client)  # the browser that changed it stays logged in
    assert not _opens_dashboard(_with_cookie(app, saved))
    with app.app_context():
        assert authenticate("editor@example.org", NEW_PASSWORD).id == actors.ids["editor"]
        assert authenticate("editor@example.org", PASSWORD) is None
        actions = [e.action for e in _events(actors.ids["editor"])]
    assert actions[-2:] == ["user.password_changed", "user.sessions_ended"]


def _events(user_id: int) -> list:
    from casetracker.audit.models import AuditEvent

    return list(db.session.scalars(db.select(AuditEvent).where(AuditEvent.object_type == "users",
                                                              AuditEvent.object_id == user_id).order_by(AuditEvent.id)))


@pytest.mark.parametrize("data,field_error", [
    ({"current_password": "not my password at all", "new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
     "That is not your current password."),
    ({"current_password": PASSWORD, "new_password": "short pw", "confirm": "short pw"},
     "A password needs at least 12 characters."),
    ({"current_password": PASSWORD, "new_password": "password1234", "confirm": "password1234"},
     "This is a very common password."),
    ({"current_password": PASSWORD, "new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD + "x"},
     "The two new passwords differ."),
    ({"current_password": PASSWORD, "new_password": PASSWORD, "confirm": PASSWORD},
     "Choose a password different from your current one."),
    ({"new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD}, "Give your current password."),
])
def test_password_change_refused_keeps_the_old_password(app, auth, data, field_error):
    from casetracker.auth.services import authenticate

    auth.login("editor")
    saved = _cookie(auth.client)
    response = auth.post("/account/password", data)
    assert response.status_code == 422
    assert field_error in response.get_data(as_text=True)
    assert _opens_dashboard(_with_cookie(app, saved))
    with app.app_context():
        assert authenticate("editor@example.org", PASSWORD) is not None


def test_password_page_needs_login(client):
    response = client.get("/account/password")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


def test_end_sessions_hook_for_member_removal(app, auth, actors):
    """``end_sessions`` is what a member's removal or role change calls: their open sessions end at once."""
    from casetracker.auth.models import User
    from casetracker.auth.services import end_sessions

    auth.login("viewer")
    with app.app_context():
        admin = db.session.get(User, actors.ids["admin"])
        end_sessions(db.session.get(User, actors.ids["viewer"]), actor=admin, reason="removed from alpha")
        db.session.commit()
        event = _events(actors.ids["viewer"])[-1]
        assert (event.action, event.actor_label, event.summary) == (
            "user.sessions_ended", "admin@example.org", "Sessions of viewer@example.org ended: removed from alpha")
    assert not _opens_dashboard(auth.client)


def _set_last_seen(client, minutes_ago: float) -> None:
    with client.session_transaction() as session:
        session["last_seen"] = int(time.time() - minutes_ago * 60)


def test_session_ends_after_default_idle_time(app, auth):
    assert app.config["SESSION_IDLE_MINUTES"] == 480
    auth.login("editor")
    _set_last_seen(auth.client, 479)
    assert _opens_dashboard(auth.client)  # 7 h 59 min idle: still in, and the clock restarts
    with auth.client.session_transaction() as session:
        assert time.time() - session["last_seen"] < 60
    _set_last_seen(auth.client, 481)
    response = auth.get("/")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    assert "after 480 minutes without activity" in auth.get("/login").get_data(as_text=True)
    assert not _opens_dashboard(auth.client)


def test_idle_time_is_configurable(app, auth):
    app.config["SESSION_IDLE_MINUTES"] = 5
    auth.login("editor")
    _set_last_seen(auth.client, 4)
    assert _opens_dashboard(auth.client)
    _set_last_seen(auth.client, 6)
    assert not _opens_dashboard(auth.client)


def _set_cookie_headers(response) -> list[str]:
    return response.headers.getlist("Set-Cookie")


def test_plain_http_has_no_hsts_and_no_secure_cookie(client):
    response = client.get("/login")
    assert "Strict-Transport-Security" not in response.headers
    cookies = _set_cookie_headers(response)
    assert cookies and all("Secure" not in c for c in cookies)


def test_https_sets_hsts_and_secure_cookies(client):
    response = client.get("/login", base_url="https://localhost")
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    cookies = _set_cookie_headers(response)
    assert cookies and all("; Secure" in c for c in cookies), cookies


def test_forwarded_proto_ignored_without_proxy_fix(client):
    response = client.get("/login", headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" not in response.headers
    assert all("Secure" not in c for c in _set_cookie_headers(response))


def test_proxy_fix_setting_honours_forwarded_proto_and_address(app, monkeypatch):
    monkeypatch.setenv("CASETRACKER_PROXY_FIX_X_PROTO", "1")
    monkeypatch.setenv("CASETRACKER_PROXY_FIX_X_FOR", "1")
    proxied = create_app({key: app.config[key] for key in
                          ("TESTING", "SECRET_KEY", "SQLALCHEMY_DATABASE_URI", "SEARCH_INDEX_PATH", "FILES_PATH")}
                         | {"INSTANCE_PATH": app.instance_path})
    assert proxied.config["PROXY_FIX_X_PROTO"] == 1

    @proxied.get("/_test/remote")
    def remote():
        from flask import request

        return f"{request.remote_addr} {request.scheme}"

    client = proxied.test_client()
    response = client.get("/login", headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"})
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert all("; Secure" in c for c in _set_cookie_headers(response))
    assert client.get("/_test/remote", headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"}
                      ).get_data(as_text=True) == "203.0.113.7 https"
    with proxied.app_context():
        db.engine.dispose()


def test_login_restarts_the_idle_clock(app, auth):
    """A stale ``last_seen`` left from an earlier session must not end a fresh login."""
    auth.login("editor")
    auth.post("/logout")
    _set_last_seen(auth.client, 600)
    auth.login("editor")
    assert _opens_dashboard(auth.client)


def test_logged_in_answers_are_never_stored_by_the_browser(app, auth, make_request):
    """Back after logging out must not show a private page from the browser's cache (new-user test)."""
    request_id = make_request()
    assert "no-store" not in auth.get("/login").headers.get("Cache-Control", "")
    auth.login("editor")
    for path in ("/", "/requests/", f"/requests/{request_id}", "/account/tokens"):
        response = auth.get(path)
        assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store", path
    static = auth.get("/static/casetracker.css")
    static.close()
    assert static.status_code == 200 and "no-store" not in static.headers.get("Cache-Control", "")
