"""The password policy, site administrators on the command line, and log-in limits per account."""

from __future__ import annotations

import pytest

from casetracker.auth.passwords import password_problem
from casetracker.extensions import db
from tests.conftest import PASSWORD, TOKEN_RE

DEMO_PASSWORD = "demo-casetracker"


@pytest.mark.parametrize("password,problem", [
    ("12345678", "A password needs at least 12 characters."),
    ("elevenchars", "A password needs at least 12 characters."),
    ("password1234", "That password is too easy to guess. This is a very common password. "
                     "Add another word or two. Uncommon words are better."),
    ("qwertyuiopas", "That password is too easy to guess. This is similar to a commonly used password. "
                     "Add another word or two. Uncommon words are better."),
    ("aaaaaaaaaaaa", "That password is too easy to guess. Repeats like \"aaa\" are easy to guess. "
                     "Add another word or two. Uncommon words are better. Avoid repeated words and characters."),
])
def test_weak_passwords_refused_with_the_reason(password, problem):
    assert password_problem(password) == problem


@pytest.mark.parametrize("password", [PASSWORD, DEMO_PASSWORD, "long enough pw", "lantern quarry velvet 42"])
def test_passphrases_pass(password):
    assert password_problem(password) is None


def test_own_email_counts_as_guessable():
    assert password_problem("ann.example1") is None  # judged alone it passes ...
    assert password_problem("ann.example1", user_inputs=["ann.example1@example.org"]) == (
        "That password is too easy to guess. Add another word or two. Uncommon words are better.")


def test_demo_password_is_the_one_in_readme():
    from pathlib import Path

    from casetracker.demo.loader import DEMO_PASSWORD as loader_password

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    assert loader_password == DEMO_PASSWORD and f"password `{DEMO_PASSWORD}`" in readme


def test_users_create_refuses_weak_password_exit_2(app, runner):
    from casetracker.auth.models import User

    result = runner.invoke(args=["users", "create", "a@example.org", "--team", "t", "--role", "editor",
                                 "--password", "12345678"])
    assert result.exit_code == 2
    assert "A password needs at least 12 characters." in result.output
    common = runner.invoke(args=["users", "create", "a@example.org", "--team", "t", "--role", "editor",
                                 "--password", "password1234"])
    assert common.exit_code == 2 and "This is a very common password." in common.output
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(User.id))) == 0


def test_users_create_site_admin_and_grant(app, runner):
    from casetracker.audit.models import AuditEvent
    from casetracker.auth.models import User

    made = runner.invoke(args=["users", "create", "Site@Example.org", "--team", "ops", "--role", "viewer",
                               "--password", "long enough pw", "--site-admin"])
    assert made.exit_code == 0, made.output
    assert made.output.strip() == "Created site@example.org (viewer) in team ops, site administrator."
    plain = runner.invoke(args=["users", "create", "b@example.org", "--team", "ops", "--role", "editor",
                                "--password", "long enough pw"])
    assert plain.output.strip() == "Created b@example.org (editor) in team ops."
    granted = runner.invoke(args=["users", "grant-site-admin", "B@example.org"])
    assert granted.exit_code == 0 and granted.output.strip() == "b@example.org is now a site administrator."
    again = runner.invoke(args=["users", "grant-site-admin", "b@example.org"])
    assert again.exit_code == 0 and again.output.strip() == "b@example.org is already a site administrator."
    missing = runner.invoke(args=["users", "grant-site-admin", "nobody@example.org"])
    assert missing.exit_code == 2 and "No user has the email nobody@example.org." in missing.output
    with app.app_context():
        flags = dict(db.session.execute(db.select(User.email, User.is_site_admin)).all())
        assert flags == {"site@example.org": True, "b@example.org": True}
        grants = db.session.scalars(db.select(AuditEvent.summary).where(AuditEvent.action == "user.site_admin_granted"))
        assert list(grants) == ["b@example.org made a site administrator"]


def _login_post(client, email, password, address):
    html = client.get("/login", environ_overrides={"REMOTE_ADDR": address}).get_data(as_text=True)
    match = TOKEN_RE.search(html)
    token = match.group(1) or match.group(2)
    return client.post("/login", data={"email": email, "password": password, "csrf_token": token},
                       environ_overrides={"REMOTE_ADDR": address})


def test_login_failure_does_not_say_which_was_wrong(client, actors):
    wrong_password = _login_post(client, "editor@example.org", "not the password!", "10.0.0.1")
    unknown_email = _login_post(client, "nobody@example.org", PASSWORD, "10.0.0.2")
    assert wrong_password.status_code == unknown_email.status_code == 422
    message = "That email and password do not match an account."
    assert message in wrong_password.get_data(as_text=True) and message in unknown_email.get_data(as_text=True)


def test_login_limited_per_account_from_many_addresses(client, actors):
    # Ten failures from ten addresses (each far under its own limit of 10 a minute) use up the account's hour.
    for n in range(10):
        assert _login_post(client, "editor@example.org", f"guess number {n}", f"198.51.100.{n}").status_code == 422
    blocked = _login_post(client, "Editor@example.org", PASSWORD, "198.51.100.99")
    assert blocked.status_code == 429
    # Another account is not affected, from an address already used.
    assert _login_post(client, "viewer@example.org", PASSWORD, "198.51.100.1").status_code == 302


def test_successful_logins_do_not_count_against_the_account(client, actors):
    for n in range(12):
        response = _login_post(client, "viewer@example.org", PASSWORD, f"192.0.2.{n}")
        assert response.status_code == 302
        match = TOKEN_RE.search(client.get("/").get_data(as_text=True))
        assert client.post("/logout", data={"csrf_token": match.group(1) or match.group(2)}).status_code == 302
